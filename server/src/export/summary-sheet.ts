import { aggregate, type Result } from "@offgridflow/engine";
import type ExcelJS from "exceljs";

/**
 * Adds the summary sheet every OffGridFlow workbook ends with: kg CO2e by scope and category,
 * location- and market-based side by side, and a total. Returns the sheet for extra lines.
 */
export function addSummarySheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  results: Result[],
): ExcelJS.Worksheet {
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
  return summary;
}
