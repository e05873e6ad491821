/**
 * A small library for behaviour tests, built through the same constructors as the real one.
 * Factor values are round test numbers (not published factors) so the expected arithmetic is
 * visible in each test; GWPs are the real IPCC values (AR4 Table 2.14, AR5 Table 8.A.1,
 * AR6 WG1 Table 7.SM.7 and Table 7.15 for the CH4 split).
 */
import { Engine } from "../src/engine.ts";
import type { FactorRecord, SourceRecord } from "../src/factor.ts";
import { GwpTable } from "../src/gwp.ts";
import { FactorLibrary } from "../src/library.ts";
import { MoneyConverter } from "../src/money.ts";

const source = (id: string, edition: string): SourceRecord => ({
  id,
  name: `Test source ${id}`,
  publisher: "test",
  edition,
  licence: "test data",
  citation: "engine/test/fixture-library.ts",
});

const base = {
  scope: 1,
  category: "stationary_combustion",
  tier: "national",
  ref: "fixture",
} as const;

export const FIXTURE_FACTORS: FactorRecord[] = [
  // A fuel per mmBtu (HHV) with a heating value of 0.1 mmBtu per gal.
  {
    ...base,
    id: "a-2025:fuel",
    activity: "fuel.test",
    name: "Test fuel",
    source: "a",
    region: "US",
    year: 2025,
    unit: "mmBtu",
    energy_basis: "HHV",
    gases: { CO2: 50, CH4: 0.001, N2O: 0.0001 },
    ch4_origin: "fossil",
    heating_value: { value: 0.1, energy_unit: "mmBtu", per_unit: "gal", basis: "HHV" },
  },
  // The same fuel from a second source in GB, published per kWh net and gross.
  {
    ...base,
    id: "b-2025:fuel-gross",
    activity: "fuel.test",
    name: "Test fuel gross",
    source: "b",
    region: "GB",
    year: 2025,
    unit: "kWh",
    energy_basis: "HHV",
    gases: { CO2: 0.2 },
    co2e: 0.2,
    co2e_gwp: "AR5",
  },
  {
    ...base,
    id: "b-2025:fuel-net",
    activity: "fuel.test",
    name: "Test fuel net",
    source: "b",
    region: "GB",
    year: 2025,
    unit: "kWh",
    energy_basis: "LHV",
    gases: { CO2: 0.22 },
    co2e: 0.22,
    co2e_gwp: "AR5",
  },
  // Grid electricity: subregion, national, world, several years.
  ...[
    ["US-AAAA", "subregion", 2023, 0.4],
    ["US", "national", 2023, 0.5],
    ["DE", "national", 2023, 0.35],
    ["WORLD", "global", 2020, 0.6],
    ["WORLD", "global", 2024, 0.45],
  ].map(([region, tier, year, co2]) => ({
    ...base,
    scope: 2 as const,
    category: "purchased_electricity" as const,
    tier: tier as "national",
    id: `a-2025:grid-${String(region).toLowerCase()}-${year}`,
    activity: "electricity.grid",
    name: `Grid ${region} ${year}`,
    source: "a",
    region: region as string,
    year: year as number,
    unit: "kWh",
    gases: { CO2: co2 as number },
  })),
  // A blend refrigerant: 50% HFC-32 + 50% HFC-125 by mass (the R-410A composition).
  {
    ...base,
    category: "fugitive",
    tier: "global",
    id: "a-2025:r410a",
    activity: "refrigerant.r410a",
    name: "R-410A",
    source: "a",
    region: "WORLD",
    year: 2025,
    unit: "kg",
    gases: { HFC32: 0.5, HFC125: 0.5 },
  },
  // Waste published only as AR4 CO2e.
  {
    ...base,
    scope: 3,
    category: "3.5",
    id: "a-2025:waste",
    activity: "waste.landfill",
    name: "Landfill",
    source: "a",
    region: "US",
    year: 2025,
    unit: "t",
    gases: {},
    co2e: 500,
    co2e_gwp: "AR4",
    co2e_unsplit: 500,
  },
  // A spend factor in 2022 USD.
  {
    ...base,
    scope: 3,
    category: "3.1",
    tier: "spend",
    id: "c-1:naics-1",
    activity: "spend.naics.111111",
    name: "Spend",
    source: "c",
    region: "US",
    year: 2022,
    price_year: 2022,
    unit: "USD",
    gases: { CO2: 0.3 },
  },
];

export const FIXTURE_GWP = {
  source: { name: "IPCC", publisher: "IPCC", licence: "test", citation: "IPCC AR4/AR5/AR6" },
  sets: {
    AR4: { CO2: 1, CH4: 25, N2O: 298, HFC32: 675, HFC125: 3500 },
    AR5: { CO2: 1, CH4: 28, N2O: 265, HFC32: 677, HFC125: 3170 },
    AR6: { CO2: 1, CH4: 27.9, N2O: 273, HFC32: 771, HFC125: 3740 },
  },
  ch4: { AR6: { fossil: 29.8, non_fossil: 27.0, citation: "IPCC AR6 WG1 Table 7.15" } },
  blends: {},
};

// Round test rates: 0.8 EUR per USD in 2024, 0.9 in 2022; price index 100 (2022) and 125 (2024).
export const FIXTURE_FX = {
  base: "USD" as const,
  sources: { t: { name: "Test FX", publisher: "test", edition: "1", licence: "test" } },
  rates: {
    EUR: {
      "2022": { rate: 0.9, source: "t", ref: "EUR 2022" },
      "2024": { rate: 0.8, source: "t", ref: "EUR 2024" },
    },
  },
};
export const FIXTURE_PRICES = {
  series: {
    "gdp-deflator": {
      name: "Test deflator",
      base: "2022=100",
      values: { "2022": 100, "2024": 125 },
    },
    "cpi-u": { name: "Test CPI", base: "2022=100", values: { "2022": 100, "2023": 110 } },
  },
};

export function fixtureEngine(): Engine {
  return new Engine(
    new FactorLibrary({
      sources: [source("a", "2025"), source("b", "2025"), source("c", "1")],
      factors: FIXTURE_FACTORS,
    }),
    new GwpTable(FIXTURE_GWP),
    new MoneyConverter(FIXTURE_FX, FIXTURE_PRICES),
  );
}
