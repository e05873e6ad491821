/**
 * The task pane's sheet logic under office-addin-mock: results written beside the ledger (by
 * row number, with a header, highlighted, in chunks), and the selection read as the server
 * takes it. Assertions are on what the mocked sheet holds afterwards.
 */
import { describe, expect, test } from "vitest";
import type { LedgerRow, RowStatus } from "../src/taskpane/api-types.ts";
import { readSelection } from "../src/taskpane/excel-selection.ts";
import {
  CHUNK_ROWS,
  resultColumnsFree,
  writeResults,
  type Placement,
} from "../src/taskpane/excel-writer.ts";
import { HIGHLIGHT_FILL, RESULT_HEADERS } from "../src/taskpane/result-columns.ts";
import { MockSheet } from "./support/excel-mock.ts";

/** A row as GET /v1/ledgers/:id/rows gives it, with only what the columns show. */
function ledgerRow(
  rowNumber: number,
  status: RowStatus = "estimated",
  kg = 10 * rowNumber,
): LedgerRow {
  const decided = status === "estimated";
  return {
    row_number: rowNumber,
    id: `row-${rowNumber}`,
    pattern: `pattern ${rowNumber}`,
    status,
    raw: {},
    parsed: { description: `line ${rowNumber}` },
    errors: status === "error" ? [{ field: "amount", message: "not a number" }] : null,
    mapping:
      status === "error"
        ? null
        : {
            category: "3.1",
            activity: "spend.cloud_services",
            naics: "518210",
            confidence: decided ? 0.95 : 0.52,
            method: decided ? "rule" : "review",
            reason: "cloud hosting",
          },
    result: decided
      ? ({
          co2e_kg: kg,
          scope: 3,
          category: "3.1",
          factor: { id: "useeio-1.3:spend.naics.518210" },
        } as any)
      : null,
  };
}

/** The ledger at B3:P…: grid row 1 is sheet row 3, results start in column Q. */
const placement: Placement = { sheet: "Ledger", top: 2, column: 16 };
const sheetRow = (rowNumber: number) => placement.top + rowNumber - 1;
const resultsOf = (sheet: MockSheet, rowNumber: number) =>
  sheet.values(sheetRow(rowNumber), placement.column, 1, RESULT_HEADERS.length)[0];
const fillOf = (sheet: MockSheet, rowNumber: number) =>
  sheet.cell(sheetRow(rowNumber), placement.column).fill;

