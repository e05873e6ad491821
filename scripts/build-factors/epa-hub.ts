/**
 * US EPA GHG Emission Factors Hub 2025, from the derived CSVs of Tables 1-12
 * (../shared/factors/SOURCES.md section 1). Gases are masses in kg per unit; the Hub's own CO2e
 * values (Tables 9, 11, 12) are on the GWP set it states.
 */
import { join } from "node:path";
import type { FactorRecord, SourceRecord } from "../../engine/src/factor.ts";
import type { SourceBuild } from "./builders.ts";
import { readEpaBlends, readEpaGases, type EpaGas } from "./gwp.ts";
import { num, readCsv } from "./read-csv.ts";
import { cell, clean, finishFactors, requiredNum, slug } from "./slug.ts";

type Row = Record<string, string>;

const DERIVED = "epa-ghg-emission-factors-hub/derived";
const ID_PREFIX = "epa-hub-2025";
const EDITION_YEAR = 2025;
/** Table 6 is eGRID2023: its rates describe 2023 generation. */
const EGRID_YEAR = 2023;

const SOURCE: SourceRecord = {
  id: "epa-hub",
  name: "US EPA GHG Emission Factors Hub",
  publisher: "U.S. Environmental Protection Agency",
  edition: "2025",
  licence: "Public domain (U.S. Government work, 17 U.S.C. §105)",
  citation:
    "ghg-emission-factors-hub-2025.xlsx, sheet 'Emission Factors Hub' (last modified 2025-01-15), Tables 1-12",
};

const G_PER_KG = 1000;
const KG_PER_METRIC_TON = 1000;
// Exact by definition (NIST Handbook 44), as in engine/src/units.ts.
const KG_PER_LB = 0.45359237;

/** Units as the Hub prints them → unit ids of engine/src/units.ts. */
const UNIT: Record<string, string> = {
  "short ton": "short_ton",
  scf: "scf",
  gallon: "gal",
  "vehicle-mile": "mi",
  "short ton-mile": "ton_mi",
  "passenger-mile": "pmi",
};

/** Fuel names (Tables 1 and 2) whose key is not simply their slug. */
const FUEL_KEY: Record<string, string> = {
  "Natural Gas": "natural_gas",
  "Compressed Natural Gas (CNG)": "cng",
  "Liquefied Natural Gas (LNG)": "lng",
  "Liquefied Petroleum Gases (LPG)": "lpg",
  // EPA's diesel: Table 2's "Diesel Fuel" has the same 10.21 kg CO2/gal.
  "Distillate Fuel Oil No. 2": "diesel",
  "Diesel Fuel": "diesel",
  "Distillate Fuel Oil No. 1": "fuel_oil.no1",
  "Distillate Fuel Oil No. 4": "fuel_oil.no4",
  "Residual Fuel Oil No. 5": "fuel_oil.no5",
  "Residual Fuel Oil No. 6": "fuel_oil.no6",
  "Motor Gasoline": "petrol",
  "Kerosene-Type Jet Fuel": "jet_fuel",
  "Naphtha (<401 deg F)": "naphtha",
  "Other Oil (>401 deg F)": "other_oil",
  "Petroleum Coke (Solid)": "petroleum_coke",
  "Coal Coke": "coal_coke",
  "Wood and Wood Residuals": "wood",
  "Biodiesel (100%)": "biodiesel",
  "Ethanol (100%)": "ethanol",
};

/** On-road vehicle types of Tables 3 and 4 → vehicle key (Table 4's alternative-fuel "Light-Duty Cars" are passenger cars). */
const VEHICLE_KEY: Record<string, string> = {
  "Gasoline Passenger Cars": "passenger_car",
  "Gasoline Light-Duty Trucks (Vans, Pickup Trucks, SUVs)": "light_truck",
  "Gasoline Heavy-Duty Vehicles": "heavy_duty_vehicle",
  "Gasoline Motorcycles": "motorcycle",
  "Passenger Cars": "passenger_car",
  "Light-Duty Cars": "passenger_car",
  "Light-Duty Trucks": "light_truck",
  "Medium- and Heavy-Duty Vehicles": "medium_heavy_duty_vehicle",
  "Medium-Duty Trucks": "medium_duty_truck",
  "Heavy-Duty Trucks": "heavy_duty_truck",
  Buses: "bus",
};

