/**
 * The review loop over the real API and Postgres: an import maps and calculates rows, the unsure
 * ones wait grouped by pattern, a reviewer decides, the rows are recalculated, the decision is
 * audited, and the approval decides the same pattern in the next ledger.
 */
import { estimate, isRowError, library, type Activity } from "@offgridflow/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/audit/audit.ts";
import { call, fileForm, startTestApi, type TestApi } from "../support/api-harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const HEADER = "date,vendor,description,gl_account,gl_name,amount,currency,quantity,unit";
// SKR03 accounts: 4240 Gas, Strom, Wasser; 4900 Sonstige betriebliche Aufwendungen; 4120 Gehälter.
const FIRST = [
  HEADER,
  '2024-01-15,Stadtwerke Musterstadt,Strom Januar 2024,4240,"Gas, Strom, Wasser",1234.50,EUR,4500,kWh',
  '2024-02-15,Stadtwerke Musterstadt,Strom Februar 2024,4240,"Gas, Strom, Wasser",1100.00,EUR,4100,kWh',
  "2024-01-20,Müller & Söhne KG,Diverses Januar 2024,4900,Sonstige betriebliche Aufwendungen,500.00,EUR,,",
  "2024-02-20,Müller & Söhne KG,Diverses Februar 2024,4900,Sonstige betriebliche Aufwendungen,450.00,EUR,,",
  "2024-03-20,Müller & Söhne KG,Diverses März 2024,4900,Sonstige betriebliche Aufwendungen,480.00,EUR,,",
  "2024-01-31,Lohnbüro,Gehälter Januar 2024,4120,Gehälter,25000.00,EUR,,",
  "not a date,Lohnbüro,Gehälter Februar 2024,4120,Gehälter,25000.00,EUR,,",
].join("\n");

async function importLedger(csv: string, name: string) {
  const uploaded = await call(
    api,
    api.tenants.a.keys.editor,
    "POST",
    "/v1/ledgers",
    fileForm(name, csv, { country: "DE" }),
  );
  expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(202);
  await api.importsIdle();
  const ledger = await call(
    api,
    api.tenants.a.keys.viewer,
    "GET",
    `/v1/ledgers/${uploaded.json.id}`,
  );
  expect(ledger.json).toMatchObject({ status: "done", country: "DE" });
  const rows = await call(
    api,
    api.tenants.a.keys.viewer,
    "GET",
    `/v1/ledgers/${uploaded.json.id}/rows?limit=100`,
  );
  return { ledger: ledger.json, rows: rows.json.rows as any[] };
}

const review = (key: string, rowId: string, body: unknown) =>
  call(api, key, "POST", `/v1/review/${rowId}`, body);

