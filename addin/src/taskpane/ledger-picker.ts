/**
 * "Ledger: [select]" above Review and Summary: the tenant's ledgers, newest first, and "All
 * ledgers". Without it a reopened pane, or a ledger mapped elsewhere, could not be reviewed.
 */
import type { Ledger } from "./api-types.ts";
import type { Session } from "./session.ts";
import { el } from "./dom.ts";

export const ALL_LEDGERS = "all";

function ledgerLabel(ledger: Ledger): string {
  const date = new Date(ledger.created_at).toLocaleDateString();
  return `${ledger.filename} · ${date}`;
}

export interface LedgerPicker {
  /** Lists the ledgers again and shows the session's choice. */
  refresh(): Promise<void>;
}

export function ledgerPicker(
  session: Session,
  select: HTMLSelectElement,
  /** A ledger id, or ALL_LEDGERS; resolves once the session holds the choice. */
  choose: (choice: string) => Promise<void>,
): LedgerPicker {
  async function refresh() {
    const api = session.connected?.api;
    select.disabled = !api;
    if (!api) {
      select.replaceChildren();
      return;
    }
    // Only imported ledgers have rows to review; the current one is listed whatever it is.
    const current = session.current?.ledger;
    const ledgers = (await api.ledgers()).filter(
      (ledger) => ledger.status === "done" || ledger.id === current?.id,
    );
    const chosen = session.allLedgers ? ALL_LEDGERS : (current?.id ?? "");
    select.replaceChildren(
      ...(chosen === "" ? [el("option", { attrs: { value: "" } }, "Choose a ledger…")] : []),
      el("option", { attrs: { value: ALL_LEDGERS } }, "All ledgers"),
      ...ledgers.map((ledger) =>
        el("option", { attrs: { value: ledger.id, title: ledger.id } }, ledgerLabel(ledger)),
      ),
    );
    select.value = chosen;
  }

  select.addEventListener("change", () => {
    if (select.value === "") return;
    select.disabled = true;
    void choose(select.value).finally(() => (select.disabled = false));
  });

  return { refresh };
}
