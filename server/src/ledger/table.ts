import {
  cellText,
  isBlankCell,
  isBlankRow,
  lastFilledIndex,
  type CellValue,
  type Grid,
} from "./cells.ts";
import { excelSerialDate, looksLikeDate } from "./dates.ts";
import { LedgerFileError } from "./errors.ts";
import { parseNumber } from "./numbers.ts";
import { assignRoles } from "./roles.ts";
import { normalizeLabel } from "./words.ts";

/** Where the table sits in a grid. */
export interface TableShape {
  /** Index into `grid.rows` of the header row. */
  headerIndex: number;
  /** Header cells as written, as wide as the widest of header and body. */
  columns: string[];
  /** Indexes into `grid.rows` of the non-blank rows below the header (repeated headers left out). */
  bodyIndexes: number[];
}

/** Title blocks above the header are a few lines; a header further down is not a header. */
const HEADER_SEARCH_ROWS = 50;
/** How many rows below a candidate header are looked at to see whether data follows. */
const LOOKAHEAD_ROWS = 10;
/** Header cells are labels, not sentences. */
const MAX_HEADER_CELL = 80;
/** Share of a header's cells that must be labels (not numbers or dates). */
const HEADER_LABEL_SHARE = 0.8;
/** A header names at least half as many columns as the data rows below it fill. */
const HEADER_COVERAGE = 0.5;
/** Ledger columns a header must name for a file holding it alone to count as an empty export. */
const MIN_NAMED_ROLES = 2;
/** Rows after the data filling at most this share of the header's columns are footers. */
const FOOTER_SHARE = 1 / 3;

/**
 * Labels that open a totals, subtotal or balance row, in English, German, French, Dutch,
 * Spanish and the Nordic languages, as normalizeLabel spells them. A row with a cell opening
 * with one is dropped only when it has no date, so "TotalEnergies" or "Summer party" lines stay.
 */
const SUMMARY_LABELS = [
  "total",
  "totals",
  "grand total",
  "subtotal",
  "sub total",
  "sum",
  "summe",
  "gesamt",
  "gesamtsumme",
  "zwischensumme",
  "endsumme",
  "insgesamt",
  "totaal",
  "subtotaal",
  "eindtotaal",
  "som",
  "sous total",
  "suma",
  "totales",
  "totalt",
  "summa",
  "delsumma",
  "i alt",
  "opening balance",
  "closing balance",
  "balance brought forward",
  "balance carried forward",
  "saldovortrag",
  "anfangssaldo",
  "endsaldo",
  "report total",
];

function filled(row: readonly CellValue[]): CellValue[] {
  return row.filter((cell) => !isBlankCell(cell));
}

function isValueLike(cell: CellValue): boolean {
  if (typeof cell === "number" || cell instanceof Date) return true;
  return typeof cell === "string" && (looksLikeDate(cell) || parseNumber(cell, "plain").ok);
}

function isLabel(cell: CellValue): boolean {
  return (
    typeof cell === "string" &&
    cell.trim().length <= MAX_HEADER_CELL &&
    /\p{L}/u.test(cell) &&
    !isValueLike(cell)
  );
}

function isHeaderLike(row: readonly CellValue[]): boolean {
  const cells = filled(row);
  if (new Set(cells.map(cellText)).size < 2) return false;
  return cells.filter(isLabel).length >= cells.length * HEADER_LABEL_SHARE;
}

function isDataLike(row: readonly CellValue[]): boolean {
  const cells = filled(row);
  return cells.length >= 2 && cells.some(isValueLike);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function sameCells(a: readonly CellValue[], b: readonly CellValue[]): boolean {
  if (cellText(a[0]).trim() !== cellText(b[0]).trim()) return false;
  const length = Math.max(lastFilledIndex(a), lastFilledIndex(b)) + 1;
  for (let i = 0; i < length; i++)
    if (cellText(a[i]).trim() !== cellText(b[i]).trim()) return false;
  return true;
}

function shapeFrom(rows: readonly CellValue[][], headerIndex: number): TableShape {
  const header = rows[headerIndex] ?? [];
  const bodyIndexes: number[] = [];
  let width = lastFilledIndex(header) + 1;
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    // Exports split into pages repeat the header on every page.
    if (isBlankRow(row) || sameCells(row, header)) continue;
    bodyIndexes.push(i);
    width = Math.max(width, lastFilledIndex(row) + 1);
  }
  const columns = Array.from({ length: width }, (_, i) => cellText(header[i]));
  return { headerIndex, columns, bodyIndexes };
}

