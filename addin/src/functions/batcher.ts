/**
 * Coalesces single-row calls into few requests. Excel calls a custom function once per cell, so
 * a sheet of 10,000 formulas would otherwise be 10,000 requests; rows that arrive within a short
 * window, or until a chunk is full, travel together in one batch request instead.
 */

export interface BatcherOptions<Row, Outcome> {
  /** Sends rows in one request; resolves to one outcome per row, in the same order. */
  send: (rows: Row[]) => Promise<Outcome[]>;
  /** Rows per request; a full chunk leaves at once instead of waiting for the window. */
  maxRows: number;
  /** How long the first row of a chunk waits for others (ms). */
  windowMs: number;
}

interface Waiting<Row, Outcome> {
  row: Row;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
}

export class Batcher<Row, Outcome> {
  private waiting: Waiting<Row, Outcome>[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: BatcherOptions<Row, Outcome>) {}

  add(row: Row): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (this.waiting.length >= this.options.maxRows) this.flush();
      // The window runs from the first row, not the last: a steady trickle still leaves on time.
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const chunk = this.waiting;
    this.waiting = [];
    this.options.send(chunk.map((waiting) => waiting.row)).then(
      (outcomes) => {
        if (outcomes.length !== chunk.length) {
          const error = new Error(`expected ${chunk.length} answers, got ${outcomes.length}`);
          for (const waiting of chunk) waiting.reject(error);
          return;
        }
        chunk.forEach((waiting, index) => waiting.resolve(outcomes[index] as Outcome));
      },
      (error: unknown) => {
        for (const waiting of chunk) waiting.reject(error);
      },
    );
  }
}
