/**
 * UK DESNZ GHG conversion factors 2025, flat file (../shared/factors/SOURCES.md section 2).
 *
 * The sheet gives one row per (factor, GHG/Unit): the kg CO2e total and, for many factors, the
 * CO2, CH4 and N2O parts as kg CO2e on AR5 GWPs. Rows of one factor share an ID up to a trailing
 * `_N` (checked below). We emit one FactorRecord per factor whose total is published, with the
 * gas parts turned back into masses.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import countries from "i18n-iso-countries";
import type { Category, FactorRecord, Scope, SourceRecord } from "../../engine/src/factor.ts";
import type { SourceBuild } from "./builders.ts";
import { num, readCsv } from "./read-csv.ts";
import { cell, clean, finishFactors, slug } from "./slug.ts";

const CSV =
  "uk-desnz-ghg-conversion-factors/derived/ghg-conversion-factors-2025-flat-format_factors-by-category.csv";
const GWP_CSV = "ipcc-gwp/globalwarmingpotentials.csv";
const GWP_CSV_COMMENT_LINES = 10;
const YEAR = 2025;
const ID_PREFIX = "desnz-2025";

const SOURCE: SourceRecord = {
  id: "desnz",
  name: "UK Government GHG Conversion Factors for Company Reporting",
  publisher: "Department for Energy Security and Net Zero (DESNZ)",
  edition: "2025",
  licence:
    "Open Government Licence v3.0 (Contains public sector information licensed under the Open Government Licence v3.0)",
  citation:
    "ghg-conversion-factors-2025-flat-format.xlsx, sheet 'Factors by Category' (version 1, final, 2025-06-10; " +
    "SHA-256 8bfdb45b81ec4a88e3bdf4584637330f62e6bd09ce1940e654c5d7b7f736de94)",
};

/** AR5 GWPs DESNZ used to express each gas as CO2e (SOURCES.md section 2); dividing gives masses back. */
const AR5_CH4 = 28;
const AR5_N2O = 265;

/** `GHG/Unit` values. The SECR kWh sheets use energy units here: they are kWh per km, not emissions. */
type Part = "total" | "CO2" | "CH4" | "N2O" | "energy";
const PARTS: Record<string, Part> = {
  "kg co2e": "total",
  "kg co2e of co2 per unit": "CO2",
  "kg co2e of ch4 per unit": "CH4",
  "kg co2e of n2o per unit": "N2O",
  "kwh (net cv)": "energy",
  "kwh (net)": "energy",
};

const UNITS: Record<string, { unit: string; basis?: "HHV" | "LHV" }> = {
  "kwh (gross cv)": { unit: "kWh", basis: "HHV" },
  "kwh (net cv)": { unit: "kWh", basis: "LHV" },
  kwh: { unit: "kWh" },
  gj: { unit: "GJ" },
  litres: { unit: "L" },
  "million litres": { unit: "million_L" },
  "cubic metres": { unit: "m3" },
  tonnes: { unit: "t" },
  kg: { unit: "kg" },
  km: { unit: "km" },
  miles: { unit: "mi" },
  "passenger.km": { unit: "pkm" },
  "tonne.km": { unit: "tkm" },
  "room per night": { unit: "room_night" },
  "per fte working hour": { unit: "h" },
};

// ---- Level text -> activity key tables (keys are the publisher's labels, lower-cased) ----

/** Fuels and bioenergy by Level 3; any other fuel gets `fuel.<slug>`. */
const FUEL_KEYS: Record<string, string> = {
  "natural gas": "fuel.natural_gas",
  "natural gas (100% mineral blend)": "fuel.natural_gas.mineral",
  "diesel (average biofuel blend)": "fuel.diesel",
  "diesel (100% mineral diesel)": "fuel.diesel.mineral",
  "petrol (average biofuel blend)": "fuel.petrol",
  "petrol (100% mineral petrol)": "fuel.petrol.mineral",
  "gas oil": "fuel.heating_oil",
  "burning oil": "fuel.kerosene",
  "aviation turbine fuel": "fuel.jet_kerosene",
  "aviation spirit": "fuel.aviation_gasoline",
  "fuel oil": "fuel.fuel_oil",
  "coal (industrial)": "fuel.coal.industrial",
  "coal (domestic)": "fuel.coal.domestic",
  "coal (electricity generation)": "fuel.coal.electricity_generation",
  "coal (electricity generation - home produced coal only)":
    "fuel.coal.electricity_generation.home_produced",
  "coking coal": "fuel.coal.coking",
  "processed fuel oils - distillate oil": "fuel.processed_fuel_oil.distillate",
  "processed fuel oils - residual oil": "fuel.processed_fuel_oil.residual",
  "biodiesel hvo": "fuel.hvo",
  "biodiesel me": "fuel.biodiesel.me",
  "biodiesel me (from tallow)": "fuel.biodiesel.me_tallow",
  "biodiesel me (from used cooking oil)": "fuel.biodiesel.me_used_cooking_oil",
  "off road biodiesel": "fuel.biodiesel.off_road",
  "biomethane (compressed)": "fuel.biomethane.compressed",
  "biomethane (liquified)": "fuel.biomethane.liquefied",
  "methanol (bio)": "fuel.biomethanol",
  "avtur (renewable)": "fuel.avtur_renewable",
};

