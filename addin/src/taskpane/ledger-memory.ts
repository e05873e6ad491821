/**
 * Which ledger the pane was working on, kept beyond the pane's life: the session holds it in
 * memory only, and an accountant who maps today reviews tomorrow. In Excel the workbook keeps
 * it (with where its results were written), so it travels with the file; in the plain page the
 * browser keeps the last choice, per server and tenant.
 */
import type { SettingsStore } from "../shared/connection.ts";
import type { Placement } from "./excel-writer.ts";
import type { Session } from "./session.ts";

/** A ledger's id, or every ledger of the tenant. */
export type LedgerChoice = string | "all";

export interface Remembered {
  choice: LedgerChoice;
  /** Where the ledger's results are in the sheet (workbook memory only). */
  placement?: Placement;
}

export interface LedgerMemory {
  recall(tenantId: string): Remembered | undefined;
  remember(tenantId: string, remembered: Remembered): void;
  forget(tenantId: string): void;
}

const WORKBOOK_KEY = "offgridflow.ledger";

interface WorkbookEntry {
  tenant_id: string;
  ledger_id: string;
  placement: Placement;
}

function isPlacement(value: unknown): value is Placement {
  const p = value as Placement | null;
  return (
    typeof p?.sheet === "string" &&
    Number.isInteger(p.top) &&
    p.top >= 0 &&
    Number.isInteger(p.column) &&
    p.column >= 0
  );
}

/**
 * Office.context.document.settings: saved into the workbook by saveAsync. Only a ledger whose
 * results were written into the sheet is kept; another tenant's (a shared file, a different
 * key) is not restored.
 */
export function workbookMemory(settings: Office.Settings): LedgerMemory {
  // A failed save loses only the convenience of restoring: nothing to tell the person.
  const save = () => settings.saveAsync(() => undefined);
  return {
    recall(tenantId) {
      const entry = settings.get(WORKBOOK_KEY) as Partial<WorkbookEntry> | null;
      if (entry?.tenant_id !== tenantId || typeof entry.ledger_id !== "string") return undefined;
      if (!isPlacement(entry.placement)) return undefined;
      return { choice: entry.ledger_id, placement: entry.placement };
    },
    remember(tenantId, { choice, placement }) {
      if (choice === "all" || !placement) return;
      const entry: WorkbookEntry = { tenant_id: tenantId, ledger_id: choice, placement };
      settings.set(WORKBOOK_KEY, entry);
      save();
    },
    forget(tenantId) {
      if (this.recall(tenantId) === undefined) return;
      settings.remove(WORKBOOK_KEY);
      save();
    },
  };
}

/** localStorage, one entry per server and tenant: the same browser may know several. */
export function browserMemory(store: SettingsStore, serverUrl: string): LedgerMemory {
  const key = (tenantId: string) => `offgridflow.ledger:${serverUrl}:${tenantId}`;
  return {
    recall(tenantId) {
      const choice = store.getItem(key(tenantId));
      return choice ? { choice } : undefined;
    },
    remember(tenantId, { choice }) {
      store.setItem(key(tenantId), choice);
    },
    forget(tenantId) {
      store.removeItem(key(tenantId));
    },
  };
}

/**
 * Remembers each new choice (a mapped, picked or restored ledger, or all ledgers) as the
 * session makes it. The session changes on every refresh too: only a different choice is saved.
 */
export function rememberChoices(session: Session, memoryOf: () => LedgerMemory | undefined) {
  let last = "";
  session.onChange(() => {
    const tenantId = session.connected?.whoami.tenant.id;
    const memory = memoryOf();
    const current = session.current;
    const choice = session.allLedgers ? "all" : current?.ledger.id;
    if (!tenantId || !memory || !choice) return;
    const key = `${tenantId}:${choice}:${JSON.stringify(current?.placement ?? null)}`;
    if (key === last) return;
    last = key;
    memory.remember(tenantId, {
      choice,
      placement: session.allLedgers ? undefined : current?.placement,
    });
  });
}
