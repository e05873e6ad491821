/**
 * /health latency while the server works on hostile or heavy input: a 100k-row import, a CSV
 * with one 10 MB description cell, a small XLSX that unpacks to ~90 MB, and /v1/map/batch with
 * 32,000-character and 1 MB descriptions. The server runs as its own process (see
 * local-server.ts); a probe asks /health every 20 ms for as long as each load lasts.
 *
 *   npm run bench:health [-- --rows 100000]
 */
import { Command } from "commander";
import ExcelJS from "exceljs";
import { generatedLedgerCsv } from "./generated-ledger.ts";
import { startLocalServer } from "./local-server.ts";

const options = new Command()
  .option("--rows <n>", "rows of the generated ledger", "100000")
  .parse()
  .opts<{ rows: string }>();

const { url, key, mode, stop } = await startLocalServer();
const auth = { authorization: `Bearer ${key}` };

/** Probes /health until `work` settles; returns the latencies in ms. */
async function probeDuring(work: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  const finished = work.finally(() => (done = true));
  while (!done) {
    const started = performance.now();
    await (await fetch(`${url}/health`)).arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((tick) => setTimeout(tick, 20));
  }
  await finished;
  return latencies;
}

function report(title: string, latencies: number[], outcome: string): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN;
  console.log(
    `${title}: ${outcome}; /health over ${sorted.length} probes: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? NaN).toFixed(1)} ms`,
  );
}

async function importFile(name: string, data: Uint8Array | string): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([data as BlobPart]), name);
  const started = performance.now();
  const upload = await fetch(`${url}/v1/ledgers`, { method: "POST", headers: auth, body: form });
  const { id } = (await upload.json()) as { id: string };
  let ledger: { status: string; rows: { total: number }; error: string | null };
  do {
    await new Promise((tick) => setTimeout(tick, 100));
    ledger = (await (
      await fetch(`${url}/v1/ledgers/${id}`, { headers: auth })
    ).json()) as typeof ledger;
  } while (ledger.status === "queued" || ledger.status === "running");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `${ledger.status} in ${seconds} s, ${ledger.rows.total} rows${ledger.error ? ` (${ledger.error})` : ""}`;
}

async function mapBatch(description: string): Promise<string> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/map/batch`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ rows: [{ description, amount: 100, currency: "EUR" }] }),
  });
  await response.arrayBuffer();
  return `${response.status} in ${(performance.now() - started).toFixed(0)} ms`;
}

/** A workbook whose one sheet holds ~90 MB of XML, compressed to a few hundred KB. */
async function inflatingWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Ledger");
  sheet.addRow(["date", "vendor", "description", "amount"]);
  for (let i = 0; i < 600_000; i++) sheet.addRow(["2024-01-02", "Vendor", "Strom", 1]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

console.log(`server: ${mode}`);
report(
  "idle",
  await probeDuring(new Promise((done) => setTimeout(done, 2_000))),
  "nothing running",
);

const rows = Number(options.rows);
let outcome = "";
report(
  `import of a ${rows.toLocaleString("en-US")}-row CSV`,
  await probeDuring(
    importFile("bench.csv", generatedLedgerCsv(rows)).then((text) => (outcome = text)),
  ),
  outcome,
);
const hugeCell = `date,vendor,description,amount\n2024-01-02,Stadtwerke,${"abfall".repeat((10 * 2 ** 20) / 6)},12.5\n`;
report(
  "import of a CSV with one 10 MB description cell",
  await probeDuring(importFile("huge-cell.csv", hugeCell).then((text) => (outcome = text))),
  outcome,
);
const workbook = await inflatingWorkbook();
report(
  `import of a ${(workbook.byteLength / 1024).toFixed(0)} KB XLSX of 600,000 rows`,
  await probeDuring(importFile("inflating.xlsx", workbook).then((text) => (outcome = text))),
  outcome,
);
for (const length of [32_000, 2 ** 20]) {
  report(
    `POST /v1/map/batch, one ${length.toLocaleString("en-US")}-character description`,
    await probeDuring(mapBatch("abfall".repeat(length / 6)).then((text) => (outcome = text))),
    outcome,
  );
}
await stop();
