/**
 * The task pane as a plain web page in headless Chromium, against a real server on the real
 * Postgres: connect, paste a ledger, confirm its columns, map it, review a pattern, read the
 * summary. Every figure the page shows is checked against the server's own answer.
 *
 * Roles are part of the flow: an editor maps (reviewers cannot upload), a viewer sees the
 * review but cannot decide, a reviewer decides and teaches a rule.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, fileForm, type TestApi } from "../../server/test/support/api-harness.ts";
import {
  connectAs,
  HIGHLIGHT_OF_STATUS,
  serverRows,
  startPaneBrowser,
  type PaneBrowser,
} from "./support/pane-browser.ts";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const LEDGER = join(repo, "..", "shared", "ledgers", "dev.csv");
const SCREENSHOT = join(repo, ".ci-report", "addin-taskpane.png");

/** dev.csv's columns as the server infers them (company and the label columns have no role). */
const DEV_ROLES: Record<number, string> = {
  0: "",
  1: "date",
  2: "vendor",
  3: "description",
  4: "account_code",
  5: "account_name",
  6: "amount",
  7: "currency",
  8: "quantity",
  9: "unit",
};

let pane: PaneBrowser;
let api: TestApi;
let page: Page;
let pageErrors: string[];
let refused: string[];

beforeAll(async () => {
  pane = await startPaneBrowser();
  api = pane.api;
  // Another ledger of the tenant: the pane's review and summary must show only its own.
  const other = await call(
    api,
    api.tenants.a.keys.admin,
    "POST",
    "/v1/ledgers",
    fileForm(
      "other.csv",
      "date,vendor,description,amount,currency,quantity,unit\n" +
        "2024-01-31,Stadtwerke Ulm,Strom Januar,1200.00,EUR,4000,kWh\n",
      { country: "DE" },
    ),
  );
  expect(other.status).toBe(202);
  await api.importsIdle();
  ({ page, errors: pageErrors, refused } = await pane.openPane());
}, 120_000);

afterAll(async () => {
  await pane?.close();
});

/** The results table as the page shows it: row number -> highlight class, status and factor. */
async function tableRows(): Promise<
  Map<number, { highlight: string; status: string; factor: string }>
> {
  const rows = await page.$$eval("#results-table tbody tr", (trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "");
      return {
        rowNumber: Number((tr as HTMLElement).dataset.rowNumber),
        highlight: tr.className,
        factor: cells[8] ?? "",
        status: cells[11] ?? "",
      };
    }),
  );
  return new Map(rows.map(({ rowNumber, ...rest }) => [rowNumber, rest]));
}

function expectTableMatches(table: Awaited<ReturnType<typeof tableRows>>, rows: any[]): void {
  expect(table.size).toBe(rows.length);
  for (const row of rows) {
    const shown = table.get(row.row_number);
    expect(shown, `row ${row.row_number}`).toBeDefined();
    expect(shown?.highlight, `row ${row.row_number} (${row.status})`).toBe(
      HIGHLIGHT_OF_STATUS[row.status] ?? "",
    );
    expect(shown?.factor, `row ${row.row_number}`).toBe(row.result?.factor.id ?? "");
  }
}

