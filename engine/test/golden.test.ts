/**
 * Golden tests over the committed factor library: each expected number is a published factor
 * (document and table named) times the quantity, with the arithmetic written out.
 */
import { describe, expect, it } from "vitest";
import {
  estimate,
  estimateBatch,
  isRowError,
  type Activity,
  type Outcome,
  type Result,
} from "../src/index.ts";
import { aggregate } from "../src/inventory.ts";

function ok(outcome: Outcome): Result {
  if (isRowError(outcome))
    throw new Error(`expected a result, got ${JSON.stringify(outcome.error)}`);
  return outcome;
}

// IPCC AR5 WG1 Table 8.A.1 GWP100, as used by EPA Hub 2025 (Table 11) and DESNZ 2025.
const AR5 = { CH4: 28, N2O: 265 };
// IPCC AR6 WG1 Table 7.15: fossil CH4 29.8; Table 7.SM.7: N2O 273.
const AR6 = { CH4_FOSSIL: 29.8, N2O: 273 };
const LB = 0.45359237; // kg per lb (exact)

describe("US EPA GHG Emission Factors Hub 2025", () => {
  it("Table 1, natural gas: 1200 therm = 120 mmBtu x (53.06 kg CO2, 1 g CH4, 0.1 g N2O)/mmBtu", () => {
    const result = ok(
      estimate({
        activity: "fuel.natural_gas",
        quantity: 1200,
        unit: "therm",
        region: "US",
        year: 2025,
      }),
    );
    expect(result.conversions).toEqual(["1 therm = 0.1 mmBtu"]);
    expect(result.gases.co2_kg).toBeCloseTo(120 * 53.06, 9); // 6367.2
    expect(result.gases.ch4_kg).toBeCloseTo(0.12, 12);
    expect(result.gases.n2o_kg).toBeCloseTo(0.012, 12);
    // 6367.2 + 0.12 x 28 + 0.012 x 265 = 6373.74
    expect(result.co2e_kg).toBeCloseTo(6373.74, 9);
    expect(result.factor).toMatchObject({
      source: "US EPA GHG Emission Factors Hub",
      edition: "2025",
      ref: 'Table 1, row "Natural Gas" (per mmBtu)',
    });
  });

  it("Table 1, natural gas per physical unit: 100,000 scf x 0.05444 kg CO2/scf", () => {
    const result = ok(
      estimate({
        activity: "fuel.natural_gas",
        quantity: 100_000,
        unit: "scf",
        region: "US",
        year: 2025,
      }),
    );
    expect(result.gases.co2_kg).toBeCloseTo(5444, 9);
  });

  it("Table 6, eGRID2023 CAMX total output rates (436.655 lb CO2, 0.025 lb CH4, 0.003 lb N2O per MWh)", () => {
    const result = ok(
      estimate({
        activity: "electricity.grid",
        quantity: 18_450,
        unit: "kWh",
        region: "US-CAMX",
        year: 2023,
      }),
    );
    const mwh = 18.45;
    expect(result.gases.co2_kg).toBeCloseTo(mwh * 436.655 * LB, 8);
    const co2e = mwh * (436.655 + 0.025 * AR5.CH4 + 0.003 * AR5.N2O) * LB;
    expect(result.co2e_kg).toBeCloseTo(co2e, 8);
    expect(result).toMatchObject({
      scope: 2,
      category: "purchased_electricity",
      method: "location",
      tier: "subregion",
    });
  });

  it("Table 6 falls back to the US average (771.523 lb CO2/MWh) for an unknown subregion", () => {
    const result = ok(
      estimate({
        activity: "electricity.grid",
        quantity: 1,
        unit: "MWh",
        region: "US-ZZZZ",
        year: 2023,
      }),
    );
    expect(result.gases.co2_kg).toBeCloseTo(771.523 * LB, 9); // 349.957 kg
    expect(result.fallbacks).toEqual(["region US-ZZZZ -> US"]);
  });

  it("Table 12, R-410A: 2.5 kg released x GWP 1924 (AR5, as published)", () => {
    const result = ok(
      estimate({ activity: "refrigerant.r410a", quantity: 2.5, unit: "kg", year: 2025 }),
    );
    expect(result.co2e_kg).toBe(2.5 * 1924);
    expect(result.gases).toEqual({ hfc32_kg: 1.25, hfc125_kg: 1.25 });
  });

  it("Table 12 composition under AR6: R-404A (44% HFC-125, 4% HFC-134a, 52% HFC-143a)", () => {
    // AR6 GWP100 (Table 7.SM.7): HFC-125 3740, HFC-134a 1530, HFC-143a 5810
    const result = ok(
      estimate(
        { activity: "refrigerant.r404a", quantity: 1, unit: "kg", year: 2025 },
        { gwp: "AR6" },
      ),
    );
    expect(result.co2e_kg).toBeCloseTo(0.44 * 3740 + 0.04 * 1530 + 0.52 * 5810, 9); // 4728
  });
});

