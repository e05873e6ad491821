/**
 * Scores the rule stage of the mapper against a labelled ledger CSV (columns of
 * ../shared/ledgers/dev.csv): `npm run eval:mapping -- <labelled.csv> [--json]`.
 * The rules have no fitted parameters, so there is nothing to hold out; the per-company table
 * shows how well they carry over between companies, charts and languages.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { scopeOf, type Category } from "@offgridflow/engine";
import { readLedger, type ParsedRow } from "../server/src/ledger/index.ts";
import { proposeByRules } from "../server/src/mapping/rules/index.ts";
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
  const auto = rows.filter((row) => row.proposal.method !== "review");
  return {
    rows: rows.length,
    scope: share(rows, (row) => scopeText(row.proposal.category) === scopeText(row.label.category))
      .rate,
    category: share(rows, (row) => row.proposal.category === row.label.category).rate,
    activity: share(rows, (row) => (row.proposal.activity ?? "none") === row.label.family).rate,
    naics2: naicsDigits(2).rate,
    naics3: naicsDigits(3).rate,
    naics6: naicsDigits(6).rate,
    review: share(rows, (row) => row.proposal.method === "review").rate,
    autoCategory: share(auto, (row) => row.proposal.category === row.label.category).rate,
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

function score(parsed: ParsedRow): Scored {
  const raw = parsed.raw;
  const company = raw.company ?? "";
  const country = countryOfCompany(company);
  return {
    company,
    label: {
      category: raw.category ?? "",
      family: raw.activity_family ?? "",
      naics: raw.naics ?? "",
    },
    proposal: proposeByRules(parsed.fields, country ? { country } : {}),
  };
}

const percent = (rate: number) =>
  Number.isNaN(rate) ? "  n/a" : `${(rate * 100).toFixed(1)}%`.padStart(6);

function printReport(all: Scored[], byCompany: Map<string, Scored[]>, verbose: boolean): void {
  const header = "rows   scope    cat    act  naics2 naics3 naics6 review auto-cat";
  const line = (name: string, s: ReturnType<typeof summarise>) =>
    `${String(s.rows).padStart(4)} ${[s.scope, s.category, s.activity, s.naics2, s.naics3, s.naics6, s.review, s.autoCategory].map(percent).join(" ")}  ${name}`;
  console.log(header);
  console.log(line("ALL", summarise(all)));
  for (const [company, rows] of byCompany) console.log(line(company, summarise(rows)));
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
    .parse();
  const file = program.args[0] ?? "";
  const options = program.opts<{ json?: boolean; verbose?: boolean }>();
  const ledger = await readLedger(await readFile(file), { filename: path.basename(file) });
  const all = ledger.rows.map(score);
  const byCompany = new Map<string, Scored[]>();
  for (const row of all) byCompany.set(row.company, [...(byCompany.get(row.company) ?? []), row]);
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