describe("import, review and learning", () => {
  let first: Awaited<ReturnType<typeof importLedger>>;
  beforeAll(async () => {
    first = await importLedger(FIRST, "first.csv");
  });

  it("maps and calculates rows at import, with the provenance rebuilt on reading", () => {
    const [january] = first.rows;
    expect(january).toMatchObject({
      row_number: 2,
      status: "estimated",
      mapping: { category: "purchased_electricity", method: "rule", activity: "electricity.grid" },
    });
    // 4,500 kWh × the German grid factor the engine chose (its provenance says which).
    const factor = library.get(january.result.factor.id);
    expect(factor?.region).toBe("DE");
    expect(january.result.co2e_kg).toBeCloseTo(4500 * (factor?.co2e as number), 9);
    expect(january.result.factor).toMatchObject({
      id: factor?.id,
      edition: factor?.sourceInfo.edition,
      licence: factor?.sourceInfo.licence,
    });
    expect(first.rows[5]).toMatchObject({
      status: "estimated",
      mapping: { category: "not_emissions" },
      result: null,
    });
    expect(first.rows[6]).toMatchObject({ status: "error", mapping: null });
    expect(first.rows.slice(2, 5).map((row) => row.status)).toEqual(Array(3).fill("needs_review"));
    expect(new Set(first.rows.slice(2, 5).map((row) => row.pattern)).size).toBe(1);
  });

  it("lists the waiting rows grouped by pattern with their candidates", async () => {
    const waiting = await call(api, api.tenants.a.keys.viewer, "GET", "/v1/review");
    expect(waiting.status).toBe(200);
    expect(waiting.json).toMatchObject({ patterns: 1, rows: 3 });
    const [group] = waiting.json.groups;
    expect(group.rows).toBe(3);
    expect(group.row_ids).toEqual(first.rows.slice(2, 5).map((row) => row.id));
    expect(group.example.fields).toMatchObject({ vendor: "Müller & Söhne KG" });
    expect(group.candidates.length).toBeGreaterThan(0);
    expect(group.candidates.map((candidate: { key: string }) => candidate.key)).toEqual(
      group.candidates.map((_: unknown, index: number) => `c${index + 1}`),
    );
    // Another tenant sees none of it.
    const other = await call(api, api.tenants.b.keys.viewer, "GET", "/v1/review");
    expect(other.json).toMatchObject({ patterns: 0, rows: 0, groups: [] });
  });

  it("lets viewers look but not decide, and other tenants not even find the row", async () => {
    const rowId = first.rows[2].id;
    expect((await review(api.tenants.a.keys.viewer, rowId, { action: "approve" })).status).toBe(
      403,
    );
    expect((await review(api.tenants.b.keys.reviewer, rowId, { action: "approve" })).status).toBe(
      404,
    );
    const bad = await review(api.tenants.a.keys.reviewer, rowId, { action: "choose" });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([
      { field: "body.mapping", message: "required when action is choose" },
    ]);
    const unknown = await review(api.tenants.a.keys.reviewer, rowId, {
      action: "choose",
      mapping: { category: "3.1", factor: "no-such-factor" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].field).toBe("body.mapping.factor");
  });

  it("refuses a mapping the row cannot be estimated with, and writes nothing", async () => {
    const rowId = first.rows[2].id;
    // A litre-denominated fuel factor cannot take a row that has only an amount in EUR.
    const diesel = library.forActivity("fuel.diesel")?.find((factor) => factor.unit === "L");
    const refused = await review(api.tenants.a.keys.reviewer, rowId, {
      action: "choose",
      mapping: { category: "stationary_combustion", activity: "fuel.diesel", factor: diesel?.id },
    });
    expect(refused.status).toBe(422);
    const row = await api.prisma.ledgerRow.findUniqueOrThrow({ where: { id: rowId } });
    expect(row.status).toBe("needs_review");
  });

  it("an editor's approval decides the row but teaches nothing", async () => {
    const decided = await review(api.tenants.a.keys.editor, first.rows[2].id, {
      action: "choose",
      mapping: { category: "3.1", activity: "spend.office_supplies", naics: "322230" },
    });
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);
    expect(decided.json.rule).toBeNull();
    expect(decided.json.rows).toHaveLength(1);
    expect(await api.prisma.mappingRule.count({ where: { tenantId: api.tenants.a.id } })).toBe(0);
  });

  it("a reviewer's choice for the pattern recalculates every waiting row and becomes a rule", async () => {
    const decided = await review(api.tenants.a.keys.reviewer, first.rows[3].id, {
      action: "choose",
      mapping: { category: "3.1", activity: "spend.office_supplies", naics: "322230" },
      apply_to: "pattern",
      note: "stationery wholesaler",
    });
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);
    expect(decided.json.rows.map((row: { id: string }) => row.id)).toEqual([
      first.rows[3].id,
      first.rows[4].id,
    ]);
    expect(decided.json.rule).toMatchObject({ kind: "pattern", category: "3.1" });
    // Each row is the engine's spend-based figure for its own amount, currency and year.
    for (const [index, amount] of [
      [3, 450],
      [4, 480],
    ] as const) {
      const expected = estimate({
        activity: "spend.naics.322230",
        quantity: amount,
        currency: "EUR",
        year: 2024,
        region: "DE",
      } as Activity);
      if (isRowError(expected)) throw new Error(expected.error.message);
      const row = decided.json.rows.find((r: { id: string }) => r.id === first.rows[index].id);
      expect(row).toMatchObject({ status: "estimated" });
      expect(row.co2e_kg).toBeCloseTo(expected.co2e_kg, 9);
    }
    const waiting = await call(api, api.tenants.a.keys.viewer, "GET", "/v1/review");
    expect(waiting.json).toMatchObject({ patterns: 0, rows: 0 });
    const inventory = await call(api, api.tenants.a.keys.viewer, "GET", "/v1/inventory");
    expect(inventory.json.waiting_review).toBe(0);
  });

  it("decides the same pattern in the next ledger by the learned rule", async () => {
    const next = await importLedger(
      [
        HEADER,
        "2024-04-20,Müller & Söhne KG,Diverses April 2024,4900,Sonstige betriebliche Aufwendungen,520.00,EUR,,",
        "2024-04-21,Kälte Nord GmbH,Diverses April 2024,4900,Sonstige betriebliche Aufwendungen,99.00,EUR,,",
      ].join("\n"),
      "next.csv",
    );
    expect(next.rows[0]).toMatchObject({
      status: "estimated",
      mapping: {
        method: "rule",
        category: "3.1",
        activity: "spend.office_supplies",
        confidence: 1,
      },
    });
    expect(next.rows[0].mapping.reason).toMatch(/^approved by api-key:/);
    // Another vendor with the same words is another pattern: it still waits.
    expect(next.rows[1].status).toBe("needs_review");

    const rejected = await review(api.tenants.a.keys.reviewer, next.rows[1].id, {
      action: "reject",
      note: "refund of a deposit",
    });
    expect(rejected.json.rows[0]).toMatchObject({ status: "rejected", co2e_kg: null });
  });

  it("records every decision in the audit chain", async () => {
    const events = await api.prisma.auditEvent.findMany({
      where: { tenantId: api.tenants.a.id, action: { startsWith: "review." } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual([
      "review.choose",
      "review.choose",
      "review.reject",
    ]);
    expect(events[1]?.data).toMatchObject({
      note: "stationery wholesaler",
      after: { naics: "322230" },
    });
    const learned = await api.prisma.auditEvent.count({
      where: { tenantId: api.tenants.a.id, action: "mapping_rule.learned" },
    });
    expect(learned).toBe(1);
    expect((await verifyAuditChain(api.prisma)).breaks).toEqual([]);
  });
});