/** Table 5 fuels → the Table 2 fuel whose CO2 per gallon they burn (Table 5 gives CH4 and N2O only). */
const NONROAD_CO2_FUEL: Record<string, string> = {
  "Residual Fuel Oil": "Residual Fuel Oil",
  Gasoline: "Motor Gasoline",
  "Gasoline (2 stroke)": "Motor Gasoline",
  "Gasoline (4 stroke)": "Motor Gasoline",
  "Gasoline Off-Road Trucks": "Motor Gasoline",
  Diesel: "Diesel Fuel",
  "Diesel Equipment": "Diesel Fuel",
  "Diesel Off-Road Trucks": "Diesel Fuel",
  "Jet Fuel": "Kerosene-Type Jet Fuel",
  "Aviation Gasoline": "Aviation Gasoline",
  LPG: "Liquefied Petroleum Gases (LPG)",
};

/** Table 8 rows (footnote letters stripped) per published unit → activity key. */
const TRANSPORT_KEY: Record<string, string> = {
  "Medium- and Heavy-Duty Truck per vehicle-mile": "freight.road.truck",
  "Passenger Car per vehicle-mile": "vehicle.passenger_car",
  "Light-Duty Truck per vehicle-mile": "vehicle.light_truck",
  "Medium- and Heavy-Duty Truck per short ton-mile": "freight.road",
  "Rail per short ton-mile": "freight.rail",
  "Waterborne Craft per short ton-mile": "freight.sea",
  "Aircraft per short ton-mile": "freight.air",
};

/** Table 10 rows (footnote letters stripped) → activity key. */
const TRAVEL_KEY: Record<string, string> = {
  "Passenger Car": "travel.car",
  "Light-Duty Truck": "travel.light_truck",
  Motorcycle: "travel.motorcycle",
  "Intercity Rail - Northeast Corridor": "travel.rail.intercity.northeast_corridor",
  "Intercity Rail - Other Routes": "travel.rail.intercity.other_routes",
  "Intercity Rail - National Average": "travel.rail.intercity",
  "Commuter Rail": "travel.rail.commuter",
  "Transit Rail (i.e. Subway, Tram)": "travel.rail.transit",
  Bus: "travel.bus",
  "Air Travel - Short Haul (< 300 miles)": "travel.air.short_haul",
  "Air Travel - Medium Haul (>= 300 miles, < 2300 miles)": "travel.air.medium_haul",
  "Air Travel - Long Haul (>= 2300 miles)": "travel.air.long_haul",
};

/** Table 9 treatment columns → treatment key. */
const WASTE_TREATMENT: Record<string, string> = {
  recycled: "recycling",
  landfilled: "landfill",
  combusted: "incineration",
  composted: "composting",
  anaerobically_digested_dry_digestate_with_curing: "anaerobic_digestion_dry",
  anaerobically_digested_wet_digestate_with_curing: "anaerobic_digestion_wet",
};

/** The Hub's average-data row for waste ("use one of the mixed material types, such as mixed MSW"). */
const AVERAGE_WASTE = "Mixed MSW";

const US_AVERAGE = "US Average";

/** A Hub factor without the fields most share: US, edition 2025, national (each can be overridden). */
type Draft = Omit<FactorRecord, "id" | "source" | "region" | "year" | "tier"> &
  Partial<Pick<FactorRecord, "region" | "year" | "tier">> & { idSlug: string };

function hubFactor({
  idSlug,
  region = "US",
  year = EDITION_YEAR,
  tier = "national",
  ...rest
}: Draft): FactorRecord {
  return {
    id: `${ID_PREFIX}:${idSlug}`,
    source: SOURCE.id,
    region,
    year,
    tier,
    ...rest,
  };
}

function lookup(map: Record<string, string>, name: string, table: string): string {
  const key = map[name];
  if (key === undefined) throw new Error(`${table}: no key for ${JSON.stringify(name)}`);
  return key;
}

function unitId(published: string): string {
  return lookup(UNIT, published, "unit");
}

/** The Hub marks footnotes with a trailing capital: "Passenger Car A", "Agricultural EquipmentA". */
function stripFootnote(name: string): string {
  return name.replace(/(?<=[a-z)])\s?[A-E]$/, "");
}

/**
 * Kg per unit from the Hub's kg CO2 and g CH4/N2O. The CO2 of biomass is biogenic: the GHG Protocol
 * reports it outside the scopes, while the CH4 and N2O of burning it stay in scope 1.
 */
