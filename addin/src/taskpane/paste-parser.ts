/**
 * A ledger pasted into the plain page: tab-separated when copied from Excel, otherwise CSV with
 * a comma or a semicolon (European exports). Cells stay text, as displayed: the server reads
 * "1.234,56" and "01/02/2024" with the same number and date detection it uses for files.
 */
import { parse } from "csv-parse/browser/esm/sync";
import type { Cell } from "./api-types.ts";

/** Tab if the first line has one, else whichever of ; and , it has more of. */
export function sniffDelimiter(text: string): "\t" | ";" | "," {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  if (firstLine.includes("\t")) return "\t";
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

export function parseLedgerText(text: string): Cell[][] {
  const records = parse(text, {
    delimiter: sniffDelimiter(text),
    bom: true,
    // Ledgers are ragged: totals rows and notes have fewer cells than the header.
    relax_column_count: true,
    // A lone quote inside a cell (12" pipe) is text, not the start of a quoted field.
    relax_quotes: true,
    skip_empty_lines: true,
  });
  return records.map((record) => record.map((cell) => (cell.trim() === "" ? null : cell)));
}
