/**
 * Dimension-aware units. Each unit converts to its dimension's base unit by an exact
 * multiplier; conversions across dimensions (volume -> energy, mass -> volume) need an
 * explicit heating value or density and live in `conversion.ts`, never here.
 */

export type Dimension =
  | "energy"
  | "mass"
  | "volume"
  | "distance"
  | "passenger_distance"
  | "mass_distance"
  | "count"
  | "time"
  | "money";

export interface UnitDef {
  id: string;
  dimension: Dimension;
  /** Multiplier to the dimension's base unit (MJ, kg, L, km, pkm, tkm, h). */
  toBase: number;
  /** Count units only convert among units counting the same thing. */
  countOf?: string;
  aliases: readonly string[];
}

// International (IT) British thermal unit: 1055.05585262 J (ISO 31-4 / NIST SP 811 Appendix B).
const BTU_MJ = 1055.05585262e-6;
// US survey definitions (NIST Handbook 44, Appendix C): 1 gallon = 231 in³ = 3.785411784 L,
// 1 ft³ = 28.316846592 L, 1 lb = 0.45359237 kg (exact), 1 mile = 1.609344 km (exact).
const US_GALLON_L = 3.785411784;
const CUBIC_FOOT_L = 28.316846592;
const POUND_KG = 0.45359237;
const SHORT_TON_KG = 2000 * POUND_KG;
const LONG_TON_KG = 2240 * POUND_KG;
const MILE_KM = 1.609344;
// UK gallon: 4.54609 L exactly (Weights and Measures Act 1985, Schedule 1).
const IMPERIAL_GALLON_L = 4.54609;

