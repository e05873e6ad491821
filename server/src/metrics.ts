/**
 * Prometheus metrics: request latency, ledger import throughput, and job counts read from the
 * queue when scraped.
 */
import type { RequestHandler } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface JobCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly latency = new Histogram({
    name: "ogf_http_request_duration_seconds",
    help: "HTTP request latency by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    // From sub-millisecond estimates to multi-second uploads.
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  /** Every 5xx answered: each is a defect to find, so it is counted on its own. */
  readonly serverErrors = new Counter({
    name: "ogf_http_server_errors_total",
    help: "HTTP responses with a 5xx status, by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });
  readonly importedRows = new Counter({
    name: "ogf_import_rows_total",
    help: "Ledger rows stored by imports",
    registers: [this.registry],
  });
  readonly importRate = new Gauge({
    name: "ogf_import_rows_per_second",
    help: "Rows per second of the last finished import",
    registers: [this.registry],
  });

  constructor(jobCounts: () => Promise<JobCounts>) {
    collectDefaultMetrics({ register: this.registry, prefix: "ogf_" });
    new Gauge({
      name: "ogf_jobs",
      help: "Ledger import jobs by state",
      labelNames: ["state"] as const,
      registers: [this.registry],
      async collect() {
        const counts = await jobCounts();
        for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
      },
    });
  }

  /** Times every request; the route label is the route pattern, never the raw path. */
  readonly middleware: RequestHandler = (req, res, next) => {
    const end = this.latency.startTimer();
    res.on("finish", () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : "unmatched";
      const labels = { method: req.method, route, status: String(res.statusCode) };
      end(labels);
      if (res.statusCode >= 500) this.serverErrors.inc(labels);
    });
    next();
  };

  recordImport(rows: number, seconds: number): void {
    this.importedRows.inc(rows);
    if (seconds > 0) this.importRate.set(rows / seconds);
  }
}
