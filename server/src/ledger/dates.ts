import { isoDateOf, quoted, valueText } from "./cells.ts";
import { monthNumber } from "./month-names.ts";

/** How "03/04/2024" is read: 3 April (dmy) or March 4 (mdy). */
export type DayOrder = "dmy" | "mdy";

export type DateReading = { ok: true; iso: string; format: string } | { ok: false; reason: string };

/** An optional time of day after the date ("2024-01-15T00:00:00.000Z", "15.01.2024 08:30"); dropped. */
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]m\s*)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`, "i");
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`, "i");
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_MONTH_NAME = new RegExp(
  String.raw`^(\d{1,2})(?:\.|st|nd|rd|th)?[\s/-]*(\p{L}+)\.?[\s/,-]*(\d{4}|\d{2})${TIME}$`,
  "iu",
);
const MONTH_NAME_DAY = new RegExp(
  String.raw`^(\p{L}+)\.?[\s/-]*(\d{1,2})(?:st|nd|rd|th)?\.?,?[\s/-]*(\d{4}|\d{2})${TIME}$`,
  "iu",
);
/**
 * Spanish and Portuguese long dates: "15 de enero de 2024". The spaces are matched from the
 * character before them: a pattern starting with `\s+` would rescan a run of spaces from each.
 */
const DE_PARTICLE = /(^|\S)\s+de\s+/gi;
/** Excel serial day numbers written as text ("45306"); five digits span 1927 to 2173. */
const SERIAL_TEXT = /^\d{5}(?:[.,]\d+)?$/;

/** Years a ledger line can plausibly carry; anything else is a typo or not a date. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** POSIX strptime's pivot for two-digit years: 69-99 are 1969-1999, 00-68 are 2000-2068. */
const TWO_DIGIT_PIVOT = 69;
/** Excel's day 0 for serials from 61 on (its 1900 calendar wrongly has 29 Feb 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year >= TWO_DIGIT_PIVOT ? 1900 + year : 2000 + year;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

function monthLabel(month: number): string {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString("en", {
    month: "long",
    timeZone: "UTC",
  });
}

function checked(
  text: string,
  year: number,
  month: number,
  day: number,
  format: string,
): DateReading {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, reason: `"${text}": year ${year} is not plausible` };
  }
  if (month < 1 || month > 12)
    return { ok: false, reason: `"${text}": there is no month ${month}` };
  const days = daysIn(year, month);
  if (day < 1 || day > days) {
    return {
      ok: false,
      reason: `"${text}" is not a date: ${monthLabel(month)} ${year} has ${days} days`,
    };
  }
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { ok: true, iso, format };
}

/** A serial day number as Excel stores dates (days since 1899-12-30); the time of day is dropped. */
export function excelSerialDate(serial: number): DateReading {
  const iso = isoDateOf(new Date(EXCEL_EPOCH + Math.floor(serial) * DAY_MS));
  const year = Number(iso.slice(0, 4));
  if (!Number.isFinite(serial) || year < MIN_YEAR || year > MAX_YEAR || serial < 61) {
    return { ok: false, reason: `${serial} is not a plausible Excel date serial` };
  }
  return { ok: true, iso, format: "Excel serial" };
}

/**
 * Reads a date as written in a ledger export and returns it as ISO YYYY-MM-DD. `order` (decided
 * for the whole column) settles slash and dash dates with the day first or the month first;
 * dotted dates are always day first and four-digit-year-first dates always year-month-day.
 */
export function parseDate(text: string, order: DayOrder): DateReading {
  let s = valueText(text);
  if (s === undefined) return { ok: false, reason: `${quoted(text)} is not a date` };
  let m = YEAR_LAST.exec(s);
  if (m) {
    const [, a = "", sep = "", b = "", y = ""] = m;
    const dayFirst = sep === "." || order === "dmy";
    const years = y.length === 4 ? "YYYY" : "YY";
    const format = dayFirst ? `DD${sep}MM${sep}${years}` : `MM${sep}DD${sep}${years}`;
    const [day, month] = dayFirst ? [a, b] : [b, a];
    return checked(text, fullYear(y), Number(month), Number(day), format);
  }
  if ((m = YEAR_FIRST.exec(s))) {
    const [, y = "", sep = "", month = "", day = ""] = m;
    return checked(text, Number(y), Number(month), Number(day), `YYYY${sep}MM${sep}DD`);
  }
  if ((m = COMPACT.exec(s))) {
    const [, y = "", month = "", day = ""] = m;
    return checked(text, Number(y), Number(month), Number(day), "YYYYMMDD");
  }
  if (SERIAL_TEXT.test(s)) return excelSerialDate(Number(s.replace(",", ".")));
  s = s.replace(DE_PARTICLE, "$1 ");
  if ((m = DAY_MONTH_NAME.exec(s))) {
    const [, day = "", name = "", y = ""] = m;
    const month = monthNumber(name);
    if (month)
      return checked(
        text,
        fullYear(y),
        month,
        Number(day),
        `D MMM ${y.length === 4 ? "YYYY" : "YY"}`,
      );
  }
  if ((m = MONTH_NAME_DAY.exec(s))) {
    const [, name = "", day = "", y = ""] = m;
    const month = monthNumber(name);
    if (month)
      return checked(
        text,
        fullYear(y),
        month,
        Number(day),
        `MMM D, ${y.length === 4 ? "YYYY" : "YY"}`,
      );
  }
  return { ok: false, reason: `${quoted(text)} is not a date` };
}

/** What a single slash or dash date says about its column's order: "25/12/2023" is dmy, "01/15/2024" mdy. */
export function dayOrderEvidence(text: string): DayOrder | undefined {
  const m = YEAR_LAST.exec(valueText(text) ?? "");
  if (!m || m[2] === ".") return undefined;
  const first = Number(m[1]);
  const second = Number(m[3]);
  if (first > 12 && second <= 12) return "dmy";
  if (second > 12 && first <= 12) return "mdy";
  return undefined;
}

/** Written like a date, valid or not ("31.02.2024" is date-like): tells date cells from totals labels. */
export function looksLikeDate(text: string): boolean {
  const s = valueText(text)?.replace(DE_PARTICLE, "$1 ");
  if (s === undefined) return false;
  if (YEAR_LAST.test(s) || YEAR_FIRST.test(s)) return true;
  const named = DAY_MONTH_NAME.exec(s) ?? MONTH_NAME_DAY.exec(s);
  if (!named) return false;
  const name = named.slice(1).find((part) => part !== undefined && /\p{L}/u.test(part));
  return name !== undefined && monthNumber(name) !== undefined;
}
