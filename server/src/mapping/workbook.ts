/**
 * The `map` workbook: the ledger's original columns, then what OffGridFlow made of each row, and
 * a summary sheet by scope and category with location- and market-based totals.
 */
import { aggregate, isRowError, type Result } from "@offgridflow/engine";
import ExcelJS from "exceljs";
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
    if (result) results.push(result);
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

  const summary = workbook.addWorksheet("Summary");
  const title = summary.addRow([
    "scope",
    "category",
    "rows",
    "kg CO2e (location-based)",
    "kg CO2e (market-based)",
  ]);
  title.font = { bold: true };
  title.commit();
  const inventory = aggregate(results, { groupBy: ["scope", "category"] });
  for (const group of inventory.groups) {
    summary
      .addRow([
        group.key.scope,
        group.key.category,
        group.results,
        group.location_kg,
        group.market_kg,
      ])
      .commit();
  }
  summary
    .addRow([
      "total",
      null,
      inventory.results,
      inventory.totals.total_location_kg,
      inventory.totals.total_market_kg,
    ])
    .commit();
  const waiting = rows.filter(({ mapped }) => mapped.status === "needs_review").length;
  summary.addRow([]).commit();
  summary.addRow(["rows waiting for review", null, waiting]).commit();
  summary.commit();
  await workbook.commit();
}
