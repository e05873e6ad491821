import { beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES, type FactorRecord } from "../../engine/src/factor.ts";
import { findUnit } from "../../engine/src/units.ts";
import { buildDesnz } from "../../scripts/build-factors/desnz.ts";
import { NO_SHARED_TABLES, SHARED_FACTORS } from "./shared-tables.ts";

const dir = SHARED_FACTORS;

/**
 * DESNZ publishes the total and each gas's CO2e to 5 decimal places, so the three gases can miss
 * the total by up to 4 half-units of the last place.
 */
const DESNZ_ROUNDING = 4 * 0.5e-5;

describe.skipIf(NO_SHARED_TABLES)("DESNZ 2025 flat file (SOURCES.md section 2)", () => {
  let factors: FactorRecord[];
  let byId: Map<string, FactorRecord>;

  /** The one factor with this activity, region, unit and (optional) energy basis. */
  function only(
    activity: string,
    region: string,
    unit: string,
    basis?: "HHV" | "LHV",
  ): FactorRecord {
    const found = factors.filter(
      (f) =>
        f.activity === activity &&
        f.region === region &&
        f.unit === unit &&
        f.energy_basis === basis,
    );
    expect(found, `${activity} ${region} ${unit} ${basis ?? ""}`).toHaveLength(1);
    return found[0]!;
  }

  beforeAll(() => {
    factors = buildDesnz(dir).factors;
    byId = new Map(factors.map((f) => [f.id, f]));
  });

  it("reads natural gas per kWh (Gross CV): 0.18296 kg CO2e, gases as masses", () => {
    const gas = byId.get("desnz-2025:1_100_1004_6")!;
    expect(gas).toMatchObject({
      activity: "fuel.natural_gas",
      unit: "kWh",
      energy_basis: "HHV",
      region: "GB",
      scope: 1,
      category: "stationary_combustion",
      tier: "national",
      co2e: 0.18296,
      co2e_gwp: "AR5",
      ch4_origin: "fossil",
    });
    expect(gas.gases.CO2).toBe(0.18259);
    expect(gas.gases.CH4).toBeCloseTo(0.00028 / 28, 15);
    expect(gas.gases.N2O).toBeCloseTo(0.00009 / 265, 15);
    expect(gas.co2e_unsplit).toBeUndefined();
    expect(gas.ref).toBe(
      "Factors by Category, ID 1_100_1004_6_1, 1_100_1004_6_2, 1_100_1004_6_3, 1_100_1004_6_4",
    );
    expect(only("fuel.natural_gas", "GB", "kWh", "LHV").co2e).toBe(0.2027);
  });

  it("reads UK grid electricity: 0.177 kg CO2e/kWh, with its outside-of-scopes biogenic CO2", () => {
    const grid = byId.get("desnz-2025:7_400_4000_5")!;
    expect(grid).toMatchObject({
      activity: "electricity.grid",
      unit: "kWh",
      region: "GB",
      scope: 2,
      category: "purchased_electricity",
      co2e: 0.177,
      biogenic_co2: 0.11507,
    });
    expect(grid.energy_basis).toBeUndefined();
  });

  it("gas masses rebuild the published total within DESNZ's rounding", () => {
    const split = factors.filter((f) => f.gases.CH4 !== undefined && f.gases.N2O !== undefined);
    expect(split.length).toBeGreaterThan(1000);
    let worst = 0;
    for (const f of split) {
      const rebuilt = f.gases.CO2! + 28 * f.gases.CH4! + 265 * f.gases.N2O!;
      worst = Math.max(worst, Math.abs(rebuilt - f.co2e!));
    }
    expect(worst).toBeLessThanOrEqual(DESNZ_ROUNDING);
  });

  it("has unique ids and unique (activity, region, unit, energy basis)", () => {
    expect(byId.size).toBe(factors.length);
    const keys = new Set(
      factors.map((f) => [f.activity, f.region, f.unit, f.energy_basis ?? ""].join("|")),
    );
    expect(keys.size).toBe(factors.length);
  });

  it("uses known units, categories and key syntax, and only published totals", () => {
    for (const f of factors) {
      expect(findUnit(f.unit), `${f.id} unit ${f.unit}`).toBeDefined();
      expect(CATEGORIES, f.id).toContain(f.category);
      expect(f.activity, f.id).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/);
      expect(Number.isFinite(f.co2e), f.id).toBe(true);
      expect(f.source).toBe("desnz");
      expect(f.tier).toBe(f.region === "WORLD" ? "global" : "national");
    }
    // Refinery miscellaneous per litre is published blank: not a zero factor.
    expect(byId.has("desnz-2025:1_101_1021_8")).toBe(false);
    // A battery-electric car's tailpipe factor is a published zero.
    expect(only("vehicle.car.average.bev", "GB", "km").co2e).toBe(0);
  });

  it("gives family keys to the publisher's average variants", () => {
    expect(only("travel.rail", "GB", "pkm").co2e).toBe(0.03546);
    expect(only("travel.taxi", "GB", "km").co2e).toBe(0.20806);
    expect(only("travel.bus", "GB", "pkm").co2e).toBe(0.10385);
    expect(only("travel.car", "GB", "km").co2e).toBe(0.16725);
    expect(only("freight.road", "GB", "tkm").co2e).toBe(0.10163);
    expect(only("freight.sea", "WORLD", "tkm").co2e).toBe(0.01612);
    expect(only("freight.air", "WORLD", "tkm").co2e).toBe(0.5313);
    expect(only("freight.rail", "GB", "tkm").co2e).toBe(0.02779);
    expect(only("waste.landfill", "GB", "t").co2e).toBe(520.5327);
    expect(factors.some((f) => f.activity === "travel.rail.national_rail")).toBe(false);
  });

  it("keeps flights with and without radiative forcing apart", () => {
    expect(only("travel.air.long_haul.economy", "WORLD", "pkm").co2e).toBe(0.06926);
    expect(only("travel.air.long_haul.economy.rf", "WORLD", "pkm").co2e).toBe(0.11704);
    expect(only("travel.air.domestic.average", "GB", "pkm").category).toBe("3.6");
  });

  it("maps hotel countries to ISO codes", () => {
    expect(only("travel.hotel", "GB", "room_night").co2e).toBe(10.4);
    expect(only("travel.hotel.london", "GB", "room_night").co2e).toBe(11.5);
    expect(only("travel.hotel", "FR", "room_night").co2e).toBe(6.7);
    expect(only("travel.hotel", "HK", "room_night").co2e).toBe(51.5);
    expect(only("travel.hotel", "KR", "room_night").co2e).toBe(55.8);
  });

  it("emits refrigerants per kg: pure gases as their species, blends as Kyoto-gas CO2e only", () => {
    expect(only("refrigerant.hfc134a", "WORLD", "kg")).toMatchObject({
      gases: { HFC134a: 1 },
      co2e: 1300,
      scope: 1,
      category: "fugitive",
      tier: "global",
    });
    expect(only("refrigerant.sf6", "WORLD", "kg").gases).toEqual({ SF6: 1 });
    expect(only("refrigerant.cf4", "WORLD", "kg").gases).toEqual({ CF4: 1 });
    const r410a = only("refrigerant.r410a", "WORLD", "kg");
    expect(r410a.gases).toEqual({});
    expect(r410a.co2e_unsplit).toBe(1924);
    // GHG Protocol scopes cover Kyoto gases: R-401A's plain key is its Kyoto part (18), the
    // total with its HCFCs (1,130 in DESNZ 2025) is kept apart.
    expect(only("refrigerant.r401a", "WORLD", "kg").co2e).toBe(18);
    expect(only("refrigerant.r401a.incl_non_kyoto", "WORLD", "kg").co2e).toBeGreaterThan(1000);
  });

  it("files bioenergy as non-fossil with its biogenic CO2, and WTT under the same key", () => {
    const hvo = only("fuel.hvo", "GB", "L");
    expect(hvo).toMatchObject({ co2e: 0.03558, co2e_unsplit: 0.03558, gases: {} });
    expect(hvo).toMatchObject({ ch4_origin: "non_fossil", biogenic_co2: 2.43 });
    expect(only("wtt.fuel.natural_gas", "GB", "kWh", "HHV").category).toBe("3.3");
    expect(only("electricity.td_losses", "GB", "kWh").co2e).toBe(0.01853);
  });
});
