import type { Request } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKeyAuth } from "../../src/auth/api-keys.ts";
import { createPrisma, type PrismaClient } from "../../src/db/client.ts";
import { call, ROLES, startTestApi, type TestApi } from "../support/api-harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const admin = () => api.tenants.a.keys.admin;

async function keyId(key: string): Promise<string> {
  return (await call(api, key, "GET", "/v1/whoami")).json.key.id;
}

/** A fresh key of tenant A, issued over the API. */
async function issue(role: string, name = `${role} for a test`) {
  const created = await call(api, admin(), "POST", "/v1/keys", { name, role });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json as { id: string; key: string };
}

function events(action: string, subject: string) {
  return api.prisma.auditEvent.findMany({ where: { tenantId: api.tenants.a.id, action, subject } });
}

describe("roles", () => {
  it("lets only admins list, issue and revoke keys", async () => {
    const victim = await issue("viewer");
    for (const role of ROLES) {
      const key = api.tenants.a.keys[role];
      const expected = role === "admin";
      const list = await call(api, key, "GET", "/v1/keys");
      const create = await call(api, key, "POST", "/v1/keys", { name: "x", role: "viewer" });
      const revoke = await call(api, key, "DELETE", `/v1/keys/${victim.id}`);
      expect([list.status, create.status, revoke.status], role).toEqual(
        expected ? [200, 201, 200] : [403, 403, 403],
      );
      if (!expected) expect(revoke.json.type).toBe("urn:offgridflow:problem:forbidden");
    }
  });

  it("refuses a caller without a key", async () => {
    expect((await call(api, undefined, "GET", "/v1/keys")).status).toBe(401);
  });
});