describe("UK DESNZ GHG conversion factors 2025 (flat file, 'Factors by Category')", () => {
  it("natural gas, kWh gross CV: 10,000 kWh x 0.18296 kg CO2e (ID 1_100_1004_6_1)", () => {
    const result = ok(
      estimate({
        activity: "fuel.natural_gas",
        quantity: 10_000,
        unit: "kWh",
        heating_basis: "HHV",
        region: "GB",
        year: 2025,
      }),
    );
    expect(result.co2e_kg).toBeCloseTo(1829.6, 9);
    expect(result.factor.id).toBe("desnz-2025:1_100_1004_6");
    expect(result.warnings).toEqual([]);
  });

  it("natural gas under AR6, recomputed from DESNZ's per-gas AR5 CO2e (IDs _2, _3, _4)", () => {
    // CO2 0.18259; CH4 0.00028 / 28 kg; N2O 0.00009 / 265 kg, per kWh
    const perKwh = 0.18259 + (0.00028 / AR5.CH4) * AR6.CH4_FOSSIL + (0.00009 / AR5.N2O) * AR6.N2O;
    const result = ok(
      estimate(
        {
          activity: "fuel.natural_gas",
          quantity: 10_000,
          unit: "kWh",
          heating_basis: "HHV",
          region: "GB",
          year: 2025,
        },
        { gwp: "AR6" },
      ),
    );
    expect(result.co2e_kg).toBeCloseTo(10_000 * perKwh, 9);
  });

  it("UK electricity 0.177 kg CO2e/kWh (ID 7_400_4000_5_1) and its T&D losses 0.01853 (13_402_4000_5_1)", () => {
    const [power, losses] = estimateBatch([
      { activity: "electricity.grid", quantity: 1000, unit: "kWh", region: "GB", year: 2025 },
      { activity: "electricity.td_losses", quantity: 1000, unit: "kWh", region: "GB", year: 2025 },
    ]).map((o) => ok(o));
    expect(power?.co2e_kg).toBeCloseTo(177, 9);
    expect(losses?.co2e_kg).toBeCloseTo(18.53, 9);
    expect(losses).toMatchObject({ scope: 3, category: "3.3" });
  });

  it("long-haul business flight without RF: 6,200 pkm x 0.20083 (ID 21_316_3175_11_1)", () => {
    const result = ok(
      estimate({
        activity: "travel.air.long_haul.business",
        quantity: 6200,
        unit: "passenger.km",
        year: 2025,
      }),
    );
    expect(result.co2e_kg).toBeCloseTo(1245.146, 9);
    expect(result).toMatchObject({ scope: 3, category: "3.6" });
  });

  it("hotel stay in Germany: 3 room nights x 13.2 kg CO2e (ID 29_600_4017_13_1)", () => {
    expect(
      ok(
        estimate({
          activity: "travel.hotel",
          quantity: 3,
          unit: "nights",
          region: "DE",
          year: 2025,
        }),
      ).co2e_kg,
    ).toBeCloseTo(39.6, 12);
  });
});

