/**
 * Ledgers: upload (stored, then imported by a job), status, rows, and the XLSX export.
 * Every query names the caller's tenant: another tenant's ledger is simply not found.
 */
import { z } from "zod";
import { AppError } from "../app-error.ts";
import { appendAudit } from "../audit/audit.ts";
import type { Prisma, PrismaClient } from "../db/client.ts";
import { readUpload } from "../http/multipart.ts";
import { fieldErrors, type Routes } from "../http/routes.ts";
import type { ImportJobs } from "../jobs/import-jobs.ts";
import { withinTime } from "../within-time.ts";
import { READY_TIMEOUT_MS } from "./health.ts";
import { COLUMN_ROLES } from "../ledger/index.ts";
import { rebuildResult } from "../mapping/stored-result.ts";
import { columnsOf, writeLedgerWorkbook } from "./ledger-export.ts";

export interface LedgerDependencies {
  prisma: PrismaClient;
  jobs: ImportJobs;
  maxUploadBytes: number;
  logError(error: unknown): void;
}

/** Seconds a client should wait before sending a file the queue could not take. */
const QUEUE_RETRY_AFTER_S = 30;

/**
 * Storing a 50 MB file takes longer than Prisma's default 5 s for a transaction; past its
 * timeout the transaction would be rolled back under the request.
 */
const UPLOAD_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

const ROW_STATUSES = ["parsed", "error", "estimated", "needs_review", "rejected"] as const;
const READERS = ["admin", "editor", "reviewer", "viewer"] as const;
const WRITERS = ["admin", "editor"] as const;

const IdParams = z.object({ id: z.uuid().meta({ description: "Ledger id" }) });

export const LedgerSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    status: z.enum(["queued", "running", "done", "failed"]),
    progress: z.number().int().min(0).max(100),
    rows: z.object({ total: z.number(), parsed: z.number(), failed: z.number() }),
    error: z.string().nullable(),
    country: z.string().nullable(),
    llm: z
      .object({ calls: z.number(), input_tokens: z.number(), output_tokens: z.number() })
      .meta({ description: "Model calls and tokens spent mapping this ledger" }),
    layout: z.unknown().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: "Ledger" });

const RowSchema = z
  .object({
    row_number: z.number().int(),
    status: z.enum(ROW_STATUSES),
    raw: z
      .record(z.string(), z.string())
      .meta({ description: "Cells as uploaded, by column header" }),
    parsed: z.unknown().nullable(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).nullable(),
    id: z.string(),
    pattern: z.string().nullable(),
    mapping: z.unknown().nullable(),
    result: z.unknown().nullable().meta({
      description: "The Result with its factor's provenance, rebuilt from the stored input",
    }),
  })
  .meta({ id: "LedgerRow" });

export const RolesField = z
  .partialRecord(
    z.enum(COLUMN_ROLES),
    z.union([
      // A header never holds a NUL, and Postgres cannot store one in text.
      z.string().refine((name) => !name.includes("\u0000"), "a column name has no NUL character"),
      z.number().int().nonnegative(),
    ]),
  )
  .meta({
    description:
      'Column roles to use instead of the inferred ones: { "amount": "Betrag", "date": 0 }',
  });

export const CountryField = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "an ISO 3166 alpha-2 code such as DE")
  .transform((code) => code.toUpperCase())
  .meta({ description: "ISO 3166 country of the company: the region of its activities" });

function parseCountry(text: string | undefined): string | undefined {
  if (text === undefined || text === "") return undefined;
  const parsed = CountryField.safeParse(text);
  if (!parsed.success)
    throw new AppError("validation", "invalid country", fieldErrors("country", parsed.error));
  return parsed.data;
}

type LedgerRecord = Prisma.LedgerGetPayload<object>;

