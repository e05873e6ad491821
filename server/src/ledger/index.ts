import type { Grid } from "./cells.ts";
import { LedgerFileError } from "./errors.ts";
import { planFormats } from "./formats.ts";
import { readCsv } from "./read-csv.ts";
import { gridOfCellRange, readCellRange, type CellRange } from "./read-cell-range.ts";
import { readXlsx, type XlsxSheet } from "./read-xlsx.ts";
import { assignRoles, entityColumn } from "./roles.ts";
import { buildRows } from "./rows.ts";
import {
  ReadLedgerOptionsSchema,
  type ColumnRole,
  type LedgerLayout,
  type ParsedRow,
  type ReadLedgerOptions,
} from "./schema.ts";
import { detectFileKind } from "./sniff.ts";
import { dataRowIndexes, findTable, type TableShape } from "./table.ts";

export { LedgerFileError, LEDGER_FILE_ERROR_CODES, type LedgerFileErrorCode } from "./errors.ts";
export * from "./schema.ts";
export { parseNumber } from "./numbers.ts";
export { parseDate } from "./dates.ts";
export { CellRangeSchema, gridOfCellRange, type CellRange } from "./read-cell-range.ts";

export interface Ledger {
  layout: LedgerLayout;
  rows: ParsedRow[];
}

/** Rows sampled for content-based role inference. */
const SAMPLE_ROWS = 500;

type FileFacts = Pick<LedgerLayout, "format" | "encoding" | "delimiter" | "sheet">;

function ledgerOf(
  grid: Grid,
  shape: TableShape,
  facts: FileFacts,
  overrides: Partial<Record<ColumnRole, string | number>> | undefined,
): Ledger {
  const sample = shape.bodyIndexes.slice(0, SAMPLE_ROWS).map((index) => grid.rows[index] ?? []);
  const roles = assignRoles(shape.columns, sample, overrides);
  const indexes = dataRowIndexes(grid, shape, roles.date);
  if (indexes.length === 0) {
    throw new LedgerFileError("empty", "The file has a header but 0 rows.");
  }
  const plan = planFormats(
    indexes.map((index) => grid.rows[index] ?? []),
    roles,
    entityColumn(shape.columns),
  );
  const { rows, dateFormat } = buildRows(grid, shape.columns, indexes, roles, plan);
  const layout: LedgerLayout = {
    ...facts,
    headerRow: grid.rowNumbers[shape.headerIndex] ?? shape.headerIndex + 1,
    columns: shape.columns,
    roles,
    numberFormat: plan.numberFormat,
    dateFormat,
  };
  return { layout, rows };
}

/**
 * The sheet holding the ledger: of the sheets with a table, the one with the most rows (a cover
 * or summary sheet comes first in many workbooks), visible sheets before hidden ones, the first
 * on ties. When no sheet has a table, the error of the fullest sheet.
 */
function pickSheet(sheets: XlsxSheet[]): { sheet: XlsxSheet; shape: TableShape } {
  let best: { sheet: XlsxSheet; shape: TableShape } | undefined;
  let failure: { error: LedgerFileError; rows: number } | undefined;
  for (const sheet of sheets) {
    try {
      const shape = findTable(sheet.grid);
      const better =
        !best ||
        (best.sheet.hidden && !sheet.hidden) ||
        (best.sheet.hidden === sheet.hidden &&
          shape.bodyIndexes.length > best.shape.bodyIndexes.length);
      if (better) best = { sheet, shape };
    } catch (error) {
      if (!(error instanceof LedgerFileError)) throw error;
      if (!failure || sheet.grid.rows.length > failure.rows)
        failure = { error, rows: sheet.grid.rows.length };
    }
  }
  if (best) return best;
  throw failure?.error ?? new LedgerFileError("empty", "The workbook has no worksheets (0 rows).");
}

/** The ledger in a cell range from the add-in, read as an upload of it would be: for previews. */
export function readCellRangeLedger(
  range: CellRange,
  roles?: ReadLedgerOptions["roles"],
  maxColumns = 500,
): Ledger {
  const grid = gridOfCellRange(range, maxColumns);
  return ledgerOf(grid, findTable(grid), { format: "cells" }, roles);
}

/**
 * Turns an uploaded ledger file (CSV or XLSX) into rows for the import job. Pure: reads nothing
 * but `data`. Throws LedgerFileError, with no rows, when the file as a whole cannot be read;
 * a bad cell only puts an error on its row.
 */
export async function readLedger(data: Uint8Array, options: ReadLedgerOptions): Promise<Ledger> {
  const { filename, contentType, roles, maxColumns, maxBytes } =
    ReadLedgerOptionsSchema.parse(options);
  const kind = detectFileKind(data, filename, contentType);
  if (data.byteLength > maxBytes) {
    throw new LedgerFileError("too_large", `${filename} is larger than ${maxBytes} bytes.`);
  }
  if (data.byteLength === 0) throw new LedgerFileError("empty", "The file is empty (0 rows).");
  if (kind === "csv") {
    const csv = readCsv(data, maxColumns);
    const shape = findTable(csv.grid);
    return ledgerOf(
      csv.grid,
      shape,
      { format: "csv", encoding: csv.encoding, delimiter: csv.delimiter },
      roles,
    );
  }
  if (kind === "cells") {
    const grid = readCellRange(data, filename, maxColumns);
    return ledgerOf(grid, findTable(grid), { format: "cells" }, roles);
  }
  const { sheet, shape } = pickSheet(await readXlsx(data, filename, { maxColumns, maxBytes }));
  return ledgerOf(sheet.grid, shape, { format: "xlsx", sheet: sheet.name }, roles);
}
