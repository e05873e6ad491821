/**
 * npm run bench:api
 *
 * Starts `offgridflow serve` as a separate process on loopback (so that the load generator does
 * not share its event loop) and measures, with autocannon and plain fetch:
 *   1. POST /v1/estimate at a fixed 1,000 requests/s (latency p50/p99 as autocannon sees it, and
 *      inside the server from its own histogram), then unthrottled;
 *   2. POST /v1/estimate/batch with 10,000 activities (time per batch);
 *   3. a generated 100,000-row CSV ledger (bench/generated-ledger.ts), upload to done: read, mapped,
 *      calculated and stored (rows/s).
 * The server: bench/local-server.ts.
 */
import autocannon from "autocannon";
import { Command } from "commander";
import { generatedLedgerCsv } from "./generated-ledger.ts";
import { startLocalServer } from "./local-server.ts";

const options = new Command()
  .option("--seconds <n>", "duration of each autocannon run", "10")
  .option("--rows <n>", "rows in the generated ledger", "100000")
  .parse()
  .opts<{ seconds: string; rows: string }>();

const { url, key, mode, stop } = await startLocalServer();
const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
console.log(`offgridflow serve at ${url} (${mode}), Node ${process.version}`);

const activity = {
  activity: "fuel.natural_gas",
  quantity: 1200,
  unit: "therm",
  region: "US-CAMX",
  year: 2024,
};

/** Cumulative request counts per latency bucket for POST /v1/estimate, from /metrics. */
async function serverBuckets(): Promise<Map<number, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = new Map<number, number>();
  const pattern =
    /^ogf_http_request_duration_seconds_bucket\{le="([^"]+)",method="POST",route="\/v1\/estimate",status="200"\} (\d+)$/gm;
  for (const [, le, count] of text.matchAll(pattern))
    buckets.set(le === "+Inf" ? Infinity : Number(le), Number(count));
  return buckets;
}

/** The bucket bound under which a share of the requests between two scrapes finished. */
function quantile(before: Map<number, number>, after: Map<number, number>, share: number): string {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  for (const bound of bounds) {
    if ((after.get(bound) ?? 0) - (before.get(bound) ?? 0) >= share * total)
      return `<= ${bound * 1000} ms`;
  }
  return "n/a";
}

async function load(title: string, connections: number, rate?: number): Promise<void> {
  const before = await serverBuckets();
  const result = await autocannon({
    url: `${url}/v1/estimate`,
    method: "POST",
    headers,
    body: JSON.stringify(activity),
    connections,
    duration: Number(options.seconds),
    ...(rate ? { overallRate: rate } : {}),
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  const after = await serverBuckets();
  console.log(
    `${title}: ${Math.round(result.requests.average)} req/s, latency seen by autocannon p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; inside the server p50 ${quantile(before, after, 0.5)}, p99 ${quantile(before, after, 0.99)} (${result.requests.total} requests, ${failed} failed)`,
  );
}

// A steady stream, then the same rate from 10 connections, whose bursts autocannon adds.
await load("POST /v1/estimate at 1,000 req/s, 1 connection", 1, 1000);
await load("POST /v1/estimate at 1,000 req/s, 10 connections", 10, 1000);
await load("POST /v1/estimate unthrottled, 10 connections", 10);

const batch = Array.from({ length: 10_000 }, (_, i) => ({ ...activity, id: i, quantity: 100 + i }));
const batchBody = JSON.stringify({ activities: batch });
const timings: number[] = [];
for (let run = 0; run < 12; run++) {
  const started = performance.now();
  const response = await fetch(`${url}/v1/estimate/batch`, {
    method: "POST",
    headers,
    body: batchBody,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`batch failed: ${response.status}`);
  if (run >= 2) timings.push(performance.now() - started); // the first runs warm up
}
timings.sort((a, b) => a - b);
console.log(
  `POST /v1/estimate/batch, 10,000 activities: median ${timings[Math.floor(timings.length / 2)]?.toFixed(0)} ms, worst ${timings[timings.length - 1]?.toFixed(0)} ms (${timings.length} runs)`,
);

const rows = Number(options.rows);
const form = new FormData();
form.append("file", new Blob([generatedLedgerCsv(rows)]), "bench.csv");
const started = performance.now();
const upload = await fetch(`${url}/v1/ledgers`, {
  method: "POST",
  headers: { authorization: headers.authorization },
  body: form,
});
const { id } = (await upload.json()) as { id: string };
let ledger: { status: string; rows: { total: number } };
do {
  await new Promise((done) => setTimeout(done, 50));
  ledger = (await (await fetch(`${url}/v1/ledgers/${id}`, { headers })).json()) as typeof ledger;
} while (ledger.status === "queued" || ledger.status === "running");
const seconds = (performance.now() - started) / 1000;
console.log(
  `import of a ${rows.toLocaleString("en-US")}-row CSV, upload to done: ${seconds.toFixed(2)} s = ${Math.round(ledger.rows.total / seconds).toLocaleString("en-US")} rows/s (status ${ledger.status}, ${ledger.rows.total} rows)`,
);

await stop();
