import type { Router } from "express";
import express from "express";
import type { Metrics } from "../metrics.ts";

export interface Readiness {
  /** Resolves when the database answers. */
  database(): Promise<unknown>;
  /** Resolves when the job queue answers. */
  queue(): Promise<unknown>;
}

/** /health (the process is up), /ready (its database and queue answer), /metrics. */
export function healthRouter(readiness: Readiness, metrics: Metrics): Router {
  const router = express.Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/ready", async (_req, res) => {
    const checks = await Promise.allSettled([readiness.database(), readiness.queue()]);
    const [database, queue] = checks.map((check) =>
      check.status === "fulfilled" ? "ok" : String(check.reason),
    );
    const ready = checks.every((check) => check.status === "fulfilled");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", database, queue });
  });
  router.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