function describeLedger(ledger: LedgerRecord, liveProgress?: number): z.infer<typeof LedgerSchema> {
  return {
    id: ledger.id,
    filename: ledger.filename,
    status: ledger.status,
    progress:
      ledger.status === "running" && liveProgress !== undefined ? liveProgress : ledger.progress,
    rows: { total: ledger.rowsTotal, parsed: ledger.rowsParsed, failed: ledger.rowsFailed },
    error: ledger.error,
    country: ledger.country,
    llm: {
      calls: ledger.llmCalls,
      input_tokens: ledger.llmInputTokens,
      output_tokens: ledger.llmOutputTokens,
    },
    layout: ledger.layout ?? null,
    created_at: ledger.createdAt.toISOString(),
    started_at: ledger.startedAt?.toISOString() ?? null,
    finished_at: ledger.finishedAt?.toISOString() ?? null,
  };
}

/** Stored cells (in column order) keyed by their header; a repeated header keeps its first cell. */
function cellsByHeader(columns: string[], cells: unknown): Record<string, string> {
  const byHeader: Record<string, string> = {};
  (cells as string[]).forEach((cell, index) => {
    const header = columns[index] ?? `column ${index + 1}`;
    if (!(header in byHeader)) byHeader[header] = cell;
  });
  return byHeader;
}

async function findLedger(
  prisma: PrismaClient,
  tenantId: string,
  id: string,
): Promise<LedgerRecord> {
  const ledger = await prisma.ledger.findFirst({ where: { id, tenantId } });
  if (!ledger)
    throw new AppError("not_found", `no ledger ${id}`, [
      { field: "params.id", message: "not found" },
    ]);
  return ledger;
}

function parseRoles(text: string | undefined): Record<string, string | number> | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("validation", "roles must be JSON", [
      { field: "roles", message: "not valid JSON" },
    ]);
  }
  const parsed = RolesField.safeParse(json);
  if (!parsed.success) {
    throw new AppError("validation", "invalid roles", fieldErrors("roles", parsed.error));
  }
  return parsed.data;
}