const UNIT_LIST: UnitDef[] = [
  // energy (base MJ)
  { id: "J", dimension: "energy", toBase: 1e-6, aliases: ["joule", "joules"] },
  { id: "kJ", dimension: "energy", toBase: 1e-3, aliases: [] },
  { id: "MJ", dimension: "energy", toBase: 1, aliases: ["megajoule", "megajoules"] },
  { id: "GJ", dimension: "energy", toBase: 1e3, aliases: ["gigajoule", "gigajoules"] },
  { id: "TJ", dimension: "energy", toBase: 1e6, aliases: ["terajoule", "terajoules"] },
  { id: "Wh", dimension: "energy", toBase: 3.6e-3, aliases: [] },
  {
    id: "kWh",
    dimension: "energy",
    toBase: 3.6,
    aliases: ["kwh", "kilowatt-hour", "kilowatt hours"],
  },
  { id: "MWh", dimension: "energy", toBase: 3.6e3, aliases: ["mwh", "megawatt-hour"] },
  { id: "GWh", dimension: "energy", toBase: 3.6e6, aliases: ["gwh", "gigawatt-hour"] },
  { id: "Btu", dimension: "energy", toBase: BTU_MJ, aliases: ["btu"] },
  {
    id: "mmBtu",
    dimension: "energy",
    toBase: 1e6 * BTU_MJ,
    aliases: ["mmbtu", "MMBtu", "MMBTU", "million btu"],
  },
  // therm = 100,000 Btu (EPA GHG Emission Factors Hub 2025, Table 1 notes: 1 therm = 0.1 mmBtu).
  { id: "therm", dimension: "energy", toBase: 1e5 * BTU_MJ, aliases: ["therms", "thm"] },
  // mass (base kg)
  { id: "g", dimension: "mass", toBase: 1e-3, aliases: ["gram", "grams"] },
  { id: "kg", dimension: "mass", toBase: 1, aliases: ["kilogram", "kilograms", "kgs"] },
  {
    id: "t",
    dimension: "mass",
    toBase: 1e3,
    aliases: ["tonne", "tonnes", "metric ton", "metric tons", "mt"],
  },
  { id: "lb", dimension: "mass", toBase: POUND_KG, aliases: ["lbs", "pound", "pounds"] },
  {
    id: "short_ton",
    dimension: "mass",
    toBase: SHORT_TON_KG,
    aliases: ["short ton", "short tons", "ton", "tons"],
  },
  { id: "long_ton", dimension: "mass", toBase: LONG_TON_KG, aliases: ["long ton", "long tons"] },
  // volume (base L)
  { id: "mL", dimension: "volume", toBase: 1e-3, aliases: ["ml"] },
  { id: "L", dimension: "volume", toBase: 1, aliases: ["l", "litre", "litres", "liter", "liters"] },
  {
    id: "m3",
    dimension: "volume",
    toBase: 1e3,
    aliases: ["m³", "cubic metre", "cubic metres", "cubic meter", "cubic meters"],
  },
  {
    id: "million_L",
    dimension: "volume",
    toBase: 1e6,
    aliases: ["million litres", "million liters"],
  },
  {
    id: "gal",
    dimension: "volume",
    toBase: US_GALLON_L,
    aliases: ["gallon", "gallons", "us gallon", "us gallons"],
  },
  {
    id: "imp_gal",
    dimension: "volume",
    toBase: IMPERIAL_GALLON_L,
    aliases: ["imperial gallon", "imperial gallons", "uk gallon"],
  },
  {
    id: "scf",
    dimension: "volume",
    toBase: CUBIC_FOOT_L,
    aliases: [
      "ft3",
      "cf",
      "cubic foot",
      "cubic feet",
      "standard cubic foot",
      "standard cubic feet",
    ],
  },
  { id: "ccf", dimension: "volume", toBase: 100 * CUBIC_FOOT_L, aliases: ["hcf"] },
  { id: "mcf", dimension: "volume", toBase: 1000 * CUBIC_FOOT_L, aliases: [] },
  { id: "bbl", dimension: "volume", toBase: 42 * US_GALLON_L, aliases: ["barrel", "barrels"] },
  // distance (base km); vehicle-distance is distance travelled by the vehicle
  { id: "m", dimension: "distance", toBase: 1e-3, aliases: ["metre", "metres", "meter", "meters"] },
  {
    id: "km",
    dimension: "distance",
    toBase: 1,
    aliases: ["kilometre", "kilometres", "kilometer", "kilometers", "vehicle-km", "vkm"],
  },
  {
    id: "mi",
    dimension: "distance",
    toBase: MILE_KM,
    aliases: ["mile", "miles", "vehicle-mile", "vehicle-miles"],
  },
  { id: "nmi", dimension: "distance", toBase: 1.852, aliases: ["nautical mile", "nautical miles"] },
  // passenger-distance (base passenger-km)
  {
    id: "pkm",
    dimension: "passenger_distance",
    toBase: 1,
    aliases: ["passenger.km", "passenger-km", "passenger km", "p.km"],
  },
  {
    id: "pmi",
    dimension: "passenger_distance",
    toBase: MILE_KM,
    aliases: ["passenger-mile", "passenger-miles", "passenger mile", "passenger.mile"],
  },
  // mass-distance (base tonne-km)
  {
    id: "tkm",
    dimension: "mass_distance",
    toBase: 1,
    aliases: ["tonne.km", "tonne-km", "t.km", "t-km", "tonne km"],
  },
  {
    id: "ton_mi",
    dimension: "mass_distance",
    toBase: (SHORT_TON_KG / 1000) * MILE_KM,
    aliases: ["short ton-mile", "ton-mile", "ton-miles", "ton mile"],
  },
  // count
  {
    id: "unit",
    dimension: "count",
    toBase: 1,
    countOf: "unit",
    aliases: ["units", "each", "item", "items", "pcs", "pc"],
  },
  {
    id: "room_night",
    dimension: "count",
    toBase: 1,
    countOf: "room_night",
    aliases: ["room night", "room nights", "room-night", "room-nights", "night", "nights"],
  },
  {
    id: "passenger",
    dimension: "count",
    toBase: 1,
    countOf: "passenger",
    aliases: ["passengers", "pax"],
  },
  // time (base hour)
  { id: "s", dimension: "time", toBase: 1 / 3600, aliases: ["second", "seconds", "sec"] },
  { id: "min", dimension: "time", toBase: 1 / 60, aliases: ["minute", "minutes"] },
  { id: "h", dimension: "time", toBase: 1, aliases: ["hour", "hours", "hr", "hrs"] },
  { id: "day", dimension: "time", toBase: 24, aliases: ["days", "d"] },
];

const BY_NAME = new Map<string, UnitDef>();
for (const unit of UNIT_LIST) {
  for (const name of [unit.id, ...unit.aliases]) {
    if (BY_NAME.has(name)) throw new Error(`unit name ${name} defined twice`);
    BY_NAME.set(name, unit);
  }
}

const CURRENCY = /^[A-Z]{3}$/;
const currencyUnits = new Map<string, UnitDef>();

/** Looks a unit up by id or alias; three upper-case letters are an ISO 4217 currency. */
export function findUnit(name: string): UnitDef | undefined {
  const unit = BY_NAME.get(name) ?? BY_NAME.get(name.trim().toLowerCase());
  if (unit) return unit;
  if (!CURRENCY.test(name)) return undefined;
  let money = currencyUnits.get(name);
  if (!money) {
    money = { id: name, dimension: "money", toBase: 1, aliases: [] };
    currencyUnits.set(name, money);
  }
  return money;
}

export function allUnits(): readonly UnitDef[] {
  return UNIT_LIST;
}

/** Same dimension (and, for counts, counting the same thing); money converts only through FX. */
export function sameDimension(a: UnitDef, b: UnitDef): boolean {
  if (a.dimension !== b.dimension) return false;
  if (a.dimension === "money") return a.id === b.id;
  return a.countOf === b.countOf;
}

/** Multiplier taking a quantity in `from` to `to`; callers check `sameDimension` first. */
export function ratio(from: UnitDef, to: UnitDef): number {
  return from === to ? 1 : from.toBase / to.toBase;
}
