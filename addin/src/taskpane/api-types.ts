/**
 * The server's answers as the task pane reads them, in one place. Domain shapes come from their
 * owners (the engine's Result and inventory, the ledger reader's layout and fields) as type-only
 * imports: they vanish from the bundle, and a change there fails `npm run typecheck` here rather
 * than a field quietly going missing in the pane.
 */
import type { Result } from "../../../engine/src/contract.ts";
import type { InventoryGroup, Totals } from "../../../engine/src/inventory.ts";
import type {
  ColumnRole,
  FieldError,
  LedgerLayout,
  RoleMap,
  RowFields,
} from "../../../server/src/ledger/schema.ts";
import type { LedgerStatus, Role, RowStatus } from "../../../server/src/db/client.ts";
import type { Candidate } from "../../../server/src/mapping/candidate.ts";
import type { Proposal } from "../../../server/src/mapping/proposal.ts";
import type { ReviewDecision, ReviewOutcome } from "../../../server/src/mapping/review.ts";

export type { Candidate, ColumnRole, ReviewDecision, ReviewOutcome, Role, RoleMap, RowStatus };

/** One spreadsheet cell as the server takes it: dates as ISO text, empty cells as null. */
export type Cell = string | number | boolean | null;

/** GET /v1/whoami */
export interface Whoami {
  tenant: { id: string; name: string };
  role: Role;
  key: { id: string; name: string };
}

/**
 * Column roles as the pane names them. A Record over the server's roles, so a role added there
 * fails to compile here until it has a label.
 */
export const ROLE_LABELS: Record<ColumnRole, string> = {
  date: "Date",
  vendor: "Vendor",
  description: "Description",
  account_code: "Account code",
  account_name: "Account name",
  amount: "Amount",
  currency: "Currency",
  quantity: "Quantity",
  unit: "Unit",
};

export const COLUMN_ROLES = Object.keys(ROLE_LABELS) as ColumnRole[];

/** POST /v1/ledgers/layout */
export interface LayoutAnswer {
  layout: Pick<LedgerLayout, "headerRow" | "columns" | "roles" | "numberFormat" | "dateFormat">;
  preview: { row_number: number; fields: RowFields; errors: FieldError[] }[];
}

/** GET /v1/ledgers/:id */
export interface Ledger {
  id: string;
  filename: string;
  status: LedgerStatus;
  progress: number;
  rows: { total: number; parsed: number; failed: number };
  error: string | null;
  country: string | null;
  layout: LedgerLayout | null;
  created_at: string;
}

/** What the mapping layer (or a reviewer) decided for a row, and why; note: e.g. "spend-based". */
export type Mapping = Proposal & { note?: string };

/** GET /v1/ledgers/:id/rows: row_number is the 1-based row within the uploaded grid. */
export interface LedgerRow {
  row_number: number;
  id: string;
  pattern: string | null;
  status: RowStatus;
  raw: Record<string, string>;
  parsed: RowFields | null;
  errors: FieldError[] | null;
  mapping: Mapping | null;
  result: Result | null;
}

export interface RowsPage {
  rows: LedgerRow[];
  next_cursor: string | null;
}

export interface ReviewGroup {
  pattern: string;
  rows: number;
  row_ids: string[];
  example: { row_id: string; ledger_id: string; row_number: number; fields: RowFields };
  proposal: Mapping;
  candidates: Candidate[];
}

/** GET /v1/review */
export interface ReviewList {
  groups: ReviewGroup[];
  /** Over all groups, not only this page. */
  patterns: number;
  rows: number;
}

/** GET /v1/inventory */
export interface InventoryAnswer {
  totals: Totals;
  groups: InventoryGroup[];
  results: number;
  /** Rows waiting for review: not in the totals. */
  waiting_review: number;
}
