import { quoted, valueText } from "./cells.ts";
import { currencyCode } from "./currencies.ts";
import type { NumberFormat } from "./schema.ts";

export type NumberReading =
  { ok: true; value: number; decimals: number; currency?: string } | { ok: false; reason: string };

/** Currency signs and codes accepted before or after a number ("€ 1.234,56", "12,50 kr", "CHF 12.50"). */
const LEADING_MARK = /^([-+]|US\$|[€£$¥]|[A-Z]{3}(?=[\s\d.,(+-])|kr\.?(?=[\s\d])|Fr\.)\s*/i;
/**
 * The spaces before a trailing mark are trimmed off afterwards: a leading `\s*` would read a run
 * of spaces again from each space in it.
 */
const TRAILING_MARK = /(-|[€£$¥]|(?<=[\d\s)])[A-Z]{3}|kr\.?|:-|Fr\.)$/i;
/** Thin, no-break and narrow no-break spaces are thousands separators in French and Nordic exports. */
const SPACES = /[\u00a0\u2009\u202f]/g;
/** U+2212 MINUS SIGN, which typeset exports use instead of a hyphen. */
const MINUS_SIGN = /\u2212/g;
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e[-+]?\d+$/i;
/**
 * Digits and separators with at least one digit, the first one: were digits allowed before it,
 * the two runs around it could split a long number every way.
 */
const BODY = /^[.,' ’]*\d[\d.,' ’]*$/;
/** Most cells are bare digits and separators: no affixes to peel. */
const PLAIN_BODY = /^\d[\d.,]*$/;

interface Affixes {
  body: string;
  negative: boolean;
  currency?: string;
}

/**
 * Peels signs, parentheses and currency marks off both ends, in any order: "(318.40)",
 * "1.234,56-" (SAP/DATEV trailing minus), "-€ 1.234,56", "$(1,234.56)", "12,50 EUR".
 */
function stripAffixes(text: string): Affixes | undefined {
  if (valueText(text) === undefined) return undefined;
  if (PLAIN_BODY.test(text)) return { body: text, negative: false };
  let s = text.replace(SPACES, " ").replace(MINUS_SIGN, "-").trim();
  let negative = false;
  let currency: string | undefined;
  for (let changed = true; changed && s !== "";) {
    changed = false;
    if (s.startsWith("(") && s.endsWith(")")) {
      negative = true;
      s = s.slice(1, -1).trim();
      changed = true;
    }
    for (const pattern of [LEADING_MARK, TRAILING_MARK]) {
      const match = pattern.exec(s);
      if (!match?.[1]) continue;
      const mark = match[1];
      if (mark === "-") negative = true;
      else if (mark !== "+") {
        if (/^[a-z]{3}$/i.test(mark) && !currencyCode(mark)) return undefined;
        currency = currencyCode(mark) ?? currency;
      }
      s = match.index === 0 ? s.slice(match[0].length) : s.slice(0, match.index).trimEnd();
      changed = true;
    }
  }
  return { body: s, negative, ...(currency ? { currency } : {}) };
}

/**
 * The two ways to read a number: decimal point (thousands grouped by comma, space or apostrophe)
 * or decimal comma (grouped by point, space or apostrophe). Groups are three digits after a
 * first group of one to three that does not start with 0 ("0.500" is a half, not five hundred).
 */
const POINT_DECIMAL = /^(?:\d+|[1-9]\d{0,2}([, '’])\d{3}(?:\1\d{3})*)?(?:\.(\d+))?$/;
const COMMA_DECIMAL = /^(?:\d+|[1-9]\d{0,2}([. '’])\d{3}(?:\1\d{3})*)?(?:,(\d+))?$/;

/** Value of a body in the reading chosen; group separators go, the decimal mark becomes a point. */
function valueOf(body: string, decimalComma: boolean): number {
  return Number(
    decimalComma ? body.replace(/[. '’]/g, "").replace(",", ".") : body.replace(/[, '’]/g, ""),
  );
}

function success(value: number, decimals: number, currency: string | undefined): NumberReading {
  return currency ? { ok: true, value, decimals, currency } : { ok: true, value, decimals };
}

/**
 * Reads a number as written in a ledger export. A value that can be read only one way is read
 * that way whatever `format` says; `format` (decided for the whole column) settles values that
 * can be read both ways, such as "148.320" or "1,234".
 */
export function parseNumber(text: string, format: NumberFormat): NumberReading {
  const affixes = stripAffixes(text);
  if (!affixes || affixes.body === "")
    return { ok: false, reason: `${quoted(text)} is not a number` };
  const { body, negative, currency } = affixes;
  const sign = negative ? -1 : 1;
  if (SCIENTIFIC.test(body)) return success(sign * Number(body.replace(",", ".")), 0, currency);
  if (!BODY.test(body)) return { ok: false, reason: `${quoted(text)} is not a number` };
  const point = POINT_DECIMAL.exec(body);
  const comma = COMMA_DECIMAL.exec(body);
  if (!point && !comma) {
    return { ok: false, reason: `${quoted(text)} has separators where no number format puts them` };
  }
  // Read both ways, a body with a point or comma means two different numbers: the column decides.
  const decimalComma = point && comma ? format === "eu" && /[.,]/.test(body) : !point;
  const decimals = (decimalComma ? comma : point)?.[2]?.length ?? 0;
  return success(sign * valueOf(body, decimalComma), decimals, currency);
}

/** What a single value says about its column's format on its own; undefined for "1.234", "12" and non-numbers. */
export function numberEvidence(text: string): NumberFormat | undefined {
  const affixes = stripAffixes(text);
  if (!affixes || !BODY.test(affixes.body)) return undefined;
  const point = POINT_DECIMAL.test(affixes.body);
  const comma = COMMA_DECIMAL.test(affixes.body);
  if (point && comma) return undefined;
  if (comma) return "eu";
  if (point) return affixes.body.includes(",") ? "us" : "plain";
  return undefined;
}

export interface FormatTally {
  eu: number;
  us: number;
  plain: number;
}

export function emptyTally(): FormatTally {
  return { eu: 0, us: 0, plain: 0 };
}

/** The column's format by majority of the values that decide on their own; undefined when none does. */
export function decideNumberFormat(tally: FormatTally): NumberFormat | undefined {
  const point = tally.us + tally.plain;
  if (tally.eu === 0 && point === 0) return undefined;
  if (tally.eu >= point) return "eu";
  return tally.us > 0 ? "us" : "plain";
}
