import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "../../src/auth/api-keys.ts";
import { call, fileForm, startTestApi, type TestApi } from "../support/api-harness.ts";

let api: TestApi;
let ledgerA: string;

// The import maps and calculates the first row (1,000 kWh of German grid electricity); the
// second, diesel without litres, waits for review. Inventory has something to hide from B.
const CSV =
  "date,vendor,description,amount,currency,quantity,unit\n2024-01-15,Stadtwerke,Strom Jan,1234.50,EUR,1000,kWh\n2024-01-20,Shell,Diesel,80.10,EUR,,\n";

beforeAll(async () => {
  api = await startTestApi();
  const upload = await call(
    api,
    api.tenants.a.keys.editor,
    "POST",
    "/v1/ledgers",
    fileForm("a.csv", CSV, { country: "DE" }),
  );
  expect(upload.status).toBe(202);
  ledgerA = upload.json.id;
  await api.importsIdle();
});
afterAll(() => api.close());

describe("tenant isolation", () => {
  const otherTenantPaths = () => [
    `/v1/ledgers/${ledgerA}`,
    `/v1/ledgers/${ledgerA}/rows`,
    `/v1/ledgers/${ledgerA}/export.xlsx`,
  ];

  it("lets the owner read its ledger", async () => {
    for (const path of otherTenantPaths()) {
      expect((await call(api, api.tenants.a.keys.viewer, "GET", path)).status, path).toBe(200);
    }
  });

  it("answers another tenant's ids as not found, on every endpoint that takes one", async () => {
    for (const path of otherTenantPaths()) {
      const { status, json } = await call(api, api.tenants.b.keys.admin, "GET", path);
      expect(status, path).toBe(404);
      expect(json.type).toBe("urn:offgridflow:problem:not_found");
    }
  });

  it("never lists another tenant's ledgers or results", async () => {
    const listA = await call(api, api.tenants.a.keys.viewer, "GET", "/v1/ledgers");
    const listB = await call(api, api.tenants.b.keys.viewer, "GET", "/v1/ledgers");
    expect(listA.json.ledgers.map((l: { id: string }) => l.id)).toEqual([ledgerA]);
    expect(listB.json.ledgers).toEqual([]);
    const inventoryA = await call(api, api.tenants.a.keys.viewer, "GET", "/v1/inventory");
    const inventoryB = await call(api, api.tenants.b.keys.viewer, "GET", "/v1/inventory");
    expect(inventoryA.json.results).toBe(1);
    expect(inventoryB.json).toMatchObject({ results: 0, groups: [] });
  });
});

describe("roles", () => {
  it("lets admins and editors upload, not reviewers or viewers", async () => {
    const expected = { admin: 202, editor: 202, reviewer: 403, viewer: 403 } as const;
    for (const [role, status] of Object.entries(expected)) {
      const key = api.tenants.b.keys[role as keyof typeof expected];
      const response = await call(api, key, "POST", "/v1/ledgers", fileForm("b.csv", CSV));
      expect(response.status, role).toBe(status);
      if (status === 403) expect(response.json.type).toBe("urn:offgridflow:problem:forbidden");
    }
    await api.importsIdle();
  });

  it("lets every role read and estimate", async () => {
    for (const key of Object.values(api.tenants.a.keys)) {
      expect((await call(api, key, "GET", "/v1/ledgers")).status).toBe(200);
      expect((await call(api, key, "GET", "/v1/factors?q=diesel")).status).toBe(200);
    }
  });
});

describe("authentication", () => {
  it("refuses a missing, malformed or unknown key", async () => {
    const missing = await call(api, undefined, "GET", "/v1/ledgers");
    expect(missing.status).toBe(401);
    expect(missing.json.errors[0]).toEqual({ field: "header.authorization", message: "missing" });
    expect((await call(api, "ogf_not-a-key", "GET", "/v1/ledgers")).status).toBe(401);
    const basic = await fetch(`${api.url}/v1/ledgers`, { headers: { authorization: "Basic abc" } });
    expect(basic.status).toBe(401);
  });

  it("stores only a hash of each key and refuses a revoked one", async () => {
    const created = await createApiKey(api.prisma, {
      tenantId: api.tenants.a.id,
      role: "viewer",
      name: "to revoke",
    });
    const stored = await api.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.hash).not.toContain(created.key);
    expect(JSON.stringify(stored)).not.toContain(created.key.slice(12));
    expect((await call(api, created.key, "GET", "/v1/ledgers")).status).toBe(200);
    // Revoked in the database (as by another process): refused from the next request on.
    await revokeApiKey(api.prisma, { tenantId: api.tenants.a.id, keyId: created.id, actor: "cli" });
    expect((await call(api, created.key, "GET", "/v1/ledgers")).status).toBe(401);
  });

  it("records when a key was last used", async () => {
    const used = await api.prisma.apiKey.findFirstOrThrow({
      where: { tenantId: api.tenants.a.id, role: "viewer", name: "viewer key" },
    });
    expect(used.lastUsedAt).not.toBeNull();
  });
});
