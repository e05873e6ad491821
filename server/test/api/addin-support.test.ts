/**
 * What the Excel add-in needs from the server, over the real API and Postgres: who the key
 * belongs to, a layout preview of a cell range, cell ranges as uploads, mapping without storing,
 * the inventory of one ledger, and the add-in's static files with office.js.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { estimate, isRowError } from "@offgridflow/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, fileForm, startTestApi, type TestApi } from "../support/api-harness.ts";

let api: TestApi;
let addinDir: string;
beforeAll(async () => {
  addinDir = mkdtempSync(join(tmpdir(), "ogf-addin-"));
  writeFileSync(join(addinDir, "taskpane.html"), "<!doctype html><title>pane</title>");
  api = await startTestApi({ addinDir });
});
afterAll(() => api.close());

// The same ledger twice: as the add-in sends a selection (typed cells, dates as ISO text) and as
// the CSV an accounting system would export. Electricity with its kWh; SKR03 4240 (Gas, Strom,
// Wasser); 4120 Gehälter (salaries: not emissions).
const CELLS = [
  ["Datum", "Lieferant", "Buchungstext", "Konto", "Betrag", "Währung", "Menge", "Einheit"],
  ["2024-01-15", "Stadtwerke Musterstadt", "Strom Januar 2024", "4240", 1234.5, "EUR", 4500, "kWh"],
  ["2024-02-15", "Stadtwerke Musterstadt", "Strom Februar 2024", "4240", 1100, "EUR", 4100, "kWh"],
  ["2024-01-31", "Lohnbüro", "Gehälter Januar 2024", "4120", 25000, "EUR", null, null],
];
const CSV = [
  "Datum;Lieferant;Buchungstext;Konto;Betrag;Währung;Menge;Einheit",
  "15.01.2024;Stadtwerke Musterstadt;Strom Januar 2024;4240;1.234,50;EUR;4.500;kWh",
  "15.02.2024;Stadtwerke Musterstadt;Strom Februar 2024;4240;1.100,00;EUR;4.100;kWh",
  "31.01.2024;Lohnbüro;Gehälter Januar 2024;4120;25.000,00;EUR;;",
].join("\n");

async function upload(form: FormData) {
  const response = await call(api, api.tenants.a.keys.editor, "POST", "/v1/ledgers", form);
  expect(response.status, JSON.stringify(response.json)).toBe(202);
  await api.importsIdle();
  const ledger = await call(
    api,
    api.tenants.a.keys.viewer,
    "GET",
    `/v1/ledgers/${response.json.id}`,
  );
  const rows = await call(
    api,
    api.tenants.a.keys.viewer,
    "GET",
    `/v1/ledgers/${response.json.id}/rows`,
  );
  return { ledger: ledger.json, rows: rows.json.rows as any[] };
}

function cellsForm(cells: unknown, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append(
    "file",
    new Blob([JSON.stringify(cells)], { type: "application/json" }),
    "selection.json",
  );
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

describe("GET /v1/whoami", () => {
  it("names the key's tenant and role", async () => {
    const { status, json } = await call(api, api.tenants.b.keys.reviewer, "GET", "/v1/whoami");
    expect(status).toBe(200);
    expect(json).toMatchObject({
      tenant: { id: api.tenants.b.id, name: "Tenant B" },
      role: "reviewer",
      key: { name: "reviewer key" },
    });
    expect(api.tenants.b.keys.reviewer.startsWith(json.key.prefix)).toBe(true);
  });

  it("answers 401 without a key", async () => {
    expect((await call(api, undefined, "GET", "/v1/whoami")).status).toBe(401);
  });
});

describe("a cell range from the add-in", () => {
  it("previews the header and column roles without storing anything", async () => {
    const before = await api.prisma.ledger.count();
    const { status, json } = await call(
      api,
      api.tenants.a.keys.viewer,
      "POST",
      "/v1/ledgers/layout",
      {
        rows: [["Kosten 2024", null], ...CELLS],
      },
    );
    expect(status, JSON.stringify(json)).toBe(200);
    // The title row above the header is skipped: the header is the 2nd row sent.
    expect(json.layout).toMatchObject({ format: "cells", headerRow: 2 });
    expect(json.layout.roles).toMatchObject({
      date: 0,
      vendor: 1,
      description: 2,
      account_code: 3,
      amount: 4,
      currency: 5,
      quantity: 6,
      unit: 7,
    });
    expect(json.rows).toBe(3);
    expect(json.preview[0]).toMatchObject({
      row_number: 3,
      fields: { date: "2024-01-15", amount: 1234.5, quantity: 4500, unit: "kWh" },
      errors: [],
    });
    expect(await api.prisma.ledger.count()).toBe(before);
  });

  it("takes the caller's roles over the inferred ones", async () => {
    const { json } = await call(api, api.tenants.a.keys.viewer, "POST", "/v1/ledgers/layout", {
      rows: CELLS,
      roles: { description: "Lieferant", vendor: 2 },
    });
    expect(json.layout.roles).toMatchObject({ description: 1, vendor: 2 });
  });

  it("says why a range holds no ledger, naming the field", async () => {
    const { status, json } = await call(
      api,
      api.tenants.a.keys.viewer,
      "POST",
      "/v1/ledgers/layout",
      {
        rows: [["only a header", "and nothing else"]],
      },
    );
    expect(status).toBe(422);
    expect(json.errors[0].field).toBe("body.rows");
    expect(json.detail).toMatch(/0 rows|no table|header/i);
  });

  it("imports as the same rows and results as the CSV export of the same ledger", async () => {
    const fromCells = await upload(cellsForm({ rows: CELLS }, { country: "DE" }));
    const fromCsv = await upload(fileForm("buchungen.csv", CSV, { country: "DE" }));
    expect(fromCells.ledger).toMatchObject({ status: "done", rows: { total: 3, failed: 0 } });
    expect(fromCells.ledger.layout).toMatchObject({ format: "cells", headerRow: 1 });
    expect(fromCells.rows.map((row) => row.parsed)).toEqual(fromCsv.rows.map((row) => row.parsed));
    expect(fromCells.rows.map((row) => [row.status, row.result?.co2e_kg ?? null])).toEqual(
      fromCsv.rows.map((row) => [row.status, row.result?.co2e_kg ?? null]),
    );
    // Row numbers count rows of the range sent, header included: the add-in writes back by them.
    expect(fromCells.rows.map((row) => row.row_number)).toEqual([2, 3, 4]);
    // Both are the engine's answer for 4,500 kWh of German grid electricity in 2024.
    const engine = estimate({
      activity: "electricity.grid",
      quantity: 4500,
      unit: "kWh",
      region: "DE",
      year: 2024,
    });
    if (isRowError(engine)) throw new Error(engine.error.message);
    expect(fromCells.rows[0].result.co2e_kg).toBe(engine.co2e_kg);
  });

  it("fails the import of JSON that is not a cell range, saying what shape it wants", async () => {
    const { ledger, rows } = await upload(cellsForm({ data: [1, 2, 3] }));
    expect(ledger.status).toBe("failed");
    expect(ledger.error).toMatch(/\{"rows": \[\[cell/);
    expect(rows).toEqual([]);
  });
});

describe("GET /v1/inventory?ledger_id=", () => {
  it("counts only that ledger's rows", async () => {
    const one = await upload(cellsForm({ rows: CELLS }, { country: "DE" }));
    const key = api.tenants.a.keys.viewer;
    const all = await call(api, key, "GET", "/v1/inventory");
    const mine = await call(api, key, "GET", `/v1/inventory?ledger_id=${one.ledger.id}`);
    // Salaries are decided (estimated) but emit nothing: no result, not in the inventory.
    const estimated = one.rows.filter((row) => row.status === "estimated" && row.result);
    expect(mine.json.results).toBe(estimated.length);
    expect(all.json.results).toBeGreaterThan(mine.json.results);
    const sum = estimated.reduce((kg, row) => kg + row.result.co2e_kg, 0);
    expect(mine.json.totals.total_location_kg).toBeCloseTo(sum, 6);
    const bad = await call(api, key, "GET", "/v1/inventory?ledger_id=nope");
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe("query.ledger_id");
  });
});

describe("POST /v1/map/batch", () => {
  it("suggests a mapping per row, in order, with row errors in place", async () => {
    const { status, json } = await call(api, api.tenants.a.keys.viewer, "POST", "/v1/map/batch", {
      country: "DE",
      rows: [
        {
          description: "Strom Januar 2024",
          vendor: "Stadtwerke Musterstadt",
          account: "4240 Gas, Strom, Wasser",
          amount: 1234.5,
          currency: "EUR",
        },
        { description: "" },
        { description: "Gehälter Januar 2024", account: "4120", amount: 25000, currency: "EUR" },
      ],
    });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.results).toHaveLength(3);
    expect(json.results[0]).toMatchObject({
      scope: 2,
      category: "purchased_electricity",
      activity: "electricity.grid",
    });
    expect(json.results[1]).toEqual({
      id: "row 2",
      error: { field: "description", message: "a description is required" },
    });
    expect(json.results[2]).toMatchObject({
      category: "not_emissions",
      scope: null,
      factor_id: null,
    });
    for (const result of [json.results[0], json.results[2]]) {
      expect(result.confidence).toBeGreaterThan(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      expect(result.reason).not.toBe("");
    }
  });

  it("decides as the same rows in an import do", async () => {
    const imported = await upload(cellsForm({ rows: CELLS }, { country: "DE" }));
    const { json } = await call(api, api.tenants.a.keys.viewer, "POST", "/v1/map/batch", {
      country: "DE",
      rows: CELLS.slice(1).map((cells) => ({
        date: cells[0],
        vendor: cells[1],
        description: cells[2],
        account: cells[3],
        amount: cells[4],
        currency: cells[5],
      })),
    });
    expect(json.results.map((row: any) => [row.category, row.activity])).toEqual(
      imported.rows.map((row) => [row.mapping.category, row.mapping.activity]),
    );
  });

  it("estimates a row with an amount in the year given, and says why it cannot without one", async () => {
    const hotel = {
      description: "Hilton Chicago 2 nights",
      amount: 412,
      currency: "USD",
      vendor: "Hilton",
    };
    const key = api.tenants.a.keys.viewer;
    const dated = await call(api, key, "POST", "/v1/map/batch", { rows: [hotel], year: 2024 });
    const undated = await call(api, key, "POST", "/v1/map/batch", { rows: [hotel] });
    expect(dated.json.results[0]).toMatchObject({ category: "3.6", activity: "travel.hotel" });
    // The same row with a date in 2024 gives the same estimate: the year is what matters.
    const withDate = await call(api, key, "POST", "/v1/map/batch", {
      rows: [{ ...hotel, date: "2024-06-30" }],
    });
    expect(dated.json.results[0].co2e_kg).toBeGreaterThan(0);
    expect(dated.json.results[0].co2e_kg).toBe(withDate.json.results[0].co2e_kg);
    expect(dated.json.results[0].factor_id).toBe(withDate.json.results[0].factor_id);
    expect(undated.json.results[0]).toMatchObject({
      co2e_kg: null,
      factor_id: null,
      status: "needs_review",
    });
  });

  it("refuses more than 10,000 rows", async () => {
    const rows = Array.from({ length: 10_001 }, () => ({ description: "Strom" }));
    const { status, json } = await call(api, api.tenants.a.keys.viewer, "POST", "/v1/map/batch", {
      rows,
    });
    expect(status).toBe(400);
    expect(json.errors[0].field).toBe("body.rows");
  });
});

describe("the add-in's files", () => {
  it("serves the built add-in at /addin/ and office.js from its npm package", async () => {
    const page = await fetch(`${api.url}/addin/taskpane.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>pane</title>");
    const office = await fetch(`${api.url}/addin/office-js/office.js`);
    expect(office.status).toBe(200);
    expect(office.headers.get("content-type")).toMatch(/javascript/);
    expect((await office.text()).length).toBeGreaterThan(10_000);
  });

  it("answers a missing file with a problem, not the API's 401", async () => {
    const missing = await call(api, undefined, "GET", "/addin/nothing.js");
    expect(missing.status).toBe(404);
    expect(missing.json.detail).toBe("no add-in file /nothing.js");
  });
});
