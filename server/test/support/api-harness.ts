/**
 * A real API on 127.0.0.1 over a fresh database on the real Postgres server, with two tenants
 * and one API key per role in each. Imports run in process unless a test gives its own jobs.
 */
import { once } from "node:events";
import type { Server } from "node:http";
import { createApp } from "../../src/api.ts";
import { ApiKeyAuth, createApiKey, ListeningKeyRevocations } from "../../src/auth/api-keys.ts";
import type { PrismaClient, Role } from "../../src/db/client.ts";
import { defaultAddinFiles } from "../../src/http/addin-files.ts";
import { answerClientErrors } from "../../src/http/client-error.ts";
import { InProcessImportJobs, type ImportJobs } from "../../src/jobs/import-jobs.ts";
import { importLedgerProcessor, markImportFailed } from "../../src/jobs/import-ledger.ts";
import type { CandidateChooser } from "../../src/mapping/llm/chooser.ts";
import { Metrics } from "../../src/metrics.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export const ROLES: readonly Role[] = ["admin", "editor", "reviewer", "viewer"];

export interface TenantKeys {
  id: string;
  keys: Record<Role, string>;
}

export interface TestApi {
  url: string;
  db: TestDatabase;
  prisma: PrismaClient;
  jobs: ImportJobs;
  /** Resolves when in-process imports queued so far are done. */
  importsIdle(): Promise<void>;
  tenants: { a: TenantKeys; b: TenantKeys };
  metrics: Metrics;
  close(): Promise<void>;
}

async function tenantWithKeys(prisma: PrismaClient, name: string): Promise<TenantKeys> {
  const tenant = await prisma.tenant.create({ data: { name } });
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) {
    keys[role] = (
      await createApiKey(prisma, { tenantId: tenant.id, role, name: `${role} key` })
    ).key;
  }
  return { id: tenant.id, keys };
}

export async function startTestApi(
  options: {
    maxUploadBytes?: number;
    jobs?: ImportJobs;
    chooser?: CandidateChooser;
    /** A built add-in to serve at /addin/ instead of addin/dist. */
    addinDir?: string;
  } = {},
): Promise<TestApi> {
  const db = await createTestDatabase();
  const { prisma } = db;
  // The metrics gauge reads job counts through `jobs`, assigned just below.
  const metrics: Metrics = new Metrics(() => jobs.counts());
  const inProcess = new InProcessImportJobs(
    importLedgerProcessor({ prisma, metrics, chooser: options.chooser }),
    (ledgerId, error) => {
      void markImportFailed(prisma, ledgerId, error);
    },
  );
  const jobs: ImportJobs = options.jobs ?? inProcess;
  // As on a server over PostgreSQL, keys are cached once this listener hears revocations; tests
  // start with the cache in use.
  const revocations = new ListeningKeyRevocations(db.url);
  const cacheInUse = once(revocations, "listening");
  const app = createApp({
    prisma,
    jobs,
    authenticate: new ApiKeyAuth(prisma, revocations).authenticate,
    revocations,
    metrics,
    maxUploadBytes: options.maxUploadBytes ?? 20 * 2 ** 20,
    mapping: { chooser: options.chooser },
    addin: { ...defaultAddinFiles(), ...(options.addinDir ? { addinDir: options.addinDir } : {}) },
    logError: (error) => console.error(error),
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    answerClientErrors(listening);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const tenants = {
    a: await tenantWithKeys(prisma, "Tenant A"),
    b: await tenantWithKeys(prisma, "Tenant B"),
  };
  await cacheInUse;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    prisma,
    jobs,
    importsIdle: () => inProcess.idle(),
    tenants,
    metrics,
    async close() {
      await new Promise((done) => server.close(done));
      await inProcess.close();
      await revocations.close();
      await db.drop();
    },
  };
}

/** fetch with a key; JSON bodies are sent as JSON. */
export async function call(
  api: TestApi,
  key: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; type: string; json: any; response: Response }> {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${api.url}${path}`, { method, headers, body: payload });
  const type = response.headers.get("content-type") ?? "";
  const json = type.includes("json") ? await response.json() : undefined;
  return { status: response.status, type, json, response };
}

/** A multipart form holding one file in the field `file`. */
export function fileForm(
  name: string,
  data: Uint8Array | string,
  fields: Record<string, string> = {},
): FormData {
  const form = new FormData();
  form.append("file", new Blob([data as BlobPart]), name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}
