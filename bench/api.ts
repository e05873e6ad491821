/**
 * npm run bench:api
 *
 * Starts the service on loopback and measures, with autocannon and plain fetch:
 *   1. POST /v1/estimate at a fixed 1,000 requests/s (latency p50/p99), then unthrottled;
 *   2. POST /v1/estimate/batch with 10,000 activities (time per batch);
 *   3. a generated 100,000-row CSV ledger, upload to done (rows/s).
 * With DATABASE_URL (and REDIS_URL) set it uses those servers; otherwise the embedded database
 * in a temporary folder, as `offgridflow serve` does with no configuration.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { Command } from "commander";
import { createApiKey, loadEnv, startService } from "@offgridflow/server";

const options = new Command()
  .option("--seconds <n>", "duration of each autocannon run", "10")
  .option("--rows <n>", "rows in the generated ledger", "100000")
  .parse()
  .opts<{ seconds: string; rows: string }>();

const dataDir = mkdtempSync(join(tmpdir(), "ogf-bench-"));
const env = loadEnv({ ...process.env, PORT: "0", LOG_LEVEL: "silent", OGF_DATA_DIR: dataDir });
const service = await startService(env);
const tenant = await service.database.prisma.tenant.create({ data: { name: "bench" } });
const { key } = await createApiKey(service.database.prisma, {
  tenantId: tenant.id,
  role: "admin",
  name: "bench",
});
const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
const mode = `${service.database.embedded ? "embedded Postgres" : "PostgreSQL"}, ${env.REDIS_URL ? "BullMQ" : "in-process jobs"}`;
console.log(`OffGridFlow at ${service.url} (${mode}), Node ${process.version}`);

const activity = {
  activity: "fuel.natural_gas",
  quantity: 1200,
  unit: "therm",
  region: "US-CAMX",
  year: 2024,
};

async function load(title: string, rate?: number): Promise<void> {
  const result = await autocannon({
    url: `${service.url}/v1/estimate`,
    method: "POST",
    headers,
    body: JSON.stringify(activity),
    connections: 10,
    duration: Number(options.seconds),
    ...(rate ? { overallRate: rate } : {}),
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${title}: ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms (${result.requests.total} requests, ${failed} failed)`,
  );
}

await load("POST /v1/estimate at 1,000 req/s", 1000);
await load("POST /v1/estimate unthrottled");

const batch = Array.from({ length: 10_000 }, (_, i) => ({ ...activity, id: i, quantity: 100 + i }));
const batchBody = JSON.stringify({ activities: batch });
const timings: number[] = [];
for (let run = 0; run < 12; run++) {
  const started = performance.now();
  const response = await fetch(`${service.url}/v1/estimate/batch`, {
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

/** A ledger like ../shared/ledgers/dev.csv in shape: 9 columns, US number and date formats. */
function ledgerCsv(rows: number): string {
  const lines = ["date,vendor,description,gl_account,gl_name,amount,currency,quantity,unit"];
  const vendors = [
    "PG&E",
    "Shell Fleet",
    "Amazon Web Services",
    "Marriott",
    "Lufthansa",
    "Staples",
  ];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((i % 12) + 1).padStart(2, "0");
    const amount = ((i * 7919) % 100_000) / 100 + 10;
    lines.push(
      `${month}/${day}/2024,${vendors[i % vendors.length]},Invoice ${i} services,${6000 + (i % 50)},Expenses,"${amount.toLocaleString("en-US", { minimumFractionDigits: 2 })}",USD,${i % 500},kWh`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const rows = Number(options.rows);
const form = new FormData();
form.append("file", new Blob([ledgerCsv(rows)]), "bench.csv");
const started = performance.now();
const upload = await fetch(`${service.url}/v1/ledgers`, {
  method: "POST",
  headers: { authorization: headers.authorization },
  body: form,
});
const { id } = (await upload.json()) as { id: string };
let ledger: { status: string; rows: { total: number } };
do {
  await new Promise((done) => setTimeout(done, 50));
  ledger = (await (
    await fetch(`${service.url}/v1/ledgers/${id}`, { headers })
  ).json()) as typeof ledger;
} while (ledger.status === "queued" || ledger.status === "running");
const seconds = (performance.now() - started) / 1000;
console.log(
  `import of a ${rows.toLocaleString("en-US")}-row CSV, upload to done: ${seconds.toFixed(2)} s = ${Math.round(ledger.rows.total / seconds).toLocaleString("en-US")} rows/s (status ${ledger.status}, ${ledger.rows.total} rows)`,
);

await service.close();
rmSync(dataDir, { recursive: true, force: true });
