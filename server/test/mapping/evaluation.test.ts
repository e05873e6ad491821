/**
 * The mapping layer, no model, against labelled ledgers: the goals of the development set, and
 * floors on the held-out set (test/fixtures/holdout.csv, written apart from the rules) so that a
 * change that helps one set at the other's expense shows.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateLedger, summarise } from "../../src/mapping/evaluation.ts";

const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");
const DEV_CSV = path.resolve(REPO_ROOT, "../shared/ledgers/dev.csv");
const HOLDOUT_CSV = path.resolve(REPO_ROOT, "test/fixtures/holdout.csv");

async function scores(file: string) {
  const { all } = await evaluateLedger(fs.readFileSync(file), path.basename(file));
  return summarise(all);
}

describe.skipIf(!fs.existsSync(DEV_CSV))("the development set", () => {
  it("meets the goals: category >= 90%, review <= 15%, auto-decided rows >= 97% right", async () => {
    const dev = await scores(DEV_CSV);
    expect(dev.rows).toBe(345);
    expect(dev.category).toBeGreaterThanOrEqual(0.9);
    expect(dev.review).toBeLessThanOrEqual(0.15);
    expect(dev.autoCategory).toBeGreaterThanOrEqual(0.97);
  });
});

describe("the held-out set", () => {
  it("stays above the floors measured when it was written (80.1% category, 36.6% review, 92.3% auto)", async () => {
    const holdout = await scores(HOLDOUT_CSV);
    expect(holdout.rows).toBe(246);
    expect(holdout.category).toBeGreaterThanOrEqual(0.78);
    expect(holdout.review).toBeLessThanOrEqual(0.4);
    expect(holdout.autoCategory).toBeGreaterThanOrEqual(0.9);
  });
});