export function registerLedgers(
  routes: Routes,
  { prisma, jobs, maxUploadBytes, logError }: LedgerDependencies,
): void {
  routes.add({
    method: "post",
    path: "/v1/ledgers",
    summary: "Upload a ledger (CSV or XLSX) for import",
    tags: ["ledgers"],
    roles: WRITERS,
    rawBody: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({
            file: z.string().meta({ format: "binary", description: "The ledger, CSV or XLSX" }),
            roles: z
              .string()
              .optional()
              .meta({ description: "JSON: column roles that override the inferred ones" }),
            country: CountryField.optional(),
          }),
        },
      },
    },
    responses: {
      202: {
        description: "Stored and queued for import",
        content: { "application/json": { schema: LedgerSchema } },
      },
    },
    async handle({ req, res, auth }) {
      // Refused before the body is read: a file stored now would wait for a queue that is down.
      await withinTime(jobs.ping(), READY_TIMEOUT_MS, "the import queue").catch(
        (error: unknown) => {
          logError(error);
          throw new AppError(
            "unavailable",
            "imports cannot be queued right now; nothing was stored, send the file again shortly",
            [],
            QUEUE_RETRY_AFTER_S,
          );
        },
      );
      const upload = await readUpload(req, { field: "file", maxBytes: maxUploadBytes });
      if (upload.data.length === 0) {
        throw new AppError("validation", "the file is empty", [
          { field: "file", message: "0 bytes" },
        ]);
      }
      const overrides = parseRoles(upload.fields.roles);
      const country = parseCountry(upload.fields.country);
      const ledger = await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
        const created = await tx.ledger.create({
          data: {
            tenantId: auth.tenantId,
            filename: upload.filename,
            contentType: upload.contentType,
            size: upload.data.length,
            sha256: upload.sha256,
            overrides,
            country,
            file: { create: { data: upload.data } },
          },
        });
        await appendAudit(tx, auth.tenantId, {
          actor: `api-key:${auth.keyId}`,
          action: "ledger.uploaded",
          subject: created.id,
          data: { filename: upload.filename, size: upload.data.length, sha256: upload.sha256 },
        });
        return created;
      }, UPLOAD_TRANSACTION);
      // Stored is what counts: should the queue fail now, its reconciler queues the ledger.
      await jobs.enqueue(ledger.id).catch(logError);
      res.status(202).location(`/v1/ledgers/${ledger.id}`).json(describeLedger(ledger));
    },
  });

  routes.add({
    method: "get",
    path: "/v1/ledgers",
    summary: "List ledgers",
    tags: ["ledgers"],
    roles: READERS,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    responses: {
      200: {
        description: "Newest first",
        content: { "application/json": { schema: z.object({ ledgers: z.array(LedgerSchema) }) } },
      },
    },
    async handle({ query, auth, res }) {
      const ledgers = await prisma.ledger.findMany({
        where: { tenantId: auth.tenantId },
        orderBy: { createdAt: "desc" },
        take: query.limit,
      });
      res.json({ ledgers: ledgers.map((ledger) => describeLedger(ledger)) });
    },
  });

  routes.add({
    method: "get",
    path: "/v1/ledgers/:id",
    summary: "Get a ledger's import status",
    tags: ["ledgers"],
    roles: READERS,
    params: IdParams,
    responses: {
      200: { description: "The ledger", content: { "application/json": { schema: LedgerSchema } } },
    },
    async handle({ params, auth, res }) {
      const ledger = await findLedger(prisma, auth.tenantId, params.id);
      const live = ledger.status === "running" ? await jobs.progress(ledger.id) : undefined;
      res.json(describeLedger(ledger, live));
    },
  });

  routes.add({
    method: "get",
    path: "/v1/ledgers/:id/rows",
    summary: "List a ledger's rows",
    tags: ["ledgers"],
    roles: READERS,
    params: IdParams,
    query: z.object({
      status: z.enum(ROW_STATUSES).optional(),
      cursor: z.coerce
        .number()
        .int()
        .nonnegative()
        .optional()
        .meta({ description: "next_cursor of the previous page" }),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    responses: {
      200: {
        description: "Rows in file order",
        content: {
          "application/json": {
            schema: z.object({ rows: z.array(RowSchema), next_cursor: z.string().nullable() }),
          },
        },
      },
    },
    async handle({ params, query, auth, res }) {
      const ledger = await findLedger(prisma, auth.tenantId, params.id);
      const rows = await prisma.ledgerRow.findMany({
        where: {
          tenantId: auth.tenantId,
          ledgerId: params.id,
          ...(query.status ? { status: query.status } : {}),
          ...(query.cursor !== undefined ? { rowNumber: { gt: query.cursor } } : {}),
        },
        orderBy: { rowNumber: "asc" },
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      res.json({
        rows: page.map((row) => ({
          row_number: row.rowNumber,
          id: row.id,
          pattern: row.pattern,
          status: row.status,
          raw: cellsByHeader(columnsOf(ledger), row.raw),
          parsed: row.parsed ?? null,
          errors: row.errors ?? null,
          mapping: row.mapping ?? null,
          result: row.result === null ? null : rebuildResult(row.result),
        })),
        next_cursor: rows.length > query.limit ? String(page[page.length - 1]?.rowNumber) : null,
      });
    },
  });

  routes.add({
    method: "get",
    path: "/v1/ledgers/:id/export.xlsx",
    summary: "Download a ledger with its results as XLSX",
    tags: ["ledgers"],
    roles: READERS,
    params: IdParams,
    responses: {
      200: {
        description:
          "The original columns plus activity, factor, kg CO2e and status; a summary sheet",
        content: {
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            schema: z.string().meta({ format: "binary" }),
          },
        },
      },
    },
    async handle({ params, auth, res }) {
      const ledger = await findLedger(prisma, auth.tenantId, params.id);
      if (ledger.status !== "done") {
        throw new AppError(
          "conflict",
          `ledger ${ledger.id} is ${ledger.status}; export it once the import is done`,
        );
      }
      const base = ledger.filename.replace(/\.[^.]+$/, "");
      res.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.attachment(`${base}-offgridflow.xlsx`);
      await writeLedgerWorkbook(prisma, ledger, res);
    },
  });
}
