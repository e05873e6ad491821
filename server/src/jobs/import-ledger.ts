/**
 * The ledger import: read the stored file, map and calculate every readable row, then store
 * every row (raw cells, parsed fields, errors, mapping and the compact calculation). A file that cannot be read stores no rows. Rows are stored in chunks, each committed
 * with the ledger's progress, so that nothing holds the database for the whole import (the
 * embedded database has a single connection). A retry after a killed or failed attempt resumes:
 * the unique (ledger, row number) key skips rows already stored, so each file row is stored
 * exactly once. When the last attempt fails, the ledger's rows are removed.
 */
import { ENGINE_VERSION, isRowError } from "@offgridflow/engine";
import { appendAudit } from "../audit/audit.ts";
import type { Prisma, PrismaClient } from "../db/client.ts";
import {
  LedgerFileError,
  readLedger,
  type ColumnRole,
  type Ledger,
  type ReadLedgerOptions,
} from "../ledger/index.ts";
import { detectFileKind } from "../ledger/sniff.ts";
import type { Metrics } from "../metrics.ts";
import type { CandidateChooser } from "../mapping/llm/chooser.ts";
import { inferCountry } from "../mapping/country.ts";
import { mapRows, type MappedRow } from "../mapping/map-ledger.ts";
import type { MappingRow } from "../mapping/proposal.ts";
import { runTotals, storedRow } from "../mapping/stored-result.ts";
import { tenantMapper } from "../mapping/tenant-memory.ts";
import { IMPORT_ATTEMPTS, type ImportProcessor } from "./import-jobs.ts";
import { readLedgerOffThread } from "./ledger-reader.ts";

// Rows per INSERT: large enough to amortise round trips, small enough for steady progress and
// for the serving thread, which builds each chunk's JSON (and, with the embedded database, runs
// the INSERT itself), to answer other requests between chunks.
const CHUNK = 1_000;
// Progress shares: reading the file, mapping, then storing rows.
const READ_DONE = 20;
const MAP_DONE = 40;
const STORE_DONE = 99;

export interface ImportDependencies {
  prisma: PrismaClient;
  metrics: Metrics;
  /** The model for the `llm` mapping stage; without one, unsure rows wait for review. */
  chooser?: CandidateChooser;
  /** Model calls allowed per ledger. */
  maxLlmCalls?: number;
}

type ParsedLedgerRow = Ledger["rows"][number];

/**
 * Stores a chunk of rows with one statement whose single parameter is the chunk as JSON, which
 * Postgres expands itself: four to five times faster here than Prisma's createMany, whose cost
 * grows with the number of bound values. A row already stored (a rerun) is skipped.
 */
async function insertRows(
  tx: Prisma.TransactionClient,
  target: { tenantId: string; ledgerId: string; columns: string[] },
  rows: ParsedLedgerRow[],
  mapped: ReadonlyMap<number, MappedRow>,
): Promise<void> {
  const { tenantId, ledgerId, columns } = target;
  const records = rows.map((row) => {
    const decided = mapped.get(row.rowNumber);
    return {
      row_number: row.rowNumber,
      // Cells in column order; the ledger's layout names the columns.
      raw: columns.map((column) => row.raw[column] ?? ""),
      parsed: row.fields,
      errors: row.errors.length > 0 ? row.errors : null,
      ...(decided ? storedRow(decided) : { status: "error" }),
      date: row.fields.date ?? null,
    };
  });
  await tx.$executeRaw`
    INSERT INTO ledger_rows (id, tenant_id, ledger_id, row_number, raw, parsed, errors, status, date,
                             pattern, mapping, result, co2e_kg, scope, category)
    SELECT gen_random_uuid(), ${tenantId}::uuid, ${ledgerId}::uuid, r.row_number, r.raw, r.parsed, r.errors,
           r.status::"RowStatus", r.date::date, r.pattern, r.mapping, r.result, r.co2e_kg, r.scope, r.category
    FROM json_to_recordset(${JSON.stringify(records)}::json)
      AS r(row_number int, raw json, parsed json, errors json, status text, date text,
           pattern text, mapping json, result json, co2e_kg float8, scope int, category text)
    ON CONFLICT (ledger_id, row_number) DO NOTHING`;
}

