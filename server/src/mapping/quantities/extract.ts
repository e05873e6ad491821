/**
 * Quantities written inside booking texts ("Diesel 1.184,62 l", "12 x 11 kg", "3 Naechte x 2
 * Zimmer"): a number, a unit the vocabulary knows, and optionally a count multiplying it.
 */
import { findUnit, type Dimension } from "@offgridflow/engine";
import { isCurrencyCode } from "../../ledger/currencies.ts";
import { parseNumber } from "../../ledger/numbers.ts";
import type { NumberFormat } from "../../ledger/schema.ts";
import { textUnit, textUnitNames } from "./vocabulary.ts";

export interface ExtractedQuantity {
  value: number;
  /** Engine unit id. */
  unit: string;
  /** The description's text the quantity was read from. */
  text: string;
}

export interface ExtractOptions {
  /** The company's number format; it settles "148.320" and "1,234". Defaults to "plain". */
  numberFormat?: NumberFormat;
}

/** One to three digits grouped by point, comma, apostrophe or (no-break) space, or ungrouped. */
const NUMBER = String.raw`\d{1,3}(?:[ .,'’\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
/** Not the tail of a code, date or reference: "R449A", "42CrMo4", "01/24", "AW-5083". */
const NOT_INSIDE_CODE = String.raw`(?<![\p{L}\d.,]|[\p{L}\d][-/])`;
/** "12 x 11 kg", "10 Fl. à 10,7 m³", "2x78 km": a count of containers or trips before. */
const COUNT_BEFORE = String.raw`(?:(?<count>\d{1,3})(?:\s*[x×*]|\s+\p{L}{1,12}\.?\s+(?:à|@|je|of))\s*)?`;
/** "1100L x 26 lifts", "3 Naechte x 2 Zimmer": a count after. */
const COUNT_AFTER = String.raw`(?:\s*[x×]\s*(?<times>\d{1,3})(?![\d.,]))?`;
/** The unit ends the word and is no rate ("185 €/t", "0,23/km" never reach it). */
const UNIT_END = String.raw`(?![\p{L}\d/])`;

/** Lower-case words whose size a number next to them gives: a skip's volume, a truck's weight class. */
const CAPACITY_NOUNS: ReadonlySet<string> = new Set(
  ["container", "containers", "perscontainer", "benne", "bennes", "skip", "skips", "mulde"]
    .concat(["bin", "bins", "porteur", "porteurs", "camion", "camions", "lkw", "truck"])
    .concat(["trucks", "vrachtwagen", "vrachtwagens"]),
);
/** Words making a distance an odometer reading ("Entretien 120 000 km", "30,000 mile service"). */
const SERVICE_WORDS: ReadonlySet<string> = new Set([
  "entretien",
  "révision",
  "vidange",
  "inspektion",
  "wartung",
  "onderhoud",
  "service",
]);
/** A reference number's label just before the number ("Inv 4471", "Nr. 12", "BL 771203"). */
const REFERENCE_BEFORE =
  /(?:^|[^\p{L}])(?:nr|no|n°|#|inv|rg|re|po|bl|ls|awb|ord|order|tkt|acct|konto|vk|ref)\.?\s*[:#]?\s*$/iu;
/** A money amount: currency sign or ISO code just before the number. */
const SIGN_BEFORE = /[€$£¥]\s*$/;
const CODE_BEFORE = /(?:^|[^\p{L}])(\p{Lu}{3})\s*$/u;
const WORD_BEFORE = /(\p{L}+)\s*$/u;
const WORD_AFTER = /^\s*(\p{L}+)/u;

/** When a text holds several quantities, the one a factor is most likely keyed on wins. */
const DIMENSION_PREFERENCE: readonly Dimension[] = [
  "energy",
  "mass",
  "volume",
  "mass_distance",
  "passenger_distance",
  "distance",
  "count",
  "time",
];

const patterns = new Map<NumberFormat, RegExp>();

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, String.raw`\s+`);
}

function quantityPattern(format: NumberFormat): RegExp {
  let pattern = patterns.get(format);
  if (!pattern) {
    // Longest spellings first, so that "mwh" is not read as "m" + garbage.
    const units = textUnitNames(format)
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join("|");
    pattern = new RegExp(
      `${NOT_INSIDE_CODE}${COUNT_BEFORE}(?<number>${NUMBER})(?![\\d]|[.,]\\d)\\s?` +
        `(?<unit>${units})${UNIT_END}${COUNT_AFTER}`,
      "giu",
    );
    patterns.set(format, pattern);
  }
  return pattern;
}

interface Candidate extends ExtractedQuantity {
  dimension: Dimension;
  index: number;
}

function isMoneyOrReference(before: string): boolean {
  const code = CODE_BEFORE.exec(before)?.[1];
  return (
    SIGN_BEFORE.test(before) || REFERENCE_BEFORE.test(before) || (!!code && isCurrencyCode(code))
  );
}

/** The number describes the thing next to it (its capacity, its service interval), not an amount. */
function describesNeighbour(before: string, after: string, dimension: Dimension): boolean {
  const neighbours = [WORD_BEFORE.exec(before)?.[1], WORD_AFTER.exec(after)?.[1]];
  return neighbours.some((word) => {
    const lower = word?.toLowerCase();
    if (!lower) return false;
    return CAPACITY_NOUNS.has(lower) || (dimension === "distance" && SERVICE_WORDS.has(lower));
  });
}

function candidate(match: RegExpExecArray, description: string, format: NumberFormat) {
  const groups = match.groups ?? {};
  const reading = parseNumber(groups.number ?? "", format);
  const { unit, factor } = textUnit(groups.unit ?? "");
  const dimension = findUnit(unit)?.dimension;
  if (!reading.ok || !dimension) return undefined;
  const before = description.slice(0, match.index);
  const after = description.slice(match.index + match[0].length);
  if (isMoneyOrReference(before) || describesNeighbour(before, after, dimension)) return undefined;
  const counts = Number(groups.count ?? 1) * Number(groups.times ?? 1);
  const value = reading.value * factor * counts;
  return { value, unit, text: match[0].trim(), dimension, index: match.index };
}

function preferred(a: Candidate, b: Candidate): Candidate {
  const rank = (c: Candidate) => DIMENSION_PREFERENCE.indexOf(c.dimension);
  if (rank(a) !== rank(b)) return rank(a) < rank(b) ? a : b;
  return a.index <= b.index ? a : b;
}

/** The most plausible physical quantity written in a booking text, in an engine unit. */
export function extractQuantity(
  description: string,
  options: ExtractOptions = {},
): ExtractedQuantity | undefined {
  const format = options.numberFormat ?? "plain";
  const candidates: Candidate[] = [];
  for (const match of description.matchAll(quantityPattern(format))) {
    const found = candidate(match, description, format);
    if (found) candidates.push(found);
  }
  if (candidates.length === 0) return undefined;
  const { value, unit, text } = candidates.reduce(preferred);
  return { value, unit, text };
}
