/**
 * Builds the engine's factor library from the public tables in ../shared/factors
 * (see its SOURCES.md). The output in engine/data/ is committed, so a clone needs no ../shared.
 *
 *   npm run build:factors [-- --shared <dir>]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { renderLibrary } from "./builders.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const program = new Command()
  .option(
    "--shared <dir>",
    "folder holding the public factor tables",
    join(root, "../shared/factors"),
  )
  .parse();
const shared = resolve(program.opts<{ shared: string }>().shared);
const out = join(root, "engine/data");

for (const [file, text] of renderLibrary(shared)) {
  mkdirSync(dirname(join(out, file)), { recursive: true });
  writeFileSync(join(out, file), text);
  console.log(`${file}: ${(text.length / 1024).toFixed(0)} KiB`);
}