export function importLedgerProcessor({
  prisma,
  metrics,
  chooser,
  maxLlmCalls,
}: ImportDependencies): ImportProcessor {
  return async (ledgerId, progress) => {
    const started = Date.now();
    const ledger = await prisma.ledger.findUnique({
      where: { id: ledgerId },
      include: { file: true },
    });
    if (!ledger || ledger.status === "done" || ledger.status === "failed") return;
    if (!ledger.file) throw new Error(`ledger ${ledgerId} has no stored file`);
    const { tenantId } = ledger;
    // Counted before any work, in the database: an attempt that takes its process down (out of
    // memory, killed) still counts, so a poison file cannot be retried at every restart.
    const { attempts } = await prisma.ledger.update({
      where: { id: ledgerId },
      data: { status: "running", startedAt: new Date(), progress: 0, attempts: { increment: 1 } },
    });
    if (attempts > IMPORT_ATTEMPTS) {
      await markImportFailed(
        prisma,
        ledgerId,
        new ImportGaveUp(
          `gave up after ${IMPORT_ATTEMPTS} attempts, each stopped before it finished`,
        ),
      );
      return;
    }
    await progress(0);

    let parsed: Ledger;
    try {
      parsed = await readLedgerFile(ledger.file.data, {
        filename: ledger.filename,
        contentType: ledger.contentType,
        roles: (ledger.overrides ?? undefined) as
          Partial<Record<ColumnRole, string | number>> | undefined,
      });
    } catch (error) {
      if (!(error instanceof LedgerFileError)) throw error;
      // The whole file is unreadable: record why, store nothing, drop the bytes.
      await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
        await tx.ledger.update({
          where: { id: ledgerId },
          data: {
            status: "failed",
            error: `${error.code}: ${error.message}`,
            finishedAt: new Date(),
            progress: 100,
          },
        });
        await tx.ledgerFile.delete({ where: { ledgerId } });
        await appendAudit(tx, tenantId, {
          actor: "system",
          action: "ledger.failed",
          subject: ledgerId,
          data: { code: error.code, message: error.message },
        });
      });
      return;
    }
    await progress(READ_DONE);

    const { rows, layout } = parsed;
    const readable = rows.filter((row) => row.errors.length === 0);
    const failed = rows.length - readable.length;
    const target = { tenantId, ledgerId, columns: layout.columns };
    await prisma.ledger.update({
      where: { id: ledgerId },
      data: { layout: layout as unknown as Prisma.InputJsonValue, progress: READ_DONE },
    });
    // The uploader's country, else the one the vendors' legal forms and currencies point at.
    const country = ledger.country ?? inferCountry(readable.map((row) => row.fields as MappingRow));
    const mapper = await tenantMapper(prisma, tenantId, { chooser, maxLlmCalls }, country);
    const mapped = new Map(
      (
        await mapRows(readable, mapper, {
          country,
          numberFormat: layout.numberFormat,
        })
      ).map((row) => [row.fileRow, row]),
    );
    await progress(MAP_DONE);
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const percent =
        MAP_DONE + Math.floor(((STORE_DONE - MAP_DONE) * (start + chunk.length)) / rows.length);
      await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
        await insertRows(tx, target, chunk, mapped);
        await tx.ledger.update({ where: { id: ledgerId }, data: { progress: percent } });
      });
      await progress(percent);
    }
    const { usage } = mapper;
    const waiting = [...mapped.values()].filter((row) => row.status === "needs_review").length;
    await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
      await tx.ledger.update({
        where: { id: ledgerId },
        data: {
          status: "done",
          progress: 100,
          rowsTotal: rows.length,
          rowsParsed: rows.length - failed,
          rowsFailed: failed,
          finishedAt: new Date(),
          llmCalls: usage.calls,
          llmInputTokens: usage.input_tokens,
          llmOutputTokens: usage.output_tokens,
        },
      });
      await tx.calculationRun.create({
        data: {
          tenantId,
          ledgerId,
          engineVersion: ENGINE_VERSION,
          options: {
            country: country ?? null,
            country_given: ledger.country !== null,
            prompt: chooser?.prompt,
            model: chooser?.model,
          },
          rows: [...mapped.values()].filter((row) => row.outcome && !isRowError(row.outcome))
            .length,
          totals: runTotals(mapped.values()),
          finishedAt: new Date(),
        },
      });
      await appendAudit(tx, tenantId, {
        actor: "system",
        action: "ledger.imported",
        subject: ledgerId,
        data: { rows: rows.length, failed, review: waiting, llm: usage },
      });
    });
    await progress(100);
    metrics.recordImport(rows.length, (Date.now() - started) / 1000);
  };
}

/** An import stopped on purpose, with a reason fit to show the uploader. */
class ImportGaveUp extends Error {}

/**
 * The reason a failed import shows its uploader. An unexpected error's own message can carry
 * server paths and source lines (Prisma's do), so it stays in the server log.
 */
function publicReason(error: unknown): string {
  if (error instanceof ImportGaveUp || error instanceof LedgerFileError) return error.message;
  return "an internal error stopped it; the server log has the details";
}

/**
 * Below this size a CSV or cell range is read on the calling thread: a worker costs ~0.5 s to
 * start, and reading this much takes a few tens of milliseconds. A workbook always goes to the
 * worker: a small one can unpack to a great deal.
 */
const READ_INLINE_BYTES = 256 * 1024;

function readLedgerFile(data: Uint8Array, options: ReadLedgerOptions): Promise<Ledger> {
  const workbook = detectFileKind(data, options.filename, options.contentType) === "xlsx";
  return !workbook && data.byteLength <= READ_INLINE_BYTES
    ? readLedger(data, options)
    : readLedgerOffThread(data, options);
}

/** After the last attempt failed: the ledger says why, and keeps none of its rows. */
export async function markImportFailed(
  prisma: PrismaClient,
  ledgerId: string,
  error: unknown,
): Promise<void> {
  const message = publicReason(error);
  await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    const { count } = await tx.ledgerRow.deleteMany({ where: { ledgerId } });
    const ledger = await tx.ledger.update({
      where: { id: ledgerId },
      data: { status: "failed", error: `import failed: ${message}`, finishedAt: new Date() },
    });
    await appendAudit(tx, ledger.tenantId, {
      actor: "system",
      action: "ledger.failed",
      subject: ledgerId,
      data: { message, rows_removed: count },
    });
  });
}
