/**
 * Summary: the ledger's inventory from the server (decided rows only), as a scope chart and a
 * table by category, with how many rows still wait for review and are left out.
 */
import type { InventoryAnswer } from "./api-types.ts";
import { categoryName, categoryOrder } from "./category-names.ts";
import { byId, el, showMessage } from "./dom.ts";
import { errorText } from "./error-text.ts";
import { kgText, tonnesText } from "./format.ts";
import { ledgerPicker } from "./ledger-picker.ts";
import type { Session } from "./session.ts";
import { drawScopeChart } from "./summary-chart.ts";

/** A figure in tonnes, the exact kilograms on hover. */
function tonnesCell(kg: number): HTMLTableCellElement {
  return el("td", { className: "number", attrs: { title: kgText(kg) } }, tonnesText(kg));
}

function categoryTable(inventory: InventoryAnswer): HTMLElement {
  const groups = [...inventory.groups].sort(
    (a, b) =>
      Number(a.key.scope) - Number(b.key.scope) ||
      categoryOrder(String(a.key.category)) - categoryOrder(String(b.key.category)),
  );
  const { totals } = inventory;
  return el(
    "div",
    { className: "table-scroll" },
    el(
      "table",
      { className: "summary", attrs: { id: "summary-table-data" } },
      el("caption", {}, "By category, t CO2e"),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ...["Scope", "Category", "Location", "Market", "Rows"].map((h) =>
            el("th", { attrs: { scope: "col" } }, h),
          ),
        ),
      ),
      el(
        "tbody",
        {},
        ...groups.map((group) =>
          el(
            "tr",
            {},
            el("td", {}, String(group.key.scope)),
            el("th", { attrs: { scope: "row" } }, categoryName(String(group.key.category))),
            tonnesCell(group.location_kg),
            tonnesCell(group.market_kg),
            el("td", { className: "number" }, group.results),
          ),
        ),
      ),
      el(
        "tfoot",
        {},
        el(
          "tr",
          {},
          el("td", {}),
          el("th", { attrs: { scope: "row" } }, "Total"),
          tonnesCell(totals.total_location_kg),
          tonnesCell(totals.total_market_kg),
          el("td", { className: "number" }, inventory.results),
        ),
      ),
    ),
  );
}

export function summaryView(
  session: Session,
  /** Makes a ledger (or all ledgers) the session's choice: see ledgerPicker. */
  choose: (choice: string) => Promise<void>,
): { show(): Promise<void> } {
  const message = byId("summary-message");
  const picker = ledgerPicker(
    session,
    byId<HTMLSelectElement>("summary-ledger"),
    async (choice) => {
      try {
        await choose(choice);
        await load();
      } catch (error) {
        showMessage(message, errorText(error), "error");
      }
    },
  );
  const canvas = byId<HTMLCanvasElement>("summary-chart");
  const chartBox = byId("summary-chart-box");
  const waiting = byId("summary-waiting");
  const tableBox = byId("summary-table");

  async function load() {
    const { connected, current, allLedgers } = session;
    chartBox.hidden = true;
    waiting.textContent = "";
    tableBox.replaceChildren();
    if (!connected || (!current && !allLedgers)) {
      showMessage(
        message,
        connected
          ? "Map a ledger first (Map tab), or choose one above."
          : "Connect first (Connect tab).",
      );
      return;
    }
    const ledger = allLedgers ? undefined : current?.ledger;
    const inventory = await connected.api.inventory(ledger?.id);
    showMessage(
      message,
      `${ledger?.filename ?? "All ledgers"}: ${tonnesText(inventory.totals.total_location_kg)} CO2e location-based, ${tonnesText(inventory.totals.total_market_kg)} market-based.`,
    );
    chartBox.hidden = false;
    drawScopeChart(canvas, inventory.totals);
    const count = inventory.waiting_review;
    waiting.textContent =
      count === 0
        ? "Every mapped row is decided."
        : `${count} ${count === 1 ? "row waits" : "rows wait"} for review, not in these totals.`;
    waiting.className = count === 0 ? "note" : "note note-review";
    tableBox.replaceChildren(categoryTable(inventory));
  }

  return {
    async show() {
      try {
        await Promise.all([picker.refresh(), load()]);
      } catch (error) {
        showMessage(message, errorText(error), "error");
      }
    },
  };
}
