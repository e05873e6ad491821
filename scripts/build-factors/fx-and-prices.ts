/**
 * Exchange rates and US price indices (SOURCES.md section 6): the two steps the engine needs to
 * restate ledger spend on the USEEIO basis — change currency to USD, then change price year.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { num, readCsv } from "./read-csv.ts";

const WDI_FX_FILE = "fx-and-prices/world-bank-wdi/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv";
const ECB_FILE = "fx-and-prices/ecb-euro-reference-rates/eurofxref-hist.csv";
const DEFLATOR_FILE = "fx-and-prices/bea-gdp-deflator-fred/A191RD3A086NBEA.csv";
const CPI_FILE = "fx-and-prices/bls-cpi-u/derived/cu.data.1.AllItems_CUUR0000SA0.csv";

/** The WDI bulk CSV opens with `Data Source`, blank, `Last Updated Date`, blank; the header is line 5. */
const WDI_PREAMBLE_LINES = 4;
const WDI_FX_INDICATOR = "PA.NUS.FCRF";
const DEFLATOR_SERIES = "A191RD3A086NBEA";
const CPI_SERIES = "CUUR0000SA0";
/** BLS codes the annual average of a monthly series as period M13. */
const CPI_ANNUAL_PERIOD = "M13";

/** The euro's first year; spend older than this is out of scope, so no earlier rates or indices are kept. */
const FIRST_YEAR = 1999;

const BASE = "USD";

/**
 * Currency (ISO 4217) → the World Bank row (ISO-3 country, or aggregate) whose
 * `PA.NUS.FCRF` series is that currency per USD. The WDI file is keyed by country, so
 * this is the only place a currency meets a country.
 * WDI restates redenominated currencies in today's unit for every year (RON, TRY, GHS), so
 * their early years are in new units, which is what a ledger coded RON/TRY/GHS means.
 * TWD is absent: Taiwan has no WDI row.
 */
export const CURRENCY_COUNTRY: Readonly<Record<string, string>> = {
  // Euro: the Euro-area aggregate; member rows switch from their old currency when they join.
  EUR: "EMU",
  // Other European currencies.
  GBP: "GBR",
  CHF: "CHE",
  SEK: "SWE",
  NOK: "NOR",
  DKK: "DNK",
  ISK: "ISL",
  PLN: "POL",
  CZK: "CZE",
  HUF: "HUN",
  RON: "ROU",
  BGN: "BGR",
  HRK: "HRV",
  RSD: "SRB",
  TRY: "TUR",
  UAH: "UKR",
  RUB: "RUS",
  GEL: "GEO",
  KZT: "KAZ",
  // Americas.
  CAD: "CAN",
  MXN: "MEX",
  BRL: "BRA",
  ARS: "ARG",
  CLP: "CHL",
  COP: "COL",
  PEN: "PER",
  UYU: "URY",
  CRC: "CRI",
  DOP: "DOM",
  // Asia-Pacific.
  JPY: "JPN",
  CNY: "CHN",
  HKD: "HKG",
  KRW: "KOR",
  SGD: "SGP",
  INR: "IND",
  IDR: "IDN",
  MYR: "MYS",
  PHP: "PHL",
  THB: "THA",
  VND: "VNM",
  PKR: "PAK",
  BDT: "BGD",
  LKR: "LKA",
  NPR: "NPL",
  AUD: "AUS",
  NZD: "NZL",
  // Middle East and Africa.
  ILS: "ISR",
  SAR: "SAU",
  AED: "ARE",
  QAR: "QAT",
  KWD: "KWT",
  BHD: "BHR",
  OMR: "OMN",
  JOD: "JOR",
  EGP: "EGY",
  MAD: "MAR",
  TND: "TUN",
  ZAR: "ZAF",
  NGN: "NGA",
  GHS: "GHA",
  KES: "KEN",
  TZS: "TZA",
  UGX: "UGA",
  ETB: "ETH",
  // CFA francs are issued by regional central banks; every member row carries the same rate.
  XOF: "SEN",
  XAF: "CMR",
};

/**
 * Currencies replaced by the euro: after this year their country's WDI row is in euro, so
 * it must not be read as the old currency. (Croatia joined 2023, Bulgaria 2026.)
 */
const LAST_YEAR_IN_USE: Readonly<Record<string, number>> = { HRK: 2022, BGN: 2025 };

export type FxSource = "wdi" | "ecb" | "definition";

export interface FxRate {
  /** Units of the currency per 1 USD, annual average. */
  rate: number;
  source: FxSource;
  ref: string;
  /** ECB only: business days averaged. */
  days?: number;
  /** ECB only: the year is still running in the file. */
  partial?: true;
}

interface Edition {
  wdi: string;
  ecb: string;
}

