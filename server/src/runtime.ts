/**
 * Puts the service together from its configuration: the database (the configured Postgres, or
 * an embedded one in OGF_DATA_DIR), migrations, the import jobs (BullMQ on Redis, or in this
 * process), and the HTTP app.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { join, resolve } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import pino, { type Logger } from "pino";
import {
  ApiKeyAuth,
  createApiKey,
  KeyRevocations,
  ListeningKeyRevocations,
  type CreatedKey,
} from "./auth/api-keys.ts";
import { createApp } from "./api.ts";
import { audit } from "./audit/audit.ts";
import { createPrisma, type PrismaClient } from "./db/client.ts";
import { startEmbeddedPostgres } from "./db/embedded.ts";
import { migrate } from "./db/migrate.ts";
import { defaultAddinFiles } from "./http/addin-files.ts";
import { answerClientErrors } from "./http/client-error.ts";
import type { Env } from "./env.ts";
import { BullImportJobs, startImportWorker } from "./jobs/bullmq-import-jobs.ts";
import { InProcessImportJobs, type ImportJobs } from "./jobs/import-jobs.ts";
import { importLedgerProcessor, markImportFailed } from "./jobs/import-ledger.ts";
import { chooserFromEnv } from "./mapping/llm/chooser.ts";
import { Metrics } from "./metrics.ts";

/** Where the embedded database keeps its files. */
export const embeddedDataDir = (env: Env): string => join(resolve(env.OGF_DATA_DIR), "postgres");

export interface Database {
  url: string;
  prisma: PrismaClient;
  embedded: boolean;
  close(): Promise<void>;
}

/** A dependency the process cannot start without, named with its address: one line to print. */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

/** host:port of a service URL, never its credentials. */
const addressOf = (url: string): string => {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || "default port"}`;
};

const CONNECT_TIMEOUT_MS = 5_000;

async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new StartupError(
      `cannot reach PostgreSQL at ${addressOf(url)} (DATABASE_URL): ${reasonOf(error)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED) says more than the "Connection is closed" after it.
  let socketError: unknown;
  redis.on("error", (error) => (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new StartupError(
      `cannot reach Redis at ${addressOf(url)} (REDIS_URL): ${reasonOf(socketError ?? error)}`,
    );
  } finally {
    redis.disconnect();
  }
}

function reasonOf(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return code ?? message?.split("\n")[0] ?? String(error);
}

/** The configured database, or the embedded one; migrated either way. */
export async function openDatabase(env: Env): Promise<Database> {
  if (env.DATABASE_URL) {
    await checkPostgres(env.DATABASE_URL);
    await migrate(env.DATABASE_URL);
    const prisma = createPrisma(env.DATABASE_URL);
    return { url: env.DATABASE_URL, prisma, embedded: false, close: () => prisma.$disconnect() };
  }
  const dataDir = embeddedDataDir(env);
  mkdirSync(dataDir, { recursive: true });
  const embedded = await startEmbeddedPostgres({ dataDir });
  await migrate(embedded.url);
  // The embedded server takes one connection at a time.
  const prisma = createPrisma(embedded.url, { maxConnections: 1 });
  return {
    url: embedded.url,
    prisma,
    embedded: true,
    async close() {
      await prisma.$disconnect();
      await embedded.stop();
    },
  };
}

/** With no tenant yet, creates a demo tenant and an admin key for it (shown once). */
export async function ensureDemoTenant(prisma: PrismaClient): Promise<CreatedKey | undefined> {
  if ((await prisma.tenant.count()) > 0) return undefined;
  const tenant = await prisma.tenant.create({ data: { name: "Demo" } });
  const key = await createApiKey(prisma, {
    tenantId: tenant.id,
    role: "admin",
    name: "demo admin key",
  });
  await audit(prisma, tenant.id, {
    actor: "system",
    action: "tenant.created",
    subject: tenant.id,
    data: { name: "Demo" },
  });
  return key;
}

export interface Service {
  url: string;
  demoKey?: CreatedKey;
  database: Database;
  jobs: ImportJobs;
  close(): Promise<void>;
}

/** The model for the mapping layer's `llm` stage, when one is configured, and its budget. */
function mappingModel(env: Env) {
  return { chooser: chooserFromEnv(env), maxLlmCalls: env.OGF_LLM_MAX_CALLS };
}

export function createLogger(env: Env): Logger {
  return pino({ level: env.LOG_LEVEL });
}

