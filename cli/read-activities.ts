/**
 * Reads activities from a JSON Lines or CSV file. CSV headers name Activity fields; dotted
 * headers (`inline_factor.co2e_kg`) fill nested objects and cells holding JSON (`[...]`)
 * are parsed, so every Activity can be written as a row.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import type { Activity } from "@offgridflow/engine";

/** A line or row that could not be read as an activity; reported like an engine row error. */
export interface Unreadable {
  id: string;
  error: { field: string; message: string };
}

export type Row = Activity | Unreadable;

export function isUnreadable(row: Row): row is Unreadable {
  return "error" in row;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function cellValue(text: string): unknown {
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) return JSON.parse(trimmed);
  return trimmed;
}

function fromCsvRecord(record: Record<string, string>, line: number): Row {
  const activity: Record<string, unknown> = {};
  for (const [header, text] of Object.entries(record)) {
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = header === "id" ? text.trim() : cellValue(text);
    } catch (error) {
      return {
        id: record.id || `row ${line}`,
        error: { field: header, message: `invalid JSON: ${(error as Error).message}` },
      };
    }
    const path = header.split(".");
    let target = activity;
    for (const part of path.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[path[path.length - 1] as string] = value;
  }
  return activity as unknown as Activity;
}

function readCsvActivities(text: string): Row[] {
  const records: Record<string, string>[] = parse(text, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  });
  return records.map((record, index) => fromCsvRecord(record, index + 2));
}

function readJsonLines(text: string): Row[] {
  const rows: Row[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      rows.push(JSON.parse(line) as Activity);
    } catch (error) {
      rows.push({
        id: `line ${index + 1}`,
        error: { field: "line", message: `invalid JSON: ${(error as Error).message}` },
      });
    }
  });
  return rows;
}

export function readActivities(path: string): Row[] {
  const text = readFileSync(path, "utf8");
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") return readCsvActivities(text);
  if (extension === ".jsonl" || extension === ".ndjson") return readJsonLines(text);
  throw new Error(`${path}: expected a .csv or .jsonl file`);
}
