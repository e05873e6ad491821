/** One cell as a reader delivers it: CSV gives text, XLSX also typed numbers and dates; null is an absent cell. */
export type CellValue = string | number | Date | null;

/** A sheet or CSV file as rows of cells, before any header is known. */
export interface Grid {
  rows: CellValue[][];
  /** 1-based row number in the file of each entry of `rows` (XLSX skips absent rows). */
  rowNumbers: number[];
  /** Indexes into `rows` of rows holding an aggregate formula such as SUM: totals, never data. */
  aggregateRows: ReadonlySet<number>;
}

export function isBlankCell(value: CellValue | undefined): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

export function isBlankRow(row: readonly CellValue[]): boolean {
  return row.every(isBlankCell);
}

/** ISO YYYY-MM-DD of a date as spreadsheets store it (exceljs gives UTC midnight of the displayed day). */
export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The cell as text, the way `ParsedRow.raw` stores it. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return isoDateOf(value);
  return typeof value === "number" ? String(value) : value;
}

/**
 * Longer cells are text, never a number or a date: the value parsers refuse them before any
 * pattern runs, so a cell holding pages of text costs no more than a short one.
 */
export const MAX_VALUE_CHARS = 100;

/** The cell trimmed, or undefined when it is too long to hold a number or a date. */
export function valueText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.length > MAX_VALUE_CHARS ? undefined : trimmed;
}

/** The cell as a row's error quotes it: only its start when it is long. */
export function quoted(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `"${text.slice(0, MAX_VALUE_CHARS)}…"` : `"${text}"`;
}

/** Index of the last non-blank cell, -1 for a blank row. */
export function lastFilledIndex(row: readonly CellValue[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (!isBlankCell(row[i])) return i;
  return -1;
}
