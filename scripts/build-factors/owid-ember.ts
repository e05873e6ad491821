/**
 * Country grid intensities, one factor per country and data year, from Our World in Data's
 * "Carbon intensity of electricity generation" (Ember and Energy Institute data;
 * ../shared/factors/SOURCES.md section 4).
 */
import { join } from "node:path";
import countries from "i18n-iso-countries";
import type { FactorRecord, SourceRecord } from "../../engine/src/factor.ts";
import type { SourceBuild } from "./builders.ts";
import { readCsv } from "./read-csv.ts";
import { cell, clean, finishFactors, requiredNum } from "./slug.ts";

const FILE = "owid-ember-grid-carbon-intensity/carbon-intensity-electricity.csv";
const VALUE = "Carbon intensity of electricity - gCO2/kWh";
const ID_PREFIX = "owid-ember-2025";
const G_PER_KG = 1000;

/** OWID's own codes start OWID_ (aggregates, Kosovo); of those only the world total is kept. */
const WORLD_CODE = "OWID_WRL";
const OWID_CODE_PREFIX = "OWID_";

const SOURCE: SourceRecord = {
  id: "owid-ember",
  name: "Carbon intensity of electricity generation (Our World in Data, from Ember and Energy Institute)",
  publisher: "Our World in Data; Ember; Energy Institute",
  edition: "2025",
  licence: "CC BY 4.0",
  citation:
    "Ember (2025); Energy Institute – Statistical Review of World Energy (2024) – with major processing by Our World in Data; carbon-intensity-electricity.csv",
};

/** ISO alpha-2 region for an OWID code, "WORLD" for the world, undefined for groupings. */
function regionOf(code: string): string | undefined {
  if (code === WORLD_CODE) return "WORLD";
  if (code === "" || code.startsWith(OWID_CODE_PREFIX)) return undefined;
  const alpha2 = countries.alpha3ToAlpha2(code);
  if (!alpha2) throw new Error(`no ISO 3166 alpha-2 code for ${code}`);
  return alpha2;
}

export function buildOwidEmber(shared: string): SourceBuild {
  const factors = readCsv(join(shared, FILE)).flatMap((row): FactorRecord[] => {
    const code = cell(row, "Code");
    const region = regionOf(code);
    if (region === undefined) return [];
    const entity = cell(row, "Entity");
    const year = requiredNum(row, "Year");
    // Ember states no GWP set for its CO2e, so the value is carried as unsplit CO2e.
    const kgPerKwh = clean(requiredNum(row, VALUE) / G_PER_KG);
    return [
      {
        id: `${ID_PREFIX}:electricity.grid.${region.toLowerCase()}.${year}`,
        activity: "electricity.grid",
        name: `Carbon intensity of electricity generation, ${entity}: life-cycle CO2e of generation (not combustion-only)`,
        source: SOURCE.id,
        region,
        year,
        unit: "kWh",
        scope: 2,
        category: "purchased_electricity",
        tier: region === "WORLD" ? "global" : "national",
        gases: {},
        co2e: kgPerKwh,
        co2e_unsplit: kgPerKwh,
        ref: `carbon-intensity-electricity.csv, Entity "${entity}" (${code}), Year ${year}`,
      },
    ];
  });
  return { source: SOURCE, factors: finishFactors(factors) };
}
