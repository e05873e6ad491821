import { z } from "zod";
import type { CellValue, Grid } from "./cells.ts";
import { LedgerFileError } from "./errors.ts";

/**
 * A range of cells as the Excel add-in sends it: rows of typed values, dates already as ISO
 * text (the add-in knows each cell's number format; a bare Excel serial number does not say
 * whether it is a date). Numbers stay numbers, so no decimal-separator guessing applies.
 */
export const CellRangeSchema = z
  .object({
    rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))).min(1),
  })
  .meta({ id: "CellRange" });
export type CellRange = z.infer<typeof CellRangeSchema>;

const SHAPE_HINT =
  'a JSON upload must be a cell range {"rows": [[cell, ...], ...]} with text, number, boolean or null cells (upload a ledger file as .csv or .xlsx)';

function cellOf(value: string | number | boolean | null): CellValue {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}

/** The grid of a cell range; header and body are found by the same rules as for files. */
export function gridOfCellRange(range: CellRange, maxColumns: number): Grid {
  const rows = range.rows.map((row, index) => {
    if (row.length > maxColumns) {
      throw new LedgerFileError(
        "too_wide",
        `Row ${index + 1} has ${row.length} cells, more than ${maxColumns} columns.`,
      );
    }
    return row.map(cellOf);
  });
  return { rows, rowNumbers: rows.map((_, index) => index + 1), aggregateRows: new Set() };
}

export function readCellRange(data: Uint8Array, filename: string, maxColumns: number): Grid {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(data));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LedgerFileError("unreadable", `${filename} is not valid JSON: ${reason}`);
  }
  const parsed = CellRangeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join(".")}: ${issue.message})` : "";
    throw new LedgerFileError("unsupported", `${filename}: ${SHAPE_HINT}${where}.`);
  }
  return gridOfCellRange(parsed.data, maxColumns);
}