/**
 * Finds the header: the first row (within the first rows) whose cells are mostly short labels,
 * naming most of the columns that the rows below it fill, with rows below that mostly look like
 * data. Title lines, blank lines and report headers above it are skipped.
 */
export function findTable(grid: Grid): TableShape {
  const { rows } = grid;
  let headerWithoutRows = false;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const row = rows[i] ?? [];
    if (!isHeaderLike(row)) continue;
    const following: CellValue[][] = [];
    for (let j = i + 1; j < rows.length && following.length < LOOKAHEAD_ROWS; j++) {
      const next = rows[j] ?? [];
      if (!isBlankRow(next)) following.push(next);
    }
    if (following.length === 0) {
      // The last line of a letter is no header; a line naming ledger columns is.
      headerWithoutRows = Object.keys(assignRoles(row.map(cellText), [])).length >= MIN_NAMED_ROLES;
      break;
    }
    const data = following.filter(isDataLike);
    if (data.length === 0 || data.length * 2 < following.length) continue;
    if (filled(row).length < median(data.map((r) => filled(r).length)) * HEADER_COVERAGE) continue;
    return shapeFrom(rows, i);
  }
  if (rows.every(isBlankRow)) throw new LedgerFileError("empty", "The file is empty (0 rows).");
  if (headerWithoutRows) throw new LedgerFileError("empty", "The file has a header but 0 rows.");
  throw new LedgerFileError(
    "no_header",
    `No header row found in the first ${HEADER_SEARCH_ROWS} rows: the file does not look like a ledger table.`,
  );
}

function isSummaryLabel(cell: CellValue): boolean {
  if (typeof cell !== "string") return false;
  const label = normalizeLabel(cell);
  return SUMMARY_LABELS.some((word) => label === word || label.startsWith(`${word} `));
}

function isDateCell(cell: CellValue | undefined): boolean {
  return cell instanceof Date || (typeof cell === "string" && looksLikeDate(cell));
}

/** Whether a row carries a date: in the date column (where a number is an Excel serial), else anywhere. */
function isDated(row: readonly CellValue[], dateColumn: number | undefined): boolean {
  if (dateColumn === undefined) return row.some(isDateCell);
  const cell = row[dateColumn];
  return isDateCell(cell) || (typeof cell === "number" && excelSerialDate(cell).ok);
}

/**
 * The body rows that are ledger lines: without rows holding an aggregate formula, undated rows
 * with a cell opening with a totals label, and undated sparse rows after the data (count lines,
 * "printed on" notes). `dateColumn` is where dates are; without one, any date cell counts.
 */
export function dataRowIndexes(
  grid: Grid,
  shape: TableShape,
  dateColumn: number | undefined,
): number[] {
  const footerWidth = filled(grid.rows[shape.headerIndex] ?? []).length * FOOTER_SHARE;
  const kept = shape.bodyIndexes.filter((index) => {
    if (grid.aggregateRows.has(index)) return false;
    const row = grid.rows[index] ?? [];
    if (isDated(row, dateColumn) || !row.some(isSummaryLabel)) return true;
    // Without a date column a "Total" vendor could open a real line; only sparse rows go then.
    return dateColumn === undefined && filled(row).length > footerWidth;
  });
  for (let last = kept.at(-1); last !== undefined; last = kept.at(-1)) {
    const row = grid.rows[last] ?? [];
    if (isDated(row, dateColumn) || filled(row).length > footerWidth) break;
    kept.pop();
  }
  return kept;
}