function combustionGases(
  co2Kg: number | undefined,
  ch4G: number | undefined,
  n2oG: number | undefined,
  biogenic = false,
): Pick<FactorRecord, "gases" | "biogenic_co2"> {
  const gases: Record<string, number> = {};
  if (co2Kg !== undefined && !biogenic) gases.CO2 = co2Kg;
  if (ch4G !== undefined) gases.CH4 = clean(ch4G / G_PER_KG);
  if (n2oG !== undefined) gases.N2O = clean(n2oG / G_PER_KG);
  return biogenic && co2Kg !== undefined ? { gases, biogenic_co2: co2Kg } : { gases };
}

function rowGases(row: Row, co2: string, ch4: string, n2o: string, biogenic = false) {
  return combustionGases(num(cell(row, co2)), num(cell(row, ch4)), num(cell(row, n2o)), biogenic);
}

// ---- Table 1: stationary combustion ----

/**
 * Biomass as EPA groups it, except peat: the IPCC 2006 Guidelines treat peat as a fossil fuel,
 * so its CO2 is not biogenic.
 */
function isBiomass(row: Row): boolean {
  return (
    cell(row, "fuel_category").startsWith("Biomass Fuels") && cell(row, "fuel_type") !== "Peat"
  );
}

/** Burning municipal solid waste emits mostly biogenic carbon; the Hub gives no fossil share. */
function ch4Origin(row: Row): FactorRecord["ch4_origin"] {
  return isBiomass(row) || cell(row, "fuel_type") === "Municipal Solid Waste"
    ? "non_fossil"
    : "fossil";
}

function fuelKey(row: Row): string {
  const name = cell(row, "fuel_type");
  const category = cell(row, "fuel_category");
  const mapped = FUEL_KEY[name];
  if (mapped) return mapped;
  if (category === "Coal and Coke") return `coal.${slug(name)}`;
  if (category.includes("Kraft Pulping Liquor")) return `kraft_liquor.${slug(name)}`;
  return slug(name);
}

function stationaryCombustion(rows: Row[]): FactorRecord[] {
  return rows.flatMap((row) => {
    const name = cell(row, "fuel_type");
    const category = cell(row, "fuel_category");
    const label = category === name ? name : `${name} (${category})`;
    const key = fuelKey(row);
    const biomass = isBiomass(row);
    const hhv = num(cell(row, "heat_content_hhv"));
    const physical = cell(row, "physical_unit");
    const common = {
      activity: `fuel.${key}`,
      scope: 1 as const,
      category: "stationary_combustion" as const,
      ch4_origin: ch4Origin(row),
      heating_value:
        hhv === undefined
          ? undefined
          : { value: hhv, energy_unit: "mmBtu", per_unit: unitId(physical), basis: "HHV" as const },
    };
    const perEnergy = hubFactor({
      ...common,
      idSlug: `fuel.${key}.per_mmbtu`,
      name: `${label}, stationary combustion, per mmBtu (HHV)`,
      unit: "mmBtu",
      energy_basis: "HHV",
      ...rowGases(row, "kg_co2_per_mmbtu", "g_ch4_per_mmbtu", "g_n2o_per_mmbtu", biomass),
      ref: `Table 1, row "${name}" (per mmBtu)`,
    });
    // The Kraft pulping liquor rows are published per mmBtu only.
    if (hhv === undefined) return [perEnergy];
    const unit = unitId(physical);
    const perPhysical = hubFactor({
      ...common,
      idSlug: `fuel.${key}.per_${unit}`,
      name: `${label}, stationary combustion, per ${physical}`,
      unit,
      ...rowGases(
        row,
        "kg_co2_per_physical_unit",
        "g_ch4_per_physical_unit",
        "g_n2o_per_physical_unit",
        biomass,
      ),
      ref: `Table 1, row "${name}" (per ${physical})`,
    });
    return [perEnergy, perPhysical];
  });
}

/** Fuel keys whose carbon is biogenic, from Table 1's grouping; Tables 2 and 4 share the keys. */
function biogenicFuels(table1: Row[]): Set<string> {
  return new Set(table1.filter(isBiomass).map(fuelKey));
}

// ---- Tables 2-5: mobile combustion ----