describe("GET /v1/keys", () => {
  it("lists the tenant's keys, oldest first, without hashes or secrets", async () => {
    const { status, json } = await call(api, admin(), "GET", "/v1/keys");
    expect(status).toBe(200);
    const stored = await api.prisma.apiKey.findMany({
      where: { tenantId: api.tenants.a.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(json.keys.map((key: { id: string }) => key.id)).toEqual(stored.map((key) => key.id));
    for (const key of json.keys) {
      expect(Object.keys(key)).toEqual([
        "id",
        "name",
        "prefix",
        "role",
        "created_at",
        "last_used_at",
        "revoked_at",
      ]);
    }
    const text = JSON.stringify(json);
    for (const key of stored) expect(text).not.toContain(key.hash);
    for (const secret of Object.values(api.tenants.a.keys)) expect(text).not.toContain(secret);
    // The admin's key has been used by the tests above.
    const own = json.keys.find((key: { id: string }) => key.id === stored[0]?.id);
    expect(own).toMatchObject({ name: "admin key", role: "admin", revoked_at: null });
    expect(own.last_used_at).not.toBeNull();
  });

  it("never lists another tenant's keys", async () => {
    const { json } = await call(api, api.tenants.b.keys.admin, "GET", "/v1/keys");
    const tenantB = await api.prisma.apiKey.findMany({ where: { tenantId: api.tenants.b.id } });
    expect(json.keys.map((key: { id: string }) => key.id).sort()).toEqual(
      tenantB.map((key) => key.id).sort(),
    );
  });
});

describe("POST /v1/keys", () => {
  it("issues a working key, shows its secret once, stores its hash and audits it", async () => {
    const created = await call(api, admin(), "POST", "/v1/keys", {
      name: "  nightly import ",
      role: "editor",
    });
    expect(created.status).toBe(201);
    expect(created.response.headers.get("cache-control")).toBe("no-store");
    expect(created.json).toMatchObject({
      name: "nightly import",
      role: "editor",
      last_used_at: null,
      revoked_at: null,
    });
    expect(created.json.key).toMatch(/^ogf_[0-9A-Za-z]{32}$/);
    expect(created.json.key.startsWith(created.json.prefix)).toBe(true);
    const whoami = await call(api, created.json.key, "GET", "/v1/whoami");
    expect(whoami.json).toMatchObject({ role: "editor", tenant: { id: api.tenants.a.id } });
    const stored = await api.prisma.apiKey.findUniqueOrThrow({ where: { id: created.json.id } });
    expect(JSON.stringify(stored)).not.toContain(created.json.key.slice(12));
    expect(await events("api_key.created", created.json.id)).toMatchObject([
      { actor: `api-key:${await keyId(admin())}`, data: { role: "editor" } },
    ]);
  });

  it("names the field of a bad name or role", async () => {
    const { status, json } = await call(api, admin(), "POST", "/v1/keys", {
      name: " ",
      role: "owner",
    });
    expect(status).toBe(400);
    expect(json.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      "body.name",
      "body.role",
    ]);
  });
});

describe("DELETE /v1/keys/:id", () => {
  it("revokes the key with an audit event, at once", async () => {
    const victim = await issue("editor");
    expect((await call(api, victim.key, "GET", "/v1/ledgers")).status).toBe(200);
    const revoked = await call(api, admin(), "DELETE", `/v1/keys/${victim.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ id: victim.id, role: "editor" });
    expect(Date.parse(revoked.json.revoked_at)).toBeGreaterThan(Date.now() - 60_000);
    const refused = await call(api, victim.key, "GET", "/v1/ledgers");
    expect(refused.status).toBe(401);
    expect(refused.json.detail).toBe("unknown or revoked API key");
    expect(await events("api_key.revoked", victim.id)).toMatchObject([
      { actor: `api-key:${await keyId(admin())}`, data: { role: "editor" } },
    ]);
  });

  it("answers a second revocation the same, without a second event", async () => {
    const victim = await issue("viewer");
    const first = await call(api, admin(), "DELETE", `/v1/keys/${victim.id}`);
    const second = await call(api, admin(), "DELETE", `/v1/keys/${victim.id}`);
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
    expect(await events("api_key.revoked", victim.id)).toHaveLength(1);
  });

  it("lets an admin revoke its own key, which ends its access", async () => {
    const own = await issue("admin");
    expect((await call(api, own.key, "DELETE", `/v1/keys/${own.id}`)).status).toBe(200);
    expect((await call(api, own.key, "GET", "/v1/keys")).status).toBe(401);
    expect(await events("api_key.revoked", own.id)).toMatchObject([{ actor: `api-key:${own.id}` }]);
  });

  it("answers another tenant's key, an unknown id and a malformed one as errors", async () => {
    const otherTenant = await keyId(api.tenants.b.keys.viewer);
    const foreign = await call(api, admin(), "DELETE", `/v1/keys/${otherTenant}`);
    expect(foreign.status).toBe(404);
    expect(foreign.json.type).toBe("urn:offgridflow:problem:not_found");
    expect((await call(api, api.tenants.b.keys.viewer, "GET", "/v1/whoami")).status).toBe(200);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await call(api, admin(), "DELETE", `/v1/keys/${unknown}`)).status).toBe(404);
    const malformed = await call(api, admin(), "DELETE", "/v1/keys/not-an-id");
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0].field).toBe("params.id");
  });
});

describe("revocation across processes", () => {
  let otherPrisma: PrismaClient;
  beforeAll(() => {
    otherPrisma = createPrisma(api.db.url);
  });
  afterAll(() => otherPrisma.$disconnect());

  const request = (key: string) => ({ headers: { authorization: `Bearer ${key}` } }) as Request;

  it("is refused by another server's very next request", async () => {
    const victim = await issue("viewer");
    // Another process: its own ApiKeyAuth and its own database connections.
    const other = new ApiKeyAuth(otherPrisma);
    expect(await other.authenticate(request(victim.key))).toMatchObject({ keyId: victim.id });
    expect((await call(api, admin(), "DELETE", `/v1/keys/${victim.id}`)).status).toBe(200);
    await expect(other.authenticate(request(victim.key))).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });

  it("still writes last_used_at at most once a minute", async () => {
    const used = await issue("viewer");
    const other = new ApiKeyAuth(otherPrisma);
    await other.authenticate(request(used.key));
    const lastUsed = async () =>
      (await api.prisma.apiKey.findUniqueOrThrow({ where: { id: used.id } })).lastUsedAt;
    await expect.poll(lastUsed).not.toBeNull();
    const first = await lastUsed();
    await other.authenticate(request(used.key));
    expect((await call(api, used.key, "GET", "/v1/whoami")).status).toBe(200);
    expect(await lastUsed()).toEqual(first);
  });
});
