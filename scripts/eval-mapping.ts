/**
 * Scores the mapping layer against a labelled ledger CSV (columns of ../shared/ledgers/dev.csv):
 * `npm run eval:mapping -- <labelled.csv> [--json] [--llm]`. Each company is mapped as its own
 * ledger would be, with no learned rules. The per-company table shows how well the built-in
 * knowledge carries over between companies, charts and languages; test/fixtures/holdout.csv is
 * a labelled set written apart from the rules, to measure ledgers they never saw.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { loadEnv } from "../server/src/env.ts";
import {
  confusions,
  evaluateLedger,
  summarise,
  type Scored,
} from "../server/src/mapping/evaluation.ts";
import { chooserFromEnv } from "../server/src/mapping/llm/chooser.ts";

const percent = (rate: number) =>
  Number.isNaN(rate) ? "  n/a" : `${(rate * 100).toFixed(1)}%`.padStart(6);

function printReport(all: Scored[], byCompany: Map<string, Scored[]>, verbose: boolean): void {
  const header = "rows   scope    cat    act  naics2 naics3 naics6 review auto-cat  waiting";
  const line = (name: string, s: ReturnType<typeof summarise>) =>
    `${String(s.rows).padStart(4)} ${[s.scope, s.category, s.activity, s.naics2, s.naics3, s.naics6, s.review, s.autoCategory, s.waiting].map(percent).join(" ")}  ${name}`;
  console.log(header);
  console.log(line("ALL", summarise(all)));
  for (const [company, rows] of byCompany) console.log(line(company, summarise(rows)));
  console.log(
    "\nreview: the mapping was unsure; auto-cat: category accuracy of the other rows; waiting:\nrows a person must complete for any reason (also a bill without its kWh or litres).",
  );
  console.log("\nMost common category errors (label → proposed):");
  for (const { pair, count } of confusions(all, 12))
    console.log(`${String(count).padStart(4)}  ${pair}`);
  if (!verbose) return;
  console.log("\nWrong rows:");
  for (const row of all.filter(
    (r) =>
      r.proposal.category !== r.label.category ||
      (r.proposal.activity ?? "none") !== r.label.family,
  )) {
    console.log(
      `${row.label.category}/${row.label.family} → ${row.proposal.category}/${row.proposal.activity} ${row.proposal.method} ${row.proposal.confidence} | ${row.proposal.reason}`,
    );
  }
}

async function main(): Promise<void> {
  const program = new Command()
    .argument("<labelled>", "labelled CSV with dev.csv's columns")
    .option("--json", "print the figures as JSON")
    .option("--verbose", "list every wrongly mapped row")
    .option("--llm", "let the configured model (OPENAI_* in the environment) decide unsure rows")
    .parse();
  const file = program.args[0] ?? "";
  const options = program.opts<{ json?: boolean; verbose?: boolean; llm?: boolean }>();
  const chooser = options.llm ? chooserFromEnv(loadEnv()) : undefined;
  if (options.llm && !chooser) throw new Error("--llm needs OPENAI_API_KEY or OPENAI_BASE_URL");
  const { all, byCompany } = await evaluateLedger(
    await readFile(file),
    path.basename(file),
    chooser,
  );
  if (options.json) {
    const companies = Object.fromEntries(
      [...byCompany].map(([name, rows]) => [name, summarise(rows)]),
    );
    console.log(
      JSON.stringify({ all: summarise(all), companies, confusions: confusions(all, 12) }, null, 2),
    );
    return;
  }
  printReport(all, byCompany, options.verbose ?? false);
}

await main();