function mobileCo2(rows: Row[], biogenic: Set<string>): FactorRecord[] {
  return rows.map((row) => {
    const name = cell(row, "fuel_type");
    const key = FUEL_KEY[name] ?? slug(name);
    const unit = cell(row, "unit");
    const isBiogenic = biogenic.has(key);
    return hubFactor({
      idSlug: `vehicle_fuel.${key}`,
      activity: `vehicle_fuel.${key}`,
      name: `${name}, mobile combustion CO2 per ${unit} (CH4 and N2O are per mile, Tables 3-5)`,
      unit: unitId(unit),
      scope: 1,
      category: "mobile_combustion",
      ...combustionGases(requiredNum(row, "kg_co2_per_unit"), undefined, undefined, isBiogenic),
      ch4_origin: isBiogenic ? "non_fossil" : "fossil",
      ref: `Table 2, row "${name}"`,
    });
  });
}

/** "2015" → my_2015, "1973-1974" → my_1973_1974, "≤1980" → my_up_to_1980; blank (alternative fuels) → none. */
function modelYearSegment(modelYear: string): string {
  return modelYear === "" ? "" : `.my_${slug(modelYear.replace("≤", "up to "))}`;
}

function onRoad(rows: Row[], table: string, biogenic: Set<string>): FactorRecord[] {
  return rows.map((row) => {
    const vehicleType = cell(row, "vehicle_type");
    // Table 3 is gasoline only and has no fuel column.
    const fuelName = row.fuel_type ?? "Gasoline";
    const fuel = slug(fuelName);
    const modelYear = cell(row, "model_year");
    const activity = `vehicle.${lookup(VEHICLE_KEY, vehicleType, table)}.${fuel}${modelYearSegment(modelYear)}`;
    const years = modelYear === "" ? "" : `, model year ${modelYear}`;
    return hubFactor({
      idSlug: activity,
      activity,
      name: `${vehicleType} (${fuelName}${years}), CH4 and N2O per vehicle-mile`,
      unit: "mi",
      scope: 1,
      category: "mobile_combustion",
      ...combustionGases(
        undefined,
        requiredNum(row, "g_ch4_per_vehicle_mile"),
        requiredNum(row, "g_n2o_per_vehicle_mile"),
      ),
      ch4_origin: biogenic.has(fuel) ? "non_fossil" : "fossil",
      ref: `${table}, row "${vehicleType}"${row.fuel_type ? ` / "${fuelName}"` : ""}${modelYear ? ` / "${modelYear}"` : ""}`,
    });
  });
}

function nonRoad(rows: Row[], table2: Row[]): FactorRecord[] {
  const co2PerGallon = new Map(
    table2.map((row) => [cell(row, "fuel_type"), requiredNum(row, "kg_co2_per_unit")]),
  );
  return rows.map((row) => {
    const vehicle = stripFootnote(cell(row, "vehicle_type_as_published"));
    const fuel = cell(row, "fuel_type");
    const co2Fuel = lookup(NONROAD_CO2_FUEL, fuel, "Table 5");
    const co2 = co2PerGallon.get(co2Fuel);
    if (co2 === undefined) throw new Error(`Table 2 has no row ${JSON.stringify(co2Fuel)}`);
    const activity = `nonroad.${slug(vehicle)}.${slug(fuel)}`;
    return hubFactor({
      idSlug: activity,
      activity,
      name: `${vehicle}, ${fuel}: CO2 of ${co2Fuel} plus non-road CH4 and N2O, per gallon`,
      unit: "gal",
      scope: 1,
      category: "mobile_combustion",
      ...combustionGases(
        co2,
        requiredNum(row, "g_ch4_per_gallon"),
        requiredNum(row, "g_n2o_per_gallon"),
      ),
      ch4_origin: "fossil",
      ref: `Table 5, row "${vehicle}" / "${fuel}"; CO2 from Table 2, row "${co2Fuel}"`,
    });
  });
}

// ---- Table 6: eGRID2023 electricity ----

function lbPerMwh(row: Row, prefix: string, multiplier = 1): Record<string, number> {
  const kg = (gas: string) =>
    clean(requiredNum(row, `${prefix}_lb_${gas}_per_mwh`) * KG_PER_LB * multiplier);
  return { CO2: kg("co2"), CH4: kg("ch4"), N2O: kg("n2o") };
}

