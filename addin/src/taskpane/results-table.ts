/**
 * The plain page's stand-in for the sheet: each row's own fields and the same seven result
 * columns Excel gets, with the same highlighting.
 */
import type { LedgerRow } from "./api-types.ts";
import { el } from "./dom.ts";
import { highlightOf, RESULT_HEADERS, resultCells } from "./result-columns.ts";
import type { ResultsSink } from "./session.ts";

/**
 * Rows drawn in the table. A browser stays responsive with a few thousand rows; beyond that
 * the sheet (or the XLSX export) is the place to read them all.
 */
const TABLE_ROWS = 5_000;

const FIELD_HEADERS = ["Row", "Date", "Vendor", "Description", "Amount"];

function cellText(value: unknown, column: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "number") return String(value);
  if (column === "kg CO2e") return value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  if (column === "Confidence") return value.toFixed(2);
  return String(value);
}

function tableRow(row: LedgerRow): HTMLTableRowElement {
  const fields = row.parsed ?? {};
  const amount =
    fields.amount === undefined ? "" : `${fields.amount.toLocaleString()} ${fields.currency ?? ""}`;
  const highlight = highlightOf(row.status);
  const tr = el(
    "tr",
    {
      className: highlight ? `highlight-${highlight}` : "",
      attrs: { "data-row-number": String(row.row_number), "data-status": row.status },
    },
    el("td", { className: "number" }, row.row_number),
    el("td", {}, fields.date ?? ""),
    el("td", {}, fields.vendor ?? ""),
    el(
      "td",
      { className: "text", attrs: { title: fields.description ?? "" } },
      fields.description ?? "",
    ),
    el("td", { className: "number" }, amount.trim()),
    ...resultCells(row).map((value, i) => {
      const column = RESULT_HEADERS[i] as string;
      return el(
        "td",
        { className: typeof value === "number" ? "number" : "" },
        cellText(value, column),
      );
    }),
  );
  if (row.mapping?.reason) tr.title = row.mapping.reason;
  return tr;
}

export class ResultsTable implements ResultsSink {
  private readonly byNumber = new Map<number, HTMLTableRowElement>();

  constructor(private readonly container: HTMLElement) {}

  async write(rows: LedgerRow[]): Promise<void> {
    this.byNumber.clear();
    const body = el("tbody");
    for (const row of rows.slice(0, TABLE_ROWS)) {
      const tr = tableRow(row);
      this.byNumber.set(row.row_number, tr);
      body.append(tr);
    }
    const table = el(
      "table",
      { className: "results", attrs: { id: "results-table" } },
      el(
        "caption",
        {},
        rows.length > TABLE_ROWS
          ? `Results: the first ${TABLE_ROWS.toLocaleString()} of ${rows.length.toLocaleString()} rows`
          : "Results",
      ),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ...[...FIELD_HEADERS, ...RESULT_HEADERS].map((h) =>
            el("th", { attrs: { scope: "col" } }, h),
          ),
        ),
      ),
      body,
    );
    this.container.replaceChildren(el("div", { className: "table-scroll" }, table));
  }

  async update(rows: LedgerRow[]): Promise<void> {
    for (const row of rows) {
      const old = this.byNumber.get(row.row_number);
      if (!old) continue;
      const tr = tableRow(row);
      old.replaceWith(tr);
      this.byNumber.set(row.row_number, tr);
    }
  }
}
