/**
 * npm run bench:addin [-- --runs R --cells N --chunk C --window MS]
 *
 * The Excel functions' batching against a real `offgridflow serve` (bench/local-server.ts):
 * N =OGF.CO2E cells called as Excel calls them, all in one tick, then awaited, through the same
 * functions module and service the add-in bundles, with the real fetch wrapped to count the
 * requests that leave. Scenarios, each timed from the first call until every cell has its value:
 *   1. N distinct cells (grid electricity in five regions and three fuels, quantities 1..N),
 *      on a fresh service: a first calculation of the workbook;
 *   2. the same cells again on that service: a recalculation, answered from memory;
 *   3. N identical cells on a fresh service: a column of one formula.
 * One warm-up run first (the server's JIT), then R timed runs; prints the median and worst.
 */
import Table from "cli-table3";
import { Command } from "commander";
import { co2e, useService } from "../addin/src/functions/functions.ts";
import { FunctionService } from "../addin/src/functions/service.ts";
import {
  loadConnection,
  saveConnection,
  type ConnectionStores,
  type SettingsStore,
} from "../addin/src/shared/connection.ts";
import { startLocalServer } from "./local-server.ts";

const options = new Command()
  .option("--runs <n>", "timed runs of each scenario", "7")
  .option("--cells <n>", "cells per calculation", "10000")
  .option("--chunk <n>", "rows per batch request (the service's default when not given)")
  .option("--window <ms>", "batching window (the service's default when not given)")
  .parse()
  .opts<{ runs: string; cells: string; chunk?: string; window?: string }>();

const cells = Number(options.cells);
const { url, key, mode, stop } = await startLocalServer();
console.log(`offgridflow serve at ${url} (${mode}), Node ${process.version}`);

/** What the task pane stores, held in memory: the service reads it as it reads Web Storage. */
function memoryStore(): SettingsStore {
  const items = new Map<string, string>();
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name),
  };
}
const stores: ConnectionStores = { session: memoryStore(), device: memoryStore() };
saveConnection(stores, { url, key, year: 2024 }, false);

let requests = 0;
let rowsSent = 0;

/** A fresh service, as when a workbook opens, installed behind the OGF.* functions. */
function freshService(): void {
  useService(
    new FunctionService({
      connection: () => loadConnection(stores),
      errors: (code, message) => new Error(`${code}: ${message}`),
      fetch: (input, init) => {
        requests++;
        const body = JSON.parse(String(init?.body)) as { activities: unknown[] };
        rowsSent += body.activities.length;
        return globalThis.fetch(input, init);
      },
      ...(options.chunk ? { maxRows: Number(options.chunk) } : {}),
      ...(options.window ? { windowMs: Number(options.window) } : {}),
    }),
  );
}

const KINDS = [
  ["electricity.grid", "kWh", "US-CAMX"],
  ["electricity.grid", "kWh", "US-ERCT"],
  ["electricity.grid", "kWh", "DE"],
  ["electricity.grid", "kWh", "FR"],
  ["electricity.grid", "kWh", "GB"],
  ["fuel.natural_gas", "therm", "US"],
  ["fuel.diesel", "L", "GB"],
  ["fuel.propane", "gal", "US"],
] as const;

const distinct = Array.from({ length: cells }, (_, i) => {
  const [activity, unit, region] = KINDS[i % KINDS.length] as (typeof KINDS)[number];
  return { activity, quantity: i + 1, unit, region };
});
const identical = Array.from({ length: cells }, () => distinct[0] as (typeof distinct)[number]);

interface Measure {
  requests: number;
  rows: number;
  ms: number;
  failed: number;
}

/** Calls every cell in one tick, as a recalculation does, and waits for all of them. */
async function calculate(sheet: typeof distinct): Promise<Measure> {
  requests = 0;
  rowsSent = 0;
  const started = performance.now();
  const pending = sheet.map((cell) => co2e(cell.activity, cell.quantity, cell.unit, cell.region));
  const outcomes = await Promise.allSettled(pending);
  const ms = performance.now() - started;
  const failed = outcomes.filter((outcome) => outcome.status === "rejected").length;
  return { requests, rows: rowsSent, ms, failed };
}

const scenarios: Record<string, Measure[]> = {
  [`${cells.toLocaleString("en-US")} distinct cells, first calculation`]: [],
  [`the same ${cells.toLocaleString("en-US")} cells, recalculated`]: [],
  [`${cells.toLocaleString("en-US")} identical cells`]: [],
};
const [first, again, same] = Object.values(scenarios) as Measure[][];
for (let run = 0; run <= Number(options.runs); run++) {
  freshService();
  const measures = [await calculate(distinct), await calculate(distinct)];
  freshService();
  measures.push(await calculate(identical));
  if (run === 0) continue; // warm-up
  first?.push(measures[0] as Measure);
  again?.push(measures[1] as Measure);
  same?.push(measures[2] as Measure);
}
await stop();

/** The values a scenario took over its runs: one figure when they never varied. */
function spread(values: number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}-${high}`;
}

const table = new Table({
  head: ["scenario", "requests", "rows sent", "median ms", "worst ms", "failed cells"],
  style: process.stdout.isTTY ? {} : { head: [], border: [] },
});
for (const [name, measures] of Object.entries(scenarios)) {
  const times = measures.map((measure) => measure.ms).sort((a, b) => a - b);
  table.push([
    name,
    spread(measures.map((measure) => measure.requests)),
    spread(measures.map((measure) => measure.rows)),
    (times[Math.floor(times.length / 2)] as number).toFixed(1),
    (times[times.length - 1] as number).toFixed(1),
    spread(measures.map((measure) => measure.failed)),
  ]);
}
console.log(`OGF.CO2E through the add-in's functions module, ${options.runs} runs after a warm-up`);
console.log(table.toString());
