/**
 * Writes a ledger's results into the seven columns right of it in the sheet: a header on the
 * header row, each row's result on the row it came from, rows waiting for review in amber and
 * unreadable rows in red. Everything goes through the RequestContext it is given, so it runs in
 * Excel and under office-addin-mock alike.
 */
import type { LedgerRow } from "./api-types.ts";
import {
  HIGHLIGHT_FILL,
  highlightOf,
  RESULT_HEADERS,
  RESULT_NUMBER_FORMATS,
  resultCells,
} from "./result-columns.ts";

/** Where a ledger sits in its sheet. Grid row N is the Nth row of the range that was uploaded. */
export interface Placement {
  sheet: string;
  /** 0-based sheet row of grid row 1. */
  top: number;
  /** 0-based sheet column of the first result column: the one right of the ledger. */
  column: number;
}

/** Excel.run, or a stand-in for it in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Rows per Excel.run. One batch for 100,000 rows would exceed Excel on the web's request size
 * limit (5 MB) and freeze the sheet; 2,000 rows of 7 cells stay well under it.
 */
export const CHUNK_ROWS = 2_000;

const WIDTH = RESULT_HEADERS.length;

/** The result columns over grid rows [firstRow, firstRow + rowCount). */
function resultArea(
  context: Excel.RequestContext,
  placement: Placement,
  firstRow: number,
  rowCount: number,
): Excel.Range {
  return context.workbook.worksheets
    .getItem(placement.sheet)
    .getRangeByIndexes(placement.top + firstRow - 1, placement.column, rowCount, WIDTH);
}

/**
 * Whether results may go into the seven columns: they are empty, or hold results written
 * earlier (their header is ours). Anything else is the person's data and is not overwritten.
 */
export async function resultColumnsFree(
  context: Excel.RequestContext,
  placement: Placement,
  headerRow: number,
  lastRow: number,
): Promise<boolean> {
  const used = resultArea(context, placement, 1, lastRow).getUsedRangeOrNullObject(true);
  const header = resultArea(context, placement, headerRow, 1);
  // isNullObject is known after the sync, without a load.
  header.load("values");
  await context.sync();
  return used.isNullObject || RESULT_HEADERS.every((label, i) => header.values[0]?.[i] === label);
}

/** Rows with consecutive row numbers: each run is written as one range, not row by row. */
function runsOf(rows: LedgerRow[]): LedgerRow[][] {
  const runs: LedgerRow[][] = [];
  let run: LedgerRow[] = [];
  for (const row of rows) {
    const previous = run[run.length - 1];
    if (previous && row.row_number !== previous.row_number + 1) {
      runs.push(run);
      run = [];
    }
    run.push(row);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function queueHeader(context: Excel.RequestContext, placement: Placement, headerRow: number) {
  const range = resultArea(context, placement, headerRow, 1);
  range.numberFormat = [RESULT_HEADERS.map(() => "@")];
  range.values = [[...RESULT_HEADERS]];
  range.format.font.bold = true;
}

/** Queues one run: values, formats, and the fill of its review and error rows. */
function queueRun(context: Excel.RequestContext, placement: Placement, run: LedgerRow[]) {
  const first = (run[0] as LedgerRow).row_number;
  const range = resultArea(context, placement, first, run.length);
  // Formats before values: "3.10" typed into a General cell would become the number 3.1.
  range.numberFormat = run.map(() => [...RESULT_NUMBER_FORMATS]);
  range.values = run.map(resultCells);
  // A row decided since the last write loses its amber.
  range.format.fill.clear();
  let start = 0;
  for (let i = 1; i <= run.length; i++) {
    const highlight = highlightOf((run[start] as LedgerRow).status);
    if (i < run.length && highlightOf((run[i] as LedgerRow).status) === highlight) continue;
    if (highlight) {
      resultArea(context, placement, first + start, i - start).format.fill.color =
        HIGHLIGHT_FILL[highlight];
    }
    start = i;
  }
}

export interface WriteOptions {
  /** Grid row of the ledger's header: the column labels go there. Omitted when updating rows. */
  headerRow?: number;
  chunkRows?: number;
  onProgress?: (written: number, total: number) => void;
}

/** Writes the rows (any subset, any order) in chunks, one Excel.run each. */
export async function writeResults(
  run: ExcelRun,
  placement: Placement,
  rows: LedgerRow[],
  { headerRow, chunkRows = CHUNK_ROWS, onProgress }: WriteOptions = {},
): Promise<void> {
  const sorted = [...rows].sort((a, b) => a.row_number - b.row_number);
  const chunks: LedgerRow[][] = [];
  for (let start = 0; start < sorted.length; start += chunkRows) {
    chunks.push(sorted.slice(start, start + chunkRows));
  }
  if (chunks.length === 0 && headerRow !== undefined) chunks.push([]);
  let written = 0;
  for (const [index, chunk] of chunks.entries()) {
    await run(async (context) => {
      if (index === 0 && headerRow !== undefined) {
        queueHeader(context, placement, headerRow);
      }
      for (const rowRun of runsOf(chunk)) queueRun(context, placement, rowRun);
      if (index === 0 && headerRow !== undefined) {
        // Fit the widths to the header and the first rows; later chunks look alike.
        const last = Math.max(headerRow, chunk[chunk.length - 1]?.row_number ?? headerRow);
        resultArea(context, placement, headerRow, last - headerRow + 1).format.autofitColumns();
      }
      await context.sync();
    });
    written += chunk.length;
    onProgress?.(written, sorted.length);
  }
}
