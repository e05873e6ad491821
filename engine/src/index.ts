/**
 * @offgridflow/engine: pure, deterministic GHG Protocol emissions engine.
 */
import type { Activity, EstimateOptions, Outcome } from "./contract.ts";
import { engine } from "./default-engine.ts";

export * from "./contract.ts";
export { CATEGORIES, scopeOf } from "./factor.ts";
export type {
  Category,
  FactorLibraryData,
  FactorRecord,
  GwpSetId,
  Scope,
  SourceRecord,
  Tier,
} from "./factor.ts";
export { Engine, ENGINE_VERSION } from "./engine.ts";
export { engine, factorSearch, library } from "./default-engine.ts";
export { FactorLibrary, type Factor, type LibraryStats } from "./library.ts";
export {
  describeFactor,
  FactorSearch,
  type FactorDescription,
  type SearchHit,
  type SearchQuery,
} from "./search.ts";
export {
  aggregate,
  type GroupKey,
  type Inventory,
  type InventoryOptions,
  type Period,
} from "./inventory.ts";
export { GWP_SETS, DEFAULT_GWP, isGwpSet, GwpTable } from "./gwp.ts";
export { MoneyConverter } from "./money.ts";
export { fnv1a64 } from "./fingerprint.ts";
export { findUnit, allUnits, type Dimension, type UnitDef } from "./units.ts";
export { regionChain, normaliseRegion, WORLD } from "./regions.ts";

/** Estimates one activity against the committed factor library. */
export function estimate(activity: Activity, options?: EstimateOptions): Outcome {
  return engine.estimate(activity, options);
}

/** Estimates many; a bad row gives that row's error and never stops the others. */
export function estimateBatch(
  activities: readonly Activity[],
  options?: EstimateOptions,
): Outcome[] {
  return engine.estimateBatch(activities, options);
}
