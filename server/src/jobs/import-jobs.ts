/**
 * Ledger imports run as jobs: on BullMQ when Redis is configured (a separate worker process
 * takes them), otherwise in the server process. Both run the same processor, keyed by ledger
 * id, so enqueuing a ledger twice runs it once.
 */
import type { JobCounts } from "../metrics.ts";

/** Imports one ledger; reports progress 0-100. Must be safe to run again for the same ledger. */
export type ImportProcessor = (
  ledgerId: string,
  progress: (percent: number) => Promise<void>,
) => Promise<void>;

export interface ImportJobs {
  enqueue(ledgerId: string): Promise<void>;
  /** Live progress of a queued or running import, when the queue knows it. */
  progress(ledgerId: string): Promise<number | undefined>;
  counts(): Promise<JobCounts>;
  /** Resolves when the queue answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Attempts per import before it is failed for good (a retry resumes safely). */
export const IMPORT_ATTEMPTS = 3;

/** Runs imports one at a time in this process, retrying failures like the BullMQ worker. */
export class InProcessImportJobs implements ImportJobs {
  private readonly pending = new Map<string, number>();
  private tail: Promise<void> = Promise.resolve();
  private completed = 0;
  private failed = 0;
  private active = 0;

  constructor(
    private readonly processor: ImportProcessor,
    private readonly onError: (ledgerId: string, error: unknown) => void,
  ) {}

  async enqueue(ledgerId: string): Promise<void> {
    if (this.pending.has(ledgerId)) return;
    this.pending.set(ledgerId, 0);
    this.tail = this.tail.then(() => this.run(ledgerId));
  }

  /** Resolves when every import enqueued so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }

  private async run(ledgerId: string): Promise<void> {
    this.active++;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.processor(ledgerId, async (percent) => {
            this.pending.set(ledgerId, percent);
          });
          this.completed++;
          return;
        } catch (error) {
          if (attempt >= IMPORT_ATTEMPTS) {
            this.failed++;
            this.onError(ledgerId, error);
            return;
          }
        }
      }
    } finally {
      this.active--;
      this.pending.delete(ledgerId);
    }
  }

  async progress(ledgerId: string): Promise<number | undefined> {
    return this.pending.get(ledgerId);
  }

  async counts(): Promise<JobCounts> {
    return {
      waiting: this.pending.size - this.active,
      active: this.active,
      completed: this.completed,
      failed: this.failed,
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    await this.tail;
  }
}
