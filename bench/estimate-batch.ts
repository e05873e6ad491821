/**
 * npm run bench [-- --rows N --runs R]
 *
 * estimateBatch over a deterministic mix of activities covering every method (combustion with
 * unit and heating-value conversions, eGRID and national grids location- and market-based,
 * refrigerants, travel, hotels, freight, waste, spend in several currencies and years,
 * supplier-specific factors), on one core. Prints activities/second and peak memory.
 *
 * Two shapes of use are timed: one estimateBatch call over all rows with every Result kept in
 * memory, and the same rows streamed through estimateBatch in chunks that are aggregated into an
 * inventory and then dropped (how a ledger import uses the engine).
 */
import { Command } from "commander";
import {
  aggregate,
  estimateBatch,
  isRowError,
  library,
  type Activity,
  type Outcome,
} from "@offgridflow/engine";
import { seeded } from "./seeded.ts";

const options = new Command()
  .option("--rows <n>", "activities per batch", "1000000")
  .option("--runs <n>", "timed runs of each shape", "3")
  .option("--chunk <n>", "rows per estimateBatch call when streaming", "10000")
  .parse()
  .opts<{ rows: string; runs: string; chunk: string }>();

const random = seeded(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const amount = (max: number): number => Math.round(random() * max * 100) / 100;

const subregions = library
  .forActivity("electricity.grid")!
  .filter((f) => f.tier === "subregion")
  .map((f) => f.region);
const countries = [
  ...new Set(
    library
      .forActivity("electricity.grid")!
      .filter((f) => f.source === "owid-ember")
      .map((f) => f.region),
  ),
];
const hotelCountries = library.forActivity("travel.hotel")!.map((f) => f.region);
const naics = [...library.activities()].filter((key) => key.startsWith("spend.naics."));
const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

const templates: (() => Activity)[] = [
  () => ({
    activity: "fuel.natural_gas",
    quantity: amount(5000),
    unit: pick(["therm", "mmBtu", "scf", "kWh"]),
    region: pick(["US", ...subregions]),
    year: pick(years),
  }),
  () => ({
    activity: pick(["fuel.diesel", "fuel.petrol", "fuel.lpg", "fuel.heating_oil"]),
    quantity: amount(2000),
    unit: pick(["L", "kWh", "t", "gal"]),
    region: pick(["GB", "US"]),
    year: 2025,
    category: "mobile_combustion",
  }),
  () => ({
    activity: "electricity.grid",
    quantity: amount(100_000),
    unit: pick(["kWh", "MWh"]),
    region: pick(subregions),
    year: pick(years),
  }),
  () => ({
    activity: "electricity.grid",
    quantity: amount(100_000),
    unit: "kWh",
    region: pick(countries),
    year: pick(years),
    scope2_method: pick(["location", "market"] as const),
  }),
  () => ({
    activity: "electricity.grid",
    quantity: amount(50_000),
    unit: "kWh",
    region: "GB",
    year: 2025,
    scope2_method: "market",
    instruments: [
      { type: "eac", quantity: amount(40_000), unit: "kWh", source: "REGO" },
      { type: "residual_mix", co2e_kg_per_kwh: 0.39, source: "supplied" },
    ],
  }),
  () => ({
    activity: pick([
      "refrigerant.r410a",
      "refrigerant.r404a",
      "refrigerant.r134a",
      "refrigerant.r32",
    ]),
    quantity: amount(20),
    unit: pick(["kg", "lb"]),
    year: 2025,
  }),
  () => ({
    activity: pick([
      "travel.air.long_haul.economy",
      "travel.air.short_haul.business",
      "travel.rail",
      "travel.taxi",
    ]),
    quantity: amount(8000),
    unit: "pkm",
    year: 2025,
  }),
  () => ({
    activity: "travel.hotel",
    quantity: Math.ceil(random() * 10),
    unit: "nights",
    region: pick(hotelCountries),
    year: 2025,
  }),
  () => ({
    activity: pick(["freight.road", "freight.sea", "freight.air", "freight.rail"]),
    quantity: amount(50_000),
    unit: pick(["tkm", "ton_mi"]),
    year: 2025,
    region: "GB",
  }),
  () => ({
    activity: pick(["waste.landfill", "waste.incineration"]),
    quantity: amount(10),
    unit: pick(["t", "short_ton"]),
    region: pick(["US", "GB"]),
    year: 2025,
  }),
  () => ({
    activity: pick(naics),
    quantity: amount(100_000),
    currency: pick(["USD", "EUR", "GBP", "JPY"]),
    region: "US",
    year: pick(years),
  }),
  () => ({
    activity: "fuel.natural_gas",
    quantity: amount(1000),
    unit: "kWh",
    region: "GB",
    year: 2025,
    inline_factor: { unit: "kWh", co2e_kg: 0.19, source: "Supplier EPD" },
  }),
];

function makeActivities(rows: number): Activity[] {
  return Array.from({ length: rows }, (_, index) => ({ id: index, ...pick(templates)() }));
}

const rows = Number(options.rows);
const activities = makeActivities(rows);
estimateBatch(activities.slice(0, 50_000)); // warm-up: JIT and per-factor caches

const format = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Times `work` over `runs` runs; returns the median and best activities/second. */
function time(label: string, work: () => Outcome[] | number): void {
  const rates: number[] = [];
  for (let run = 0; run < Number(options.runs); run++) {
    const start = process.hrtime.bigint();
    const result = work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const failed = typeof result === "number" ? result : result.filter(isRowError).length;
    rates.push(rows / seconds);
    console.log(
      `${label} run ${run + 1}: ${format(rows)} activities in ${seconds.toFixed(3)} s = ${format(rows / seconds)} activities/s (${failed} row errors)`,
    );
  }
  rates.sort((a, b) => a - b);
  console.log(
    `${label}: median ${format(rates[Math.floor(rates.length / 2)] as number)} activities/s, best ${format(rates[rates.length - 1] as number)} activities/s`,
  );
}

const chunk = Number(options.chunk);
time("streamed", () => {
  let errors = 0;
  for (let start = 0; start < rows; start += chunk) {
    errors += aggregate(estimateBatch(activities.slice(start, start + chunk))).errors;
  }
  return errors;
});
time("one batch", () => estimateBatch(activities));
console.log(
  `one core, Node ${process.version}; peak memory (max RSS) ${format(process.resourceUsage().maxRSS / 1024)} MiB`,
);
