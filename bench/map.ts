/**
 * npm run bench:map [-- --rows N --runs R]
 *
 * The mapping layer on a generated ledger (bench/generated-ledger.ts), in process:
 *   1. read, map (rules, retrieval) and calculate every row with no model: rows/s, median of runs;
 *   2. the same with a stand-in OpenAI-compatible model on 127.0.0.1 (the one the tests use):
 *      how many model calls the ledger costs against its rows and distinct patterns, and again
 *      with the decisions cached (a second ledger of the same tenant).
 */
import { Command } from "commander";
import { LangChainChooser } from "../server/src/mapping/llm/chooser.ts";
import { mapLedgerFile } from "../server/src/mapping/map-ledger.ts";
import { MemoryDecisionStore } from "../server/src/mapping/mapper.ts";
import { startOpenAiStandIn } from "../server/test/support/openai-stand-in.ts";
import { generatedLedgerCsv } from "./generated-ledger.ts";

const options = new Command()
  .option("--rows <n>", "rows in the generated ledger", "100000")
  .option("--runs <n>", "timed runs", "3")
  .parse()
  .opts<{ rows: string; runs: string }>();

const rows = Number(options.rows);
const data = new TextEncoder().encode(generatedLedgerCsv(rows));
const filename = "bench.csv";

const rates: number[] = [];
let review = 0;
let patterns = 0;
for (let run = 0; run < Number(options.runs); run++) {
  const started = performance.now();
  const mapped = await mapLedgerFile(data, { filename, country: "US" });
  const seconds = (performance.now() - started) / 1000;
  rates.push(mapped.rows.length / seconds);
  review = mapped.rows.filter((row) => row.status === "needs_review").length;
  patterns = new Set(mapped.rows.map((row) => row.pattern)).size;
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)] as number;
console.log(
  `map + calculate, no model: ${rows.toLocaleString("en-US")} rows, ${patterns} patterns: median ${Math.round(median).toLocaleString("en-US")} rows/s (best ${Math.round(rates.at(-1) as number).toLocaleString("en-US")}); ${review.toLocaleString("en-US")} rows to review`,
);

const standIn = await startOpenAiStandIn();
try {
  const chooser = new LangChainChooser({
    apiKey: standIn.apiKey,
    baseURL: standIn.baseURL,
    model: "stand-in",
    timeoutMs: 10_000,
    maxRetries: 0,
  });
  const decisions = new MemoryDecisionStore();
  for (const ledger of ["first ledger", "second ledger, same tenant"]) {
    const started = performance.now();
    const { usage } = await mapLedgerFile(data, { filename, country: "US", chooser, decisions });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `with a stand-in model, ${ledger}: ${usage.calls} model calls (${usage.cached} cached, ${usage.failed} failed) for ${rows.toLocaleString("en-US")} rows and ${patterns} patterns; ${usage.input_tokens} + ${usage.output_tokens} tokens; ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s`,
    );
  }
} finally {
  await standIn.close();
}
