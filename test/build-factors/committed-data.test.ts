import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderLibrary } from "../../scripts/build-factors/builders.ts";
import { NO_SHARED_TABLES, SHARED_FACTORS, REPO_ROOT } from "./shared-tables.ts";

const shared = SHARED_FACTORS;

describe.skipIf(NO_SHARED_TABLES)("committed factor data", () => {
  it("is exactly what the build makes from the public tables", () => {
    const rendered = renderLibrary(shared);
    const committed = [
      ...readdirSync(join(REPO_ROOT, "engine/data/factors")).map((file) => `factors/${file}`),
      ...readdirSync(join(REPO_ROOT, "engine/data")).filter((file) => file.endsWith(".json")),
    ].sort();
    expect(committed).toEqual([...rendered.keys()].sort());
    for (const [file, text] of rendered) {
      expect(
        readFileSync(join(REPO_ROOT, "engine/data", file), "utf8") === text,
        `${file} differs: run npm run build:factors`,
      ).toBe(true);
    }
  });
});
