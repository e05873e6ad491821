import type { Router } from "express";
import express from "express";
import type { Metrics } from "../metrics.ts";
import { withinTime } from "../within-time.ts";

export interface Readiness {
  /** Resolves when the database answers. */
  database(): Promise<unknown>;
  /** Resolves when the job queue answers. */
  queue(): Promise<unknown>;
}

/** A dependency that does not answer within this is reported down: a probe must not hang. */
export const READY_TIMEOUT_MS = 800;

/** /health (the process is up), /ready (its database and queue answer), /metrics. */
/** A failed check in one line: Prisma's messages run over many, with source excerpts. */
function conciseReason(reason: unknown): string {
  const code = (reason as { code?: unknown })?.code;
  const message = reason instanceof Error ? reason.message : String(reason);
  const line = message.trim().split("\n").pop()?.trim() || "unavailable";
  return typeof code === "string" ? `${code}: ${line}` : line;
}

export function healthRouter(readiness: Readiness, metrics: Metrics): Router {
  const router = express.Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/ready", async (_req, res) => {
    const checks = await Promise.allSettled([
      withinTime(readiness.database(), READY_TIMEOUT_MS, "the database"),
      withinTime(readiness.queue(), READY_TIMEOUT_MS, "the job queue"),
    ]);
    const [database, queue] = checks.map((check) =>
      check.status === "fulfilled" ? "ok" : conciseReason(check.reason),
    );
    const ready = checks.every((check) => check.status === "fulfilled");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", database, queue });
  });
  router.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
