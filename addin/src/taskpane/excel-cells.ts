/**
 * Excel cells as the server reads them. Excel hands a date over as a serial number whose meaning
 * lives only in the cell's number format, so the format decides: dates become ISO text, numbers
 * stay numbers, empty cells become null.
 */
import type { Cell } from "./api-types.ts";

const MS_PER_DAY = 86_400_000;
/**
 * Day 0 of the 1900 date system. 1899-12-30 rather than -31 absorbs Excel's phantom
 * 1900-02-29, so every serial from 61 (1 March 1900) on lands on the right day.
 */
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** A number format shows a date when a day or year token survives outside quotes and brackets. */
export function isDateFormat(numberFormat: string): boolean {
  const tokens = numberFormat
    .replace(/"[^"]*"/g, "") // literal text: "days" must not count
    .replace(/\[[^\]]*\]/g, "") // colours, locales, elapsed time: [Red], [$-409], [h]
    .replace(/\\./g, ""); // escaped characters
  return /[dy]/i.test(tokens);
}

/** Formats such as 00000 keep leading zeros (account codes, postcodes) that the value loses. */
function isZeroPadded(numberFormat: string): boolean {
  return /^0{2,}$/.test(numberFormat);
}

export function serialToIsoDate(serial: number): string {
  return new Date(EPOCH_1900 + Math.floor(serial) * MS_PER_DAY).toISOString().slice(0, 10);
}

export function cellFromExcel(value: unknown, numberFormat: string, text: string): Cell {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") {
    if (isDateFormat(numberFormat)) return serialToIsoDate(value);
    if (isZeroPadded(numberFormat)) return text;
    return value;
  }
  if (typeof value === "boolean") return value;
  return String(value);
}