const CAR_SIZES: Record<string, string> = {
  "small car": "small",
  "medium car": "medium",
  "large car": "large",
  "average car": "average",
};

/** Column Text of vehicles; other fuels (diesel, petrol, hybrid, cng, lpg, unknown) are slugged. */
const POWERTRAINS: Record<string, string> = {
  "battery electric vehicle": "bev",
  "plug-in hybrid electric vehicle": "phev",
};

const VAN_CLASSES: Record<string, string> = {
  "class i (up to 1.305 tonnes)": "class_i",
  "class ii (1.305 to 1.74 tonnes)": "class_ii",
  "class iii (1.74 to 3.5 tonnes)": "class_iii",
  "average (up to 3.5 tonnes)": "average",
};

const HGV_TYPES: Record<string, string> = {
  "rigid (>3.5 - 7.5 tonnes)": "rigid_3_5_to_7_5t",
  "rigid (>7.5 tonnes-17 tonnes)": "rigid_7_5_to_17t",
  "rigid (>17 tonnes)": "rigid_over_17t",
  "all rigids": "rigid",
  "articulated (>3.5 - 33t)": "artic_3_5_to_33t",
  "articulated (>33t)": "artic_over_33t",
  "all artics": "artic",
  "all hgvs": "all",
};

const LADEN: Record<string, string> = {
  "0% laden": "laden_0",
  "50% laden": "laden_50",
  "100% laden": "laden_100",
  "average laden": "laden_average",
};

const FLIGHT_HAULS: Record<string, string> = {
  "domestic, to/from uk": "domestic",
  "short-haul, to/from uk": "short_haul",
  "long-haul, to/from uk": "long_haul",
  "international, to/from non-uk": "international",
};

const CABIN_CLASSES: Record<string, string> = {
  "average passenger": "average",
  "economy class": "economy",
  "premium economy class": "premium_economy",
  "business class": "business",
  "first class": "first",
};

/** Business travel by bus, rail and taxi, by Level 3. */
const LAND_TRAVEL: Record<string, string> = {
  "national rail": "travel.rail.national_rail",
  "international rail": "travel.rail.international_rail",
  "light rail and tram": "travel.rail.light_rail_tram",
  "london underground": "travel.rail.underground",
  "average local bus": "travel.bus.average_local_bus",
  "local bus (not london)": "travel.bus.local_not_london",
  "local london bus": "travel.bus.local_london",
  coach: "travel.bus.coach",
  "regular taxi": "travel.taxi.regular_taxi",
  "black cab": "travel.taxi.black_cab",
};

/** Ship sizes (Level 4) that are the publisher's average for the ship type. */
const AVERAGE_SHIP_SIZES = new Set(["average", "all dwt"]);

const HEAT_KEYS: Record<string, string> = {
  "district heat and steam": "heat.district",
  "onsite heat and steam": "heat.steam",
};

const HOMEWORKING_KEYS: Record<string, string> = {
  "homeworking (office equipment + heating)": "commute.homeworking",
  "office equipment": "commute.homeworking.office_equipment",
  heating: "commute.homeworking.heating",
};

/** Waste disposal Column Text. */
const WASTE_TREATMENTS: Record<string, string> = {
  landfill: "landfill",
  "incineration with energy recovery": "incineration",
  "open-loop": "recycling.open_loop",
  "closed-loop": "recycling.closed_loop",
  composting: "composting",
  "anaerobic digestion": "anaerobic_digestion",
  "re-use": "reuse",
};

/** Material use Column Text; primary production is the plain `material.<slug>`. */
const MATERIAL_SOURCES: Record<string, string> = {
  "primary material production": "",
  "re-used": ".reused",
  "open-loop source": ".open_loop_source",
  "closed-loop source": ".closed_loop_source",
};

/**
 * The publisher's average variant of a family answers to the family key alone (one record, not
 * two). Waste recycling and re-use have no average row (no commercial and industrial or mixed row).
 */
