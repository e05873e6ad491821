/**
 * What the pane's tabs share: the connection and who it is, the ledger being worked on, its
 * rows, and where their results are shown. Tabs subscribe and redraw when it changes.
 */
import type { Ledger, LedgerRow, Role, Whoami } from "./api-types.ts";
import type { Placement } from "./excel-writer.ts";
import type { PaneApi } from "./pane-api.ts";
import { sameResult } from "./result-columns.ts";

/** Where a ledger's results appear: beside it in the sheet, or in the page's table. */
export interface ResultsSink {
  /** Every row of a freshly imported ledger; the header goes on the ledger's header row. */
  write(
    rows: LedgerRow[],
    headerRow: number,
    onProgress: (written: number, total: number) => void,
  ): Promise<void>;
  /** Rows whose result changed since they were written. */
  update(rows: LedgerRow[]): Promise<void>;
}

/** The server's rules (routes/ledgers.ts, mapping/review.ts), so the pane explains them up front. */
export const canUpload = (role: Role) => role === "admin" || role === "editor";
export const canDecide = (role: Role) => role !== "viewer";
export const teachesRules = (role: Role) => role === "admin" || role === "reviewer";

export interface Connected {
  api: PaneApi;
  whoami: Whoami;
}

export interface CurrentLedger {
  ledger: Ledger;
  rows: LedgerRow[];
  sink: ResultsSink;
  /** Where its results are in the sheet (Excel), so a reopened workbook can find them again. */
  placement?: Placement;
}

export class Session {
  connected: Connected | undefined;
  current: CurrentLedger | undefined;
  /** Review and Summary over every ledger of the tenant rather than the current one. */
  allLedgers = false;
  private readonly listeners = new Set<() => void>();

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  connect(connected: Connected): void {
    // Another tenant cannot see this ledger: forget it rather than show 404s.
    if (this.connected?.whoami.tenant.id !== connected.whoami.tenant.id) {
      this.current = undefined;
      this.allLedgers = false;
    }
    this.connected = connected;
    this.changed();
  }

  setLedger(current: CurrentLedger): void {
    this.current = current;
    this.allLedgers = false;
    this.changed();
  }

  /** The current ledger stays (its results stay shown and follow decisions). */
  showAllLedgers(): void {
    this.allLedgers = true;
    this.changed();
  }

  /**
   * Fetches the ledger's rows again after a decision and shows the rows whose result changed
   * (a decision on a pattern can change hundreds of rows, and only those are rewritten).
   */
  async refreshRows(): Promise<void> {
    const { connected, current } = this;
    if (!connected || !current) return;
    const fresh = await connected.api.rows(current.ledger.id);
    const before = new Map(current.rows.map((row) => [row.id, row]));
    const changed = fresh.filter((row) => {
      const old = before.get(row.id);
      return !old || !sameResult(old, row);
    });
    await current.sink.update(changed);
    // The ledger may have been replaced while the rows were fetched.
    if (this.current === current) {
      current.rows = fresh;
      this.changed();
    }
  }
}

/** Row counts by what a person does next. */
export function rowCounts(rows: LedgerRow[]): {
  estimated: number;
  review: number;
  errors: number;
} {
  let estimated = 0;
  let review = 0;
  let errors = 0;
  for (const row of rows) {
    if (row.status === "estimated") estimated += 1;
    else if (row.status === "needs_review") review += 1;
    else if (row.status === "error") errors += 1;
  }
  return { estimated, review, errors };
}
