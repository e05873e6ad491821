/** The server calls the task pane makes, typed. */
import type { ApiClient } from "../shared/api-client.ts";
import type {
  Cell,
  InventoryAnswer,
  LayoutAnswer,
  Ledger,
  LedgerRow,
  ReviewDecision,
  ReviewList,
  ReviewOutcome,
  RoleMap,
  RowsPage,
  Whoami,
} from "./api-types.ts";

/** Rows the layout detection sees: enough for the header and the content of every column. */
const LAYOUT_SAMPLE_ROWS = 200;
/** The server's largest page of rows. */
const ROWS_PAGE = 1000;
/** An upload of a large range takes longer than an ordinary request. */
const UPLOAD_TIMEOUT_MS = 300_000;
/** Pause between status checks while a ledger imports. */
const POLL_MS = 500;

export interface UploadOptions {
  roles?: RoleMap;
  country?: string;
  /** The name a grid is stored under (a file keeps its own): the pane shows it later. */
  name?: string;
}

export class PaneApi {
  constructor(readonly client: ApiClient) {}

  whoami(): Promise<Whoami> {
    return this.client.request("/v1/whoami");
  }

  layout(grid: Cell[][]): Promise<LayoutAnswer> {
    return this.client.request("/v1/ledgers/layout", {
      body: { rows: grid.slice(0, LAYOUT_SAMPLE_ROWS) },
    });
  }

  /** A range from the sheet (or pasted) goes up as a JSON grid; a chosen file as it is. */
  upload(source: Cell[][] | File, options: UploadOptions): Promise<Ledger> {
    const form = new FormData();
    if (source instanceof File) form.append("file", source, source.name);
    else {
      const json = new Blob([JSON.stringify({ rows: source })], { type: "application/json" });
      form.append("file", json, options.name ?? "selection.json");
    }
    if (options.roles) form.append("roles", JSON.stringify(options.roles));
    if (options.country) form.append("country", options.country);
    return this.client.request("/v1/ledgers", { body: form, timeoutMs: UPLOAD_TIMEOUT_MS });
  }

  ledger(id: string): Promise<Ledger> {
    return this.client.request(`/v1/ledgers/${encodeURIComponent(id)}`);
  }

  /** Polls until the import is done or failed, reporting progress on the way. */
  async imported(id: string, onProgress: (ledger: Ledger) => void): Promise<Ledger> {
    for (;;) {
      const ledger = await this.ledger(id);
      onProgress(ledger);
      if (ledger.status === "done" || ledger.status === "failed") return ledger;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Every row of a ledger in row order, a page at a time. */
  async rows(id: string, onPage?: (loaded: number) => void): Promise<LedgerRow[]> {
    const rows: LedgerRow[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: String(ROWS_PAGE) });
      if (cursor !== null) query.set("cursor", cursor);
      const page: RowsPage = await this.client.request(
        `/v1/ledgers/${encodeURIComponent(id)}/rows?${query}`,
      );
      rows.push(...page.rows);
      onPage?.(rows.length);
      cursor = page.next_cursor;
    } while (cursor !== null);
    return rows;
  }

  /** Every ledger of the tenant, newest first (the server's largest page). */
  async ledgers(): Promise<Ledger[]> {
    const answer: { ledgers: Ledger[] } = await this.client.request("/v1/ledgers?limit=200");
    return answer.ledgers;
  }

  /** Without a ledger: what waits across the tenant's ledgers. */
  review(ledgerId: string | undefined, offset = 0): Promise<ReviewList> {
    const query = new URLSearchParams({ offset: String(offset) });
    if (ledgerId) query.set("ledger_id", ledgerId);
    return this.client.request(`/v1/review?${query}`);
  }

  decide(rowId: string, decision: ReviewDecision): Promise<ReviewOutcome> {
    return this.client.request(`/v1/review/${encodeURIComponent(rowId)}`, { body: decision });
  }

  /** Without a ledger: the tenant's whole inventory. */
  inventory(ledgerId: string | undefined): Promise<InventoryAnswer> {
    const query = new URLSearchParams({ groupBy: "scope,category" });
    if (ledgerId) query.set("ledger_id", ledgerId);
    return this.client.request(`/v1/inventory?${query}`);
  }
}
