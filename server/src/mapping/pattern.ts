/**
 * The pattern of a ledger row: vendor, account and the booking text with what changes from one
 * booking to the next (amounts, quantities, dates, month names, invoice numbers) taken out.
 * Rows with one pattern are one decision: the rules, the model and a reviewer decide a pattern
 * once, and "Stadtwerke | 6325 | Strom Jan 2024" teaches "Strom Feb 2024".
 */
import type { MappingRow } from "./proposal.ts";
import { normalise } from "./rules/text.ts";

// Month names and abbreviations in the ledger languages the rules read (EN, DE, FR, NL, ES and
// the Nordic languages); they say when, never what.
const MONTHS = new Set(
  [
    "jan january januar janvier januari enero ene janv",
    "feb february februar fevrier februari febrero fev fevr febr",
    "mar mrz march maerz mars maart marzo maa",
    "apr april avril abril avr",
    "may mai mei mayo maj",
    "jun june juni juin junio",
    "jul july juli juillet julio juil",
    "aug august aout augustus agosto ago",
    "sep sept september septembre septiembre",
    "oct okt october oktober octobre octubre",
    "nov november novembre noviembre",
    "dec dez december dezember decembre diciembre dic des",
  ]
    .join(" ")
    .split(" "),
);

// A number alone ("2024", "45,3", "03/24", "12.345,67"), or a number with a short unit stuck
// to it ("45,3l", "12kwh"): the amount changes, the unit stays in the pattern.
const NUMBER = /^[#\d][\d.,:/'-]*$/;
const NUMBER_WITH_UNIT = /^\d[\d.,]*([a-z]{1,4}\d?)$/;

function token(word: string): string {
  if (NUMBER.test(word)) return "#";
  const unit = NUMBER_WITH_UNIT.exec(word);
  if (unit) return `#${unit[1]}`;
  return MONTHS.has(word) ? "<month>" : word;
}

/** The booking text as a pattern: lower case, no accents, numbers and months generalised. */
export function normaliseDescription(description: string | undefined): string {
  return normalise(description)
    .replace(/[()[\]{}"“”„«»;!?*_|]/g, " ")
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map(token)
    .join(" ");
}

/** Vendor, account and normalised description, as one key. */
export function patternOf(
  row: Pick<MappingRow, "vendor" | "accountCode" | "accountName" | "description">,
): string {
  return [
    normalise(row.vendor).trim(),
    (row.accountCode ?? "").trim(),
    normalise(row.accountName).trim(),
    normaliseDescription(row.description),
  ].join(" | ");
}

/** The vendor part of a pattern, for rules that apply to every row of a vendor. */
export function vendorOf(row: Pick<MappingRow, "vendor">): string {
  return normalise(row.vendor).trim();
}