const FAMILY_KEYS: Record<string, string> = {
  "travel.rail.national_rail": "travel.rail",
  "travel.bus.average_local_bus": "travel.bus",
  "travel.taxi.regular_taxi": "travel.taxi",
  "travel.car.average.unknown": "travel.car",
  "freight.road.hgv.all.laden_average": "freight.road",
  "freight.sea.container_ship": "freight.sea",
  "freight.air.international": "freight.air",
  "waste.landfill.commercial_and_industrial_waste": "waste.landfill",
  "waste.incineration.commercial_and_industrial_waste": "waste.incineration",
  "waste.composting.organic_mixed_food_and_garden_waste": "waste.composting",
  "waste.anaerobic_digestion.organic_mixed_food_and_garden_waste": "waste.anaerobic_digestion",
};

/** Country names that i18n-iso-countries does not resolve (DESNZ hotel list). */
const COUNTRY_OVERRIDES: Record<string, string> = {
  "uk (london)": "GB",
  "hong kong, china": "HK",
  "macau, china": "MO",
  "taiwan, china": "TW",
  // The hotel benchmark's "Korea" is the Republic of Korea.
  korea: "KR",
};

/** Hotel rows for a city rather than a country get their own key within the country. */
const HOTEL_CITY_KEYS: Record<string, string> = { "uk (london)": "travel.hotel.london" };

/**
 * Refrigerant names whose designation is not the IPCC compact species name of
 * ipcc-gwp/globalwarmingpotentials.csv. Others are matched by dropping hyphens (HFC-134a -> HFC134a).
 */
const REFRIGERANT_SPECIES: Record<string, string> = {
  "carbon dioxide": "CO2",
  methane: "CH4",
  "nitrous oxide": "N2O",
  "sulphur hexafluoride (sf6)": "SF6",
  "nitrogen trifluoride": "NF3",
  "perfluoromethane (pfc-14)": "CF4",
  "perfluoroethane (pfc-116)": "C2F6",
  "perfluoropropane (pfc-218)": "C3F8",
  "perfluorocyclobutane (pfc-318)": "cC4F8",
  "perfluorobutane (pfc-3-1-10)": "C4F10",
  "perfluoropentane (pfc-4-1-12)": "C5F12",
  "perfluorohexane (pfc-5-1-14)": "C6F14",
  "pfc-9-1-18": "C10F18",
  perfluorocyclopropane: "cC3F6",
  // DESNZ spells HFC-43-10mee with a capital I for the 1.
  "hfc-43-i0mee": "HFC4310mee",
  "trifluoromethyl sulphur pentafluoride": "SF5CF3",
  "carbon tetrachloride": "CCl4",
  "methyl bromide": "CH3Br",
  "methyl chloroform": "CH3CCl3",
  "methylene chloride": "CH2Cl2",
  "methyl chloride": "CH3Cl",
  dimethylether: "CH3OCH3",
  "hfe-449sl (hfe-7100)": "HFE7100",
};

// ---- reading ----

interface Row {
  id: string;
  value: number | undefined;
}

/** One factor: the rows sharing an ID prefix. */
interface Group {
  prefix: string;
  scope: string;
  /** Level 1 to Level 4 as published. */
  levels: [string, string, string, string];
  column: string;
  uom: string;
  parts: Partial<Record<Part, Row>>;
}

function norm(label: string): string {
  return label.trim().toLowerCase();
}

function lookup(table: Record<string, string>, label: string): string {
  const key = table[norm(label)];
  if (key === undefined) throw new Error(`DESNZ: no mapping for label ${JSON.stringify(label)}`);
  return key;
}

/** Groups rows by ID prefix and checks that the prefix really identifies one factor. */
function readGroups(path: string): Group[] {
  const groups = new Map<string, Group>();
  for (const row of readCsv(path)) {
    const id = cell(row, "ID");
    const prefix = id.replace(/_\d+$/, "");
    const part = PARTS[norm(cell(row, "GHG/Unit"))];
    if (part === undefined)
      throw new Error(`DESNZ ${id}: unknown GHG/Unit ${cell(row, "GHG/Unit")}`);
    const levels: Group["levels"] = [
      cell(row, "Level 1"),
      cell(row, "Level 2"),
      cell(row, "Level 3"),
      cell(row, "Level 4"),
    ];
    const fresh: Group = {
      prefix,
      scope: cell(row, "Scope"),
      levels,
      column: cell(row, "Column Text"),
      uom: cell(row, "UOM"),
      parts: {},
    };
    const group = groups.get(prefix) ?? fresh;
    if (describe(group) !== describe(fresh))
      throw new Error(`DESNZ ${id}: ID prefix shared by different factors`);
    if (group.parts[part]) throw new Error(`DESNZ ${id}: second ${part} row for ${prefix}`);
    group.parts[part] = { id, value: num(cell(row, "GHG Conversion Factor 2025")) };
    groups.set(prefix, group);
  }
  return [...groups.values()];
}

/** The publisher's label: Levels and Column Text, then the unit. */
function describe(group: Group): string {
  const path = [...group.levels, group.column].filter((text) => text !== "").join(" > ");
  return `${path} (${group.uom})`;
}