function electricity(rows: Row[]): FactorRecord[] {
  return rows.flatMap((row) => {
    const acronym = cell(row, "egrid_subregion_acronym");
    const subregion = cell(row, "egrid_subregion_name");
    const national = acronym === US_AVERAGE;
    const where = national ? "US average" : `subregion ${acronym} (${subregion})`;
    const place = {
      region: national ? "US" : `US-${acronym}`,
      tier: national ? ("national" as const) : ("subregion" as const),
      year: EGRID_YEAR,
      unit: "MWh",
    };
    const regionSlug = national ? "us" : slug(acronym);
    const ref = `Table 6, row "${acronym}"`;
    const scope2 = { scope: 2 as const, category: "purchased_electricity" as const };
    const factors = [
      hubFactor({
        ...place,
        ...scope2,
        idSlug: `electricity.grid.${regionSlug}`,
        activity: "electricity.grid",
        name: `eGRID2023 ${where}, total output emission rate`,
        gases: lbPerMwh(row, "total_output"),
        ref: `${ref} (total output rates, lb/MWh)`,
      }),
      hubFactor({
        ...place,
        ...scope2,
        idSlug: `electricity.grid.nonbaseload.${regionSlug}`,
        activity: "electricity.grid.nonbaseload",
        name: `eGRID2023 ${where}, non-baseload output emission rate (EPA: for estimating avoided emissions, not for inventories)`,
        gases: lbPerMwh(row, "nonbaseload"),
        ref: `${ref} (non-baseload rates, lb/MWh)`,
      }),
    ];
    // PRMS is published without a grid gross loss.
    const loss = num(cell(row, "grid_gross_loss_fraction"));
    if (loss === undefined) return factors;
    // The loss fraction is of the electricity put on the grid, so each MWh delivered needed
    // 1/(1 − loss) MWh generated, of which loss/(1 − loss) MWh was lost on the way.
    const lostPerDelivered = loss / (1 - loss);
    factors.push(
      hubFactor({
        ...place,
        idSlug: `electricity.td_losses.${regionSlug}`,
        activity: "electricity.td_losses",
        name: `eGRID2023 ${where}, T&D losses per MWh consumed: total output rate × grid gross loss / (1 − grid gross loss)`,
        scope: 3,
        category: "3.3",
        gases: lbPerMwh(row, "total_output", lostPerDelivered),
        ref: `${ref}: total output rates × ${loss} / (1 − ${loss})`,
      }),
    );
    return factors;
  });
}

// ---- Table 7: steam and heat ----

function steamAndHeat(rows: Row[]): FactorRecord[] {
  return rows.map((row) => {
    const name = cell(row, "source");
    return hubFactor({
      idSlug: "heat.steam",
      activity: "heat.steam",
      name: `${name} purchased, per mmBtu (EPA assumes natural gas at 80% efficiency)`,
      unit: "mmBtu",
      scope: 2,
      category: "purchased_heat_steam_cooling",
      ...rowGases(row, "kg_co2_per_mmbtu", "g_ch4_per_mmbtu", "g_n2o_per_mmbtu"),
      ch4_origin: "fossil",
      ref: `Table 7, row "${name}"`,
    });
  });
}

// ---- Tables 8 and 10: scope 3 transport and travel ----

function distanceBased(
  rows: Row[],
  table: string,
  category: "3.4" | "3.6",
  keyOf: (name: string, unit: string) => string,
) {
  return rows.map((row) => {
    const published = cell(row, "vehicle_type_as_published");
    const name = stripFootnote(published);
    const unit = cell(row, "unit");
    const activity = keyOf(name, unit);
    return hubFactor({
      idSlug: activity,
      activity,
      name: `${name}, per ${unit} (tank-to-wheel)`,
      unit: unitId(unit),
      scope: 3,
      category,
      ...rowGases(row, "kg_co2_per_unit", "g_ch4_per_unit", "g_n2o_per_unit"),
      ref: `${table}, row "${published}"`,
    });
  });
}

// ---- Table 9: waste ----