function inUse(currency: string, year: number): boolean {
  return year <= (LAST_YEAR_IN_USE[currency] ?? Infinity);
}

/** Year columns of a WDI table from FIRST_YEAR on, read from its header. */
function wdiYears(row: Record<string, string>): number[] {
  return Object.keys(row)
    .filter((key) => /^\d{4}$/.test(key))
    .map(Number)
    .filter((year) => year >= FIRST_YEAR);
}

/** The WDI edition is stated only in the preamble, as `"Last Updated Date","YYYY-MM-DD"`. */
function wdiEdition(path: string): string {
  const match = /"Last Updated Date","([^"]+)"/.exec(readFileSync(path, "utf8"));
  if (!match?.[1]) throw new Error(`${path}: no "Last Updated Date" line`);
  return match[1];
}

function wdiRowsByCountry(path: string): Map<string, Record<string, string>> {
  const rows = readCsv(path, WDI_PREAMBLE_LINES);
  const byCountry = new Map<string, Record<string, string>>();
  for (const row of rows) {
    if (row["Indicator Code"] !== WDI_FX_INDICATOR) {
      throw new Error(`${path}: unexpected indicator ${row["Indicator Code"]}`);
    }
    byCountry.set(row["Country Code"] ?? "", row);
  }
  return byCountry;
}

function wdiRates(
  currency: string,
  country: string,
  row: Record<string, string>,
): Record<number, FxRate> {
  const rates: Record<number, FxRate> = {};
  for (const year of wdiYears(row)) {
    const rate = num(row[String(year)]);
    if (rate === undefined || !inUse(currency, year)) continue;
    rates[year] = { rate, source: "wdi", ref: `${WDI_FX_INDICATOR}, ${country}, ${year}` };
  }
  return rates;
}

/** One ECB business day: currency → units per 1 EUR, only where a rate was published. */
export interface EcbDay {
  date: string;
  year: number;
  perEur: Map<string, number>;
}

/** The ECB daily history (newest first in the file; order does not matter here). */
export function readEcbDays(shared: string): EcbDay[] {
  return readCsv(join(shared, ECB_FILE)).map((row) => {
    const date = row["Date"] ?? "";
    const perEur = new Map<string, number>();
    for (const [currency, cell] of Object.entries(row)) {
      if (currency === "Date" || currency === "") continue; // "" is the trailing-comma column
      const value = num(cell);
      if (value !== undefined) perEur.set(currency, value);
    }
    return { date, year: Number(date.slice(0, 4)), perEur };
  });
}

/** Units of `currency` per USD on one day, crossed through EUR; the euro is 1 per EUR by definition. */
function dailyCross(day: EcbDay, currency: string): number | undefined {
  const usdPerEur = day.perEur.get(BASE);
  const perEur = currency === "EUR" ? 1 : day.perEur.get(currency);
  if (usdPerEur === undefined || perEur === undefined) return undefined;
  return perEur / usdPerEur;
}

/**
 * Annual mean of the daily crosses (X per EUR)/(USD per EUR), i.e. the period average of a
 * per-USD rate, computed the same way for every currency. For EUR this is mean(1/USD-per-EUR),
 * which is not 1/mean(USD-per-EUR): by Jensen's inequality it is higher, by about 0.2% in 2025.
 * (The WDI EMU row for 2022–2024 equals 1/mean; for GBP and JPY the WDI values sit closer to the
 * mean of crosses than to the ratio of means.)
 */
function ecbRate(
  days: EcbDay[],
  currency: string,
  year: number,
  partial: boolean,
): FxRate | undefined {
  const crosses = days
    .filter((day) => day.year === year)
    .map((day) => dailyCross(day, currency))
    .filter((cross): cross is number => cross !== undefined);
  if (crosses.length === 0) return undefined;
  const rate = crosses.reduce((sum, cross) => sum + cross, 0) / crosses.length;
  const ref = `eurofxref-hist.csv, ${crosses.length} days of ${year}`;
  const base: FxRate = { rate, source: "ecb", ref, days: crosses.length };
  return partial ? { ...base, partial: true } : base;
}

/** Years after the last WDI column that the ECB file reaches, each flagged if still running. */
function ecbYears(days: EcbDay[], lastWdiYear: number): { year: number; partial: boolean }[] {
  // A year is complete once the file holds a later date; only the newest year can be partial.
  const newest = Math.max(...days.map((day) => day.year));
  const years: { year: number; partial: boolean }[] = [];
  for (let year = lastWdiYear + 1; year <= newest; year++) {
    years.push({ year, partial: year === newest });
  }
  return years;
}

