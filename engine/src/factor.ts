/**
 * The factor model: what the build script writes to `engine/data/` and the engine reads.
 * One record per published factor (per published unit), with its provenance.
 */

export type Scope = 1 | 2 | 3;

/** GHG Protocol categories, one vocabulary everywhere (DESIGN.md §2). */
export const CATEGORIES = [
  "stationary_combustion",
  "mobile_combustion",
  "fugitive",
  "process",
  "purchased_electricity",
  "purchased_heat_steam_cooling",
  "3.1",
  "3.2",
  "3.3",
  "3.4",
  "3.5",
  "3.6",
  "3.7",
  "3.8",
  "3.9",
  "3.10",
  "3.11",
  "3.12",
  "3.13",
  "3.14",
  "3.15",
  "not_emissions",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Scope follows from the category (DESIGN.md §2 vocabulary); not_emissions has none. */
export function scopeOf(category: Category): Scope | undefined {
  if (category === "not_emissions") return undefined;
  if (category.startsWith("3.")) return 3;
  return category === "purchased_electricity" || category === "purchased_heat_steam_cooling"
    ? 2
    : 1;
}

export type GwpSetId = "AR4" | "AR5" | "AR6";

/** Where a factor sits in the default precedence (supplier > subregion > national > global > spend). */
export type Tier = "supplier" | "subregion" | "national" | "global" | "spend";

/** Energy content of one physical unit, e.g. 0.138 mmBtu per gal (HHV). */
export interface HeatingValue {
  value: number;
  energy_unit: string;
  per_unit: string;
  basis: "HHV" | "LHV";
}

/** Mass of one volume unit, e.g. 0.835 kg per L. */
export interface Density {
  value: number;
  mass_unit: string;
  per_unit: string;
}

export interface FactorRecord {
  /** Stable, readable: `<source>-<edition>:<slug>`. */
  id: string;
  /** Source-independent activity key, e.g. `fuel.natural_gas`, `spend.naics.484121`. */
  activity: string;
  /** Label as the publisher wrote it. */
  name: string;
  /** Key into the sources table (`sources.json`). */
  source: string;
  region: string;
  /** Year the factor applies to (data year; for annual publications the edition year). */
  year: number;
  /** Denominator unit id from `units.ts`, or an ISO 4217 code for spend factors. */
  unit: string;
  /** Energy-denominated fuel factors: the heating-value basis of the energy unit. */
  energy_basis?: "HHV" | "LHV";
  /** Spend factors: the price year of the currency unit (e.g. 2022 USD). */
  price_year?: number;
  scope: Scope;
  category: Category;
  tier: Tier;
  /** Gas masses in kg per unit, keyed by IPCC species name as in `gwp.json` (CO2, CH4, N2O, HFC134a, ...). */
  gases: Record<string, number>;
  /** kg CO2e per unit as published, where the publisher gives one, on `co2e_gwp`. */
  co2e?: number;
  /** GWP set of the published CO2e. */
  co2e_gwp?: GwpSetId;
  /** kg CO2e per unit that is published only as CO2e (no gas split), included in every GWP set as is. */
  co2e_unsplit?: number;
  /** AR6 distinguishes fossil and non-fossil CH4. */
  ch4_origin?: "fossil" | "non_fossil";
  /** kg CO2 of biogenic origin per unit, reported outside the scopes. */
  biogenic_co2?: number;
  heating_value?: HeatingValue;
  density?: Density;
  /** Where in the source: table and row, e.g. `Table 1, row "Natural Gas"`. */
  ref: string;
}

export interface SourceRecord {
  /** Short key used by factor ids and edition pins, e.g. `epa-hub`, `desnz`. */
  id: string;
  name: string;
  publisher: string;
  edition: string;
  licence: string;
  /** File(s) the factors were built from and how they were verified (see ../shared/factors/SOURCES.md). */
  citation: string;
}

export interface FactorLibraryData {
  sources: SourceRecord[];
  factors: FactorRecord[];
}
