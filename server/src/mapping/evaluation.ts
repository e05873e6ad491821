/**
 * Scores the mapping layer against a labelled ledger (the columns of ../shared/ledgers/dev.csv):
 * each company is mapped as its own ledger would be (rules, retrieval, the model when given, no
 * learned rules), and compared with the labels: scope, category, activity family, NAICS at 2, 3
 * and 6 digits, the share sent to review, and the accuracy of the rows decided automatically.
 */
import { scopeOf, type Category } from "@offgridflow/engine";
import { readLedger, type ParsedRow } from "../ledger/index.ts";
import type { NumberFormat } from "../ledger/schema.ts";
import { countryOfCompany } from "./country.ts";
import type { CandidateChooser } from "./llm/chooser.ts";
import { mapRows } from "./map-ledger.ts";
import { Mapper, REVIEW_THRESHOLD } from "./mapper.ts";
import type { Proposal } from "./proposal.ts";

export interface Scored {
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

export function summarise(rows: Scored[]) {
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

export function confusions(rows: Scored[], limit: number): { pair: string; count: number }[] {
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

/** Maps and scores every company of a labelled ledger file. */
export async function evaluateLedger(
  data: Uint8Array,
  filename: string,
  chooser?: CandidateChooser,
): Promise<{ all: Scored[]; byCompany: Map<string, Scored[]> }> {
  const ledger = await readLedger(data, { filename });
  const rowsByCompany = new Map<string, ParsedRow[]>();
  for (const row of ledger.rows) {
    const company = row.raw.company ?? "";
    rowsByCompany.set(company, [...(rowsByCompany.get(company) ?? []), row]);
  }
  const byCompany = new Map<string, Scored[]>();
  for (const [company, rows] of rowsByCompany)
    byCompany.set(company, await scoreCompany(company, rows, ledger.layout.numberFormat, chooser));
  return { all: [...byCompany.values()].flat(), byCompany };
}
