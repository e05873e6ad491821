/**
 * Scores the mapping layer against a labelled ledger CSV (columns of ../shared/ledgers/dev.csv):
 * `npm run eval:mapping -- <labelled.csv> [--json] [--llm]`. Each company is mapped as its own
 * ledger would be, with no learned rules.
 * The rules have no fitted parameters, so there is nothing to hold out; the per-company table
 * shows how well they carry over between companies, charts and languages.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { scopeOf, type Category } from "@offgridflow/engine";
import { readLedger, type ParsedRow } from "../server/src/ledger/index.ts";
import { loadEnv } from "../server/src/env.ts";
import type { NumberFormat } from "../server/src/ledger/schema.ts";
import { chooserFromEnv, type CandidateChooser } from "../server/src/mapping/llm/chooser.ts";
import { mapRows } from "../server/src/mapping/map-ledger.ts";
import { Mapper, REVIEW_THRESHOLD } from "../server/src/mapping/mapper.ts";
import type { Proposal } from "../server/src/mapping/proposal.ts";

/** Legal-form suffix → ISO-2 country, so a company's chart of accounts can be told apart. */
const LEGAL_FORMS: [RegExp, string][] = [
  [/\b(inc|llc|corp)\.?$/i, "US"],
  [/\b(ltd|plc|llp)\.?$/i, "GB"],
  [/\b(gmbh|ag|kg|ohg|e\.v\.)$/i, "DE"],
  [/\b(sas|sarl|sa|eurl)$/i, "FR"],
  [/\b(b\.v\.|n\.v\.|v\.o\.f\.)$/i, "NL"],
  [/\bab$/i, "SE"],
  [/\b(as|asa)$/i, "NO"],
];

export function countryOfCompany(company: string): string | undefined {
  return LEGAL_FORMS.find(([pattern]) => pattern.test(company.trim()))?.[1];
}

interface Scored {
  company: string;
  label: { category: string; family: string; naics: string };
  proposal: Proposal;
  /** The mapping layer was not sure (the `review` stage), as opposed to data missing. */
  mappingReview: boolean;
  /** Waits for a person for any reason, a missing quantity included. */
  waiting: boolean;
}

function scopeText(category: string): string {
  return String(scopeOf(category as Category) ?? "none");
}

function share(rows: Scored[], ok: (row: Scored) => boolean): { n: number; rate: number } {
  const hits = rows.filter(ok).length;
  return { n: rows.length, rate: rows.length ? hits / rows.length : Number.NaN };
}

function summarise(rows: Scored[]) {
  const spend = rows.filter((row) => row.label.naics !== "" && row.label.category.startsWith("3."));
  const naicsDigits = (digits: number) =>
    share(
      spend,
      (row) => row.proposal.naics?.slice(0, digits) === row.label.naics.slice(0, digits),
    );
  const auto = rows.filter((row) => !row.mappingReview);
  return {
    rows: rows.length,
    scope: share(rows, (row) => scopeText(row.proposal.category) === scopeText(row.label.category))
      .rate,
    category: share(rows, (row) => row.proposal.category === row.label.category).rate,
    activity: share(rows, (row) => (row.proposal.activity ?? "none") === row.label.family).rate,
    naics2: naicsDigits(2).rate,
    naics3: naicsDigits(3).rate,
    naics6: naicsDigits(6).rate,
    review: share(rows, (row) => row.mappingReview).rate,
    autoCategory: share(auto, (row) => row.proposal.category === row.label.category).rate,
    waiting: share(rows, (row) => row.waiting).rate,
  };
}

function confusions(rows: Scored[], limit: number): { pair: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.proposal.category === row.label.category) continue;
    const pair = `${row.label.category} → ${row.proposal.category}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return [...counts]
    .map(([pair, count]) => ({ pair, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
}

/** Maps one company's rows as the product does (rules, retrieval, the model if given). */
async function scoreCompany(
  company: string,
  rows: ParsedRow[],
  numberFormat: NumberFormat,
  chooser: CandidateChooser | undefined,
): Promise<Scored[]> {
  const country = countryOfCompany(company);
  const mapped = await mapRows(rows, new Mapper({ country, chooser }), { country, numberFormat });
  return mapped.map((row, index) => {
    const raw = (rows[index] as ParsedRow).raw;
    return {
      company,
      label: {
        category: raw.category ?? "",
        family: raw.activity_family ?? "",
        naics: raw.naics ?? "",
      },
      proposal: row.proposal,
      mappingReview: row.proposal.method === "review" || row.confidence < REVIEW_THRESHOLD,
      waiting: row.status === "needs_review",
    };
  });
}

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
  const ledger = await readLedger(await readFile(file), { filename: path.basename(file) });
  const rowsByCompany = new Map<string, ParsedRow[]>();
  for (const row of ledger.rows) {
    const company = row.raw.company ?? "";
    rowsByCompany.set(company, [...(rowsByCompany.get(company) ?? []), row]);
  }
  const byCompany = new Map<string, Scored[]>();
  for (const [company, rows] of rowsByCompany)
    byCompany.set(company, await scoreCompany(company, rows, ledger.layout.numberFormat, chooser));
  const all = [...byCompany.values()].flat();
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
