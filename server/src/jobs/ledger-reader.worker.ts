/**
 * Worker thread entry: reads one ledger file and posts its layout, then its rows in chunks
 * (each chunk is deserialised by the serving thread in one go, so chunks keep that short).
 */
import { parentPort, workerData } from "node:worker_threads";
import { LedgerFileError, readLedger, type ReadLedgerOptions } from "../ledger/index.ts";
import type { ReaderMessage } from "./ledger-reader.ts";

const ROWS_PER_MESSAGE = 500;

const { data, options } = workerData as { data: Uint8Array; options: ReadLedgerOptions };
const post = (message: ReaderMessage) => parentPort?.postMessage(message);

try {
  const { layout, rows } = await readLedger(data, options);
  post({ kind: "layout", layout, rows: rows.length });
  for (let start = 0; start < rows.length; start += ROWS_PER_MESSAGE) {
    post({ kind: "rows", rows: rows.slice(start, start + ROWS_PER_MESSAGE) });
  }
  post({ kind: "done" });
} catch (error) {
  if (!(error instanceof LedgerFileError)) throw error;
  post({ kind: "file_error", code: error.code, message: error.message });
}
