/**
 * How a row's calculation is stored: the engine input, the factor id and the fingerprint, not the
 * full Result. A USEEIO Result carries 17 gases and its provenance (~1.5 KB of JSON), which made
 * storing a 100,000-row ledger take minutes; the engine is deterministic, so the Result is
 * rebuilt on reading and its fingerprint proves it is the one computed at import.
 */
import {
  estimate,
  isRowError,
  type Activity,
  type Outcome,
  type Result,
} from "@offgridflow/engine";
import { z } from "zod";
import type { MappedRow } from "./map-ledger.ts";

export const StoredResultSchema = z.object({
  /** The engine input exactly as estimated. */
  activity: z.record(z.string(), z.unknown()),
  factor: z.string(),
  fingerprint: z.string(),
});

export type StoredResult = z.infer<typeof StoredResultSchema>;

export function storeResult(activity: Activity, result: Result): StoredResult {
  return {
    activity: activity as unknown as Record<string, unknown>,
    factor: result.factor.id,
    fingerprint: result.fingerprint,
  };
}

/**
 * The Result again, from the stored input. When the factor library or the engine has changed
 * since, the recomputed figure differs: it is returned with a warning that says so, never
 * silently passed off as the figure computed at import.
 */
export function rebuildResult(stored: unknown): Outcome | null {
  const parsed = StoredResultSchema.safeParse(stored);
  if (!parsed.success) return null;
  const outcome = estimate(parsed.data.activity as unknown as Activity);
  if (isRowError(outcome) || outcome.fingerprint === parsed.data.fingerprint) return outcome;
  return {
    ...outcome,
    warnings: [
      ...outcome.warnings,
      `recomputed: the stored calculation (factor ${parsed.data.factor}, fingerprint ${parsed.data.fingerprint}) no longer matches the factor library`,
    ],
  };
}

/** Rebuilt Results of stored rows, skipping rows without one. */
export function rebuildResults(rows: readonly { result: unknown }[]): Result[] {
  const results: Result[] = [];
  for (const row of rows) {
    const outcome = row.result === null ? null : rebuildResult(row.result);
    if (outcome && !isRowError(outcome)) results.push(outcome);
  }
  return results;
}

/** The columns a mapped row is stored with (the mapping is its proposal and the estimate note). */
export function storedRow(row: MappedRow) {
  const result = row.outcome && !isRowError(row.outcome) ? row.outcome : undefined;
  return {
    status: row.status === "auto" ? "estimated" : "needs_review",
    pattern: row.pattern,
    mapping: { ...row.proposal, note: row.note },
    result: result && row.activityInput ? storeResult(row.activityInput, result) : null,
    co2e_kg: result?.co2e_kg ?? null,
    scope: row.scope,
    category: row.category,
  };
}

/** kg CO2e by scope and rows by status, for the calculation run's record. */
export function runTotals(rows: Iterable<MappedRow>) {
  const kg = { scope1: 0, scope2_location: 0, scope3: 0 };
  const status = { auto: 0, needs_review: 0 };
  for (const row of rows) {
    status[row.status]++;
    if (row.status !== "auto" || row.co2e_kg === null) continue;
    if (row.scope === 1) kg.scope1 += row.co2e_kg;
    else if (row.scope === 2) kg.scope2_location += row.co2e_kg;
    else if (row.scope === 3) kg.scope3 += row.co2e_kg;
  }
  return { kg_co2e: kg, rows: status };
}
