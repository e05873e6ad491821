import { isRowError, type Outcome } from "@offgridflow/engine";
import { describe, expect, it } from "vitest";
import type { Proposal } from "../../src/mapping/proposal.ts";
import { estimateMapped } from "../../src/mapping/to-activity.ts";

const proposal = (over: Partial<Proposal>): Proposal => ({
  category: "3.1",
  activity: null,
  naics: null,
  confidence: 0.9,
  method: "rule",
  reason: "test",
  ...over,
});

const co2e = (outcome: Outcome | undefined): number => {
  if (!outcome || isRowError(outcome)) throw new Error(`no result: ${JSON.stringify(outcome)}`);
  return outcome.co2e_kg;
};

describe("estimateMapped", () => {
  it("estimates activity-based when the row has a physical quantity", () => {
    const mapped = estimateMapped(
      proposal({ category: "mobile_combustion", activity: "fuel.diesel" }),
      { date: "2025-02-14", amount: 1500, currency: "GBP" },
      { value: 100, unit: "L" },
      { id: "r1", region: "GB" },
    );
    // DESNZ 2025, diesel (average biofuel blend) per litre: 2.57082 kg CO2e (ID 1_101_1011_8)
    expect(co2e(mapped.outcome)).toBeCloseTo(257.082, 9);
    expect(mapped.note).toBe("activity-based");
    expect(mapped.activity).toMatchObject({ category: "mobile_combustion", year: 2025 });
  });

  it("estimates spend-based on the NAICS code when there is no quantity", () => {
    const mapped = estimateMapped(
      proposal({ activity: "spend.cloud_services", naics: "518210" }),
      { date: "2024-01-02", amount: 1000, currency: "USD" },
      undefined,
      { id: "r2", region: "US" },
    );
    // USEEIO v1.3 518210: 0.093 kg CO2e per 2022 USD; BEA GDP deflator 2022 118.023, 2024 125.428
    expect(co2e(mapped.outcome)).toBeCloseTo(1000 * (118.023 / 125.428) * 0.093, 9);
    expect(mapped.note).toBe("spend-based");
  });

  it("falls back to spend when the quantity does not fit the family's factors", () => {
    const mapped = estimateMapped(
      proposal({
        category: "purchased_heat_steam_cooling",
        activity: "heat.district",
        naics: "221330", // USEEIO v1.3: Steam and Air-Conditioning Supply
      }),
      { date: "2024-03-01", amount: 500, currency: "USD" },
      { value: 20, unit: "L" },
      { id: "r3", region: "US" },
    );
    expect(mapped.note).toMatch(/^activity-based failed \(unit: .*\); spend-based$/);
    expect(co2e(mapped.outcome)).toBeGreaterThan(0);
  });

  it("does not estimate rows that emit nothing, or that lack what an estimate needs", () => {
    expect(
      estimateMapped(proposal({ category: "not_emissions" }), { date: "2024-01-01" }, undefined, {
        id: "x",
      }).note,
    ).toBe("not emissions");
    expect(
      estimateMapped(proposal({ naics: "541211" }), { amount: 10, currency: "EUR" }, undefined, {
        id: "x",
      }).note,
    ).toMatch(/no date/);
    const nothing = estimateMapped(
      proposal({ activity: "spend.software" }),
      { date: "2024-01-01", amount: 10, currency: "EUR" },
      undefined,
      { id: "x" },
    );
    expect(nothing).toMatchObject({ outcome: undefined, note: "no quantity and no NAICS code" });
  });
});