/** IPCC AR5 GWP100 by species, for checking refrigerant species against DESNZ's values. */
function readAr5(path: string): Map<string, number | undefined> {
  const gwp = new Map<string, number | undefined>();
  for (const row of readCsv(path, GWP_CSV_COMMENT_LINES))
    gwp.set(cell(row, "Species"), num(cell(row, "AR5GWP100")));
  // The table has no CO2 row: its GWP is 1 by definition.
  gwp.set("CO2", 1);
  return gwp;
}

// ---- classification ----

interface Rule {
  category: Category;
  /** Activity key before family aliasing and the radiative-forcing suffix. */
  key: (group: Group) => string;
  region?: (group: Group) => string | undefined;
  ch4Origin?: "fossil" | "non_fossil";
}

const GB = "GB";
const WORLD = "WORLD";

function fuelKey(group: Group): string {
  const label = group.levels[2];
  return FUEL_KEYS[norm(label)] ?? `fuel.${slug(label)}`;
}

/** Cars, motorbikes, vans and HGVs, whichever table they sit in: `car.<size>.<powertrain>`, ... */
function roadVehicle(group: Group): string {
  const [, level2, level3] = group.levels;
  const type = norm(level2).replace(/^managed /, "");
  const powertrain = POWERTRAINS[norm(group.column)] ?? slug(group.column);
  if (type.startsWith("cars"))
    return `car.${CAR_SIZES[norm(level3)] ?? slug(level3)}.${powertrain}`;
  if (type.startsWith("motorbike")) return `motorbike.${slug(level3)}`;
  if (type.startsWith("van")) return `van.${lookup(VAN_CLASSES, level3)}.${powertrain}`;
  if (type.startsWith("hgv")) {
    const kind = type.includes("refrigerated") ? "hgv_refrigerated" : "hgv";
    return `${kind}.${lookup(HGV_TYPES, level3)}.${lookup(LADEN, group.column)}`;
  }
  throw new Error(`DESNZ ${group.prefix}: not a road vehicle: ${level2}`);
}

/** Ship sizes like "200,000+ dwt" as a key segment: "200000_plus_dwt". */
function sizeSlug(size: string): string {
  return slug(size.replace(/(\d),(\d)/g, "$1$2").replace(/\+/g, " plus "));
}

function freightKey(group: Group): string {
  const [, level2, level3, level4] = group.levels;
  const mode = norm(level2);
  if (mode === "cargo ship" || mode === "sea tanker") {
    const size = AVERAGE_SHIP_SIZES.has(norm(level4)) ? "" : `.${sizeSlug(level4)}`;
    return `freight.sea.${slug(level3)}${size}`;
  }
  if (mode === "freight flights") return `freight.air.${lookup(FLIGHT_HAULS, level3)}`;
  if (mode === "rail") return "freight.rail";
  return `freight.road.${roadVehicle(group)}`;
}

/** Flights within the UK are UK factors; other flights and sea freight are not UK-specific. */
function flightRegion(group: Group): string {
  return lookup(FLIGHT_HAULS, group.levels[2]) === "domestic" ? GB : WORLD;
}

function freightRegion(group: Group): string {
  const mode = norm(group.levels[1]);
  if (mode === "freight flights") return flightRegion(group);
  return mode === "cargo ship" || mode === "sea tanker" ? WORLD : GB;
}

/** Bus, rail and taxi by name; otherwise a car or motorbike. */
function landTravelKey(group: Group): string {
  return LAND_TRAVEL[norm(group.levels[2])] ?? `travel.${roadVehicle(group)}`;
}

/** Materials drop the "(incl. forming)" note: each material appears once either way. */
function materialSlug(label: string): string {
  return slug(label.replace(/\((incl|excl)\. forming\)/i, ""));
}

const countryNames = createRequire(import.meta.url)("i18n-iso-countries/langs/en.json");
// The Node entry point registers every locale already; registering English here keeps the lookup
// independent of which entry point the resolver picks.
countries.registerLocale(countryNames);

function hotelCountry(group: Group): string | undefined {
  const name = group.levels[2];
  return COUNTRY_OVERRIDES[norm(name)] ?? countries.getAlpha2Code(name, "en");
}

/** Electricity T&D losses and district-heat distribution losses share one table. */
function lossesKey(group: Group): string {
  return /heat/.test(norm(group.levels[1]))
    ? "heat.district.distribution_losses"
    : "electricity.td_losses";
}