describe("GHG Protocol Scope 2 Guidance: dual reporting (ch. 6, Table 6.3 hierarchy)", () => {
  // 42,000 kWh in GB; location-based at the DESNZ 2025 grid average 0.177 kg/kWh = 7,434 kg.
  // Market-based: 30,000 kWh covered by zero-emission certificates, the other 12,000 kWh at a
  // residual mix of 0.39 kg/kWh (a rate the reporting company supplies) = 4,680 kg.
  const activity: Activity = {
    activity: "electricity.grid",
    quantity: 42_000,
    unit: "kWh",
    region: "GB",
    year: 2025,
    scope2_method: "market",
    instruments: [
      {
        type: "eac",
        quantity: 30,
        unit: "MWh",
        source: "REGO wind 2025",
        region: "GB",
        year: 2025,
      },
      { type: "residual_mix", co2e_kg_per_kwh: 0.39, source: "residual mix (supplied)" },
    ],
  };

  it("reports both figures for one activity", () => {
    const result = ok(estimate(activity));
    expect(result.scope2?.location_co2e_kg).toBeCloseTo(7434, 9);
    expect(result.scope2?.market_co2e_kg).toBeCloseTo(4680, 9);
    expect(result.co2e_kg).toBeCloseTo(4680, 9);
    expect(result.warnings).toEqual([]);
  });

  it("totals both side by side in the inventory", () => {
    const { totals } = aggregate([
      estimate(activity),
      estimate({ ...activity, scope2_method: "location" }),
    ]);
    expect(totals.scope2_location_kg).toBe(2 * 7434);
    expect(totals.scope2_market_kg).toBe(2 * 4680);
  });
});

describe("GHG Protocol Scope 3 Calculation Guidance, category 1 spend-based method (USEEIO v1.3)", () => {
  // USEEIO v1.3 factors are kg CO2e per 2022 USD (purchaser price, with margins):
  // 518210 Data processing and hosting 0.093; 333515 Cutting tools 0.207.
  // BEA GDP deflator (FRED A191RD3A086NBEA): 2022 118.023, 2024 125.428.
  // World Bank WDI PA.NUS.FCRF, Euro area 2024: 0.923889546117607 EUR per USD.
  it("restates 2024 USD to 2022 USD with the GDP deflator", () => {
    const result = ok(
      estimate({
        activity: "spend.naics.518210",
        quantity: 48_226.19,
        currency: "USD",
        region: "US",
        year: 2024,
      }),
    );
    expect(result.co2e_kg).toBeCloseTo(48_226.19 * (118.023 / 125.428) * 0.093, 8);
    expect(result).toMatchObject({ method: "spend", scope: 3, category: "3.1" });
  });

  it("converts EUR at the 2024 annual average rate, then deflates", () => {
    const result = ok(
      estimate({
        activity: "spend.naics.333515",
        quantity: 12_840,
        currency: "EUR",
        region: "US",
        year: 2024,
      }),
    );
    expect(result.co2e_kg).toBeCloseTo(
      (12_840 / 0.923889546117607) * (118.023 / 125.428) * 0.207,
      8,
    );
    expect(result.conversions[0]).toContain("EMU, 2024");
  });

  it("uses CPI-U instead when asked (BLS CUUR0000SA0 annual averages 2022 292.655, 2024 313.689)", () => {
    const result = ok(
      estimate(
        {
          activity: "spend.naics.518210",
          quantity: 1000,
          currency: "USD",
          region: "US",
          year: 2024,
        },
        { price_index: "cpi-u" },
      ),
    );
    expect(result.co2e_kg).toBeCloseTo(1000 * (292.655 / 313.689) * 0.093, 9);
  });
});

describe("national grid intensities (Our World in Data / Ember 2025)", () => {
  it("Germany 2024 344.1 g/kWh (SOURCES.md check value); year 2026 falls back to 2024", () => {
    const result = ok(
      estimate({
        activity: "electricity.grid",
        quantity: 1000,
        unit: "kWh",
        region: "DE",
        year: 2026,
      }),
    );
    expect(result.co2e_kg).toBeCloseTo(344.1, 0);
    expect(result.fallbacks).toEqual(["year 2026 -> 2024"]);
  });

  it("has a factor for every country in the table", () => {
    for (const region of ["FR", "IN", "CN", "BR", "ZA", "JP", "AU", "NG"]) {
      expect(
        ok(estimate({ activity: "electricity.grid", quantity: 1, unit: "kWh", region, year: 2024 }))
          .factor.region,
      ).toBe(region);
    }
  });
});