describe("writing results beside the ledger", () => {
  test("seven columns right of the selection: a header on the header row, each result on its row", async () => {
    const sheet = new MockSheet();
    sheet.set(sheetRow(2), placement.column - 1, { value: "ledger's last column" });
    // Row 4 is a totals row the import skipped: it has no result and stays untouched.
    const rows = [ledgerRow(2), ledgerRow(3), ledgerRow(5, "needs_review"), ledgerRow(6, "error")];
    await writeResults(sheet.run, placement, rows, { headerRow: 1 });

    expect(resultsOf(sheet, 1)).toEqual([
      "Scope",
      "Category",
      "Activity",
      "Factor id",
      "kg CO2e",
      "Confidence",
      "Status",
    ]);
    expect(sheet.cell(sheetRow(1), placement.column).bold).toBe(true);
    expect(resultsOf(sheet, 2)).toEqual([
      3,
      "3.1",
      "spend.cloud_services",
      "useeio-1.3:spend.naics.518210",
      20,
      0.95,
      "estimated",
    ]);
    expect(resultsOf(sheet, 3)?.[4]).toBe(30);
    expect(resultsOf(sheet, 4)).toEqual(["", "", "", "", "", "", ""]);
    // Waiting for review: the proposal's scope and category, no factor or figure yet.
    expect(resultsOf(sheet, 5)).toEqual([
      3,
      "3.1",
      "spend.cloud_services",
      "",
      "",
      0.52,
      "needs review",
    ]);
    expect(resultsOf(sheet, 6)?.[6]).toBe("error: amount: not a number");
    // Nothing left of the result columns changed; nothing right of them was written.
    expect(sheet.cell(sheetRow(2), placement.column - 1).value).toBe("ledger's last column");
    expect(sheet.cell(sheetRow(2), placement.column + RESULT_HEADERS.length).value).toBe("");
    // Category is text: "3.10" must not turn into the number 3.1.
    expect(sheet.cell(sheetRow(2), placement.column + 1).numberFormat).toBe("@");
    expect(sheet.cell(sheetRow(2), placement.column + 4).numberFormat).toBe("#,##0.00");
  });

  test("rows waiting for review are amber, unreadable rows red, decided rows unfilled", async () => {
    const sheet = new MockSheet();
    const statuses: RowStatus[] = [
      "estimated",
      "needs_review",
      "needs_review",
      "error",
      "estimated",
    ];
    await writeResults(
      sheet.run,
      placement,
      statuses.map((status, i) => ledgerRow(i + 2, status)),
      { headerRow: 1 },
    );
    expect([2, 3, 4, 5, 6].map((n) => fillOf(sheet, n))).toEqual([
      null,
      HIGHLIGHT_FILL.review,
      HIGHLIGHT_FILL.review,
      HIGHLIGHT_FILL.error,
      null,
    ]);
    // The whole row of results is filled, not only its first cell.
    const lastColumn = placement.column + RESULT_HEADERS.length - 1;
    expect(sheet.cell(sheetRow(3), lastColumn).fill).toBe(HIGHLIGHT_FILL.review);
    expect(sheet.cell(sheetRow(1), placement.column).fill).toBeNull();
  });

  test("a large range goes in chunks of 2,000 rows, one Excel.run each, with progress", async () => {
    const sheet = new MockSheet();
    const rows = Array.from({ length: 4_500 }, (_, i) => ledgerRow(i + 2));
    const progress: number[] = [];
    await writeResults(sheet.run, placement, rows, {
      headerRow: 1,
      onProgress: (written, total) => {
        expect(total).toBe(4_500);
        progress.push(written);
      },
    });
    expect(CHUNK_ROWS).toBe(2_000);
    expect(sheet.runs).toBe(3);
    expect(sheet.syncs).toBe(3);
    expect(progress).toEqual([2_000, 4_000, 4_500]);
    expect(sheet.autofits).toBe(1);
    for (const rowNumber of [2, 2_001, 2_002, 4_001, 4_002, 4_501]) {
      expect(resultsOf(sheet, rowNumber)?.[4]).toBe(10 * rowNumber);
    }
    expect(resultsOf(sheet, 4_502)?.[4]).toBe("");
  });

  test("an update rewrites only the changed rows and takes the amber off a decided row", async () => {
    const sheet = new MockSheet();
    await writeResults(
      sheet.run,
      placement,
      [ledgerRow(2), ledgerRow(3, "needs_review"), ledgerRow(4, "needs_review")],
      { headerRow: 1 },
    );
    sheet.runs = 0;
    await writeResults(sheet.run, placement, [ledgerRow(3, "estimated", 77)]);
    expect(sheet.runs).toBe(1);
    expect(resultsOf(sheet, 3)).toEqual([
      3,
      "3.1",
      "spend.cloud_services",
      "useeio-1.3:spend.naics.518210",
      77,
      0.95,
      "estimated",
    ]);
    expect(fillOf(sheet, 3)).toBeNull();
    expect(fillOf(sheet, 4)).toBe(HIGHLIGHT_FILL.review);
    expect(resultsOf(sheet, 1)?.[0]).toBe("Scope");
    expect(resultsOf(sheet, 2)?.[4]).toBe(20);
  });

  test("the columns are free when empty or holding earlier results, not when holding other data", async () => {
    const sheet = new MockSheet();
    const free = () => sheet.run((context) => resultColumnsFree(context, placement, 1, 10));
    expect(await free()).toBe(true);

    await writeResults(sheet.run, placement, [ledgerRow(2)], { headerRow: 1 });
    expect(await free()).toBe(true);

    const other = new MockSheet();
    other.set(sheetRow(7), placement.column + 3, { value: "a note of someone's" });
    expect(await other.run((context) => resultColumnsFree(context, placement, 1, 10))).toBe(false);
  });
});

describe("reading the selection", () => {
  /** A small ledger at A1:D3 with a date, an amount and a zero-padded account code. */
  function ledgerSheet(): MockSheet {
    const sheet = new MockSheet("Bookings");
    ["date", "vendor", "account", "amount"].forEach((header, column) =>
      sheet.set(0, column, { value: header }),
    );
    const rows: [number, string, number, number][] = [
      [45292, "PG&E", 6120, 1904.33],
      [45323.5, "Shell", 610, 88],
    ];
    rows.forEach(([date, vendor, account, amount], i) => {
      sheet.set(i + 1, 0, { value: date, numberFormat: "m/d/yyyy" });
      sheet.set(i + 1, 1, { value: vendor });
      sheet.set(i + 1, 2, {
        value: account,
        numberFormat: "00000",
        text: String(account).padStart(5, "0"),
      });
      sheet.set(i + 1, 3, { value: amount, numberFormat: "#,##0.00" });
    });
    return sheet;
  }

  const expectedGrid = [
    ["date", "vendor", "account", "amount"],
    ["2024-01-01", "PG&E", "06120", 1904.33],
    ["2024-02-01", "Shell", "00610", 88],
  ];

  test("dates from their number format, numbers as numbers, and results go right of it", async () => {
    const sheet = ledgerSheet();
    // Selected far past the data (whole columns, in Excel): cut to the used range.
    sheet.selection = { row: 0, column: 0, rowCount: 5_000, columnCount: 6 };
    const selection = await readSelection(sheet.run);
    expect(selection?.address).toBe("Bookings!A1:D3");
    expect(selection?.grid).toEqual(expectedGrid);
    expect(selection?.placement).toEqual({ sheet: "Bookings", top: 0, column: 4 });
  });

  test("empty cells are null; one selected cell stands for the used range", async () => {
    const sheet = ledgerSheet();
    sheet.set(2, 1, { value: "" });
    sheet.selection = { row: 1, column: 1, rowCount: 1, columnCount: 1 };
    const selection = await readSelection(sheet.run);
    expect(selection?.grid[2]).toEqual(["2024-02-01", null, "00610", 88]);
    expect(selection?.grid).toHaveLength(3);
  });

  test("an empty sheet gives nothing to map", async () => {
    const sheet = new MockSheet();
    expect(await readSelection(sheet.run)).toBeUndefined();
  });
});
