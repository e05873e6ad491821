/**
 * Ledger imports on BullMQ: the server enqueues, `offgridflow worker` processes. The job id is
 * the ledger id, so a ledger is never queued twice; a failed attempt is retried with backoff.
 */
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { JobCounts } from "../metrics.ts";
import { IMPORT_ATTEMPTS, type ImportJobs, type ImportProcessor } from "./import-jobs.ts";

export const IMPORT_QUEUE = "ledger-import";

/**
 * A Redis client for a BullMQ worker: it blocks its connection waiting for jobs, and BullMQ
 * needs maxRetriesPerRequest null for those blocking commands (they wait out an outage).
 */
export function redisConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null });
}

/**
 * The producer's client fails fast instead: with Redis down, a command is refused at once
 * rather than queued in memory, so an upload can answer 503 and /ready can say why.
 */
function producerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
}

/** How often the producer looks for stored ledgers whose job Redis does not have. */
const RECONCILE_EVERY_MS = 30_000;

export interface BullImportJobsOptions {
  queueName?: string;
  /**
   * Ledgers the database says are waiting for or in an import. Each is queued again if Redis
   * lost its job (Redis was down at upload, restarted without persistence, or was flushed);
   * the job id is the ledger id, so a ledger Redis still has is left as it is.
   */
  unfinished?: () => Promise<string[]>;
  onReconcileError?: (error: unknown) => void;
}

export class BullImportJobs implements ImportJobs {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    redisUrl: string,
    private readonly options: BullImportJobsOptions = {},
  ) {
    this.connection = producerConnection(redisUrl);
    this.queue = new Queue(options.queueName ?? IMPORT_QUEUE, { connection: this.connection });
    // Errors reach callers through the commands that fail; unhandled, this event would crash.
    this.queue.on("error", () => undefined);
    if (options.unfinished) {
      // Also when Redis comes back: what was stored meanwhile is queued without waiting.
      this.connection.on("ready", () => void this.reconcile());
      this.timer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
      this.timer.unref();
    }
  }

  async enqueue(ledgerId: string): Promise<void> {
    await this.queue.add(
      "import",
      { ledgerId },
      {
        jobId: ledgerId,
        attempts: IMPORT_ATTEMPTS,
        backoff: { type: "exponential", delay: 1000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 1000 },
      },
    );
  }

  /** Queues every unfinished ledger Redis has no job for; resolves with how many. */
  async reconcile(): Promise<number> {
    try {
      let queued = 0;
      for (const ledgerId of (await this.options.unfinished?.()) ?? []) {
        if (await this.queue.getJob(ledgerId)) continue;
        await this.enqueue(ledgerId);
        queued++;
      }
      return queued;
    } catch (error) {
      this.options.onReconcileError?.(error);
      return 0;
    }
  }

  async progress(ledgerId: string): Promise<number | undefined> {
    const job = await this.queue.getJob(ledgerId);
    return typeof job?.progress === "number" ? job.progress : undefined;
  }

  async counts(): Promise<JobCounts> {
    const counts = await this.queue.getJobCounts("waiting", "active", "completed", "failed");
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async ping(): Promise<void> {
    // A real round trip to Redis, not just a cached connection state.
    await this.queue.getJobCounts("waiting");
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.queue.close();
    this.connection.disconnect();
  }
}

export interface WorkerOptions {
  concurrency?: number;
  /** How often workers look for jobs whose worker died (their lock expired). */
  stalledIntervalMs?: number;
  /**
   * How long a job's lock lasts without renewal; a dead worker's job waits this long. Renewal
   * needs the event loop, which an import no longer holds for long (the file is read in a
   * worker thread, mapping pauses between slices), so it can be short.
   */
  lockDurationMs?: number;
  queueName?: string;
  onFailed?(ledgerId: string, error: Error, final: boolean): void;
  /** The worker's own errors (Redis lost, say); unheard, they would end the process. */
  onError?(error: Error): void;
}

export interface ImportWorker {
  close(): Promise<void>;
}

export function startImportWorker(
  redisUrl: string,
  processor: ImportProcessor,
  options: WorkerOptions = {},
): ImportWorker {
  const connection = redisConnection(redisUrl);
  const worker = new Worker(
    options.queueName ?? IMPORT_QUEUE,
    async (job) => {
      const { ledgerId } = job.data as { ledgerId: string };
      await processor(ledgerId, (percent) => job.updateProgress(percent));
    },
    {
      connection,
      concurrency: options.concurrency ?? 1,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      lockDuration: options.lockDurationMs ?? 15_000,
      // The import counts its own attempts in the database and gives up after IMPORT_ATTEMPTS,
      // with a reason; BullMQ's own stalled limit must not fail the job first, silently.
      maxStalledCount: IMPORT_ATTEMPTS,
    },
  );
  worker.on("error", (error) => options.onError?.(error));
  worker.on("failed", (job, error) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    options.onFailed?.((job.data as { ledgerId: string }).ledgerId, error, final);
  });
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
