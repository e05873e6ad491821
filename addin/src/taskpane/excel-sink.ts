/** Results beside the ledger in the sheet, through the real Excel.run. */
import { writeResults, type ExcelRun, type Placement } from "./excel-writer.ts";
import type { ResultsSink } from "./session.ts";

export const excelRun: ExcelRun = (batch) => Excel.run(batch);

export function sheetSink(placement: Placement): ResultsSink {
  return {
    write: (rows, headerRow, onProgress) =>
      writeResults(excelRun, placement, rows, { headerRow, onProgress }),
    update: (rows) => writeResults(excelRun, placement, rows),
  };
}
