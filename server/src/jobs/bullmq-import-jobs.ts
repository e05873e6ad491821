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
 * A Redis client for BullMQ. Each queue and worker gets its own: a worker blocks its connection
 * waiting for jobs, and BullMQ needs maxRetriesPerRequest null for those blocking commands.
 */
export function redisConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null });
}

export class BullImportJobs implements ImportJobs {
  private readonly connection: Redis;
  private readonly queue: Queue;

  constructor(redisUrl: string, queueName = IMPORT_QUEUE) {
    this.connection = redisConnection(redisUrl);
    this.queue = new Queue(queueName, { connection: this.connection });
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
    await this.queue.close();
    this.connection.disconnect();
  }
}

export interface WorkerOptions {
  concurrency?: number;
  /** How often workers look for jobs whose worker died (their lock expired). */
  stalledIntervalMs?: number;
  /**
   * How long a job's lock lasts without renewal. Renewal needs the event loop, and reading a
   * large file holds it for seconds, so this is long; a dead worker's job waits this long.
   */
  lockDurationMs?: number;
  queueName?: string;
  onFailed?(ledgerId: string, error: Error, final: boolean): void;
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
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      lockDuration: options.lockDurationMs ?? 5 * 60_000,
    },
  );
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
