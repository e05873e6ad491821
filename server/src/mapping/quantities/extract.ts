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

/**
 * One to three digits grouped by point, comma, apostrophe or (no-break) space, or ungrouped. At
 * most five groups (10^18, past what a double holds exactly): with no bound, a long run of groups
 * would be read again from each of its groups, since a number may start after a space.
 */
const NUMBER = String.raw`\d{1,3}(?:[ .,'’\u00a0\u202f]\d{3}){1,5}(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
/**
 * Not the tail of a code, date or reference: "R449A", "42CrMo4", "01/24", "AW-5083". The
 * character before is matched (`lead`), not looked behind at, so that the pattern itself, read by
 * a checker that sets look-arounds aside, never starts inside a run of digits (which it would read
 * again from each digit). Its other repetitions are bounded, or run over the digits and spaces
 * just after a lead.
 */
const NOT_INSIDE_CODE = String.raw`(?<lead>^|[^\p{L}\d.,\-/]|(?:^|[^\p{L}\d])[-/])`;
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
// The text before a number is read with its trailing spaces trimmed, so that no pattern here
// starts with a run of spaces (which would be read again from each of its spaces), and a word is
// taken only from its first letter.
/** A reference number's label just before the number ("Inv 4471", "Nr. 12", "BL 771203"). */
const REFERENCE_BEFORE =
  /(?:^|[^\p{L}])(?:nr|no|n°|#|inv|rg|re|po|bl|ls|awb|ord|order|tkt|acct|konto|vk|ref)\.?\s*[:#]?$/iu;
/** A money amount: currency sign or ISO code just before the number. */
const SIGN_BEFORE = /[€$£¥]$/;
const CODE_BEFORE = /(?:^|[^\p{L}])(\p{Lu}{3})$/u;
const WORD_BEFORE = /(?:^|\P{L})(\p{L}+)$/u;
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

/** A match of the quantity pattern without its `lead`. */
interface Found {
  groups: Record<string, string | undefined>;
  text: string;
  start: number;
  end: number;
}

function foundOf(match: RegExpExecArray): Found {
  const lead = match.groups?.lead ?? "";
  const start = match.index + lead.length;
  return {
    groups: match.groups ?? {},
    text: match[0].slice(lead.length),
    start,
    end: match.index + match[0].length,
  };
}

/** `before`: the text before the number, trimmed. */
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

/**
 * `before` and `after`: the text from the previous match's start to this one, and from this
 * one's end to the next match. The checks look no further (a match starts with a digit, which no
 * label, code or word contains), and so each character is looked at a bounded number of times.
 */
function candidate(found: Found, before: string, after: string, format: NumberFormat) {
  const { groups } = found;
  const reading = parseNumber(groups.number ?? "", format);
  const { unit, factor } = textUnit(groups.unit ?? "");
  const dimension = findUnit(unit)?.dimension;
  if (!reading.ok || !dimension) return undefined;
  const trimmed = before.trimEnd();
  if (isMoneyOrReference(trimmed) || describesNeighbour(trimmed, after, dimension))
    return undefined;
  const counts = Number(groups.count ?? 1) * Number(groups.times ?? 1);
  const value = reading.value * factor * counts;
  return { value, unit, text: found.text.trim(), dimension, index: found.start };
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
  const matches = [...description.matchAll(quantityPattern(format))].map(foundOf);
  const candidates: Candidate[] = [];
  matches.forEach((found, index) => {
    const before = description.slice(matches[index - 1]?.start ?? 0, found.start);
    const after = description.slice(found.end, matches[index + 1]?.start ?? description.length);
    const quantity = candidate(found, before, after, format);
    if (quantity) candidates.push(quantity);
  });
  if (candidates.length === 0) return undefined;
  const { value, unit, text } = candidates.reduce(preferred);
  return { value, unit, text };
}
