import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readLedger } from "../../../src/ledger/index.ts";
import { proposeByRules } from "../../../src/mapping/rules/index.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const DEV_CSV = path.resolve(REPO_ROOT, "../shared/ledgers/dev.csv");

/** Legal-form suffix of the dev companies → country (as scripts/eval-mapping.ts does). */
function countryOf(company: string): string | undefined {
  if (/inc\.?$/i.test(company)) return "US";
  if (/ltd$/i.test(company)) return "GB";
  if (/gmbh$/i.test(company)) return "DE";
  if (/sas$/i.test(company)) return "FR";
  if (/b\.v\.$/i.test(company)) return "NL";
  return undefined;
}

describe.skipIf(!fs.existsSync(DEV_CSV))("rules on the development set", () => {
  it("meets the category, review and auto-accuracy goals", async () => {
    const ledger = await readLedger(fs.readFileSync(DEV_CSV), { filename: "dev.csv" });
    const scored = ledger.rows.map((row) => {
      const country = countryOf(row.raw.company ?? "");
      return {
        label: row.raw.category,
        proposal: proposeByRules(row.fields, country ? { country } : {}),
      };
    });
    const correct = scored.filter((row) => row.proposal.category === row.label).length;
    const auto = scored.filter((row) => row.proposal.method === "rule");
    const autoCorrect = auto.filter((row) => row.proposal.category === row.label).length;
    expect(correct / scored.length).toBeGreaterThanOrEqual(0.9);
    expect(1 - auto.length / scored.length).toBeLessThanOrEqual(0.15);
    expect(autoCorrect / auto.length).toBeGreaterThanOrEqual(0.97);
  });
});
