/**
 * The task pane "inside Excel" in headless Chromium: office.js replaced by a stand-in whose
 * Excel.run works on an office-addin-mock sheet, against a real server. The pane reads the
 * selected ledger (dates as Excel serials, amounts as numbers), maps it, writes the results
 * into the seven columns right of it, and rewrites them after a review decision; every cell is
 * checked against the server's rows.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, type TestApi } from "../../server/test/support/api-harness.ts";
import { HIGHLIGHT_FILL, RESULT_HEADERS } from "../src/taskpane/result-columns.ts";
import {
  connectAs,
  fakeExcelHost,
  serverRows,
  startPaneBrowser,
  type PaneBrowser,
} from "./support/pane-browser.ts";

const LEDGER = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "shared",
  "ledgers",
  "dev.csv",
);
/** dev.csv's first 80 rows are one US company's: MM/DD/YYYY dates, 1,234.56 amounts. */
const US_ROWS = 80;
/** The ledger's header is at B3 below a title in B1: grid row 1 is sheet row 3. */
const TOP = 2;
const LEFT = 1;
const COLUMNS = 15;
/** Results go right of B:P, from column Q. */
const RESULTS = LEFT + COLUMNS;

let pane: PaneBrowser;
let api: TestApi;
let page: Page;
let errors: string[];
let refused: string[];

/** A CSV cell as Excel holds it once the file is opened: dates and numbers typed. */
function excelCell(text: string, column: number): { value: string | number; numberFormat: string } {
  if (column === 1 && text) {
    const [month, day, year] = text.split("/").map(Number) as [number, number, number];
    const serial = Date.UTC(year, month - 1, day) / 86_400_000 + 25_569;
    return { value: serial, numberFormat: "mm/dd/yyyy" };
  }
  if ((column === 6 || column === 8) && text) {
    return { value: Number(text.replace(/,/g, "")), numberFormat: "#,##0.00" };
  }
  return { value: text, numberFormat: "General" };
}

beforeAll(async () => {
  pane = await startPaneBrowser();
  api = pane.api;
  ({ page, errors, refused } = await pane.openPane({ officeJs: await fakeExcelHost() }));
  const records: string[][] = parse(readFileSync(LEDGER, "utf8"), { relax_column_count: true });
  const cells = records.slice(0, US_ROWS + 1).flatMap((record, r) =>
    record.map((text, c) => ({
      row: TOP + r,
      column: LEFT + c,
      cell: r === 0 ? { value: text, numberFormat: "General" } : excelCell(text, c),
    })),
  );
  await page.evaluate(
    ({ cells, selection }) => {
      const sheet = (globalThis as any).mockSheet;
      sheet.set(0, 1, { value: "Lumenfield Software, Inc. — general ledger 2024" });
      for (const { row, column, cell } of cells) sheet.set(row, column, cell);
      sheet.selection = selection;
    },
    {
      cells,
      selection: { row: TOP, column: LEFT, rowCount: US_ROWS + 1, columnCount: COLUMNS },
    },
  );
}, 120_000);

afterAll(async () => {
  await pane?.close();
});

/** The seven result cells and the fill of one grid row, as the sheet holds them. */
async function sheetRow(rowNumber: number): Promise<{ values: unknown[]; fill: string | null }> {
  return page.evaluate(
    ({ row, column, width }) => {
      const sheet = (globalThis as any).mockSheet;
      return { values: sheet.values(row, column, 1, width)[0], fill: sheet.cell(row, column).fill };
    },
    { row: TOP + rowNumber - 1, column: RESULTS, width: RESULT_HEADERS.length },
  );
}

async function expectSheetMatches(rows: any[]): Promise<void> {
  for (const row of rows) {
    const shown = await sheetRow(row.row_number);
    const where = `row ${row.row_number} (${row.status})`;
    expect(shown.values[3], where).toBe(row.result?.factor.id ?? "");
    expect(shown.values[4], where).toBe(row.result?.co2e_kg ?? "");
    expect(shown.values[5], where).toBe(row.mapping?.confidence ?? "");
    expect(shown.fill, where).toBe(
      row.status === "needs_review"
        ? HIGHLIGHT_FILL.review
        : row.status === "error"
          ? HIGHLIGHT_FILL.error
          : null,
    );
  }
}

