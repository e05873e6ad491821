import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

/** Reads a CSV file into records keyed by header, after skipping `skipLines` preamble lines. */
export function readCsv(path: string, skipLines = 0): Record<string, string>[] {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const body = skipLines > 0 ? text.split(/\r?\n/).slice(skipLines).join("\n") : text;
  return parse(body, {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });
}

/** A published number, or undefined for an empty or `NA` cell (never 0: blank is not zero). */
export function num(cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  const text = cell.trim();
  if (text === "" || text === "NA" || text === "N/A") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`not a number: ${JSON.stringify(cell)}`);
  return value;
}
