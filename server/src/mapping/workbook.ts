/**
 * The `map` workbook: the ledger's original columns, then what OffGridFlow made of each row, and
 * a summary sheet by scope and category with location- and market-based totals.
 */
import { isRowError, type Result } from "@offgridflow/engine";
import ExcelJS from "exceljs";
import { addSummarySheet } from "../export/summary-sheet.ts";
import type { ParsedRow } from "../ledger/index.ts";
import type { MappedRow } from "./map-ledger.ts";

const MAPPING_COLUMNS = [
  "scope",
  "category",
  "activity",
  "factor id",
  "factor source",
  "kg CO2e",
  "confidence",
  "status",
  "method",
  "reason",
  "note",
];

export async function writeMappedWorkbook(
  path: string,
  columns: string[],
  rows: { parsed: ParsedRow; mapped: MappedRow }[],
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const sheet = workbook.addWorksheet("Ledger");
  const header = sheet.addRow([...columns, ...MAPPING_COLUMNS]);
  header.font = { bold: true };
  header.commit();
  const results: Result[] = [];
  for (const { parsed, mapped } of rows) {
    const result = mapped.outcome && !isRowError(mapped.outcome) ? mapped.outcome : undefined;
    // Rows waiting for a person are not in the totals until someone decides them.
    if (result && mapped.status === "auto") results.push(result);
    const row = sheet.addRow([
      ...columns.map((column) => parsed.raw[column] ?? null),
      mapped.scope,
      mapped.category,
      mapped.activity,
      mapped.factor,
      result ? `${result.factor.source} ${result.factor.edition}` : null,
      mapped.co2e_kg,
      mapped.confidence,
      mapped.status,
      mapped.method,
      mapped.reason,
      mapped.note,
    ]);
    // Rows waiting for a person stand out.
    if (mapped.status === "needs_review")
      row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
    row.commit();
  }
  sheet.commit();

  const summary = addSummarySheet(workbook, results);
  const waiting = rows.filter(({ mapped }) => mapped.status === "needs_review").length;
  summary.addRow([]).commit();
  summary.addRow(["rows waiting for review", null, waiting]).commit();
  summary.commit();
  await workbook.commit();
}
