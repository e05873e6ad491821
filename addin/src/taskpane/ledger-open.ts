/**
 * Making a ledger mapped earlier the current one again: chosen in the ledger picker, or
 * restored from memory when the pane starts. Mapping makes a fresh ledger current itself.
 */
import { ApiError } from "../shared/api-client.ts";
import type { Placement } from "./excel-writer.ts";
import type { LedgerMemory } from "./ledger-memory.ts";
import type { ResultsSink, Session } from "./session.ts";

/** Where an opened ledger's results are shown. */
export interface Destination {
  sink: ResultsSink;
  placement?: Placement;
  /**
   * Whether its rows are drawn now: the page's table is empty after a reload, but the sheet
   * still holds what was written (rewriting a whole ledger on start-up would be slow and might
   * land on data moved there since); decisions rewrite the rows they change.
   */
  draw: boolean;
}

/** Where a ledger's results go, given where the workbook says they were written (if it does). */
export type DestinationOf = (placement: Placement | undefined) => Destination;

/** Fetches the ledger and its rows and makes it current, if still wanted once they arrive. */
export async function openLedger(
  session: Session,
  ledgerId: string,
  destination: Destination,
  stillWanted: () => boolean = () => true,
): Promise<void> {
  const api = session.connected?.api;
  if (!api) return;
  const [ledger, rows] = await Promise.all([api.ledger(ledgerId), api.rows(ledgerId)]);
  if (!stillWanted()) return;
  const { sink, placement, draw } = destination;
  if (draw) await sink.write(rows, ledger.layout?.headerRow ?? 1, () => undefined);
  session.setLedger({ ledger, rows, sink, placement });
}

/**
 * After connecting: the remembered ledger (or all ledgers) of this tenant, unless the person
 * already has one. A ledger deleted since is forgotten quietly; other failures are left for
 * the tabs to show when they next ask the server.
 */
export async function restoreLedger(
  session: Session,
  memory: LedgerMemory,
  destinationOf: DestinationOf,
): Promise<void> {
  const tenantId = session.connected?.whoami.tenant.id;
  if (!tenantId || session.current || session.allLedgers) return;
  const remembered = memory.recall(tenantId);
  if (!remembered) return;
  if (remembered.choice === "all") {
    session.showAllLedgers();
    return;
  }
  try {
    // Mapping or choosing a ledger meanwhile (or another tenant's key) wins over the memory.
    const connected = session.connected;
    await openLedger(
      session,
      remembered.choice,
      destinationOf(remembered.placement),
      () => session.connected === connected && !session.current && !session.allLedgers,
    );
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) memory.forget(tenantId);
    else throw error;
  }
}