describe("the task pane inside Excel", () => {
  let ledgerId: string;

  test("knows it is in Excel and offers the selection, not a paste box", async () => {
    expect(await page.evaluate(() => document.documentElement.dataset.officeHost)).toBe("Excel");
    await connectAs(page, api.tenants.a.keys.editor, "editor");
    expect(await page.isVisible("#source-excel")).toBe(true);
    expect(await page.isVisible("#source-page")).toBe(false);
  });

  test("reads the selection, names columns by their sheet letters, and refuses to overwrite data", async () => {
    await page.click("#read-selection");
    await page.waitForSelector("#layout:not([hidden])");
    expect(await page.textContent("label[for=role-0] .column-letter")).toBe("B");
    expect(await page.inputValue("#role-1")).toBe("date");
    expect(await page.inputValue("#role-6")).toBe("amount");

    await page.evaluate(() => (globalThis as any).mockSheet.set(9, 18, { value: "a note" }));
    await page.click("#map-button");
    await page.waitForSelector("#map-message.message-error");
    expect(await page.textContent("#map-message")).toContain("Columns Q:W, right of the ledger");
    expect((await call(api, api.tenants.a.keys.editor, "GET", "/v1/ledgers")).json.ledgers).toEqual(
      [],
    );
    await page.evaluate(() => (globalThis as any).mockSheet.set(9, 18, { value: "" }));
  });

  test("maps it and writes each row's result beside it, review rows amber", async () => {
    await page.click("#map-button");
    await page.waitForSelector("#result-counts", { timeout: 90_000 });
    expect(await page.textContent("#map-message")).toContain("Results are in columns Q:W");
    const ledger = (await call(api, api.tenants.a.keys.editor, "GET", "/v1/ledgers")).json
      .ledgers[0];
    ledgerId = ledger.id;
    expect(ledger.filename).toBe("selection.json");
    expect(ledger.layout.format).toBe("cells");
    const rows = await serverRows(api, api.tenants.a.keys.editor, ledgerId);
    expect(rows).toHaveLength(US_ROWS);
    // Dates went up as ISO dates, amounts as numbers.
    expect(rows[0].row_number).toBe(2);
    expect(rows[0].parsed).toMatchObject({ date: "2024-01-01", amount: 42875 });

    expect((await sheetRow(1)).values).toEqual([...RESULT_HEADERS]);
    await expectSheetMatches(rows);
    expect(rows.some((row) => row.status === "needs_review")).toBe(true);
    // The title above the ledger and the ledger itself are untouched.
    expect(await page.evaluate(() => (globalThis as any).mockSheet.cell(0, 1).value)).toContain(
      "general ledger",
    );
  });

  test("an approval rewrites the pattern's rows in the sheet", async () => {
    const key = api.tenants.a.keys.admin;
    await connectAs(page, key, "admin");
    await page.click("#tab-review");
    await page.waitForSelector("article.group");
    const group = (await call(api, key, "GET", `/v1/review?ledger_id=${ledgerId}`)).json.groups[0];
    const before = await sheetRow(group.example.row_number);
    expect(before.fill).toBe(HIGHLIGHT_FILL.review);

    await page.locator("article.group").first().locator("button.primary").click();
    await page.waitForSelector("#review-message.message-ok");
    const rows = await serverRows(api, key, ledgerId);
    for (const row of rows.filter((r) => r.pattern === group.pattern)) {
      expect(row.status).toBe("estimated");
      expect((await sheetRow(row.row_number)).values[6]).toBe("estimated");
    }
    await expectSheetMatches(rows);
  });

  test("choosing another candidate maps the pattern to it, in the server and the sheet", async () => {
    const key = api.tenants.a.keys.admin;
    const waiting = (await call(api, key, "GET", `/v1/review?ledger_id=${ledgerId}`)).json;
    // Another candidate the server says the rows can be estimated under as they stand.
    const spendAlternative = (group: any) =>
      group.candidates.slice(1).find((c: any) => c.estimable);
    const index = waiting.groups.findIndex(spendAlternative);
    expect(index).toBeGreaterThanOrEqual(0);
    const group = waiting.groups[index];
    const candidate = spendAlternative(group);
    const card = page.locator("article.group").nth(index);
    expect(await card.getAttribute("data-pattern")).toBe(group.pattern);
    // Candidates the rows cannot be estimated under are shown but cannot be picked.
    for (const other of group.candidates) {
      expect(await card.locator(`input[value="${other.key}"]`).isDisabled()).toBe(!other.estimable);
    }
    await card.locator(`input[value="${candidate.key}"]`).check();
    await card.getByRole("button", { name: "Choose selected" }).click();
    await page.waitForFunction(
      (pattern) =>
        ![...document.querySelectorAll("article.group")].some(
          (element) => (element as HTMLElement).dataset.pattern === pattern,
        ),
      group.pattern,
    );
    const rows = await serverRows(api, key, ledgerId);
    const chosen = rows.filter((row) => row.pattern === group.pattern);
    expect(chosen.length).toBe(group.rows);
    for (const row of chosen) {
      expect(row.status).not.toBe("needs_review");
      expect(row.mapping).toMatchObject({
        category: candidate.category,
        activity: candidate.activity,
      });
      expect((await sheetRow(row.row_number)).values[1]).toBe(candidate.category);
    }
    await expectSheetMatches(rows);
    expect(errors.filter((error) => error.includes("taskpane.js"))).toEqual([]);
  });

  test("reopened on the same workbook, the pane restores the ledger and a decision rewrites the sheet", async () => {
    const key = api.tenants.a.keys.admin;
    const whoami = (await call(api, key, "GET", "/v1/whoami")).json;
    // The workbook remembers the ledger and where its results went.
    expect(
      await page.evaluate(() => Office.context.document.settings.get("offgridflow.ledger")),
    ).toEqual({
      tenant_id: whoami.tenant.id,
      ledger_id: ledgerId,
      placement: { sheet: "Ledger", top: TOP, column: RESULTS },
    });

    // A real reload: the fake host keeps the workbook (cells and saved settings) across it.
    await page.reload();
    await page.waitForFunction(() =>
      document.getElementById("who")?.textContent?.endsWith("admin"),
    );
    await page.waitForSelector("#result-counts");
    expect(await page.evaluate(() => (globalThis as any).mockSheet.cell(0, 1).value)).toContain(
      "general ledger",
    );
    await page.click("#tab-review");
    await page.waitForSelector("article.group");
    expect(await page.inputValue("#review-ledger")).toBe(ledgerId);

    const waiting = (await call(api, key, "GET", `/v1/review?ledger_id=${ledgerId}`)).json;
    // A pattern whose proposal its rows can be estimated under (the server refuses the others).
    const index = waiting.groups.findIndex((g: any) =>
      g.candidates.some(
        (c: any) =>
          c.estimable &&
          c.category !== "not_emissions" &&
          c.category === g.proposal.category &&
          c.activity === g.proposal.activity,
      ),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const group = waiting.groups[index];
    const card = page.locator("article.group").nth(index);
    expect(await card.getAttribute("data-pattern")).toBe(group.pattern);
    const before = await sheetRow(group.example.row_number);
    expect(before.fill).toBe(HIGHLIGHT_FILL.review);
    expect(before.values[6]).toBe("needs review");

    await card.locator("button.primary").click();
    await page.waitForSelector("#review-message:not([hidden])");
    expect(await page.textContent("#review-message")).toMatch(/decided/);
    const rows = await serverRows(api, key, ledgerId);
    const decided = rows.filter((row) => row.pattern === group.pattern);
    expect(decided.length).toBe(group.rows);
    for (const row of decided) {
      expect(row.status).toBe("estimated");
      expect((await sheetRow(row.row_number)).values[6]).toBe("estimated");
    }
    await expectSheetMatches(rows);
  });

  test("a remembered ledger that no longer exists is forgotten quietly", async () => {
    const whoami = (await call(api, api.tenants.a.keys.admin, "GET", "/v1/whoami")).json;
    await page.evaluate((tenantId) => {
      const settings = Office.context.document.settings;
      settings.set("offgridflow.ledger", {
        tenant_id: tenantId,
        ledger_id: "00000000-0000-4000-8000-000000000000",
        placement: { sheet: "Ledger", top: 2, column: 16 },
      });
      settings.saveAsync();
    }, whoami.tenant.id);
    await page.reload();
    await page.waitForFunction(() =>
      document.getElementById("who")?.textContent?.endsWith("admin"),
    );
    await page.waitForFunction(
      () => Office.context.document.settings.get("offgridflow.ledger") === null,
    );
    await page.click("#tab-review");
    expect(await page.textContent("#review-status")).toContain("Map a ledger first");
    expect(await page.isHidden("#review-message")).toBe(true);
    expect(errors.filter((error) => error.includes("taskpane.js"))).toEqual([]);
    // Everything above ran under the add-in's Content-Security-Policy.
    expect(refused).toEqual([]);
  });
});
