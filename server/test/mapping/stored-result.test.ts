import { estimate, isRowError, type Activity, type Result } from "@offgridflow/engine";
import { describe, expect, it } from "vitest";
import { rebuildResult, storeResult } from "../../src/mapping/stored-result.ts";

function estimated(activity: Activity): Result {
  const outcome = estimate(activity);
  if (isRowError(outcome)) throw new Error(outcome.error.message);
  return outcome;
}

describe("stored results", () => {
  const activities: Activity[] = [
    { id: "7", activity: "fuel.diesel", quantity: 45.3, unit: "L", year: 2024, region: "DE" },
    { id: "8", activity: "spend.naics.484121", quantity: 1200, currency: "EUR", year: 2024 },
    {
      id: "9",
      activity: "electricity.grid",
      quantity: 12345,
      unit: "kWh",
      year: 2024,
      region: "DE",
    },
  ];

  it("rebuilds exactly the Result computed at import, provenance included, from a few bytes", () => {
    for (const activity of activities) {
      const result = estimated(activity);
      const stored = storeResult(activity, result);
      // Through JSON, as Postgres keeps it.
      const rebuilt = rebuildResult(JSON.parse(JSON.stringify(stored)));
      expect(rebuilt).toEqual(result);
      expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(result).length / 3);
    }
  });

  it("says so when the library no longer gives the stored figure", () => {
    const activity = activities[0] as Activity;
    const stored = {
      ...storeResult(activity, estimated(activity)),
      fingerprint: "0000000000000000",
    };
    const rebuilt = rebuildResult(stored);
    expect(rebuilt && !isRowError(rebuilt) && rebuilt.warnings.at(-1)).toMatch(
      /^recomputed: the stored calculation .* no longer matches the factor library$/,
    );
  });

  it("gives nothing for what is not a stored result", () => {
    expect(rebuildResult({ co2e_kg: 12 })).toBeNull();
  });
});
