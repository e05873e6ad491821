import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRowError, type Activity } from "../src/contract.ts";
import { aggregate } from "../src/inventory.ts";
import { fixtureEngine } from "./fixture-library.ts";

const engine = fixtureEngine();

/** Activities over every method of the fixture library, some of them invalid on purpose. */
const activityArb: fc.Arbitrary<Activity> = fc.oneof(
  fc.record({
    activity: fc.constant("fuel.test"),
    quantity: fc.double({ min: 0, max: 1e7, noNaN: true }),
    unit: fc.constantFrom("mmBtu", "therm", "gal", "kWh", "GJ", "kg"),
    region: fc.constantFrom("US", "GB", "DE", "US-CAMX"),
    year: fc.integer({ min: 2018, max: 2026 }),
  }),
  fc.record({
    activity: fc.constant("electricity.grid"),
    quantity: fc.double({ min: 0, max: 1e7, noNaN: true }),
    unit: fc.constantFrom("kWh", "MWh"),
    region: fc.constantFrom("US-AAAA", "US", "GB", "DE"),
    year: fc.integer({ min: 2018, max: 2026 }),
    scope2_method: fc.constantFrom("location" as const, "market" as const),
  }),
  fc.record({
    activity: fc.constant("spend.naics.111111"),
    quantity: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    currency: fc.constantFrom("EUR", "USD", "XYZ"),
    year: fc.integer({ min: 2020, max: 2026 }),
  }),
  fc.record({
    activity: fc.constant("refrigerant.r410a"),
    quantity: fc.double({ min: 0, max: 1e4, noNaN: true }),
    unit: fc.constantFrom("kg", "lb", "t"),
    year: fc.constant(2025),
  }),
);

const withIds = (activities: Activity[]): Activity[] =>
  activities.map((a, i) => ({ ...a, id: `row-${i}` }));

describe("engine properties", () => {
  it("is linear in quantity", () => {
    fc.assert(
      fc.property(activityArb, fc.double({ min: 0.001, max: 1000, noNaN: true }), (activity, k) => {
        const one = engine.estimate(activity);
        const scaled = engine.estimate({ ...activity, quantity: activity.quantity * k });
        if (isRowError(one) || isRowError(scaled)) return;
        expect(scaled.co2e_kg).toBeCloseTo(
          one.co2e_kg * k,
          Math.max(0, 6 - Math.ceil(Math.log10(Math.abs(one.co2e_kg * k) + 1))),
        );
      }),
    );
  });

  it("gives in a batch exactly what it gives one at a time", () => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 40 }), (activities) => {
        const rows = withIds(activities);
        expect(engine.estimateBatch(rows)).toEqual(rows.map((row) => engine.estimate(row)));
      }),
    );
  });

  it("gives each row the same result whatever the batch order, and the same inventory", () => {
    fc.assert(
      fc.property(
        fc
          .array(activityArb, { minLength: 1, maxLength: 40 })
          .chain((a) =>
            fc.tuple(fc.constant(a), fc.shuffledSubarray(withIds(a), { minLength: a.length })),
          ),
        ([activities, shuffled]) => {
          const rows = withIds(activities);
          const byId = (outcomes: ReturnType<typeof engine.estimateBatch>) =>
            new Map(outcomes.map((outcome) => [outcome.id, outcome]));
          const straight = engine.estimateBatch(rows);
          const mixed = engine.estimateBatch(shuffled);
          expect(byId(mixed)).toEqual(byId(straight));
          expect(aggregate(mixed)).toEqual(aggregate(straight));
        },
      ),
    );
  });
});
