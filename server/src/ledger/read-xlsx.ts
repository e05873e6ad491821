import ExcelJS from "exceljs";
import type { CellValue, Grid } from "./cells.ts";
import { LedgerFileError } from "./errors.ts";
import { readZipDirectory } from "./zip.ts";

export interface XlsxSheet {
  name: string;
  hidden: boolean;
  grid: Grid;
}

/** Formulas that total other rows: a row holding one is a totals row, not a ledger line. */
const AGGREGATE_FORMULA =
  /\b(SUM|SUBTOTAL|AGGREGATE|SUMIFS?|SUMPRODUCT|COUNTA?|COUNTIFS?|AVERAGE)\s*\(/i;
const WORKBOOK_PART = "xl/workbook.xml";
const ZERO_PADDED = /^0+$/;

function cellValueOf(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || value instanceof Date) return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellValueOf(value.result ?? null);
  if ("error" in value) return value.error;
  if ("hyperlink" in value) return value.text;
  return null;
}

/** Checks the container before exceljs unpacks it: damaged, not a workbook, or a ZIP bomb. */
function checkContainer(data: Uint8Array, filename: string, maxBytes: number): void {
  const directory = readZipDirectory(data);
  if (!directory) {
    throw new LedgerFileError(
      "unreadable",
      `The workbook ${filename} is damaged: its ZIP directory is missing or broken (was the upload cut short?).`,
    );
  }
  if (!directory.names.includes(WORKBOOK_PART)) {
    const what = directory.names.includes("content.xml")
      ? "an OpenDocument file; save it as .xlsx or .csv"
      : "a ZIP archive but not an Excel workbook";
    throw new LedgerFileError("unsupported", `${filename} is ${what}.`);
  }
  if (directory.unpackedBytes > maxBytes) {
    throw new LedgerFileError(
      "too_large",
      `The workbook ${filename} unpacks to more than ${maxBytes} bytes.`,
    );
  }
}

function gridOf(worksheet: ExcelJS.Worksheet, maxColumns: number): Grid {
  const rows: CellValue[][] = [];
  const rowNumbers: number[] = [];
  const aggregateRows = new Set<number>();
  worksheet.eachRow((row, rowNumber) => {
    const cells: CellValue[] = [];
    let aggregate = false;
    row.eachCell((cell, column) => {
      if (column > maxColumns) {
        throw new LedgerFileError(
          "too_wide",
          `Sheet "${worksheet.name}" has data in column ${column}, more than ${maxColumns} columns.`,
        );
      }
      // A merged cell reads as its range's top-left value.
      const value = cellValueOf(cell.value);
      // Account numbers kept as numbers show their leading zeros through a "0000" format.
      const zeros =
        typeof value === "number" && ZERO_PADDED.test(cell.numFmt ?? "") ? cell.numFmt.length : 0;
      cells[column - 1] = zeros ? String(value).padStart(zeros, "0") : value;
      if (cell.type === ExcelJS.ValueType.Formula && AGGREGATE_FORMULA.test(cell.formula ?? "")) {
        aggregate = true;
      }
    });
    if (aggregate) aggregateRows.add(rows.length);
    rows.push(Array.from(cells, (cell) => cell ?? null));
    rowNumbers.push(rowNumber);
  });
  return { rows, rowNumbers, aggregateRows };
}

/** The workbook's worksheets as grids of typed cells, in workbook order. */
export async function readXlsx(
  data: Uint8Array,
  filename: string,
  limits: { maxColumns: number; maxBytes: number },
): Promise<XlsxSheet[]> {
  checkContainer(data, filename, limits.maxBytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; a copy of the bytes is one.
    await workbook.xlsx.load(data.slice().buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LedgerFileError("unreadable", `The workbook ${filename} is damaged: ${reason}`);
  }
  return workbook.worksheets.map((sheet) => ({
    name: sheet.name,
    hidden: sheet.state !== "visible",
    grid: gridOf(sheet, limits.maxColumns),
  }));
}
