/**
 * The GWP table the engine converts gas masses with (engine/data/gwp.json): IPCC GWP100 sets
 * from the openclimatedata table, the AR6 fossil/non-fossil CH4 split, and refrigerant blend
 * compositions from EPA GHG Emission Factors Hub 2025, Table 12.
 */
import { join } from "node:path";
import type { GwpSetId } from "../../engine/src/factor.ts";
import type { GwpData } from "../../engine/src/gwp.ts";
import { num, readCsv } from "./read-csv.ts";
import { cell, requiredNum } from "./slug.ts";

const IPCC_FILE = "ipcc-gwp/globalwarmingpotentials.csv";
const IPCC_COMMENT_LINES = 10;
const EPA_GASES_FILE = "epa-ghg-emission-factors-hub/derived/table11_gwp_ar5_100yr.csv";
const EPA_BLENDS_FILE =
  "epa-ghg-emission-factors-hub/derived/table12_gwp_blended_refrigerants_ar5_100yr.csv";

/** Plain GWP100 columns; AR5CCFGWP100 (with climate-carbon feedbacks) is not what inventories use. */
const SET_COLUMNS: Record<GwpSetId, string> = {
  AR4: "AR4GWP100",
  AR5: "AR5GWP100",
  AR6: "AR6GWP100",
};

/**
 * AR6 gives fossil CH4 a higher GWP because its carbon ends up as new atmospheric CO2. The split is
 * not in the IPCC csv (SOURCES.md section 5), so it is written here from the cited table.
 */
const AR6_CH4 = { fossil: 29.8, non_fossil: 27.0, citation: "IPCC AR6 WG1 Chapter 7, Table 7.15" };

const BLEND_CITATION = "EPA GHG Emission Factors Hub 2025, Table 12";

/** Hydrocarbon blend components: the IPCC table has no row for them, so they keep their EPA name. */
const HYDROCARBONS = new Set(["propane", "propylene", "butane", "isobutane", "isopentane"]);

/** Components without a GWP in a set: the engine warns that they count as zero there. */
export type MissingGwp = Partial<Record<GwpSetId, string[]>>;

export interface BlendComposition {
  /** Mass fraction of each component, keyed by IPCC species name; sums to 1. */
  components: Record<string, number>;
  citation: string;
  missing_gwp?: MissingGwp;
}

/** engine/data/gwp.json: what the engine reads (GwpData), plus the blends' missing GWPs. */
export interface GwpFile extends GwpData {
  blends: Record<string, BlendComposition>;
}

/** A pure gas of EPA Hub Table 11 (the gases the GHG Protocol covers). */
export interface EpaGas {
  name: string;
  formula: string;
  /** IPCC species key, e.g. HFC134a, SF6, CF4. */
  key: string;
  gwpAr5: number;
}

/** A refrigerant blend of EPA Hub Table 12. */
export interface EpaBlend {
  /** As published, e.g. R-410A. */
  ashrae: string;
  /** R410A: ASHRAE number without hyphen, upper case. */
  key: string;
  /** EPA's AR5 GWP, which counts only the HFC and PFC components (Table 12 source note). */
  gwpAr5: number;
  composition: string;
  components: Record<string, number>;
}

/** The IPCC table's compact species names drop hyphens: HFC-134a → HFC134a, c-C4F8 → cC4F8. */
export function compactSpecies(name: string): string {
  return name.replace(/-/g, "");
}

/** Table 11 keys HFCs by name; PFCs, SF6, NF3 and CO2/CH4/N2O by formula, as the IPCC table does. */
export function readEpaGases(shared: string): EpaGas[] {
  return readCsv(join(shared, EPA_GASES_FILE)).map((row) => {
    const name = cell(row, "gas");
    const formula = cell(row, "chemical_formula");
    return {
      name,
      formula,
      key: compactSpecies(name.startsWith("HFC-") ? name : formula),
      gwpAr5: requiredNum(row, "gwp_100yr_ar5"),
    };
  });
}