/** In-scope Level 1 tables (refrigerants, WTT and outside-of-scopes rows are handled separately). */
const RULES: Record<string, Rule> = {
  fuels: { category: "stationary_combustion", key: fuelKey, ch4Origin: "fossil" },
  bioenergy: { category: "stationary_combustion", key: fuelKey, ch4Origin: "non_fossil" },
  "passenger vehicles": {
    category: "mobile_combustion",
    key: (g) => `vehicle.${roadVehicle(g)}`,
    ch4Origin: "fossil",
  },
  "delivery vehicles": {
    category: "mobile_combustion",
    key: (g) => `vehicle.${roadVehicle(g)}`,
    ch4Origin: "fossil",
  },
  "uk electricity": { category: "purchased_electricity", key: () => "electricity.grid" },
  "uk electricity for evs": {
    category: "purchased_electricity",
    key: (g) => `electricity.ev.${roadVehicle(g)}`,
  },
  "heat and steam": {
    category: "purchased_heat_steam_cooling",
    key: (g) => lookup(HEAT_KEYS, g.levels[2]),
  },
  "transmission and distribution": { category: "3.3", key: lossesKey },
  "uk electricity t&d for evs": {
    category: "3.3",
    key: (g) => `electricity.td_losses.ev.${roadVehicle(g)}`,
  },
  // DESNZ "managed assets" are assets the company leases and operates: upstream leased assets.
  "managed assets- electricity": { category: "3.8", key: () => "leased_asset.electricity.grid" },
  "managed assets- vehicles": {
    category: "3.8",
    key: (g) => `leased_asset.vehicle.${roadVehicle(g)}`,
    ch4Origin: "fossil",
  },
  "business travel- air": {
    category: "3.6",
    key: (g) =>
      `travel.air.${lookup(FLIGHT_HAULS, g.levels[2])}.${lookup(CABIN_CLASSES, g.levels[3])}`,
    region: flightRegion,
    ch4Origin: "fossil",
  },
  "business travel- sea": {
    category: "3.6",
    key: (g) => `travel.ferry.${slug(g.levels[2])}`,
    ch4Origin: "fossil",
  },
  "business travel- land": { category: "3.6", key: landTravelKey, ch4Origin: "fossil" },
  "hotel stay": {
    category: "3.6",
    key: (g) => HOTEL_CITY_KEYS[norm(g.levels[2])] ?? "travel.hotel",
    region: hotelCountry,
  },
  "freighting goods": {
    category: "3.4",
    key: freightKey,
    region: freightRegion,
    ch4Origin: "fossil",
  },
  "waste disposal": {
    category: "3.5",
    key: (g) => `waste.${lookup(WASTE_TREATMENTS, g.column)}.${materialSlug(g.levels[2])}`,
  },
  "material use": {
    category: "3.1",
    key: (g) => `material.${materialSlug(g.levels[2])}${lookup(MATERIAL_SOURCES, g.column)}`,
  },
  "water supply": { category: "3.1", key: () => "water.supply" },
  "water treatment": { category: "3.5", key: () => "waste.wastewater" },
  homeworking: { category: "3.7", key: (g) => lookup(HOMEWORKING_KEYS, g.levels[1]) },
};

/** The in-scope table a well-to-tank row belongs to, so it can take that factor's key. */
function wttBase(group: Group): string {
  const level2 = norm(group.levels[1]);
  switch (norm(group.levels[0])) {
    case "wtt- fuels":
      return "fuels";
    case "wtt- bioenergy":
      return "bioenergy";
    case "wtt- uk electricity":
      return level2.includes("t&d") ? "transmission and distribution" : "uk electricity";
    case "wtt- heat and steam":
      return level2.includes("distribution") ? "transmission and distribution" : "heat and steam";
    case "wtt- business travel- air":
      return "business travel- air";
    case "wtt- business travel- sea":
      return "business travel- sea";
    case "wtt- pass vehs & travel- land":
      return /cars|motorbike/.test(level2) ? "passenger vehicles" : "business travel- land";
    case "wtt- delivery vehs & freight":
      // Per vehicle distance the rows match the company's own vans and HGVs; per tonne.km, freight.
      return /vans|hgv/.test(level2) && norm(group.uom) !== "tonne.km"
        ? "delivery vehicles"
        : "freighting goods";
    default:
      throw new Error(`DESNZ ${group.prefix}: no in-scope table for ${group.levels[0]}`);
  }
}

/** Categories of energy a company burns or buys; their upstream (WTT) emissions are category 3.3. */
const ENERGY_CATEGORIES = new Set<Category>([
  "stationary_combustion",
  "mobile_combustion",
  "purchased_electricity",
  "purchased_heat_steam_cooling",
  "3.3",
]);

interface Mapping {
  activity: string;
  category: Category;
  region: string | undefined;
  ch4Origin?: "fossil" | "non_fossil";
}

function radiativeForcing(group: Group): string {
  return norm(group.column) === "with rf" ? ".rf" : "";
}

