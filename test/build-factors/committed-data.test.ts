import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderLibrary } from "../../scripts/build-factors/builders.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const shared = resolve(root, "../shared/factors");

describe.skipIf(!existsSync(shared))("committed factor data", () => {
  it("is exactly what the build makes from the public tables", () => {
    const rendered = renderLibrary(shared);
    const committed = [
      ...readdirSync(join(root, "engine/data/factors")).map((file) => `factors/${file}`),
      ...readdirSync(join(root, "engine/data")).filter((file) => file.endsWith(".json")),
    ].sort();
    expect(committed).toEqual([...rendered.keys()].sort());
    for (const [file, text] of rendered) {
      expect(
        readFileSync(join(root, "engine/data", file), "utf8") === text,
        `${file} differs: run npm run build:factors`,
      ).toBe(true);
    }
  });
});
