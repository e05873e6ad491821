/**
 * Maps every row of a read ledger: the rule stage proposes scope, category, activity family and
 * NAICS; the quantity comes from the quantity column or the description; the engine estimates.
 * Rows below the confidence threshold, that the rules could not settle, or that emit but could
 * not be estimated, wait for review.
 */
import { isRowError, type Activity, type Outcome } from "@offgridflow/engine";
import { readLedger, type ParsedRow } from "../ledger/index.ts";
import type { MappingRow, Proposal } from "./proposal.ts";
import { analysedRow, scopeOfCategory } from "./proposal.ts";
import { extractQuantity, normaliseLedgerUnit } from "./quantities/index.ts";
import { Mapper, REVIEW_THRESHOLD, type MapperOptions, type PatternDecision } from "./mapper.ts";
import { inferCountry } from "./country.ts";
import { patternOf } from "./pattern.ts";
import { TimeSlice } from "./time-slice.ts";
import { estimateMapped, type Quantity } from "./to-activity.ts";
import { writeMappedWorkbook } from "./workbook.ts";

export interface MappedRow {
  /** Data rows counted from 1, in file order. */
  row: number;
  /** The row's number in the file or sheet. */
  fileRow: number;
  pattern: string;
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
  proposal: Proposal;
  /** The engine input, when the row was estimated. */
  activityInput: Activity | undefined;
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
export function quantityOf(
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

/** Estimates one row as its pattern was decided; pure and synchronous. */
export function mapRow(
  parsed: ParsedRow,
  index: number,
  decision: PatternDecision,
  options: MapOptions,
): MappedRow {
  const fields = analysedRow(parsed.fields);
  const { proposal } = decision;
  const estimated = estimateMapped(proposal, fields, quantityOf(fields, options.numberFormat), {
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
    pattern: decision.pattern,
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
    proposal,
    activityInput: result ? estimated.activity : undefined,
    outcome: estimated.outcome,
  };
}

/**
 * Maps the rows of a ledger: patterns are decided first (the model, when there is one,
 * is asked once per unsure pattern), then every row is estimated. `onProgress` hears the rows
 * done so far.
 */
export async function mapRows(
  rows: readonly ParsedRow[],
  mapper: Mapper,
  options: MapOptions & { onProgress?: (done: number) => void },
): Promise<MappedRow[]> {
  const quantity = (fields: MappingRow) => quantityOf(fields, options.numberFormat);
  const slice = new TimeSlice();
  // Each row's pattern once: deciding and looking the decision up both need it.
  const patterns: { row: MappingRow; pattern: string }[] = [];
  for (const parsed of rows) {
    const row = analysedRow(parsed.fields);
    patterns.push({ row, pattern: patternOf(row) });
    if (slice.over()) await slice.pause();
  }
  const decisions = await mapper.decide(patterns, quantity);
  const mapped: MappedRow[] = [];
  for (const [index, parsed] of rows.entries()) {
    const { pattern } = patterns[index] as { pattern: string };
    const decision = decisions.get(pattern) as PatternDecision;
    mapped.push(mapRow(parsed, index, decision, options));
    if ((index + 1) % PROGRESS_EVERY === 0) options.onProgress?.(index + 1);
    if (slice.over()) await slice.pause();
  }
  options.onProgress?.(rows.length);
  return mapped;
}

const PROGRESS_EVERY = 1_000;

/** Reads a ledger file, maps and estimates every row, and writes the workbook when asked. */
export async function mapLedgerFile(
  data: Uint8Array,
  options: MapOptions &
    MapperOptions & {
      filename: string;
      output?: string;
      onRead?: (rows: number) => void;
      onProgress?: (done: number) => void;
    },
): Promise<{ rows: MappedRow[]; usage: Mapper["usage"]; country: string | undefined }> {
  const { layout, rows } = await readLedger(data, { filename: options.filename });
  options.onRead?.(rows.length);
  const numberFormat = options.numberFormat ?? layout.numberFormat;
  const country = options.country ?? inferCountry(rows.map((row) => row.fields as MappingRow));
  const mapper = new Mapper({ ...options, country });
  const mapped = await mapRows(rows, mapper, { ...options, country, numberFormat });
  if (options.output)
    await writeMappedWorkbook(
      options.output,
      layout.columns,
      rows.map((parsed, index) => ({ parsed, mapped: mapped[index] as MappedRow })),
    );
  return { rows: mapped, usage: mapper.usage, country };
}