function mapInScope(rule: Rule, group: Group): Mapping {
  const key = rule.key(group);
  return {
    activity: `${FAMILY_KEYS[key] ?? key}${radiativeForcing(group)}`,
    category: rule.category,
    region: rule.region ? rule.region(group) : GB,
    ch4Origin: rule.ch4Origin,
  };
}

/**
 * WTT rows take `wtt.` + the key of the factor they are upstream of. WTT of fuels and energy is
 * category 3.3; WTT of business travel and freight stays with categories 3.6 and 3.4, where the
 * GHG Protocol puts the upstream emissions of fuels the company does not itself report.
 */
function mapWtt(group: Group): Mapping {
  const baseTable = wttBase(group);
  const rule = RULES[baseTable];
  if (!rule) throw new Error(`DESNZ: no rule for ${baseTable}`);
  const [, level2, level3, level4] = group.levels;
  const levels: Group["levels"] = [baseTable, level2.replace(/^WTT- /i, ""), level3, level4];
  const base = mapInScope(rule, { ...group, levels });
  return {
    activity: `wtt.${base.activity}`,
    category: ENERGY_CATEGORIES.has(base.category) ? "3.3" : base.category,
    region: base.region,
  };
}

// ---- records ----

const SCOPES: Record<string, Scope> = { "scope 1": 1, "scope 2": 2, "scope 3": 3 };

/** A gas mass from DESNZ's kg CO2e of that gas. */
function mass(co2e: number, gwp: number): number {
  return clean(co2e / gwp);
}

function gasMasses(group: Group): Record<string, number> {
  const gases: Record<string, number> = {};
  const { CO2, CH4, N2O } = group.parts;
  if (CO2?.value !== undefined) gases.CO2 = CO2.value;
  if (CH4?.value !== undefined) gases.CH4 = mass(CH4.value, AR5_CH4);
  if (N2O?.value !== undefined) gases.N2O = mass(N2O.value, AR5_N2O);
  return gases;
}

function usedIds(group: Group): string[] {
  return (["total", "CO2", "CH4", "N2O"] as const).flatMap((part) => {
    const row = group.parts[part];
    return row && row.value !== undefined ? [row.id] : [];
  });
}

interface Emitted {
  group: Group;
  factor: FactorRecord;
}

function unitOf(group: Group): { unit: string; basis?: "HHV" | "LHV" } {
  const unit = UNITS[norm(group.uom)];
  if (!unit) throw new Error(`DESNZ ${group.prefix}: unknown UOM ${group.uom}`);
  return unit;
}

function makeFactor(
  group: Group,
  total: number,
  mapping: Mapping & { region: string },
): FactorRecord {
  const { unit, basis } = unitOf(group);
  const scope = SCOPES[norm(group.scope)];
  if (scope === undefined) throw new Error(`DESNZ ${group.prefix}: scope ${group.scope}`);
  const gases = gasMasses(group);
  const unsplit = Object.keys(gases).length === 0;
  return {
    id: `${ID_PREFIX}:${group.prefix}`,
    activity: mapping.activity,
    name: describe(group),
    source: SOURCE.id,
    region: mapping.region,
    year: YEAR,
    unit,
    energy_basis: basis,
    scope,
    category: mapping.category,
    tier: mapping.region === WORLD ? "global" : "national",
    gases,
    co2e: total,
    co2e_gwp: "AR5",
    co2e_unsplit: unsplit ? total : undefined,
    ch4_origin: mapping.ch4Origin,
    ref: `Factors by Category, ID ${usedIds(group).join(", ")}`,
  };
}

// ---- refrigerants ----

