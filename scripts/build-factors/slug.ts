import type { FactorRecord } from "../../engine/src/factor.ts";
import { num } from "./read-csv.ts";

/** A published label as one activity-key segment: lower-case letters and digits joined by `_`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const ACTIVITY_KEY = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;

/** FactorRecord fields in declaration order, so every builder writes records the same way. */
const FIELD_ORDER: readonly (keyof FactorRecord)[] = [
  "id",
  "activity",
  "name",
  "source",
  "region",
  "year",
  "unit",
  "energy_basis",
  "price_year",
  "scope",
  "category",
  "tier",
  "gases",
  "co2e",
  "co2e_gwp",
  "co2e_unsplit",
  "ch4_origin",
  "biogenic_co2",
  "heating_value",
  "density",
  "ref",
];

/**
 * Checks and normalises a source's factors: a malformed activity key or a duplicate id fails the
 * build (the engine looks factors up by both); fields are put in declaration order and unset ones dropped.
 */
export function finishFactors(factors: readonly FactorRecord[]): FactorRecord[] {
  const seen = new Set<string>();
  return factors.map((factor) => {
    if (!ACTIVITY_KEY.test(factor.activity)) {
      throw new Error(
        `${factor.id}: activity key ${JSON.stringify(factor.activity)} is not [a-z0-9_.]`,
      );
    }
    if (seen.has(factor.id)) throw new Error(`duplicate factor id ${factor.id}`);
    seen.add(factor.id);
    const entries = FIELD_ORDER.filter((field) => factor[field] !== undefined).map((field) => [
      field,
      factor[field],
    ]);
    return Object.fromEntries(entries) as FactorRecord;
  });
}

/**
 * Drops binary noise from a converted value (0.4604 / 1000 → 0.0004604, not 0.00046039999999999997):
 * 15 significant digits are more than any published figure carries.
 */
export function clean(value: number): number {
  return Number(value.toPrecision(15));
}

/** The cell under `column`; a missing column throws, so a renamed header fails the build loudly. */
export function cell(row: Record<string, string>, column: string): string {
  const value = row[column];
  if (value === undefined)
    throw new Error(`no column ${JSON.stringify(column)} in ${JSON.stringify(row)}`);
  return value;
}

/** A number the publisher always gives in `column` (a blank here is an error, not zero). */
export function requiredNum(row: Record<string, string>, column: string): number {
  const value = num(cell(row, column));
  if (value === undefined) throw new Error(`blank ${column} in ${JSON.stringify(row)}`);
  return value;
}
