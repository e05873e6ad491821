import { cellText, isoDateOf, type CellValue, type Grid } from "./cells.ts";
import { currencyCode } from "./currencies.ts";
import { excelSerialDate, parseDate, type DateReading, type DayOrder } from "./dates.ts";
import type { FormatPlan } from "./formats.ts";
import { parseNumber, type NumberReading } from "./numbers.ts";
import type { FieldError, NumberFormat, ParsedRow, RoleMap, RowFields } from "./schema.ts";

/** Accounting formats show zero or "nothing" as a dash; it is an empty cell, not a bad number. */
const EMPTY_OR_DASH = /^\s*(?:[-–—]\s*)?$/;

const EXCEL_DATE = "Excel date";

/** Keys of `ParsedRow.raw`: the header text, trimmed, made unique; unnamed columns by position. */
export function rawKeys(columns: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((text, index) => {
    const base = text.trim() || `column ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

function isEmpty(cell: CellValue | undefined): boolean {
  return (
    cell === null || cell === undefined || (typeof cell === "string" && EMPTY_OR_DASH.test(cell))
  );
}

function readDate(cell: CellValue, order: DayOrder): DateReading {
  if (cell instanceof Date) return { ok: true, iso: isoDateOf(cell), format: EXCEL_DATE };
  if (typeof cell === "number") return excelSerialDate(cell);
  return parseDate(cellText(cell), order);
}

function readNumber(cell: CellValue, format: NumberFormat): NumberReading {
  if (typeof cell === "number") return { ok: true, value: cell, decimals: 0 };
  if (cell instanceof Date)
    return { ok: false, reason: `${isoDateOf(cell)} is a date, not a number` };
  return parseNumber(cellText(cell), format);
}

function text(cell: CellValue | undefined): string | undefined {
  return isEmpty(cell) ? undefined : cellText(cell).trim();
}

export interface BuiltRows {
  rows: ParsedRow[];
  /** Most frequent text date format in the date column, else "Excel date" ("none" without one). */
  dateFormat: string;
}

/** Turns data rows into ParsedRows; a bad cell becomes an error on its row, never a thrown error. */
export function buildRows(
  grid: Grid,
  columns: readonly string[],
  indexes: readonly number[],
  roles: RoleMap,
  plan: FormatPlan,
): BuiltRows {
  const keys = rawKeys(columns);
  const dateFormats = new Map<string, number>();
  const cellOf = (row: readonly CellValue[], column: number | undefined): CellValue | undefined =>
    column === undefined ? undefined : (row[column] ?? null);
  const rows = indexes.map((index): ParsedRow => {
    const row = grid.rows[index] ?? [];
    const raw: Record<string, string> = {};
    for (let column = 0; column < keys.length; column++)
      raw[keys[column] ?? ""] = cellText(row[column]);
    const fields: RowFields = {};
    const errors: FieldError[] = [];
    const formats = plan.formatsOf(row);

    const date = cellOf(row, roles.date);
    if (roles.date !== undefined) {
      if (isEmpty(date)) errors.push({ field: "date", message: "no date" });
      else {
        const reading = readDate(date ?? null, formats.dayOrder);
        if (reading.ok) {
          fields.date = reading.iso;
          dateFormats.set(reading.format, (dateFormats.get(reading.format) ?? 0) + 1);
        } else errors.push({ field: "date", message: reading.reason });
      }
    }

    const amount = cellOf(row, roles.amount);
    let amountCurrency: string | undefined;
    if (roles.amount !== undefined) {
      if (isEmpty(amount)) errors.push({ field: "amount", message: "no amount" });
      else {
        const reading = readNumber(amount ?? null, formats.amount);
        if (reading.ok) {
          fields.amount = reading.value;
          amountCurrency = reading.currency;
        } else errors.push({ field: "amount", message: reading.reason });
      }
    }

    const quantity = cellOf(row, roles.quantity);
    if (!isEmpty(quantity)) {
      const reading = readNumber(quantity ?? null, formats.quantity);
      if (reading.ok) fields.quantity = reading.value;
      else errors.push({ field: "quantity", message: reading.reason });
    }

    const currency = text(cellOf(row, roles.currency));
    if (currency !== undefined) {
      const code = currencyCode(currency);
      if (code) fields.currency = code;
      else
        errors.push({
          field: "currency",
          message: `"${currency}" is not an ISO 4217 currency code`,
        });
    } else if (amountCurrency) fields.currency = amountCurrency;

    const vendor = text(cellOf(row, roles.vendor));
    if (vendor !== undefined) fields.vendor = vendor;
    const description = text(cellOf(row, roles.description));
    if (description !== undefined) fields.description = description;
    const accountCode = text(cellOf(row, roles.account_code));
    if (accountCode !== undefined) fields.accountCode = accountCode;
    const accountName = text(cellOf(row, roles.account_name));
    if (accountName !== undefined) fields.accountName = accountName;
    const unit = text(cellOf(row, roles.unit));
    if (unit !== undefined) fields.unit = unit;

    return { rowNumber: grid.rowNumbers[index] ?? index + 1, raw, fields, errors };
  });
  // Date cells need no reading; the layout tells how the text dates among them were read.
  const textFormats = [...dateFormats].filter(([format]) => format !== EXCEL_DATE);
  const ranked = (textFormats.length ? textFormats : [...dateFormats]).sort((a, b) => b[1] - a[1]);
  const dateFormat = ranked[0]?.[0] ?? (roles.date === undefined ? "none" : "unknown");
  return { rows, dateFormat };
}
