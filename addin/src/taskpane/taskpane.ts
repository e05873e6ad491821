/**
 * The task pane: Connect, Map, Review and Summary tabs over one session. In Excel it maps the
 * selection and writes results beside it; opened as a plain web page (Office.onReady reports no
 * host) it maps pasted text or a file and shows the results in a table.
 */
import { browserStores } from "../shared/connection.ts";
import { connectView } from "./connect-view.ts";
import { byId } from "./dom.ts";
import { sheetSink } from "./excel-sink.ts";
import {
  browserMemory,
  rememberChoices,
  workbookMemory,
  type LedgerMemory,
} from "./ledger-memory.ts";
import { openLedger, restoreLedger, type DestinationOf } from "./ledger-open.ts";
import { ALL_LEDGERS } from "./ledger-picker.ts";
import { mapView } from "./map-view.ts";
import { ResultsTable } from "./results-table.ts";
import { reviewView } from "./review-view.ts";
import { Session, type ResultsSink } from "./session.ts";
import { summaryView } from "./summary-view.ts";

/** A ledger opened in Excel whose results the workbook has no place for: they are not shown. */
const NOWHERE: ResultsSink = { write: async () => undefined, update: async () => undefined };

const TAB_NAMES = ["connect", "map", "review", "summary"] as const;
type TabName = (typeof TAB_NAMES)[number];

/** A WAI-ARIA tab list: arrow keys move between tabs, only the selected one is in tab order. */
function tabs(onShow: Partial<Record<TabName, () => void>>): (name: TabName) => void {
  const buttons = TAB_NAMES.map((name) => byId<HTMLButtonElement>(`tab-${name}`));
  const select = (name: TabName, focus = false) => {
    TAB_NAMES.forEach((other, i) => {
      const button = buttons[i] as HTMLButtonElement;
      const selected = other === name;
      button.setAttribute("aria-selected", String(selected));
      button.tabIndex = selected ? 0 : -1;
      byId(`panel-${other}`).hidden = !selected;
      if (selected && focus) button.focus();
    });
    onShow[name]?.();
  };
  buttons.forEach((button, i) => {
    button.addEventListener("click", () => select(TAB_NAMES[i] as TabName));
    button.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      select(TAB_NAMES[(i + step + TAB_NAMES.length) % TAB_NAMES.length] as TabName, true);
    });
  });
  return select;
}

function start(host: Office.HostType | null) {
  const inExcel = host !== null && host === Office.HostType.Excel;
  // Which world the pane believes it is in, for styling and for anyone inspecting the page.
  document.documentElement.dataset.officeHost = host === null ? "none" : String(host);
  const session = new Session();
  const table = new ResultsTable(byId("results-table"));
  // Excel: the workbook remembers its ledger. The page: the browser, per server and tenant.
  const settings = inExcel ? Office.context?.document?.settings : undefined;
  const memoryOf = (): LedgerMemory | undefined => {
    if (settings) return workbookMemory(settings);
    const url = session.connected?.api.client.connection.url;
    return !inExcel && url ? browserMemory(localStorage, url) : undefined;
  };
  const destinationOf: DestinationOf = (placement) => {
    if (!inExcel) return { sink: table, draw: true };
    return placement
      ? { sink: sheetSink(placement), placement, draw: false }
      : { sink: NOWHERE, draw: false };
  };
  const choose = async (choice: string) => {
    if (choice === ALL_LEDGERS) return session.showAllLedgers();
    // The workbook knows where this ledger's results are if they were written into it.
    const tenantId = session.connected?.whoami.tenant.id ?? "";
    const remembered = inExcel ? memoryOf()?.recall(tenantId) : undefined;
    const placement = remembered?.choice === choice ? remembered.placement : undefined;
    await openLedger(session, choice, destinationOf(placement));
  };
  rememberChoices(session, memoryOf);
  mapView(session, inExcel, table);
  const review = reviewView(session, choose);
  const summary = summaryView(session, choose);
  const select = tabs({ review: () => void review.show(), summary: () => void summary.show() });
  select("connect");
  connectView(session, browserStores(), () => {
    select("map");
    const memory = memoryOf();
    // A failure other than a deleted ledger shows on the tabs when they next ask the server.
    if (memory) void restoreLedger(session, memory, destinationOf).catch(() => undefined);
  });
}

// office.js missing (blocked, or opened from disk) leaves a plain page that still works.
if (typeof Office === "undefined") start(null);
else void Office.onReady((info) => start(info.host));
