/**
 * Reads a ledger file in a worker thread. Decoding, CSV and XLSX parsing and row building are
 * pure CPU work that takes seconds on large files; on the serving thread it would stop every
 * other request (health checks included) for that long. The worker also has its own heap limit,
 * so a file that needs too much memory fails its import instead of the process.
 */
import { Worker } from "node:worker_threads";
import {
  LedgerFileError,
  type Ledger,
  type LedgerFileErrorCode,
  type LedgerLayout,
  type ParsedRow,
  type ReadLedgerOptions,
} from "../ledger/index.ts";

export type ReaderMessage =
  | { kind: "layout"; layout: LedgerLayout; rows: number }
  | { kind: "rows"; rows: ParsedRow[] }
  | { kind: "done" }
  | { kind: "file_error"; code: LedgerFileErrorCode; message: string };

/** Heap for one file's reading: a 50 MB CSV of 500k rows needs about 1.5 GB. */
export const READER_HEAP_MB = 3_072;

// The worker runs TypeScript as the CLI does: it registers tsx's loader, then imports the entry.
const tsxApi = import.meta.resolve("tsx/esm/api");
const workerFile = new URL("./ledger-reader.worker.ts", import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)})
  .then((tsx) => tsx.register())
  .then(() => import(${JSON.stringify(workerFile)}));`;

export function readLedgerOffThread(
  data: Uint8Array,
  options: ReadLedgerOptions,
  limits: { heapMb?: number } = {},
): Promise<Ledger> {
  const heapMb = limits.heapMb ?? READER_HEAP_MB;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { data, options },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let layout: LedgerLayout | undefined;
    const rows: ParsedRow[] = [];
    let outcome: { ledger: Ledger } | { error: Error } | undefined;
    worker.on("message", (message: ReaderMessage) => {
      switch (message.kind) {
        case "layout":
          layout = message.layout;
          break;
        case "rows":
          for (const row of message.rows) rows.push(row);
          break;
        case "done":
          outcome = { ledger: { layout: layout as LedgerLayout, rows } };
          break;
        case "file_error":
          outcome = { error: new LedgerFileError(message.code, message.message) };
      }
    });
    worker.on("error", (error: Error & { code?: string }) => {
      outcome ??= {
        error:
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new LedgerFileError(
                "too_large",
                `Reading the file needed more than ${heapMb} MB of memory; split it into smaller files.`,
              )
            : error,
      };
    });
    worker.on("exit", (code) => {
      if (outcome && "ledger" in outcome) return resolve(outcome.ledger);
      reject(outcome?.error ?? new Error(`the ledger reader stopped with exit code ${code}`));
    });
  });
}
