/**
 * Unit spellings met in ledger exports (the `unit` column and quantities written in booking
 * texts), each mapped to an engine unit id (`findUnit` in engine/src/units.ts resolves every id
 * used here) and a multiplier for local units that have no engine id of their own.
 */
import type { NumberFormat } from "../../ledger/schema.ts";

export interface LedgerUnit {
  /** Engine unit id. */
  unit: string;
  /** Multiplier taking the ledger quantity to `unit` (10 for a Swedish mil in km). */
  factor: number;
}

interface Spelling {
  unit: string;
  factor?: number;
  /** Lower-case spellings; a space stands for any run of whitespace. */
  names: readonly string[];
  /**
   * Number formats of the companies whose booking texts may use these spellings; omitted means
   * all. An empty list keeps a spelling to the unit column, where it cannot be an ordinary word.
   */
  inText?: readonly NumberFormat[];
}

const EVERYWHERE_BUT_TEXT: readonly NumberFormat[] = [];
/** Decimal-comma exports: the Dutch, Nordic and German ledgers. */
const CONTINENTAL: readonly NumberFormat[] = ["eu"];

const SPELLINGS: readonly Spelling[] = [
  // energy
  { unit: "kWh", names: ["kwh", "kw/h", "kw h", "kilowattstunden", "kilowattuur"] },
  { unit: "MWh", names: ["mwh"] },
  { unit: "GWh", names: ["gwh"] },
  { unit: "MJ", names: ["mj"] },
  { unit: "GJ", names: ["gj"] },
  { unit: "therm", names: ["therm", "therms", "thm", "thms"] },
  { unit: "mmBtu", names: ["mmbtu"] },
  // volume; `gal` is the US gallon, as the README's ledgers export it
  { unit: "L", names: ["l", "ltr", "ltrs", "ltr.", "litre", "litres", "liter", "liters", "lit."] },
  // Nm³ (normal cubic metre) and the Dutch "m3 (n)" are gas volumes at reference conditions.
  { unit: "m3", names: ["m3", "m³", "cbm", "nm3", "nm³", "kubikmeter"] },
  { unit: "gal", names: ["gal", "gals", "gallon", "gallons", "us gal"] },
  { unit: "imp_gal", names: ["imp gal", "imperial gallons"] },
  { unit: "ccf", names: ["ccf", "hcf"] },
  { unit: "mcf", names: ["mcf"] },
  // mass. The five companies are continental or British and their "ton" is the metric tonne
  // ("Zout 24 ton bulk"); a US short ton has to be written out as one.
  { unit: "kg", names: ["kg", "kgs", "kilo", "kilos", "kilogramm"] },
  { unit: "t", names: ["t", "tonne", "tonnes", "tonnen", "ton", "tons", "mt"] },
  { unit: "t", names: ["to", "to."], inText: EVERYWHERE_BUT_TEXT }, // the English word "to"
  { unit: "short_ton", names: ["short ton", "short tons"] },
  { unit: "lb", names: ["lb", "lbs"] },
  { unit: "g", names: ["g"], inText: EVERYWHERE_BUT_TEXT }, // "4G router", "5g"
  // distance
  { unit: "km", names: ["km", "kms", "kilometer", "kilometre", "kilometres", "kilometers"] },
  { unit: "mi", names: ["mi", "mile", "miles"] },
  // Swedish/Norwegian mil = 10 km; in US text a mil is a thousandth of an inch (film gauge).
  { unit: "km", factor: 10, names: ["mil"], inText: CONTINENTAL },
  { unit: "m", names: ["m"], inText: EVERYWHERE_BUT_TEXT }, // "6m Stangen" is a bar length
  { unit: "pkm", names: ["pkm", "p.km", "passenger-km", "personenkilometer"] },
  { unit: "tkm", names: ["tkm", "t.km", "t-km", "tonne-km", "tonnenkilometer"] },
  // counts
  {
    unit: "room_night",
    names: [
      ...["night", "nights", "nt", "nts", "room night", "room nights", "room-nights"],
      ...["nacht", "nächte", "naechte", "n.", "übernachtung", "übernachtungen"],
      ...["nuit", "nuits", "nuitée", "nuitées", "nachten", "overnachtingen"],
      ...["noche", "noches", "natt", "nätter"],
    ],
  },
  { unit: "passenger", names: ["pax", "passenger", "passengers"] },
  {
    unit: "unit",
    names: ["stk", "stk.", "stck", "stück", "pcs", "pc", "pce", "pces", "pièce", "pièces"],
  },
  // "st"/"stuks" are Dutch and Swedish; in English text "21st" is a date.
  { unit: "unit", names: ["st", "st.", "stuks"], inText: CONTINENTAL },
  // time (temporary staff hours)
  { unit: "h", names: ["h", "hrs", "hours", "std.", "heures", "uur"] },
];

const BY_NAME: ReadonlyMap<string, Spelling> = new Map(
  SPELLINGS.flatMap((spelling) => spelling.names.map((name) => [name, spelling] as const)),
);

function key(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}

function ledgerUnit(spelling: Spelling): LedgerUnit {
  return { unit: spelling.unit, factor: spelling.factor ?? 1 };
}

/** The engine unit (and multiplier) a ledger's unit column means; undefined when unknown. */
export function normaliseLedgerUnit(unit: string): LedgerUnit | undefined {
  const spelling = BY_NAME.get(key(unit));
  return spelling && ledgerUnit(spelling);
}

/** Spellings trusted after a number inside a booking text written in `format`. */
export function textUnitNames(format: NumberFormat): string[] {
  return SPELLINGS.filter((spelling) => spelling.inText?.includes(format) ?? true).flatMap(
    (spelling) => spelling.names,
  );
}

/** Like `normaliseLedgerUnit`, for a spelling `textUnitNames` produced. */
export function textUnit(name: string): LedgerUnit {
  const spelling = BY_NAME.get(key(name));
  if (!spelling) throw new Error(`unit spelling ${name} is not in the vocabulary`);
  return ledgerUnit(spelling);
}