/** "CFC-11/R11 = trichlorofluoromethane" -> "CFC-11"; "R1234yf*" -> "R1234yf". */
function designation(name: string): string {
  return name.split(/\/| = | \(|\*/)[0]!.trim();
}

interface RefrigerantGas {
  key: string;
  gases: Record<string, number>;
  /** Why the factor stays CO2e-only, for the build log. */
  unsplitReason?: string;
}

/**
 * A pure gas is 1 kg of its IPCC species per kg, when DESNZ's value is that species' AR5 GWP;
 * blends, and gases the IPCC table lacks or values differently, stay CO2e-only.
 */
function refrigerantGas(
  group: Group,
  value: number,
  ar5: Map<string, number | undefined>,
): RefrigerantGas {
  const [, level2, name] = group.levels;
  const label = designation(name);
  if (norm(level2) === "blends") return { key: `refrigerant.${slug(label)}`, gases: {} };
  const species = REFRIGERANT_SPECIES[norm(name)] ?? label.replace(/-/g, "");
  if (!ar5.has(species))
    return { key: `refrigerant.${slug(label)}`, gases: {}, unsplitReason: "not in the IPCC table" };
  const key = `refrigerant.${slug(species)}`;
  const gwp = ar5.get(species);
  if (gwp === undefined || Math.abs(gwp - value) > 1e-9 * value) {
    return { key, gases: {}, unsplitReason: `IPCC AR5 ${gwp ?? "blank"} vs DESNZ ${value}` };
  }
  return { key, gases: { [species]: 1 } };
}

function refrigerantFactor(
  group: Group,
  value: number,
  key: string,
  gases: Record<string, number>,
): FactorRecord {
  const unsplit = Object.keys(gases).length === 0;
  return {
    id: `${ID_PREFIX}:${group.prefix}`,
    activity: key,
    name: describe(group),
    source: SOURCE.id,
    region: WORLD,
    year: YEAR,
    unit: unitOf(group).unit,
    scope: 1,
    category: "fugitive",
    tier: "global",
    gases,
    co2e: value,
    co2e_gwp: "AR5",
    co2e_unsplit: unsplit ? value : undefined,
    ref: `Factors by Category, ID ${usedIds(group).join(", ")}`,
  };
}

const REFRIGERANT_KYOTO = "emissions including only kyoto products";
const REFRIGERANT_NON_KYOTO = "emissions including only non-kyoto products";
const REFRIGERANT_TOTAL = "total emissions including non-kyoto products";

/**
 * Each refrigerant has three columns: the total, its Kyoto-protocol part and its non-Kyoto
 * (Montreal) part. GHG Protocol scopes cover Kyoto gases only, so the plain key carries the
 * Kyoto part; where the total differs it is kept as `.incl_non_kyoto`, and the non-Kyoto part
 * as `.non_kyoto_only` for separate reporting.
 */
function refrigerantFactors(
  groups: Group[],
  ar5: Map<string, number | undefined>,
  log: BuildLog,
): FactorRecord[] {
  const byGas = new Map<string, Map<string, Group>>();
  for (const group of groups) {
    const gas = `${group.levels[1]} > ${group.levels[2]}`;
    const columns = byGas.get(gas) ?? new Map<string, Group>();
    columns.set(norm(group.column), group);
    byGas.set(gas, columns);
  }
  const factors: FactorRecord[] = [];
  for (const [gas, columns] of byGas) {
    const total = columns.get(REFRIGERANT_TOTAL);
    const kyoto = columns.get(REFRIGERANT_KYOTO);
    const nonKyoto = columns.get(REFRIGERANT_NON_KYOTO);
    if (!total || !kyoto || !nonKyoto || columns.size !== 3) {
      throw new Error(`DESNZ refrigerant ${gas}: columns`);
    }
    const value = total.parts.total?.value;
    if (value === undefined) {
      log.blankTotal += columns.size;
      continue;
    }
    const { key, gases, unsplitReason } = refrigerantGas(total, value, ar5);
    if (unsplitReason) log.unsplitRefrigerants.push(`${gas} (${unsplitReason})`);
    const kyotoValue = kyoto.parts.total?.value;
    if (kyotoValue === undefined || kyotoValue === value) {
      factors.push(refrigerantFactor(total, value, key, gases));
      log.redundantRefrigerantParts += kyotoValue === undefined ? 0 : 1;
      if (kyotoValue === undefined) log.blankTotal += 1;
    } else {
      factors.push(refrigerantFactor(kyoto, kyotoValue, key, {}));
      factors.push(refrigerantFactor(total, value, `${key}.incl_non_kyoto`, gases));
    }
    const nonKyotoValue = nonKyoto.parts.total?.value;
    if (nonKyotoValue === undefined) log.blankTotal += 1;
    else if (nonKyotoValue === value) log.redundantRefrigerantParts += 1;
    else factors.push(refrigerantFactor(nonKyoto, nonKyotoValue, `${key}.non_kyoto_only`, {}));
  }
  return factors;
}

// ---- outside of scopes ----

/** The in-scope scope 1/2 factor an outside-of-scopes row belongs to: same Level 3 and unit. */
function biogenicKey(group: Group): string {
  return `${norm(group.levels[2])}|${norm(group.uom)}`;
}

/** Stores each outside-of-scopes (biogenic CO2) value on its one matching scope 1 or 2 factor. */
function attachBiogenic(outside: Group[], emitted: Emitted[], log: BuildLog): void {
  const candidates = new Map<string, FactorRecord[]>();
  for (const { group, factor } of emitted) {
    if (factor.scope === 3) continue;
    const key = biogenicKey(group);
    candidates.set(key, [...(candidates.get(key) ?? []), factor]);
  }
  for (const group of outside) {
    const row = group.parts.CO2;
    if (row?.value === undefined) continue;
    const matches = candidates.get(biogenicKey(group)) ?? [];
    const [match] = matches;
    if (!match || matches.length !== 1) {
      log.unmatchedOutside.push(`${row.id} ${describe(group)}: ${matches.length} matches`);
      continue;
    }
    match.biogenic_co2 = row.value;
    match.ref += `; outside of scopes ${row.id}`;
  }
}

// ---- build ----

interface BuildLog {
  blankTotal: number;
  energyOnly: number;
  redundantRefrigerantParts: number;
  unresolvedRegions: string[];
  unsplitRefrigerants: string[];
  unmatchedOutside: string[];
}

/** Tables that are not factors of their own kind: handled by refrigerantFactors and attachBiogenic. */
const REFRIGERANTS = "refrigerant & other";
const OUTSIDE_OF_SCOPES = "outside of scopes";

function isWtt(group: Group): boolean {
  return norm(group.levels[0]).startsWith("wtt- ");
}

function mapGroup(group: Group): Mapping {
  if (isWtt(group)) return mapWtt(group);
  const rule = RULES[norm(group.levels[0])];
  if (!rule) throw new Error(`DESNZ ${group.prefix}: no mapping for Level 1 ${group.levels[0]}`);
  return mapInScope(rule, group);
}

/** One factor per group with a published total; the rest are counted for the build log. */
function inScopeFactors(groups: Group[], log: BuildLog): Emitted[] {
  const emitted: Emitted[] = [];
  for (const group of groups) {
    const total = group.parts.total;
    if (!total) log.energyOnly += 1;
    else if (total.value === undefined) log.blankTotal += 1;
    else {
      const mapping = mapGroup(group);
      if (mapping.region === undefined) {
        log.unresolvedRegions.push(`${group.prefix} ${group.levels[2]}`);
        continue;
      }
      const factor = makeFactor(group, total.value, { ...mapping, region: mapping.region });
      emitted.push({ group, factor });
    }
  }
  return emitted;
}

/** Activity keys must identify a factor within DESNZ once region, unit and basis are fixed. */
function checkUniqueKeys(factors: readonly FactorRecord[]): void {
  const seen = new Map<string, string>();
  for (const factor of factors) {
    const key = [factor.activity, factor.region, factor.unit, factor.energy_basis ?? ""].join("|");
    const other = seen.get(key);
    if (other) throw new Error(`DESNZ: ${factor.id} and ${other} both map to ${key}`);
    seen.set(key, factor.id);
  }
}

/** A renamed label would otherwise drop a family key silently. */
function checkFamilies(factors: readonly FactorRecord[]): void {
  const activities = new Set(factors.map((factor) => factor.activity));
  for (const family of Object.values(FAMILY_KEYS)) {
    if (!activities.has(family)) throw new Error(`DESNZ: no factor for family key ${family}`);
  }
}

function printLog(log: BuildLog, factors: readonly FactorRecord[]): void {
  const byTable = new Map<string, number>();
  for (const factor of factors) {
    // Names start with the publisher's Level 1.
    const table = factor.name.split(" > ")[0]!;
    byTable.set(table, (byTable.get(table) ?? 0) + 1);
  }
  const tables = [...byTable].map(([table, n]) => `${table} ${n}`).join("; ");
  console.log(`desnz: ${factors.length} factors (${tables})`);
  console.log(
    `desnz: skipped ${log.blankTotal} factors with a blank total, ${log.energyOnly} SECR ` +
      `kWh-per-distance factors (energy use, not emissions), ${log.redundantRefrigerantParts} ` +
      `refrigerant part columns equal to their total`,
  );
  for (const name of log.unresolvedRegions) console.log(`desnz: skipped, no ISO country: ${name}`);
  for (const text of log.unmatchedOutside) console.log(`desnz: outside of scopes, unused: ${text}`);
  console.log(`desnz: refrigerants kept CO2e-only: ${log.unsplitRefrigerants.join(", ")}`);
}

export function buildDesnz(shared: string): SourceBuild {
  const groups = readGroups(join(shared, CSV));
  const table = (name: string) => groups.filter((group) => norm(group.levels[0]) === name);
  const log: BuildLog = {
    blankTotal: 0,
    energyOnly: 0,
    redundantRefrigerantParts: 0,
    unresolvedRegions: [],
    unsplitRefrigerants: [],
    unmatchedOutside: [],
  };
  const ordinary = groups.filter(
    (group) => ![REFRIGERANTS, OUTSIDE_OF_SCOPES].includes(norm(group.levels[0])),
  );
  const emitted = inScopeFactors(ordinary, log);
  attachBiogenic(table(OUTSIDE_OF_SCOPES), emitted, log);
  const ar5 = readAr5(join(shared, GWP_CSV));
  const factors = [
    ...emitted.map(({ factor }) => factor),
    ...refrigerantFactors(table(REFRIGERANTS), ar5, log),
  ];
  checkUniqueKeys(factors);
  checkFamilies(factors);
  printLog(log, factors);
  return { source: SOURCE, factors: finishFactors(factors) };
}
