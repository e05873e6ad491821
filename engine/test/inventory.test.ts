import { describe, expect, it } from "vitest";
import { isRowError, type Activity, type Result } from "../src/contract.ts";
import { aggregate } from "../src/inventory.ts";
import { fixtureEngine } from "./fixture-library.ts";

const engine = fixtureEngine();

const activities: Activity[] = [
  // 10 mmBtu of fuel: 500.545 kg (see engine.test.ts), January, plant A
  {
    id: "1",
    activity: "fuel.test",
    quantity: 10,
    unit: "mmBtu",
    region: "US",
    year: 2025,
    entity: "Co",
    site: "A",
    date: "2025-01-15",
  },
  // 1000 kWh at 0.4 (location); half covered by a zero-carbon certificate, the rest at residual 0.7 -> 350 (market)
  {
    id: "2",
    activity: "electricity.grid",
    quantity: 1000,
    unit: "kWh",
    region: "US-AAAA",
    year: 2023,
    entity: "Co",
    site: "A",
    date: "2025-02-01",
    scope2_method: "market",
    instruments: [
      { type: "eac", quantity: 500, unit: "kWh", source: "GO" },
      { type: "residual_mix", co2e_kg_per_kwh: 0.7, source: "AIB" },
    ],
  },
  // 1000 USD of 2022 spend at 0.3 -> 300 kg, April, site B
  {
    id: "3",
    activity: "spend.naics.111111",
    quantity: 1000,
    currency: "USD",
    year: 2022,
    entity: "Co",
    site: "B",
    date: "2025-04-30",
  },
  { id: "4", activity: "fuel.test", quantity: 1, unit: "furlong", year: 2025 },
];

describe("inventory", () => {
  const outcomes = engine.estimateBatch(activities);

  it("totals scopes with location and market Scope 2 side by side", () => {
    const inventory = aggregate(outcomes);
    expect(inventory.totals).toEqual({
      scope1_kg: 500.545,
      scope2_location_kg: 400,
      scope2_market_kg: 350,
      scope3_kg: 300,
      total_location_kg: 1200.545,
      total_market_kg: 1150.545,
      biogenic_co2_kg: 0,
    });
    expect([inventory.results, inventory.errors]).toEqual([3, 1]);
  });

  it("groups by site and quarter", () => {
    const { groups } = aggregate(outcomes, { groupBy: ["site", "period"], period: "quarter" });
    expect(groups).toEqual([
      {
        key: { site: "A", period: "2025-Q1" },
        location_kg: 900.545,
        market_kg: 850.545,
        results: 2,
      },
      { key: { site: "B", period: "2025-Q2" }, location_kg: 300, market_kg: 300, results: 1 },
    ]);
  });

  it("groups by scope and category, and by month", () => {
    const byCategory = aggregate(outcomes).groups.map((g) => [
      g.key.scope,
      g.key.category,
      g.location_kg,
    ]);
    expect(byCategory).toEqual([
      [1, "stationary_combustion", 500.545],
      [2, "purchased_electricity", 400],
      [3, "3.1", 300],
    ]);
    const months = aggregate(outcomes, { groupBy: ["period"] }).groups.map((g) => g.key.period);
    expect(months).toEqual(["2025-01", "2025-02", "2025-04"]);
  });

  it("sums in milligrams, so many small rows add up exactly", () => {
    // 0.1 kg added ten thousand times is 1000 kg exactly (a float running sum gives 1000.0000000001588)
    const tiny = Array.from({ length: 10_000 }, () => ({
      ...(outcomes[2] as Result),
      co2e_kg: 0.1,
    }));
    expect(aggregate(tiny).totals.scope3_kg).toBe(1000);
    expect(outcomes.filter(isRowError)).toHaveLength(1);
  });
});
