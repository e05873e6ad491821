/**
 * The reporting company's country when nobody said it: its region decides the grid factor and
 * the chart of accounts. A company's suppliers are mostly domestic, so the legal forms of its
 * vendors (GmbH, Ltd, B.V.) and a national currency (GBP, SEK) point at it; a guess that nothing
 * clearly supports is no answer, and the row's factors then fall back to world averages.
 */
import type { MappingRow } from "./proposal.ts";

/** Legal-form suffix → ISO 3166 country. */
const LEGAL_FORMS: readonly [RegExp, string][] = [
  [/\b(inc|llc|pllc|corp)\.?$/i, "US"],
  [/\b(ltd|plc|llp)\.?$/i, "GB"],
  [/\b(gmbh|ag|kg|ohg|e\.v\.)$/i, "DE"],
  [/\b(sas|sarl|sa|eurl)$/i, "FR"],
  [/\b(b\.v\.|n\.v\.|v\.o\.f\.)$/i, "NL"],
  [/\bab$/i, "SE"],
  [/\bs\.l\.u?\.?$|\bs\.a\.u\.?$/i, "ES"],
  [/\ba\/s$|\baps$/i, "DK"],
  [/\b(as|asa)$/i, "NO"],
];

/** Currencies of one country (the euro and the dollar are shared, so they say nothing). */
const NATIONAL_CURRENCIES: Readonly<Record<string, string>> = {
  GBP: "GB",
  SEK: "SE",
  NOK: "NO",
  DKK: "DK",
  CHF: "CH",
  PLN: "PL",
  CZK: "CZ",
  JPY: "JP",
  CAD: "CA",
  AUD: "AU",
};

/** Share of the votes the leading country needs. */
const MAJORITY = 0.6;

export function countryOfCompany(name: string): string | undefined {
  return LEGAL_FORMS.find(([pattern]) => pattern.test(name.trim()))?.[1];
}

/** The country most rows point at, when a clear majority of the rows that point anywhere do. */
export function inferCountry(rows: readonly MappingRow[]): string | undefined {
  const votes = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    const country =
      (row.currency ? NATIONAL_CURRENCIES[row.currency] : undefined) ??
      (row.vendor ? countryOfCompany(row.vendor) : undefined);
    if (!country) continue;
    votes.set(country, (votes.get(country) ?? 0) + 1);
    total++;
  }
  const [best] = [...votes].sort((a, b) => b[1] - a[1]);
  return best && best[1] >= MAJORITY * total ? best[0] : undefined;
}
