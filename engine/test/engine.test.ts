import { describe, expect, it } from "vitest";
import {
  isRowError,
  type Activity,
  type Outcome,
  type Result,
  type RowError,
} from "../src/contract.ts";
import { fixtureEngine } from "./fixture-library.ts";

const engine = fixtureEngine();

function ok(outcome: Outcome): Result {
  if (isRowError(outcome))
    throw new Error(`expected a result, got ${JSON.stringify(outcome.error)}`);
  return outcome;
}

function fails(outcome: Outcome): RowError["error"] {
  if (!isRowError(outcome)) throw new Error(`expected an error, got ${outcome.co2e_kg} kg`);
  return outcome.error;
}

const fuel = (over: Partial<Activity> = {}): Activity => ({
  id: "f",
  activity: "fuel.test",
  quantity: 10,
  unit: "mmBtu",
  region: "US",
  year: 2025,
  ...over,
});

describe("activity-based combustion", () => {
  // 10 mmBtu x (50 kg CO2, 0.001 kg CH4, 0.0001 kg N2O per mmBtu)
  it("computes per-gas masses and AR5 CO2e (default)", () => {
    const result = ok(engine.estimate(fuel()));
    expect(result.gases).toEqual({ co2_kg: 500, ch4_kg: 0.01, n2o_kg: 0.001 });
    // 500 + 0.01 x 28 + 0.001 x 265 = 500.545
    expect(result.co2e_kg).toBeCloseTo(500.545, 10);
    expect(result).toMatchObject({
      gwp: "AR5",
      scope: 1,
      category: "stationary_combustion",
      method: "activity",
    });
    expect(result.factor).toMatchObject({
      id: "a-2025:fuel",
      edition: "2025",
      region: "US",
      unit: "mmBtu",
    });
    expect(result.fallbacks).toEqual([]);
  });

  it("applies the GWP set chosen per request, with AR6 fossil CH4", () => {
    // AR4: 500 + 0.01 x 25 + 0.001 x 298 = 500.548; AR6 fossil: 500 + 0.01 x 29.8 + 0.001 x 273 = 500.571
    expect(ok(engine.estimate(fuel(), { gwp: "AR4" })).co2e_kg).toBeCloseTo(500.548, 10);
    expect(ok(engine.estimate(fuel(), { gwp: "AR6" })).co2e_kg).toBeCloseTo(500.571, 10);
  });

  it("converts within a dimension and reports it", () => {
    const result = ok(engine.estimate(fuel({ quantity: 1200, unit: "therm" })));
    expect(result.conversions).toEqual(["1 therm = 0.1 mmBtu"]);
    expect(result.gases.co2_kg).toBeCloseTo(6000, 9);
  });

  it("converts volume to energy only through the published heating value", () => {
    // 100 gal x 0.1 mmBtu/gal = 10 mmBtu
    const result = ok(engine.estimate(fuel({ quantity: 100, unit: "gal" })));
    expect(result.co2e_kg).toBeCloseTo(500.545, 9);
    expect(result.conversions[0]).toMatch(
      /^1 gal = 0\.1 mmBtu \(heating value 0\.1 mmBtu\/gal HHV/,
    );
  });

  it("prefers an activity's own heating value over the factor's", () => {
    const result = ok(
      engine.estimate(
        fuel({
          quantity: 100,
          unit: "gal",
          heating_value: { value: 0.2, energy_unit: "mmBtu", per_unit: "gal", basis: "HHV" },
        }),
      ),
    );
    expect(result.gases.co2_kg).toBeCloseTo(1000, 9);
    expect(result.conversions[0]).toContain("given with the activity");
  });

  it("reads an energy quantity of unstated basis as gross CV, and honours a stated net basis", () => {
    const gross = ok(engine.estimate(fuel({ region: "GB", quantity: 100, unit: "kWh" })));
    expect(gross.factor.id).toBe("b-2025:fuel-gross");
    expect(gross.co2e_kg).toBeCloseTo(20, 10);
    expect(gross.warnings.join()).toContain("gross (HHV)");
    const net = ok(
      engine.estimate(fuel({ region: "GB", quantity: 100, unit: "kWh", heating_basis: "LHV" })),
    );
    expect(net.factor.id).toBe("b-2025:fuel-net");
    expect(net.co2e_kg).toBeCloseTo(22, 10);
  });

  it("uses another region's factor as a reported proxy when the chain has none", () => {
    expect(ok(engine.estimate(fuel({ region: "US-XXXX" }))).fallbacks).toEqual([
      "region US-XXXX -> US",
    ]);
    const proxy = ok(engine.estimate(fuel({ region: "DE" })));
    expect(proxy.factor.region).toBe("US");
    expect(proxy.fallbacks).toEqual(["region DE -> US (proxy)"]);
    expect(proxy.warnings.join()).toContain("used as a proxy");
    const preferred = ok(engine.estimate(fuel({ region: "DE" }), { sources: ["b", "a"] }));
    expect(preferred.factor.id).toBe("b-2025:fuel-gross");
    expect(fails(engine.estimate(fuel({ region: "DE" }), { proxy_regions: false })).field).toBe(
      "region",
    );
  });

  it("reports the year fallback", () => {
    expect(ok(engine.estimate(fuel({ year: 2024 }))).fallbacks).toEqual(["year 2024 -> 2025"]);
  });
});

describe("selection", () => {
  const grid = (over: Partial<Activity> = {}): Activity => ({
    id: "e",
    activity: "electricity.grid",
    quantity: 1000,
    unit: "kWh",
    region: "US-AAAA",
    year: 2023,
    ...over,
  });

  it("takes the subregion, then the country, then the world, reporting each fallback", () => {
    expect(ok(engine.estimate(grid())).co2e_kg).toBeCloseTo(400, 10);
    const country = ok(engine.estimate(grid({ region: "US-BBBB" })));
    expect([country.co2e_kg, country.fallbacks]).toEqual([500, ["region US-BBBB -> US"]]);
    const world = ok(engine.estimate(grid({ region: "GB", year: 2023 })));
    expect(world.co2e_kg).toBeCloseTo(450, 10);
    expect(world.fallbacks).toEqual(["region GB -> WORLD", "year 2023 -> 2024"]);
  });

  it("breaks a year tie toward the earlier year", () => {
    // 2022 is two years from both 2020 and 2024
    expect(ok(engine.estimate(grid({ region: "GB", year: 2022 }))).factor.year).toBe(2020);
  });

  it("applies a caller's precedence and reports what it overruled", () => {
    const result = ok(engine.estimate(grid(), { precedence: ["national", "subregion", "global"] }));
    expect(result.co2e_kg).toBeCloseTo(500, 10);
    expect(result.fallbacks).toContain("precedence: national used over subregion (US-AAAA)");
  });

  it("selects by factor id", () => {
    const result = ok(
      engine.estimate({
        id: "x",
        factor: "a-2025:grid-us-2023",
        quantity: 1,
        unit: "MWh",
        year: 2023,
      }),
    );
    expect(result.conversions).toEqual(["1 MWh = 1000 kWh"]);
    expect(result.co2e_kg).toBeCloseTo(500, 10);
  });

  it("honours edition pins", () => {
    const pinned = engine.estimate(
      { factor: "a-2025:fuel", quantity: 1, unit: "mmBtu", year: 2025 },
      { editions: { a: "2024" } },
    );
    expect(fails(pinned).field).toBe("factor");
  });
});

describe("scope 2 dual reporting", () => {
  const power = (
    instruments: Activity["instruments"],
    method: "location" | "market" = "market",
  ): Activity => ({
    activity: "electricity.grid",
    quantity: 1000,
    unit: "kWh",
    region: "US-AAAA",
    year: 2023,
    scope2_method: method,
    instruments,
  });

  it("covers consumption with certificates, then the residual mix", () => {
    // 600 kWh certified at 0; 400 kWh at residual mix 0.7 = 280 kg; location 1000 x 0.4 = 400 kg
    const result = ok(
      engine.estimate(
        power([
          { type: "eac", quantity: 600, unit: "kWh", source: "GO wind 2023" },
          { type: "residual_mix", co2e_kg_per_kwh: 0.7, source: "AIB 2023" },
        ]),
      ),
    );
    expect(result.method).toBe("market");
    expect(result.co2e_kg).toBeCloseTo(280, 10);
    expect(result.scope2?.location_co2e_kg).toBeCloseTo(400, 10);
    expect(result.scope2?.market_basis).toHaveLength(2);
  });

  it("ranks a supplier-specific rate above the residual mix", () => {
    // 600 at 0 + 400 x 0.3 = 120 kg
    const result = ok(
      engine.estimate(
        power([
          { type: "residual_mix", co2e_kg_per_kwh: 0.7, source: "AIB" },
          { type: "supplier_rate", co2e_kg_per_kwh: 0.3, source: "Utility disclosure" },
          { type: "eac", quantity: 0.6, unit: "MWh", source: "REC" },
        ]),
      ),
    );
    expect(result.co2e_kg).toBeCloseTo(120, 10);
  });

  it("falls back to the grid average, with a warning, when nothing contractual applies", () => {
    const result = ok(engine.estimate(power(undefined)));
    expect(result.co2e_kg).toBeCloseTo(400, 10);
    expect(result.warnings.join()).toContain("Table 6.3");
  });

  it("reports location-based by default and carries the market figure beside it", () => {
    const result = ok(
      engine.estimate(power([{ type: "eac", quantity: 2, unit: "MWh", source: "GO" }], "location")),
    );
    expect(result.method).toBe("location");
    expect(result.co2e_kg).toBeCloseTo(400, 10);
    expect(result.scope2?.market_co2e_kg).toBe(0);
  });

  it("refuses an inline factor for purchased energy: the supplier rate is a market instrument", () => {
    const outcome = engine.estimate({
      ...power(undefined),
      inline_factor: { unit: "kWh", co2e_kg: 0.1, source: "X" },
    });
    expect(fails(outcome).field).toBe("inline_factor");
  });
});

describe("fugitive, waste and spend", () => {
  it("computes a blend from its components under any GWP set", () => {
    const r410a = { activity: "refrigerant.r410a", quantity: 10, unit: "kg", year: 2025 };
    // AR5: 10 x (0.5 x 677 + 0.5 x 3170) = 19235; AR6: 10 x (0.5 x 771 + 0.5 x 3740) = 22555
    expect(ok(engine.estimate(r410a)).co2e_kg).toBeCloseTo(19235, 8);
    expect(ok(engine.estimate(r410a, { gwp: "AR6" })).co2e_kg).toBeCloseTo(22555, 8);
    expect(ok(engine.estimate(r410a)).gases).toEqual({ hfc32_kg: 5, hfc125_kg: 5 });
  });

  it("keeps a CO2e-only factor and warns when another GWP set is asked for", () => {
    const waste = { activity: "waste.landfill", quantity: 2, unit: "t", region: "US", year: 2025 };
    expect(ok(engine.estimate(waste, { gwp: "AR4" })).warnings).toEqual([]);
    const ar5 = ok(engine.estimate(waste));
    expect(ar5.co2e_kg).toBe(1000);
    expect(ar5.warnings.join()).toContain("published only as AR4 CO2e");
  });

  it("restates spend in the factor's currency and price year", () => {
    // 1000 EUR (2024) / 0.8 EUR per USD = 1250 USD (2024); x 100/125 = 1000 USD (2022); x 0.3 = 300 kg
    const result = ok(
      engine.estimate({
        activity: "spend.naics.111111",
        quantity: 1000,
        currency: "EUR",
        region: "US",
        year: 2024,
      }),
    );
    expect(result.co2e_kg).toBeCloseTo(300, 10);
    expect(result.method).toBe("spend");
    expect(result.conversions).toEqual([
      "EUR 2024 -> USD 2024 at 0.8 EUR/USD (Test FX, EUR 2024)",
      "USD 2024 -> USD 2022 x 0.8 (Test deflator)",
    ]);
    expect(result.fallbacks).toEqual([]);
  });

  it("reports FX and price-index fallbacks and takes credit notes as negative spend", () => {
    // 2023: no EUR rate; 2022 and 2024 tie, the earlier wins (0.9). CPI 2023 = 110.
    // -900 EUR / 0.9 = -1000 USD (2023) x 100/110 = -909.0909 USD (2022) x 0.3 = -272.727 kg
    const result = ok(
      engine.estimate(
        {
          activity: "spend.naics.111111",
          quantity: -900,
          currency: "EUR",
          region: "US",
          year: 2023,
        },
        { price_index: "cpi-u" },
      ),
    );
    expect(result.co2e_kg).toBeCloseTo((-1000 * 100 * 0.3) / 110, 9);
    expect(result.fallbacks).toEqual(["exchange rate EUR 2023 -> 2022"]);
  });
});

describe("supplier-specific factors", () => {
  const inline = { unit: "mmBtu", co2_kg: 60, source: "Supplier EPD 2024" };

  it("rank first by default", () => {
    const result = ok(engine.estimate(fuel({ inline_factor: inline })));
    expect(result).toMatchObject({ method: "supplier", tier: "supplier", co2e_kg: 600 });
    expect(result.factor.source).toBe("Supplier EPD 2024");
  });

  it("lose to library factors when the caller's precedence says so, visibly", () => {
    const result = ok(
      engine.estimate(fuel({ inline_factor: inline }), { precedence: ["national", "supplier"] }),
    );
    expect(result.factor.id).toBe("a-2025:fuel");
    expect(result.fallbacks.join()).toContain("supplier-specific factor ranked below");
  });

  it("need a category when no activity key implies one", () => {
    const bare = {
      quantity: 5,
      unit: "t",
      year: 2025,
      inline_factor: { unit: "t", co2e_kg: 2, source: "Process calc" },
    };
    expect(fails(engine.estimate(bare)).field).toBe("category");
    const result = ok(engine.estimate({ ...bare, category: "process" }));
    expect(result).toMatchObject({ scope: 1, category: "process", co2e_kg: 10 });
  });
});

describe("bad input", () => {
  it.each([
    [{ unit: "furlong" }, "unit", /unknown unit "furlong"/],
    [{ unit: "kg" }, "unit", /kg" is mass/],
    [{ activity: "fuel.unobtainium" }, "activity", /unknown activity/],
    [{ region: "ZZ" }, "region", /unknown region/],
    [{ region: "not a region" }, "region", /unknown region/],
    [{ year: undefined }, "year", /required/],
    [{ quantity: Number.NaN }, "quantity", /finite number/],
    [{ quantity: -1 }, "quantity", />= 0/],
    // Finite, but 1e308 mmBtu times any factor above 1 kg/mmBtu exceeds Number.MAX_VALUE (1.8e308).
    [{ quantity: 1e308 }, "quantity", /too large/],
    [{ category: "scope9" as never }, "category", /unknown category/],
  ])("%j -> error on %s", (over, field, message) => {
    const error = fails(engine.estimate(fuel(over)));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it("names a currency without a rate", () => {
    const error = fails(
      engine.estimate({ activity: "spend.naics.111111", quantity: 1, currency: "XYZ", year: 2024 }),
    );
    expect(error).toEqual({ field: "currency", message: 'no exchange rate for currency "XYZ"' });
  });

  it("keeps computing the other rows of a batch", () => {
    const outcomes = engine.estimateBatch([
      fuel({ id: 1 }),
      fuel({ id: 2, unit: "kWh of love" }),
      fuel({ id: 3 }),
    ]);
    expect(outcomes.map((o) => o.id)).toEqual(["1", "2", "3"]);
    expect(ok(outcomes[0] as Outcome).co2e_kg).toBeCloseTo(500.545, 10);
    expect(fails(outcomes[1] as Outcome).field).toBe("unit");
    expect(ok(outcomes[2] as Outcome).co2e_kg).toBeCloseTo(500.545, 10);
  });
});

describe("fingerprints", () => {
  it("are the same for the same computation, whatever the caller's id", () => {
    expect(ok(engine.estimate(fuel({ id: "a" }))).fingerprint).toBe(
      ok(engine.estimate(fuel({ id: "b" }))).fingerprint,
    );
    expect(ok(engine.estimate(fuel())).fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("change with the quantity, the GWP set or the factor", () => {
    const base = ok(engine.estimate(fuel())).fingerprint;
    expect(ok(engine.estimate(fuel({ quantity: 11 }))).fingerprint).not.toBe(base);
    expect(ok(engine.estimate(fuel(), { gwp: "AR6" })).fingerprint).not.toBe(base);
    expect(ok(engine.estimate(fuel({ region: "GB", unit: "kWh" }))).fingerprint).not.toBe(base);
  });
});

describe("reuse between rows", () => {
  it("keeps each row's own activity key in its fingerprint when rows share a factor id", () => {
    const [a, b] = engine.estimateBatch([
      { factor: "a-2025:fuel", activity: "fuel.test", quantity: 1, unit: "mmBtu", year: 2025 },
      { factor: "a-2025:fuel", activity: "fuel.other", quantity: 1, unit: "mmBtu", year: 2025 },
    ]);
    expect(ok(a as Outcome).co2e_kg).toBe(ok(b as Outcome).co2e_kg);
    expect(ok(a as Outcome).fingerprint).not.toBe(ok(b as Outcome).fingerprint);
  });

  it("gives later calls with equal options the same results as a fresh engine", () => {
    const rows: Activity[] = [
      fuel({ id: 1 }),
      fuel({ id: 2, region: "GB", unit: "kWh" }),
      fuel({ id: 3, quantity: 5 }),
    ];
    engine.estimateBatch(rows, { gwp: "AR6" });
    expect(engine.estimateBatch(rows, { gwp: "AR6" })).toEqual(
      fixtureEngine().estimateBatch(rows, { gwp: "AR6" }),
    );
  });
});