export function readEpaBlends(shared: string): EpaBlend[] {
  const keyOf = new Map(readEpaGases(shared).map((gas) => [gas.name, gas.key]));
  return readCsv(join(shared, EPA_BLENDS_FILE)).map((row) => {
    const ashrae = cell(row, "ashrae_number");
    const composition = cell(row, "blend_composition");
    return {
      ashrae,
      key: ashrae.replace(/-/g, "").toUpperCase(),
      gwpAr5: requiredNum(row, "gwp_100yr_ar5"),
      composition,
      components: parseComposition(composition, keyOf),
    };
  });
}

/** "53% HCFC-22 , 34% HCFC-124 , 13% HFC-152a" → { HCFC22: 0.53, HCFC124: 0.34, HFC152a: 0.13 }. */
function parseComposition(text: string, keyOf: Map<string, string>): Record<string, number> {
  const components: Record<string, number> = {};
  for (const part of text.split(",")) {
    const match = /^\s*(\d+(?:\.\d+)?)%\s+(\S.*?)\s*$/.exec(part);
    if (!match?.[1] || !match[2])
      throw new Error(`unreadable blend component ${JSON.stringify(part)}`);
    const key = componentKey(match[2], keyOf);
    if (key in components) throw new Error(`${key} listed twice in ${JSON.stringify(text)}`);
    components[key] = Number(match[1]) / 100;
  }
  const total = Object.values(components).reduce((sum, fraction) => sum + fraction, 0);
  if (Math.abs(total - 1) > 0.001)
    throw new Error(`fractions of ${JSON.stringify(text)} sum to ${total}`);
  return components;
}

/** Table 12 names HFCs and PFCs as Table 11 does; HCFCs are not in Table 11 (not GHG Protocol gases). */
function componentKey(name: string, keyOf: Map<string, string>): string {
  const known = keyOf.get(name);
  if (known) return known;
  if (name.startsWith("HCFC-")) return compactSpecies(name);
  if (HYDROCARBONS.has(name)) return name;
  throw new Error(`unknown blend component ${JSON.stringify(name)}`);
}

function readSets(shared: string): Record<GwpSetId, Record<string, number>> {
  const rows = readCsv(join(shared, IPCC_FILE), IPCC_COMMENT_LINES);
  const set = (column: string): Record<string, number> => {
    // CO2 has no row: it is the reference gas, GWP 1 by definition.
    const gwps: Record<string, number> = { CO2: 1 };
    for (const row of rows) {
      const value = num(cell(row, column));
      if (value !== undefined) gwps[cell(row, "Species")] = value;
    }
    return gwps;
  };
  return { AR4: set(SET_COLUMNS.AR4), AR5: set(SET_COLUMNS.AR5), AR6: set(SET_COLUMNS.AR6) };
}

function missingGwp(
  components: Record<string, number>,
  sets: GwpFile["sets"],
): MissingGwp | undefined {
  const missing: MissingGwp = {};
  for (const id of Object.keys(sets) as GwpSetId[]) {
    const absent = Object.keys(components).filter((species) => sets[id][species] === undefined);
    if (absent.length > 0) missing[id] = absent;
  }
  return Object.keys(missing).length > 0 ? missing : undefined;
}

export function buildGwp(shared: string): GwpFile {
  const sets = readSets(shared);
  const blends: Record<string, BlendComposition> = {};
  for (const blend of readEpaBlends(shared)) {
    const missing = missingGwp(blend.components, sets);
    blends[blend.key] = {
      components: blend.components,
      citation: BLEND_CITATION,
      ...(missing && { missing_gwp: missing }),
    };
  }
  return {
    source: {
      name: "IPCC global warming potentials (openclimatedata globalwarmingpotentials v0.13.1)",
      publisher: "Intergovernmental Panel on Climate Change; compiled by openclimatedata",
      licence: "CC0 1.0",
      citation:
        "globalwarmingpotentials.csv: AR4GWP100 and AR5GWP100 from the GHG Protocol GWP values document (Feb 2016), " +
        "AR6GWP100 from IPCC AR6 WG1 Chapter 7, Table 7.SM.7; blends from EPA GHG Emission Factors Hub 2025, Table 12",
    },
    sets,
    ch4: { AR6: AR6_CH4 },
    blends,
  };
}
