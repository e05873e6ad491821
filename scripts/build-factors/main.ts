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
import { SOURCE_BUILDERS, TABLE_BUILDERS } from "./builders.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const program = new Command()
  .option("--shared <dir>", "folder holding the public factor tables", join(root, "../shared/factors"))
  .parse();
const shared = resolve(program.opts<{ shared: string }>().shared);
const out = join(root, "engine/data");
mkdirSync(join(out, "factors"), { recursive: true });

function writeJson(relative: string, text: string): void {
  writeFileSync(join(out, relative), text);
}

for (const [file, build] of Object.entries(SOURCE_BUILDERS)) {
  const built = build(shared);
  // One factor per line keeps diffs of the committed data reviewable.
  const lines = built.factors.map((factor) => JSON.stringify(factor)).join(",\n");
  writeJson(`factors/${file}.json`, `{"source":${JSON.stringify(built.source)},"factors":[\n${lines}\n]}\n`);
  console.log(`${file}: ${built.factors.length} factors`);
}
for (const [file, build] of Object.entries(TABLE_BUILDERS)) {
  writeJson(`${file}.json`, `${JSON.stringify(build(shared), null, 1)}\n`);
  console.log(`${file}: written`);
}
