/**
 * Reads the ledger the person selected: its cells as the server takes them, and where it sits,
 * so results can be written beside it later.
 */
import type { Cell } from "./api-types.ts";
import { cellFromExcel } from "./excel-cells.ts";
import { CHUNK_ROWS, type ExcelRun, type Placement } from "./excel-writer.ts";

export interface Selection {
  /** e.g. Sheet1!A1:O346, as the pane shows it. */
  address: string;
  grid: Cell[][];
  placement: Placement;
}

interface Area {
  address: string;
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/**
 * The selection, cut to the sheet's used range (a selection of whole columns A:O would
 * otherwise be a million rows); one selected cell stands for the whole used range.
 */
async function selectedArea(context: Excel.RequestContext): Promise<Area | undefined> {
  const selection = context.workbook.getSelectedRange();
  selection.load("cellCount");
  selection.worksheet.load("name");
  // isNullObject is known after the sync, without a load.
  const used = selection.worksheet.getUsedRangeOrNullObject(true);
  await context.sync();
  if (used.isNullObject) return undefined;
  const area = selection.cellCount === 1 ? used : selection.getIntersectionOrNullObject(used);
  area.load("address,rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (area.isNullObject) return undefined;
  return {
    address: area.address,
    sheet: selection.worksheet.name,
    rowIndex: area.rowIndex,
    columnIndex: area.columnIndex,
    rowCount: area.rowCount,
    columnCount: area.columnCount,
  };
}

export async function readSelection(
  run: ExcelRun,
  onProgress?: (read: number, total: number) => void,
): Promise<Selection | undefined> {
  const area = await run(selectedArea);
  if (!area) return undefined;
  const grid: Cell[][] = [];
  // Read in chunks for the same reason results are written in chunks: request size limits.
  for (let offset = 0; offset < area.rowCount; offset += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, area.rowCount - offset);
    await run(async (context) => {
      const range = context.workbook.worksheets
        .getItem(area.sheet)
        .getRangeByIndexes(area.rowIndex + offset, area.columnIndex, rows, area.columnCount);
      range.load("values,numberFormat,text");
      await context.sync();
      range.values.forEach((values, r) => {
        grid.push(
          values.map((value, c) =>
            cellFromExcel(
              value,
              String(range.numberFormat[r]?.[c] ?? ""),
              range.text[r]?.[c] ?? "",
            ),
          ),
        );
      });
    });
    onProgress?.(grid.length, area.rowCount);
  }
  return {
    address: area.address,
    grid,
    placement: {
      sheet: area.sheet,
      top: area.rowIndex,
      column: area.columnIndex + area.columnCount,
    },
  };
}
