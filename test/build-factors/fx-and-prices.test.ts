import { beforeAll, describe, expect, it } from "vitest";
import {
  buildFx,
  buildPriceIndex,
  readEcbDays,
  type EcbDay,
} from "../../scripts/build-factors/fx-and-prices.ts";
import { NO_SHARED_TABLES, SHARED_FACTORS } from "./shared-tables.ts";

const dir = SHARED_FACTORS;

/** Rounds to n significant digits, the precision SOURCES.md quotes its check values at. */
function sig(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Mean ECB rate (units per EUR) of one currency over one year's business days. */
function ecbMeanPerEur(days: EcbDay[], currency: string, year: number): number {
  return mean(
    days.filter((day) => day.year === year).flatMap((day) => day.perEur.get(currency) ?? []),
  );
}

describe.skipIf(NO_SHARED_TABLES)("fx and price indices (SOURCES.md section 6)", () => {
  let fx: ReturnType<typeof buildFx>;
  let prices: ReturnType<typeof buildPriceIndex>;
  let days: EcbDay[];
  beforeAll(() => {
    fx = buildFx(dir);
    prices = buildPriceIndex(dir);
    days = readEcbDays(dir);
  });

  function rate(currency: string, year: number) {
    const entry = fx.rates[currency]?.[year];
    if (!entry) throw new Error(`no ${currency} rate for ${year}`);
    return entry;
  }

  it("states its base, quote and source editions", () => {
    expect(fx.base).toBe("USD");
    expect(fx.sources.wdi.edition).toBe("2025-07-01");
    expect(fx.sources.ecb.edition).toBe("2026-04-13");
  });

  it.each([
    ["EUR", 2022, 0.949624],
    ["EUR", 2024, 0.92389],
    ["GBP", 2022, 0.811302],
    ["GBP", 2024, 0.782415],
    ["JPY", 2022, 131.498],
    ["JPY", 2024, 151.366],
    ["CHF", 2022, 0.954832],
    ["CAD", 2024, 1.36936],
    ["ZAR", 2024, 18.3287],
  ])("WDI %s %i is %f per USD (6.1)", (currency, year, expected) => {
    const entry = rate(currency, year);
    expect(entry.source).toBe("wdi");
    expect(sig(entry.rate, 6)).toBe(expected);
  });

  it("keys the euro to the Euro-area row and keeps the full 1999–2024 range", () => {
    expect(rate("EUR", 2022).ref).toBe("PA.NUS.FCRF, EMU, 2022");
    expect(rate("EUR", 1999).source).toBe("wdi");
    expect(fx.rates["EUR"]?.[1998]).toBeUndefined();
  });

  it("drops kuna years once Croatia's row is in euro", () => {
    expect(rate("HRK", 2022).source).toBe("wdi");
    expect(fx.rates["HRK"]?.[2023]).toBeUndefined();
  });

  it("defines USD as 1 in every year", () => {
    expect(rate("USD", 1999)).toMatchObject({ rate: 1, source: "definition" });
    expect(rate("USD", 2025)).toMatchObject({ rate: 1, source: "definition" });
  });

  it("WDI EMU equals 1 / ECB mean USD-per-EUR to 5 significant digits, 2022–2024 (6.1)", () => {
    for (const year of [2022, 2023, 2024]) {
      const inverseOfEcbMean = 1 / ecbMeanPerEur(days, "USD", year);
      expect(sig(rate("EUR", year).rate, 5)).toBe(sig(inverseOfEcbMean, 5));
    }
  });

  it.each([
    [2022, 1.053, 5],
    [2023, 1.0813, 5],
    [2024, 1.0824, 5],
    [2025, 1.12998, 6],
  ])("ECB mean USD per EUR %i is %f (6.3)", (year, expected, digits) => {
    expect(sig(ecbMeanPerEur(days, "USD", year), digits)).toBe(expected);
  });

  it("derives 2025 from 255 ECB days as the mean of daily crosses", () => {
    const eur = rate("EUR", 2025);
    expect(eur).toMatchObject({
      source: "ecb",
      days: 255,
      ref: "eurofxref-hist.csv, 255 days of 2025",
    });
    expect(eur.partial).toBeUndefined();
    const year = days.filter((day) => day.year === 2025);
    const usd = year.map((day) => day.perEur.get("USD") ?? NaN);
    expect(eur.rate).toBeCloseTo(mean(usd.map((value) => 1 / value)), 12);
    // Mean of 1/x exceeds 1/mean(x); the gap stays small for a year of daily rates.
    expect(eur.rate).toBeGreaterThan(1 / 1.12998);
    expect(eur.rate / (1 / 1.12998) - 1).toBeLessThan(0.005);
    // Ratio of ECB means for GBP and JPY (6.3): 0.85679 and 169.04 per EUR over 1.12998.
    expect(Math.abs(rate("GBP", 2025).rate / (0.85679 / 1.12998) - 1)).toBeLessThan(0.005);
    expect(Math.abs(rate("JPY", 2025).rate / (169.04 / 1.12998) - 1)).toBeLessThan(0.005);
  });

  it("marks 2026 as a partial ECB year with its day count", () => {
    const eur = rate("EUR", 2026);
    expect(eur.partial).toBe(true);
    expect(eur.days).toBe(days.filter((day) => day.year === 2026).length);
    expect(fx.rates["BGN"]?.[2026]).toBeUndefined();
  });

  it("reads CPI-U annual averages (M13) and no 2025 (6.4, 6.5)", () => {
    const cpi = prices.series["cpi-u"].values;
    expect(cpi[2022]).toBe(292.655);
    expect(cpi[2023]).toBe(304.702);
    expect(cpi[2024]).toBe(313.689);
    expect(cpi[2025]).toBeUndefined();
    expect(cpi[1998]).toBeUndefined();
    expect(cpi[1999]).toBeDefined();
  });

  it("reads the GDP deflator through 2025 (6.7)", () => {
    const deflator = prices.series["gdp-deflator"].values;
    expect(deflator[2017]).toBe(100);
    expect(deflator[2022]).toBe(118.023);
    expect(deflator[2025]).toBe(128.986);
    expect(deflator[1998]).toBeUndefined();
  });
});
