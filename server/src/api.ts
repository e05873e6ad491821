/**
 * Builds the express application from its dependencies; `server.ts` alone listens.
 */
import express, { type Express } from "express";
import { AppError } from "./app-error.ts";
import type { KeyRevocations } from "./auth/api-keys.ts";
import type { Authenticate } from "./http/routes.ts";
import { Routes } from "./http/routes.ts";
import { addinRouter, type AddinFiles } from "./http/addin-files.ts";
import { problemHandler } from "./http/problem.ts";
import type { Metrics } from "./metrics.ts";
import { openapiDocument } from "./openapi.ts";
import { registerEstimate } from "./routes/estimate.ts";
import { registerFactors } from "./routes/factors.ts";
import { healthRouter } from "./routes/health.ts";
import { registerInventory } from "./routes/inventory.ts";
import { registerKeys } from "./routes/keys.ts";
import { registerLedgerLayout } from "./routes/ledger-layout.ts";
import { registerLedgers } from "./routes/ledgers.ts";
import type { MappingModel } from "./mapping/tenant-memory.ts";
import { registerMap } from "./routes/map.ts";
import { registerReview } from "./routes/review.ts";
import { registerWhoami } from "./routes/whoami.ts";
import type { PrismaClient } from "./db/client.ts";
import type { ImportJobs } from "./jobs/import-jobs.ts";

export interface AppDependencies {
  prisma: PrismaClient;
  jobs: ImportJobs;
  authenticate: Authenticate;
  /** The revocations `authenticate` hears: keys revoked over the API are announced to them. */
  revocations?: KeyRevocations;
  metrics: Metrics;
  maxUploadBytes: number;
  /** The model for the mapping layer's llm stage, when one is configured, and its budget. */
  mapping?: MappingModel;
  /** The Excel add-in's files, served at /addin/. */
  addin: AddinFiles;
  /** Unexpected errors go here (the response says only "internal error"). */
  logError(error: unknown): void;
}

// A batch of 10,000 activities is about 2 MB of JSON.
const JSON_LIMIT = "20mb";

export function createApp(deps: AppDependencies): Express {
  const routes = new Routes();
  registerEstimate(routes);
  registerFactors(routes);
  registerLedgerLayout(routes);
  registerLedgers(routes, deps);
  registerInventory(routes, deps.prisma);
  registerReview(routes, deps.prisma);
  registerWhoami(routes, deps.prisma);
  registerKeys(routes, deps.prisma, deps.revocations);
  registerMap(routes, deps.prisma, deps.mapping ?? {});
  const document = openapiDocument(routes);

  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.use(deps.metrics.middleware);
  const readiness = {
    database: () => deps.prisma.$queryRaw`SELECT 1`,
    queue: () => deps.jobs.ping(),
  };
  app.use(healthRouter(readiness, deps.metrics));
  app.get("/v1/openapi.json", (_req, res) => {
    res.json(document);
  });
  app.use(addinRouter(deps.addin));
  app.use(routes.router(deps.authenticate, { jsonLimit: JSON_LIMIT }));
  app.use((req, _res, next) => {
    next(new AppError("not_found", `no route ${req.method} ${req.path}`));
  });
  app.use(problemHandler(deps.logError));
  return app;
}
