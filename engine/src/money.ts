/**
 * Restates spend in a spend factor's currency and price year: currency -> USD at the spend
 * year's annual average rate, USD between years by a US price index, USD -> the factor's
 * currency at the price year's rate. Every rate used is named in the conversions.
 */
import { formatNumber } from "./conversion.ts";
import { InputError } from "./input-error.ts";

export interface FxRate {
  rate: number;
  source: string;
  ref: string;
  partial?: boolean;
  days?: number;
}

export interface FxData {
  base: "USD";
  sources: Record<string, { name: string; publisher: string; edition: string; licence: string }>;
  /** Units of currency per 1 USD, annual average, by currency and year. */
  rates: Record<string, Record<string, FxRate>>;
}

export type PriceIndexId = "gdp-deflator" | "cpi-u";

export interface PriceIndexData {
  series: Record<PriceIndexId, { name: string; base: string; values: Record<string, number> }>;
}

export interface MoneyConversion {
  multiplier: number;
  steps: string[];
  fallbacks: string[];
  warnings: string[];
}

/** The value for `year`, else the nearest year (the earlier on a tie), with the year used. */
function nearest<T>(table: Record<string, T>, year: number): [number, T] | undefined {
  const exact = table[year];
  if (exact !== undefined) return [year, exact];
  let best: number | undefined;
  for (const key of Object.keys(table)) {
    const candidate = Number(key);
    if (
      best === undefined ||
      Math.abs(candidate - year) < Math.abs(best - year) ||
      (Math.abs(candidate - year) === Math.abs(best - year) && candidate < best)
    ) {
      best = candidate;
    }
  }
  return best === undefined ? undefined : [best, table[best] as T];
}

export class MoneyConverter {
  constructor(
    private readonly fx: FxData,
    private readonly prices: PriceIndexData,
  ) {}

  knowsCurrency(currency: string): boolean {
    return currency in this.fx.rates;
  }

  /** Multiplier taking an amount in `currency` of `year` to `toCurrency` of `toYear`. */
  convert(
    currency: string,
    year: number,
    toCurrency: string,
    toYear: number,
    index: PriceIndexId,
  ): MoneyConversion {
    const result: MoneyConversion = { multiplier: 1, steps: [], fallbacks: [], warnings: [] };
    if (currency === toCurrency && year === toYear) return result;
    const spendRate = this.rate(currency, year, result);
    const deflator = this.priceRatio(year, toYear, index, result);
    const factorRate = this.rate(toCurrency, toYear, result);
    result.multiplier = (1 / spendRate.rate) * deflator * factorRate.rate;
    if (currency !== "USD") {
      result.steps.push(
        `${currency} ${year} -> USD ${year} at ${formatNumber(spendRate.rate)} ${currency}/USD (${this.describeRate(spendRate)})`,
      );
    }
    if (year !== toYear) {
      const series = this.prices.series[index];
      result.steps.push(
        `USD ${year} -> USD ${toYear} x ${formatNumber(deflator)} (${series.name})`,
      );
    }
    if (toCurrency !== "USD") {
      result.steps.push(
        `USD ${toYear} -> ${toCurrency} ${toYear} at ${formatNumber(factorRate.rate)} ${toCurrency}/USD (${this.describeRate(factorRate)})`,
      );
    }
    return result;
  }

  private describeRate(rate: FxRate): string {
    const source = this.fx.sources[rate.source]?.name ?? rate.source;
    return `${source}, ${rate.ref}`;
  }

  private rate(currency: string, year: number, out: MoneyConversion): FxRate {
    if (currency === "USD") return { rate: 1, source: "definition", ref: "USD" };
    const table = this.fx.rates[currency];
    const found = table && nearest(table, year);
    if (!found) throw new InputError("currency", `no exchange rate for currency "${currency}"`);
    const [used, rate] = found;
    if (used !== year) out.fallbacks.push(`exchange rate ${currency} ${year} -> ${used}`);
    if (rate.partial) {
      out.warnings.push(`${currency} ${used} rate averages only ${rate.days} days of the year`);
    }
    return rate;
  }

  private priceRatio(
    year: number,
    toYear: number,
    index: PriceIndexId,
    out: MoneyConversion,
  ): number {
    if (year === toYear) return 1;
    const values = this.prices.series[index].values;
    const from = nearest(values, year);
    const to = nearest(values, toYear);
    if (!from || !to) throw new InputError("year", `no ${index} value near ${year}`);
    if (from[0] !== year) out.fallbacks.push(`price index ${index} ${year} -> ${from[0]}`);
    if (to[0] !== toYear) out.fallbacks.push(`price index ${index} ${toYear} -> ${to[0]}`);
    return to[1] / from[1];
  }
}