describe("the task pane as a plain web page", () => {
  let ledgerId: string;

  test("loads with office.js and knows it is outside Excel", async () => {
    expect(await page.evaluate(() => document.documentElement.dataset.officeHost)).toBe("none");
    // Office.onReady ran, and says: no host.
    expect(await page.evaluate(async () => (await Office.onReady()).host)).toBeNull();
    expect(await page.inputValue("#server-url")).toBe(api.url);
    expect(await page.inputValue("#year")).toBe(String(new Date().getFullYear() - 1));
    expect(await page.isVisible("#source-page")).toBe(false); // on the Connect tab
  });

  test("says in words when the key is refused or the server cannot be reached", async () => {
    await page.fill("#api-key", "ogf_not_a_key");
    await page.click("#connect-button");
    await page.waitForSelector("#connect-message.message-error");
    const refused = await call(api, "ogf_not_a_key", "GET", "/v1/whoami");
    expect(refused.status).toBe(401);
    expect(await page.textContent("#connect-message")).toBe(
      refused.json.detail || refused.json.title,
    );

    await page.fill("#server-url", "http://127.0.0.1:9");
    await page.click("#connect-button");
    await page.waitForFunction(() =>
      document.getElementById("connect-message")?.textContent?.startsWith("cannot reach"),
    );
    expect(await page.textContent("#connect-message")).toBe(
      "cannot reach OffGridFlow at http://127.0.0.1:9",
    );
    await page.fill("#server-url", api.url);
  });

  test("an editor pastes dev.csv, confirms the columns and maps it; the table matches the server", async () => {
    await connectAs(page, api.tenants.a.keys.editor, "editor");
    expect(await page.isVisible("#source-page")).toBe(true); // moved on to Map
    await page.fill("#paste", readFileSync(LEDGER, "utf8"));
    await page.click("#detect");
    await page.waitForSelector("#layout:not([hidden])");
    for (const [column, role] of Object.entries(DEV_ROLES)) {
      expect(await page.inputValue(`#role-${column}`), `column ${column}`).toBe(role);
    }
    // A correction moves a role: giving "vendor" to column A takes it from column C, and back.
    await page.selectOption("#role-0", "vendor");
    expect(await page.inputValue("#role-2")).toBe("");
    await page.selectOption("#role-2", "vendor");
    expect(await page.inputValue("#role-0")).toBe("");

    await page.click("#map-button");
    await page.waitForSelector("#result-counts", { timeout: 90_000 });

    const ledgers = await call(api, api.tenants.a.keys.editor, "GET", "/v1/ledgers");
    const ledger = ledgers.json.ledgers[0];
    ledgerId = ledger.id;
    expect(ledger.status).toBe("done");
    expect(ledger.layout.roles).toEqual(
      Object.fromEntries(
        Object.entries(DEV_ROLES).flatMap(([c, r]) => (r ? [[r, Number(c)]] : [])),
      ),
    );
    const rows = await serverRows(api, api.tenants.a.keys.editor, ledgerId);
    expect(rows).toHaveLength(345);
    expectTableMatches(await tableRows(), rows);
    const review = rows.filter((row) => row.status === "needs_review").length;
    const errors = rows.filter((row) => row.status === "error").length;
    expect(review).toBeGreaterThan(0);
    expect(await page.textContent("#result-counts")).toContain(
      `345 rows · ${rows.filter((row) => row.status === "estimated").length} estimated · ${review} need review · ${errors} errors`,
    );
  });

  test("an editor is told decisions teach no rules; a viewer cannot decide", async () => {
    await page.click("#tab-review");
    await page.waitForSelector("article.group");
    expect(await page.textContent("#review-note")).toContain(
      "Only reviewers and admins teach rules",
    );

    await connectAs(page, api.tenants.a.keys.viewer, "viewer");
    expect(await page.textContent("#map-role-note")).toContain("cannot upload ledgers");
    expect(await page.isDisabled("#map-button")).toBe(true);
    await page.click("#tab-review");
    await page.waitForSelector("article.group");
    expect(await page.textContent("#review-note")).toContain("viewer key");
    const approves = await page.$$eval("article.group button.primary", (buttons) =>
      buttons.map((button) => (button as HTMLButtonElement).disabled),
    );
    expect(approves.length).toBeGreaterThan(0);
    expect(approves.every(Boolean)).toBe(true);
  });

  test("a reviewer approves a pattern: the server decides its rows, learns a rule, the table follows", async () => {
    const key = api.tenants.a.keys.reviewer;
    await connectAs(page, key, "reviewer");
    await page.click("#tab-review");
    await page.waitForSelector("article.group");
    const waiting = await call(api, key, "GET", `/v1/review?ledger_id=${ledgerId}`);
    expect(await page.$$eval("article.group", (cards) => cards.length)).toBe(
      waiting.json.groups.length,
    );
    expect(await page.textContent("#review-status")).toContain(
      `${waiting.json.rows} rows in ${waiting.json.patterns} patterns wait for review`,
    );
    const group = waiting.json.groups[0];
    const card = page.locator("article.group").first();
    expect(await card.getAttribute("data-pattern")).toBe(group.pattern);
    expect(await card.locator(".rationale").textContent()).toBe(group.proposal.reason);
    expect(await card.locator("input[type=radio]").count()).toBe(group.candidates.length);

    await card.locator("button.primary").click();
    await page.waitForSelector("#review-message.message-ok");
    expect(await page.textContent("#review-message")).toBe(
      `${group.rows} ${group.rows === 1 ? "row" : "rows"} decided; a rule for this pattern was learned.`,
    );

    const rows = await serverRows(api, key, ledgerId);
    const decided = rows.filter((row) => row.pattern === group.pattern);
    expect(decided).toHaveLength(group.rows);
    for (const row of decided) expect(row.status).toBe("estimated");
    const after = await call(api, key, "GET", `/v1/review?ledger_id=${ledgerId}`);
    expect(after.json.groups.map((g: any) => g.pattern)).not.toContain(group.pattern);
    expect(after.json.rows).toBe(waiting.json.rows - group.rows);
    await page.waitForFunction(
      (pattern) =>
        ![...document.querySelectorAll("article.group")].some(
          (card) => (card as HTMLElement).dataset.pattern === pattern,
        ),
      group.pattern,
    );
    expect(await page.textContent("#review-status")).toContain(`${after.json.rows} rows`);
    // The results table shows the decided rows as the server now has them.
    const table = await tableRows();
    expectTableMatches(table, rows);
    for (const row of decided) expect(table.get(row.row_number)?.status).toBe("estimated");
  });

  test("the summary charts the ledger's inventory as the server computes it", async () => {
    const key = api.tenants.a.keys.reviewer;
    await page.click("#tab-summary");
    await page.waitForSelector("#summary-table-data");
    const inventory = (
      await call(api, key, "GET", `/v1/inventory?ledger_id=${ledgerId}&groupBy=scope,category`)
    ).json;
    const chart = await page.evaluate(() => {
      const canvas = document.getElementById("summary-chart") as HTMLCanvasElement;
      const instance = (globalThis as any).Chart.getChart(canvas);
      return {
        labels: instance.data.labels,
        datasets: instance.data.datasets.map((d: any) => ({ label: d.label, data: d.data })),
        drawn: canvas.width > 0 && canvas.height > 0,
      };
    });
    const { totals } = inventory;
    expect(chart.drawn).toBe(true);
    expect(chart.labels).toEqual(["Scope 1", "Scope 2", "Scope 3"]);
    expect(chart.datasets.map((d: any) => d.label)).toEqual(["location-based", "market-based"]);
    const tonnes = (kg: number[]) => kg.map((value) => value / 1000);
    expect(chart.datasets[0].data).toEqual(
      tonnes([totals.scope1_kg, totals.scope2_location_kg, totals.scope3_kg]),
    );
    expect(chart.datasets[1].data).toEqual(
      tonnes([totals.scope1_kg, totals.scope2_market_kg, totals.scope3_kg]),
    );
    expect(totals.total_location_kg).toBeGreaterThan(0);
    // The ledger's own figures, not the tenant's (which include the other ledger).
    const tenantWide = (await call(api, key, "GET", "/v1/inventory?groupBy=scope,category")).json;
    expect(tenantWide.totals.scope2_location_kg).toBeGreaterThan(totals.scope2_location_kg);
    expect(await page.$$eval("#summary-table-data tbody tr", (trs) => trs.length)).toBe(
      inventory.groups.length,
    );
    expect(inventory.waiting_review).toBeGreaterThan(0);
    expect(await page.textContent("#summary-waiting")).toBe(
      `${inventory.waiting_review} rows wait for review, not in these totals.`,
    );

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(pageErrors.filter((error) => error.includes("taskpane.js"))).toEqual([]);
  });

  test("reloaded, the pane reconnects and restores the ledger; All ledgers is the tenant's inventory", async () => {
    const key = api.tenants.a.keys.reviewer;
    await page.reload();
    await page.waitForFunction(() =>
      document.getElementById("who")?.textContent?.endsWith(" · reviewer"),
    );
    await page.waitForSelector("#result-counts");
    expectTableMatches(await tableRows(), await serverRows(api, key, ledgerId));

    await page.click("#tab-review");
    await page.waitForSelector("article.group");
    await page.waitForSelector(`#review-ledger option[value="${ledgerId}"]`, {
      state: "attached",
    });
    expect(await page.inputValue("#review-ledger")).toBe(ledgerId);
    const labels = await page.$$eval("#review-ledger option", (options) =>
      options.map((option) => option.textContent ?? ""),
    );
    expect(labels[0]).toBe("All ledgers");
    expect(labels.slice(1).map((label) => label.split(" · ")[0])).toEqual([
      "pasted.json",
      "other.csv",
    ]);
    const waiting = (await call(api, key, "GET", `/v1/review?ledger_id=${ledgerId}`)).json;
    expect(
      await page.$$eval("article.group", (cards) =>
        cards.map((card) => (card as HTMLElement).dataset.pattern),
      ),
    ).toEqual(waiting.groups.map((group: any) => group.pattern));

    await page.click("#tab-summary");
    await page.waitForSelector("#summary-table-data");
    await page.waitForSelector('#summary-ledger option[value="all"]', { state: "attached" });
    // Another ledger chosen here becomes the current one: its rows fill the results table.
    const other = (await call(api, key, "GET", "/v1/ledgers")).json.ledgers.find(
      (ledger: any) => ledger.filename === "other.csv",
    );
    await page.selectOption("#summary-ledger", other.id);
    await page.waitForFunction(() =>
      document.getElementById("summary-message")?.textContent?.startsWith("other.csv:"),
    );
    expectTableMatches(await tableRows(), await serverRows(api, key, other.id));

    await page.selectOption("#summary-ledger", "all");
    await page.waitForFunction(() =>
      document.getElementById("summary-message")?.textContent?.startsWith("All ledgers:"),
    );
    const tenantWide = (await call(api, key, "GET", "/v1/inventory?groupBy=scope,category")).json;
    const chart = await page.evaluate(() => {
      const canvas = document.getElementById("summary-chart") as HTMLCanvasElement;
      return (globalThis as any).Chart.getChart(canvas).data.datasets[0].data;
    });
    const { totals } = tenantWide;
    expect(chart).toEqual(
      [totals.scope1_kg, totals.scope2_location_kg, totals.scope3_kg].map((kg) => kg / 1000),
    );
    expect(await page.$$eval("#summary-table-data tbody tr", (trs) => trs.length)).toBe(
      tenantWide.groups.length,
    );
    expect(await page.textContent("#summary-table-data tfoot")).toContain(
      String(tenantWide.results),
    );

    // The choice is remembered too: reloaded, Review lists what waits across the tenant.
    await page.reload();
    await page.waitForFunction(() =>
      document.getElementById("who")?.textContent?.endsWith(" · reviewer"),
    );
    await page.click("#tab-review");
    await page.waitForSelector('#review-ledger option[value="all"]', { state: "attached" });
    await page.waitForSelector("article.group");
    expect(await page.inputValue("#review-ledger")).toBe("all");
    const everywhere = (await call(api, key, "GET", "/v1/review")).json;
    expect(await page.textContent("#review-status")).toContain(
      `${everywhere.rows} rows in ${everywhere.patterns} patterns wait for review`,
    );
    expect(pageErrors.filter((error) => error.includes("taskpane.js"))).toEqual([]);
  });

  test("keeps the key for the session unless told to remember it on this computer", async () => {
    const key = api.tenants.a.keys.viewer;
    const year = String(new Date().getFullYear() - 1);
    // Tabs of one browser profile: one localStorage, a sessionStorage each.
    const profile = await pane.browser.newContext();
    try {
      const first = (await pane.openPane({ context: profile })).page;
      expect(await first.isChecked("#remember-key")).toBe(false);
      await connectAs(first, key, "viewer");
      expect(await first.evaluate(() => JSON.stringify(localStorage))).not.toContain(key);
      expect(await first.evaluate(() => sessionStorage.getItem("offgridflow.key"))).toBe(key);

      // A new tab, as Excel started again: the computer knows the server and year, not the key.
      const fresh = (await pane.openPane({ context: profile })).page;
      expect(await fresh.inputValue("#server-url")).toBe(api.url);
      expect(await fresh.inputValue("#year")).toBe(year);
      expect(await fresh.inputValue("#api-key")).toBe("");
      expect(await fresh.textContent("#who")).toBe("Not connected");

      // Remembered, the next tab connects by itself.
      await fresh.check("#remember-key");
      await connectAs(fresh, key, "viewer");
      const next = (await pane.openPane({ context: profile })).page;
      await next.waitForFunction(() =>
        document.getElementById("who")?.textContent?.endsWith(" · viewer"),
      );
      expect(await next.isChecked("#remember-key")).toBe(true);

      // Forget key: gone from this computer; the server and year stay.
      await next.click("#tab-connect");
      await next.click("#forget-button");
      const stored = await next.evaluate(() => localStorage.getItem("offgridflow.connection"));
      expect(JSON.parse(stored ?? "null")).toEqual({ url: api.url, year: Number(year) });
    } finally {
      await profile.close();
    }
  });

  test("runs under the add-in's Content-Security-Policy, which refused only other hosts", async () => {
    // The unreachable server typed in the Connect step, and office.js's telemetry frame to
    // Microsoft, which the pane does without.
    const elsewhere = [
      "http://127.0.0.1:9/",
      "https://telemetryservice.firstpartyapps.oaspapps.com/",
    ];
    expect(refused.some((message) => message.includes(elsewhere[0] as string))).toBe(true);
    for (const message of refused) {
      expect(
        elsewhere.some((host) => message.includes(host)),
        message,
      ).toBe(true);
    }
  });
});
