import { parse } from "csv-parse/sync";
import type { Grid } from "./cells.ts";
import { scanRecordWidths } from "./csv-scan.ts";
import { LedgerFileError } from "./errors.ts";
import type { TextEncoding } from "./schema.ts";
import { decodeText, sniffDelimiter } from "./sniff.ts";

export interface CsvTable {
  grid: Grid;
  encoding: TextEncoding;
  delimiter: string;
}

/** Refuses a record wider than `maxColumns` before csv-parse would build all of its fields. */
function checkWidth(text: string, delimiter: string, maxColumns: number): void {
  scanRecordWidths(text, delimiter, text.length, maxColumns, (record, width) => {
    if (width <= maxColumns) return true;
    throw new LedgerFileError(
      "too_wide",
      `Row ${record} has more than ${maxColumns} columns; a ledger export has far fewer.`,
    );
  });
}

/** Decodes, sniffs and parses a CSV upload into text cells. */
export function readCsv(data: Uint8Array, maxColumns: number): CsvTable {
  const decoded = decodeText(data);
  const { encoding } = decoded;
  // A stray NUL (damaged exports have them) cannot be stored as text in Postgres; it carries
  // nothing, so it goes before anything reads the cells.
  const nul = decoded.text.includes("\u0000");
  const text = nul ? decoded.text.replaceAll("\u0000", "") : decoded.text;
  if (text.trim() === "") throw new LedgerFileError("empty", "The file is empty (0 rows).");
  const delimiter = sniffDelimiter(text);
  checkWidth(text, delimiter, maxColumns);
  let rows: string[][];
  try {
    // csv-parse works on bytes: UTF-8 input is handed over as is, saving a re-encoding.
    const input =
      encoding === "utf-8" && !nul
        ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
        : text;
    rows = parse(input, {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LedgerFileError("unreadable", `The CSV file is damaged: ${reason}`);
  }
  return {
    grid: { rows, rowNumbers: rows.map((_, i) => i + 1), aggregateRows: new Set() },
    encoding,
    delimiter,
  };
}
