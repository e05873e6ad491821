/**
 * The one contract every part speaks (DESIGN.md §2): Activity in, Result (or RowError) out.
 */
import type { Category, GwpSetId, Scope, Tier } from "./factor.ts";

/** A supplier-specific factor given with the activity (per unit of `unit`). */
export interface InlineFactor {
  unit: string;
  co2_kg?: number;
  ch4_kg?: number;
  n2o_kg?: number;
  /** Other gases by IPCC species name (HFC134a, SF6, ...), kg per unit. */
  gases?: Record<string, number>;
  /** kg CO2e per unit when the supplier publishes only CO2e; used as is under every GWP set. */
  co2e_kg?: number | null;
  source: string;
}

/** Contractual instruments for market-based Scope 2 (GHG Protocol Scope 2 Guidance, Table 6.3). */
export type Instrument =
  | {
      /** Energy attribute certificate (GO, REC, I-REC) or a PPA with its certificates. */
      type: "eac";
      quantity: number;
      unit: string;
      /** kg CO2e per kWh of the certified generation; 0 for renewables. */
      co2e_kg_per_kwh?: number;
      source: string;
      region?: string;
      year?: number;
    }
  | { type: "supplier_rate"; co2e_kg_per_kwh: number; source: string }
  | { type: "residual_mix"; co2e_kg_per_kwh: number; source: string };

export interface Activity {
  id?: string | number;
  /** Activity key (`fuel.natural_gas`), or ... */
  activity?: string;
  /** ... an explicit factor id, or ... */
  factor?: string;
  /** ... a supplier-specific factor. */
  inline_factor?: InlineFactor;
  quantity: number;
  unit?: string;
  region?: string;
  year?: number;
  scope2_method?: "location" | "market";
  /** Spend activities: ISO 4217 currency of `quantity`. */
  currency?: string;
  /** Overrides the factor's category where use decides (diesel in a truck is mobile combustion). */
  category?: Category;
  instruments?: Instrument[];
  /** Energy-unit quantities: whether kWh/MJ are on gross (HHV) or net (LHV) calorific value. */
  heating_basis?: "HHV" | "LHV";
  heating_value?: { value: number; energy_unit: string; per_unit: string; basis: "HHV" | "LHV" };
  density?: { value: number; mass_unit: string; per_unit: string };
  /** For inventory aggregation. */
  entity?: string;
  site?: string;
  /** ISO date (YYYY-MM-DD) or month (YYYY-MM) of the activity. */
  date?: string;
}

export interface FactorProvenance {
  id: string;
  activity: string;
  name: string;
  source: string;
  edition: string;
  publisher: string;
  region: string;
  year: number;
  unit: string;
  /** Per unit, in kg: gas masses and the CO2e on the request's GWP set. */
  values: Readonly<Record<string, number>>;
  licence: string;
  ref: string;
}

export interface Scope2Dual {
  location_co2e_kg: number;
  market_co2e_kg: number;
  /** How the market figure was reached, in the Scope 2 Guidance hierarchy. */
  market_basis: readonly string[];
}

export interface Result {
  id: string | null;
  co2e_kg: number;
  gases: Record<string, number>;
  gwp: GwpSetId;
  scope: Scope;
  category: Category;
  method: "activity" | "spend" | "supplier" | "location" | "market";
  tier: Tier;
  factor: FactorProvenance;
  /** Immutable, and shared between results that took the same path. */
  conversions: readonly string[];
  fallbacks: readonly string[];
  warnings: readonly string[];
  /** Biogenic CO2, reported outside the scopes (GHG Protocol Corporate Standard, ch. 9). */
  biogenic_co2_kg?: number;
  scope2?: Scope2Dual;
  entity?: string;
  site?: string;
  date?: string;
  engine: string;
  /** FNV-1a 64 of the canonical computation (see fingerprint.ts). */
  fingerprint: string;
}

export interface RowError {
  id: string | null;
  error: { field: string; message: string };
}

export type Outcome = Result | RowError;

export function isRowError(outcome: Outcome): outcome is RowError {
  return "error" in outcome;
}

export interface EstimateOptions {
  gwp?: GwpSetId;
  /** Pin a source to an edition, e.g. `{ desnz: "2025" }`: other editions are not eligible. */
  editions?: Record<string, string>;
  /** Factor precedence; tiers left out are never used. */
  precedence?: Tier[];
  /** Source preference among factors of the same tier and region. */
  sources?: string[];
  /** Index used to move spend between price years. */
  price_index?: "gdp-deflator" | "cpi-u";
  /** Use a factor of another region when the region chain (subregion, country, WORLD) has none. */
  proxy_regions?: boolean;
}

export const DEFAULT_PRECEDENCE: readonly Tier[] = [
  "supplier",
  "subregion",
  "national",
  "global",
  "spend",
];

/** Official national inventories' own publishers first, then global compilations. */
export const DEFAULT_SOURCE_PREFERENCE: readonly string[] = [
  "epa-hub",
  "desnz",
  "useeio",
  "owid-ember",
];
