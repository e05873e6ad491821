import { findUnit } from "@offgridflow/engine";
import { describe, expect, it } from "vitest";
import { normaliseLedgerUnit } from "../../../src/mapping/quantities/index.ts";

describe("normaliseLedgerUnit", () => {
  // [unit column as exported, engine unit id, factor]: every spelling dev.csv's unit column
  // uses (first block), then the README's other examples and local units.
  const cases: [string, string, number][] = [
    ...(
      [
        ["therm", "therm"],
        ["kWh", "kWh"],
        ["CCF", "ccf"],
        ["gal", "gal"],
        ["mi", "mi"],
        ["nights", "room_night"],
        ["L", "L"],
        ["lb", "lb"],
        ["t", "t"],
        ["m³", "m3"],
        ["l", "L"],
        ["Nächte", "room_night"],
        ["MWh", "MWh"],
        ["Stk", "unit"],
        ["kg", "kg"],
        ["km", "km"],
        ["pcs", "unit"],
        ["miles", "mi"],
        ["room nights", "room_night"],
        ["m3", "m3"],
        ["nuit", "room_night"],
        ["ton", "t"], // Dutch "24 ton" is metric
        ["GJ", "GJ"],
      ] as const
    ).map(([unit, id]): [string, string, number] => [unit, id, 1]),
    ["therms", "therm", 1],
    ["thm", "therm", 1],
    ["Liter", "L", 1],
    ["litres", "L", 1],
    ["ltr", "L", 1],
    ["cbm", "m3", 1],
    ["nuits", "room_night", 1],
    ["nachten", "room_night", 1],
    ["noches", "room_night", 1],
    ["nätter", "room_night", 1],
    ["kwh", "kWh", 1],
    ["KWH", "kWh", 1],
    ["kW/h", "kWh", 1],
    ["to", "t", 1], // German "to" = Tonne
    ["tonnes", "t", 1],
    ["short tons", "short_ton", 1],
    ["st", "unit", 1],
    ["pièces", "unit", 1],
    ["pkm", "pkm", 1],
    ["tkm", "tkm", 1],
    ["mil", "km", 10], // Swedish mil = 10 km
    [" Mil ", "km", 10],
    ["room  nights", "room_night", 1],
  ];

  it.each(cases)("%s -> %s x %d", (unit, id, factor) => {
    expect(normaliseLedgerUnit(unit)).toEqual({ unit: id, factor });
  });

  it("returns ids the engine resolves, to themselves", () => {
    for (const [unit, id] of cases) {
      expect(findUnit(normaliseLedgerUnit(unit)!.unit)?.id, unit).toBe(id);
    }
  });

  it.each(["", "EUR", "Fl.", "v.e.", "m²", "kW", "Sendungen"])("%s is unknown", (unit) => {
    expect(normaliseLedgerUnit(unit)).toBeUndefined();
  });
});