/** Starts the HTTP service (and, without Redis, the import jobs in this process). */
export async function startService(env: Env, log: Logger = createLogger(env)): Promise<Service> {
  const database = await openDatabase(env);
  const { prisma } = database;
  let jobs: ImportJobs;
  // The gauge reads job counts through `jobs`, which exists by the time anything scrapes.
  const metrics = new Metrics(() => jobs.counts());
  const model = mappingModel(env);
  const processor = importLedgerProcessor({ prisma, metrics, ...model });
  if (env.REDIS_URL) {
    // The API starts without Redis: uploads answer 503 until it is back, /ready says why.
    await checkRedis(env.REDIS_URL).catch((error: Error) => log.warn(error.message));
    jobs = new BullImportJobs(env.REDIS_URL, {
      unfinished: async () =>
        (
          await prisma.ledger.findMany({
            where: { status: { in: ["queued", "running"] } },
            select: { id: true },
          })
        ).map(({ id }) => id),
      onReconcileError: (error) =>
        log.warn({ err: error }, "could not re-queue unfinished imports"),
    });
  } else {
    jobs = new InProcessImportJobs(processor, (ledgerId, error) => {
      log.error({ err: error, ledgerId }, "ledger import failed");
      markImportFailed(prisma, ledgerId, error).catch((err) =>
        log.error({ err, ledgerId }, "could not mark the import failed"),
      );
    });
    // Imports that were queued or running when this process last stopped start again.
    const unfinished = await prisma.ledger.findMany({
      where: { status: { in: ["queued", "running"] } },
      select: { id: true },
    });
    for (const { id } of unfinished) await jobs.enqueue(id);
  }
  const demoKey = await ensureDemoTenant(prisma);
  // Keys are cached only while every revocation is heard: the embedded database is this
  // process's alone; on PostgreSQL, a listener hears the other processes' revocations.
  const revocations = database.embedded
    ? new KeyRevocations()
    : new ListeningKeyRevocations(database.url, (error) =>
        log.warn({ err: error }, "API key revocation listener down; reconnecting"),
      );
  const app = createApp({
    prisma,
    jobs,
    authenticate: new ApiKeyAuth(prisma, revocations).authenticate,
    revocations,
    metrics,
    maxUploadBytes: env.OGF_MAX_UPLOAD_MB * 2 ** 20,
    addin: defaultAddinFiles(),
    mapping: model,
    logError: (error) => log.error({ err: error }, "unexpected error"),
  });
  const tls =
    env.OGF_TLS_CERT && env.OGF_TLS_KEY
      ? { cert: readFileSync(env.OGF_TLS_CERT), key: readFileSync(env.OGF_TLS_KEY) }
      : undefined;
  const server = await new Promise<Server>((resolveListen, reject) => {
    const listening = tls ? createHttpsServer(tls, app) : createHttpServer(app);
    answerClientErrors(listening);
    listening
      .listen(env.PORT, env.HOST, () => resolveListen(listening))
      .on("error", (error: NodeJS.ErrnoException) =>
        reject(
          new StartupError(
            `cannot listen on ${env.HOST}:${env.PORT} (HOST, PORT): ${reasonOf(error)}`,
          ),
        ),
      );
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  return {
    url: `${tls ? "https" : "http"}://${env.HOST}:${port}`,
    demoKey,
    database,
    jobs,
    async close() {
      await new Promise((done) => server.close(done));
      await jobs.close();
      await revocations.close();
      await database.close();
    },
  };
}

/** The separate worker for BullMQ mode: takes imports off the queue until stopped. */
export async function startWorker(
  env: Env,
  log: Logger = createLogger(env),
): Promise<{ close(): Promise<void> }> {
  if (!env.DATABASE_URL || !env.REDIS_URL) {
    throw new Error(
      "the worker needs DATABASE_URL and REDIS_URL (without them, `serve` runs imports itself)",
    );
  }
  await checkRedis(env.REDIS_URL);
  const database = await openDatabase(env);
  const metrics = new Metrics(async () => ({ waiting: 0, active: 0, completed: 0, failed: 0 }));
  const worker = startImportWorker(
    env.REDIS_URL,
    importLedgerProcessor({ prisma: database.prisma, metrics, ...mappingModel(env) }),
    {
      onError: (error) => log.warn({ err: error }, "the import worker lost Redis; retrying"),
      onFailed(ledgerId, error, final) {
        log.warn({ err: error, ledgerId, final }, "ledger import attempt failed");
        if (final) {
          markImportFailed(database.prisma, ledgerId, error).catch((err) =>
            log.error({ err, ledgerId }, "could not mark the import failed"),
          );
        }
      },
    },
  );
  return {
    async close() {
      await worker.close();
      await database.close();
    },
  };
}
