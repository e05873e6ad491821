/**
 * The parts of the server's answers that the worksheet functions read. Declared here rather than
 * imported from the engine so that the add-in bundle stays a thin HTTP client (DESIGN.md §1);
 * the tests against the real server check that these shapes hold.
 */

/** An Activity as POST /v1/estimate/batch takes it, with the year always given (see service). */
export interface ActivityRow {
  activity: string;
  quantity: number;
  unit: string | undefined;
  region: string | undefined;
  year: number;
}

/** One row's error, in the place of its result. */
export interface RowError {
  error: { field: string; message: string };
}

/** The fields of an engine Result that cells show. */
export interface EstimateResult {
  co2e_kg: number;
  /** Per-gas kg keyed co2_kg, ch4_kg, n2o_kg (or other species); empty for CO2e-only factors. */
  gases: Record<string, number>;
  factor: { id: string; source: string; edition: string };
  fallbacks: readonly string[];
}

export interface EstimateBatchResponse {
  results: (EstimateResult | RowError)[];
}

/** A ledger line as POST /v1/map/batch takes it. */
export interface MapRow {
  description: string;
  amount: number | undefined;
  currency: string | undefined;
  vendor: string | undefined;
  account: string | undefined;
}

export interface MapResult {
  category: string;
  activity: string | null;
  factor_id: string | null;
  confidence: number;
}

export interface MapBatchResponse {
  results: (MapResult | RowError)[];
}

/** A factor as GET /v1/factors describes it. */
export interface FactorHit {
  id: string;
  name: string;
  unit: string;
  source: string;
  edition: string;
  values: { co2e_kg: number | null };
}

export interface FactorSearchResponse {
  factors: FactorHit[];
}

export function isRowError(outcome: object): outcome is RowError {
  return "error" in outcome;
}
