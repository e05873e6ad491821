import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allUnits, findUnit, ratio, sameDimension } from "../src/units.ts";

const unit = (name: string) => {
  const found = findUnit(name);
  if (!found) throw new Error(`no unit ${name}`);
  return found;
};

describe("units", () => {
  it("finds units by id, alias and case-insensitive alias", () => {
    expect(unit("litres").id).toBe("L");
    expect(unit("Therms").id).toBe("therm");
    expect(unit("passenger.km").id).toBe("pkm");
    expect(findUnit("furlong")).toBeUndefined();
  });

  it("treats three capitals as a currency, convertible only to itself", () => {
    expect(unit("EUR").dimension).toBe("money");
    expect(sameDimension(unit("EUR"), unit("EUR"))).toBe(true);
    expect(sameDimension(unit("EUR"), unit("USD"))).toBe(false);
  });

  // Definitions: 1 therm = 100,000 Btu = 0.1 mmBtu (EPA Hub 2025, Table 1 notes);
  // 1 kWh = 3.6 MJ; 1 US gal = 3.785411784 L; 1 short ton = 2000 lb = 907.18474 kg;
  // 1 mile = 1.609344 km, so 1 short ton-mile = 0.90718474 t x 1.609344 km = 1.459972... t.km.
  it.each([
    ["therm", "mmBtu", 0.1],
    ["kWh", "MJ", 3.6],
    ["MWh", "kWh", 1000],
    ["gal", "L", 3.785411784],
    ["short_ton", "kg", 907.18474],
    ["mi", "km", 1.609344],
    ["ton_mi", "tkm", 0.90718474 * 1.609344],
    ["mmBtu", "GJ", 1.05505585262],
  ])("1 %s = %d %s", (from, to, expected) => {
    expect(ratio(unit(from), unit(to))).toBeCloseTo(expected, 12);
  });

  it("keeps dimensions apart: kg is not energy, nights are not units", () => {
    expect(sameDimension(unit("kg"), unit("kWh"))).toBe(false);
    expect(sameDimension(unit("night"), unit("unit"))).toBe(false);
  });

  it("round-trips any quantity between any two units of a dimension", () => {
    const units = allUnits();
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.constantFrom(...units),
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        (a, b, quantity) => {
          fc.pre(sameDimension(a, b));
          const back = quantity * ratio(a, b) * ratio(b, a);
          expect(back).toBeCloseTo(quantity, Math.max(0, 9 - Math.ceil(Math.log10(quantity))));
        },
      ),
    );
  });
});
