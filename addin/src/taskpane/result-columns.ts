/**
 * The seven result columns written beside a ledger, in the sheet and in the page's table alike,
 * so both show the same thing for the same row.
 */
import { scopeOf } from "../../../engine/src/factor.ts";
import type { Cell, LedgerRow, RowStatus } from "./api-types.ts";

export const RESULT_HEADERS = [
  "Scope",
  "Category",
  "Activity",
  "Factor id",
  "kg CO2e",
  "Confidence",
  "Status",
] as const;

/** Excel number formats per column: text columns are "@" so that category 3.10 stays "3.10". */
export const RESULT_NUMBER_FORMATS = ["0", "@", "@", "@", "#,##0.00", "0.00", "@"] as const;

export type Highlight = "review" | "error" | null;

/** Fills people already read in Excel: its "Neutral" amber and "Bad" red cell styles. */
export const HIGHLIGHT_FILL: Record<Exclude<Highlight, null>, string> = {
  review: "#FFEB9C",
  error: "#FFC7CE",
};

export function highlightOf(status: RowStatus): Highlight {
  if (status === "needs_review") return "review";
  if (status === "error") return "error";
  return null;
}

/** Status words as a person reads them; the server's codes stay in its API. */
const STATUS_WORDS: Record<RowStatus, string> = {
  estimated: "estimated",
  needs_review: "needs review",
  error: "error",
  parsed: "not mapped",
  rejected: "rejected",
};

export function resultCells(row: LedgerRow): Cell[] {
  const { mapping, result } = row;
  // A row waiting for review has no result yet, but its proposed category already has a scope.
  const scope = result?.scope ?? (mapping ? (scopeOf(mapping.category) ?? null) : null);
  return [
    scope,
    result?.category ?? mapping?.category ?? null,
    mapping?.activity ?? null,
    result?.factor.id ?? null,
    result?.co2e_kg ?? null,
    mapping?.confidence ?? null,
    statusText(row),
  ];
}

/** The status, and for a row the server could not read, why: the person fixes the cell. */
function statusText(row: LedgerRow): string {
  const error = row.errors?.[0];
  return error
    ? `${STATUS_WORDS[row.status]}: ${error.field}: ${error.message}`
    : STATUS_WORDS[row.status];
}

/** What changed for a person looking at the columns: the cells or the highlight. */
export function sameResult(a: LedgerRow, b: LedgerRow): boolean {
  const cellsOfB = resultCells(b);
  return a.status === b.status && resultCells(a).every((cell, i) => cell === cellsOfB[i]);
}