function fxSources(edition: Edition) {
  return {
    wdi: {
      name: "World Development Indicators, PA.NUS.FCRF: Official exchange rate (LCU per US$, period average)",
      publisher: "World Bank (primary source: IMF International Financial Statistics)",
      edition: edition.wdi,
      licence: "CC BY 4.0",
      citation: "World Bank, World Development Indicators (PA.NUS.FCRF), source IMF IFS",
    },
    ecb: {
      name: "ECB euro foreign exchange reference rates, daily history (eurofxref-hist)",
      publisher: "European Central Bank",
      edition: edition.ecb,
      licence: "ECB reference rates, reuse with attribution (Source: ECB)",
      citation: "Source: ECB, euro foreign exchange reference rates",
      method:
        "arithmetic mean of daily reference rates in the year, crossed through EUR: (X per EUR) / (USD per EUR)",
    },
  };
}

function baseRates(years: number[]): Record<number, FxRate> {
  const rates: Record<number, FxRate> = {};
  for (const year of years) rates[year] = { rate: 1, source: "definition", ref: "base currency" };
  return rates;
}

/** Annual-average rates per USD: WDI for its years, then ECB daily crosses for later years. */
export function buildFx(shared: string) {
  const wdiPath = join(shared, WDI_FX_FILE);
  const byCountry = wdiRowsByCountry(wdiPath);
  const days = readEcbDays(shared);
  const anyRow = byCountry.values().next().value;
  if (!anyRow) throw new Error(`${wdiPath}: no rows`);
  const wdiYearList = wdiYears(anyRow);
  const lastWdiYear = Math.max(...wdiYearList);
  const laterYears = ecbYears(days, lastWdiYear);

  const rates: Record<string, Record<number, FxRate>> = {
    [BASE]: baseRates([...wdiYearList, ...laterYears.map(({ year }) => year)]),
  };
  for (const [currency, country] of Object.entries(CURRENCY_COUNTRY)) {
    const row = byCountry.get(country);
    if (!row) throw new Error(`${wdiPath}: no row for ${country} (${currency})`);
    const series = wdiRates(currency, country, row);
    for (const { year, partial } of laterYears) {
      const rate = inUse(currency, year) ? ecbRate(days, currency, year, partial) : undefined;
      if (rate) series[year] = rate;
    }
    rates[currency] = series;
  }

  const newestDate = days.reduce((newest, day) => (day.date > newest ? day.date : newest), "");
  return {
    base: BASE,
    quote: "units of currency per 1 USD, annual average",
    sources: fxSources({ wdi: wdiEdition(wdiPath), ecb: newestDate }),
    rates,
  };
}

/** FRED annual series: one row per year, dated YYYY-01-01. */
function deflatorValues(path: string): Record<number, number> {
  const values: Record<number, number> = {};
  for (const row of readCsv(path)) {
    const year = Number(row["observation_date"]?.slice(0, 4));
    const value = num(row[DEFLATOR_SERIES]);
    if (year >= FIRST_YEAR && value !== undefined) values[year] = value;
  }
  return values;
}

/**
 * BLS annual averages (M13) only. BLS published no 2025 annual average (October 2025 was never
 * collected), so none is derived from months: the engine falls back and reports it.
 */
function cpiValues(path: string): Record<number, number> {
  const values: Record<number, number> = {};
  for (const row of readCsv(path)) {
    if (row["series_id"] !== CPI_SERIES || row["period"] !== CPI_ANNUAL_PERIOD) continue;
    const year = Number(row["year"]);
    const value = num(row["value"]);
    if (year >= FIRST_YEAR && value !== undefined) values[year] = value;
  }
  return values;
}

/** US price indices for moving USD between years. */
export function buildPriceIndex(shared: string) {
  return {
    series: {
      "gdp-deflator": {
        name: "GDP implicit price deflator (BEA NIPA Table 1.1.9, FRED A191RD3A086NBEA)",
        base: "2017=100",
        publisher:
          "U.S. Bureau of Economic Analysis, distributed by FRED (Federal Reserve Bank of St. Louis)",
        licence: "Public domain (U.S. Government work)",
        citation:
          "U.S. Bureau of Economic Analysis, Gross Domestic Product: Implicit Price Deflator [A191RD3A086NBEA], retrieved from FRED, Federal Reserve Bank of St. Louis",
        values: deflatorValues(join(shared, DEFLATOR_FILE)),
      },
      "cpi-u": {
        name: "CPI-U, U.S. city average, all items, NSA (BLS CUUR0000SA0), annual average (M13)",
        base: "1982-84=100",
        publisher: "U.S. Bureau of Labor Statistics",
        licence: "Public domain (U.S. Government work, 17 U.S.C. §105)",
        citation:
          "U.S. Bureau of Labor Statistics, Consumer Price Index for All Urban Consumers (CPI-U), U.S. city average, all items, not seasonally adjusted, series CUUR0000SA0, annual average",
        values: cpiValues(join(shared, CPI_FILE)),
      },
    },
  };
}