function waste(rows: Row[]): FactorRecord[] {
  return rows.flatMap((row) => {
    const material = cell(row, "material");
    return Object.entries(WASTE_TREATMENT).flatMap(([column, treatment]) => {
      const tonnesCo2e = num(cell(row, column));
      if (tonnesCo2e === undefined) return [];
      const co2e = clean(tonnesCo2e * KG_PER_METRIC_TON);
      const activity =
        material === AVERAGE_WASTE ? `waste.${treatment}` : `waste.${treatment}.${slug(material)}`;
      return [
        hubFactor({
          idSlug: activity,
          activity,
          name: `${material}, ${column.replace(/_/g, " ")}, per short ton (WARM, AR4 CO2e, no avoided emissions)`,
          unit: "short_ton",
          scope: 3,
          category: "3.5",
          // Published as CO2e only.
          gases: {},
          co2e,
          co2e_gwp: "AR4",
          co2e_unsplit: co2e,
          ch4_origin: "non_fossil",
          ref: `Table 9, row "${material}", column "${column}"`,
        }),
      ];
    });
  });
}

// ---- Tables 11 and 12: refrigerants ----

/** HFCs carry the same number as their ASHRAE refrigerant designation (HFC-134a is R-134a). */
function refrigerantKey(gas: EpaGas): string {
  return gas.name.startsWith("HFC-")
    ? `r${gas.key.slice("HFC".length).toLowerCase()}`
    : gas.key.toLowerCase();
}

function refrigerant(
  key: string,
  name: string,
  gases: Record<string, number>,
  gwpAr5: number,
  ref: string,
): FactorRecord {
  return hubFactor({
    idSlug: `refrigerant.${key}`,
    activity: `refrigerant.${key}`,
    name,
    region: "WORLD",
    tier: "global",
    unit: "kg",
    scope: 1,
    category: "fugitive",
    gases,
    co2e: gwpAr5,
    co2e_gwp: "AR5",
    ref,
  });
}

/**
 * A blend's inventory gases: only the components that Table 11 lists (the GHG Protocol's HFCs,
 * PFCs, SF6, NF3). HCFCs and hydrocarbons are outside the inventory, as in Table 12's GWPs.
 */
function inventoryComponents(
  components: Record<string, number>,
  inventoryGases: Set<string>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(components).filter(([species]) => inventoryGases.has(species)),
  );
}

function refrigerants(shared: string): FactorRecord[] {
  const gases = readEpaGases(shared);
  const inventoryGases = new Set(gases.map((gas) => gas.key));
  const pure = gases.map((gas) =>
    refrigerant(
      refrigerantKey(gas),
      `${gas.name} (${gas.formula}) released, per kg`,
      { [gas.key]: 1 },
      gas.gwpAr5,
      `Table 11, row "${gas.name}"`,
    ),
  );
  const blends = readEpaBlends(shared).map((blend) =>
    refrigerant(
      blend.key.toLowerCase(),
      `${blend.ashrae} (${blend.composition}) released, per kg`,
      inventoryComponents(blend.components, inventoryGases),
      blend.gwpAr5,
      `Table 12, row "${blend.ashrae}" (EPA's GWP counts only the HFC and PFC components)`,
    ),
  );
  return [...pure, ...blends];
}

export function buildEpaHub(shared: string): SourceBuild {
  const table = (file: string): Row[] => readCsv(join(shared, DERIVED, file));
  const table1 = table("table01_stationary_combustion.csv");
  const table2 = table("table02_mobile_combustion_co2.csv");
  const biogenic = biogenicFuels(table1);
  const factors = [
    ...stationaryCombustion(table1),
    ...mobileCo2(table2, biogenic),
    ...onRoad(table("table03_mobile_ch4_n2o_onroad_gasoline.csv"), "Table 3", biogenic),
    ...onRoad(table("table04_mobile_ch4_n2o_onroad_diesel_altfuel.csv"), "Table 4", biogenic),
    ...nonRoad(table("table05_mobile_ch4_n2o_nonroad.csv"), table2),
    ...electricity(table("table06_electricity_egrid2023_subregions.csv")),
    ...steamAndHeat(table("table07_steam_and_heat.csv")),
    ...distanceBased(
      table("table08_scope3_cat4_cat9_transportation.csv"),
      "Table 8",
      "3.4",
      (name, unit) => lookup(TRANSPORT_KEY, `${name} per ${unit}`, "Table 8"),
    ),
    ...waste(table("table09_scope3_cat5_cat12_waste.csv")),
    ...distanceBased(
      table("table10_scope3_cat6_cat7_business_travel_commuting.csv"),
      "Table 10",
      "3.6",
      (name) => lookup(TRAVEL_KEY, name, "Table 10"),
    ),
    ...refrigerants(shared),
  ];
  return { source: SOURCE, factors: finishFactors(factors) };
}
