/**
 * Maps every row of a read ledger: the rule stage proposes scope, category, activity family and
 * NAICS; the quantity comes from the quantity column or the description; the engine estimates.
 * Rows below the confidence threshold, that the rules could not settle, or that emit but could
 * not be estimated, wait for review.
 */
import { isRowError, type Outcome } from "@offgridflow/engine";
import { readLedger, type ParsedRow } from "../ledger/index.ts";
import type { MappingRow, Proposal } from "./proposal.ts";
import { scopeOfCategory } from "./proposal.ts";
import { extractQuantity, normaliseLedgerUnit } from "./quantities/index.ts";
import { proposeByRules } from "./rules/index.ts";
import { estimateMapped, type Quantity } from "./to-activity.ts";
import { writeMappedWorkbook } from "./workbook.ts";

/** Below this confidence a row waits for a person. */
export const REVIEW_THRESHOLD = 0.75;

export interface MappedRow {
  /** Data rows counted from 1, in file order. */
  row: number;
  /** The row's number in the file or sheet. */
  fileRow: number;
  scope: 1 | 2 | 3 | null;
  category: Proposal["category"];
  activity: string | null;
  factor: string | null;
  naics: string | null;
  co2e_kg: number | null;
  confidence: number;
  status: "auto" | "needs_review";
  method: Proposal["method"];
  reason: string;
  note: string;
  outcome: Outcome | undefined;
}

/** The fields of a mapped row in `offgridflow map --json`, in this order. */
export const MAPPED_JSON_FIELDS = [
  "row",
  "scope",
  "category",
  "activity",
  "factor",
  "naics",
  "co2e_kg",
  "confidence",
  "status",
  "method",
] as const satisfies readonly (keyof MappedRow)[];

export function mappedRowJson(row: MappedRow): string {
  return JSON.stringify(Object.fromEntries(MAPPED_JSON_FIELDS.map((field) => [field, row[field]])));
}

export interface MapOptions {
  /** ISO 3166 country of the reporting company: the region of its activities. */
  country?: string;
  numberFormat?: "eu" | "us" | "plain";
}

/** The row's physical quantity: the quantity column first, else one written in the description. */
function quantityOf(
  fields: MappingRow,
  numberFormat: MapOptions["numberFormat"],
): Quantity | undefined {
  if (fields.quantity !== undefined && fields.unit) {
    const unit = normaliseLedgerUnit(fields.unit);
    if (unit) return { value: fields.quantity * unit.factor, unit: unit.unit };
  }
  const found = fields.description
    ? extractQuantity(fields.description, { numberFormat })
    : undefined;
  return found ? { value: found.value, unit: found.unit } : undefined;
}

/**
 * The rules read only vendor, account and description, so rows that repeat them (monthly bills,
 * instalments) are decided once; keys are the exact texts, since a digit can matter (R410A).
 */
export class ProposalCache {
  private readonly proposals = new Map<string, Proposal>();

  constructor(private readonly country: string | undefined) {}

  propose(fields: MappingRow): Proposal {
    const key = JSON.stringify([
      fields.vendor,
      fields.accountCode,
      fields.accountName,
      fields.description,
    ]);
    let proposal = this.proposals.get(key);
    if (!proposal) {
      proposal = proposeByRules(fields, { country: this.country });
      this.proposals.set(key, proposal);
    }
    return proposal;
  }
}

export function mapRow(
  parsed: ParsedRow,
  index: number,
  options: MapOptions,
  proposals: ProposalCache = new ProposalCache(options.country),
): MappedRow {
  const fields = parsed.fields as MappingRow;
  const proposal = proposals.propose(fields);
  const quantity = quantityOf(fields, options.numberFormat);
  const estimated = estimateMapped(proposal, fields, quantity, {
    id: String(parsed.rowNumber),
    region: options.country,
  });
  const result =
    estimated.outcome && !isRowError(estimated.outcome) ? estimated.outcome : undefined;
  // A row that emits but could not be estimated (a fuel bill without its kWh, say) is not done:
  // a person must supply what is missing rather than the gap pass as zero.
  const unestimated = proposal.category !== "not_emissions" && !result;
  const review =
    proposal.method === "review" || proposal.confidence < REVIEW_THRESHOLD || unestimated;
  return {
    row: index + 1,
    fileRow: parsed.rowNumber,
    scope: scopeOfCategory(proposal.category),
    category: proposal.category,
    activity: proposal.activity,
    factor: result?.factor.id ?? null,
    naics: proposal.naics,
    co2e_kg: result?.co2e_kg ?? null,
    confidence: proposal.confidence,
    status: review ? "needs_review" : "auto",
    method: proposal.method,
    reason: proposal.reason,
    note: estimated.note,
    outcome: estimated.outcome,
  };
}

/** Reads a ledger file, maps and estimates every row, and writes the workbook when asked. */
export async function mapLedgerFile(
  data: Uint8Array,
  options: MapOptions & { filename: string; output?: string },
): Promise<MappedRow[]> {
  const { layout, rows } = await readLedger(data, { filename: options.filename });
  const numberFormat = options.numberFormat ?? layout.numberFormat;
  const proposals = new ProposalCache(options.country);
  const mapped = rows.map((parsed, index) => ({
    parsed,
    mapped: mapRow(parsed, index, { ...options, numberFormat }, proposals),
  }));
  if (options.output) await writeMappedWorkbook(options.output, layout.columns, mapped);
  return mapped.map(({ mapped: row }) => row);
}
