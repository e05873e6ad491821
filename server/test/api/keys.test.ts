import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import type { Request } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiKeyAuth,
  KeyRevocations,
  ListeningKeyRevocations,
  revokeApiKey,
} from "../../src/auth/api-keys.ts";
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

describe("the key cache", () => {
  const request = (key: string) => ({ headers: { authorization: `Bearer ${key}` } }) as Request;
  const refused = { code: "unauthenticated" };

  /** Another server process: its own database connections, listener and cache. */
  interface OtherServer {
    prisma: PrismaClient;
    revocations: KeyRevocations;
    auth: ApiKeyAuth;
  }
  const servers: OtherServer[] = [];
  afterAll(async () => {
    for (const server of servers) {
      await server.revocations.close();
      await server.prisma.$disconnect();
    }
  });

  /** Listening on PostgreSQL unless given other revocations (the embedded database's). */
  async function otherServer(revocations?: KeyRevocations): Promise<OtherServer> {
    const listener = revocations ?? new ListeningKeyRevocations(api.db.url);
    if (!listener.complete) await once(listener, "listening");
    const prisma = createPrisma(api.db.url);
    const server = { prisma, revocations: listener, auth: new ApiKeyAuth(prisma, listener) };
    servers.push(server);
    return server;
  }

  const revoke = (prisma: PrismaClient, keyId: string, revocations?: KeyRevocations) =>
    revokeApiKey(prisma, { tenantId: api.tenants.a.id, keyId, actor: "cli" }, revocations);

  // Not how keys are revoked (nobody is told): only a cache can still accept such a key, which
  // shows whether the key was served from one.
  const revokeUnannounced = (keyId: string) =>
    api.prisma.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });

  it("keeps a key in memory while it hears every revocation, and only then", async () => {
    const key = await issue("viewer");
    const cached = await otherServer();
    const uncached = new ApiKeyAuth(cached.prisma);
    await cached.auth.authenticate(request(key.key));
    await uncached.authenticate(request(key.key));
    await revokeUnannounced(key.id);
    expect(await cached.auth.authenticate(request(key.key))).toMatchObject({ keyId: key.id });
    await expect(uncached.authenticate(request(key.key))).rejects.toMatchObject(refused);
  });

  it("asks the database again once its listener is closed", async () => {
    const key = await issue("viewer");
    const server = await otherServer();
    await server.auth.authenticate(request(key.key));
    await server.revocations.close();
    await revokeUnannounced(key.id);
    await expect(server.auth.authenticate(request(key.key))).rejects.toMatchObject(refused);
  });

  it("is refused by another server from its very next request on", async () => {
    const one = await otherServer();
    const other = await otherServer();
    // Repeated: the commit's notification would often, not always, beat the next request.
    for (let round = 0; round < 20; round++) {
      const victim = await issue("viewer");
      for (const server of [one, other]) {
        expect(await server.auth.authenticate(request(victim.key))).toMatchObject({
          keyId: victim.id,
        });
      }
      await revoke(one.prisma, victim.id, one.revocations);
      await expect(other.auth.authenticate(request(victim.key))).rejects.toMatchObject(refused);
    }
  });

  it("with the embedded database, forgets a key revoked in its process at commit", async () => {
    const [kept, victim] = [await issue("viewer"), await issue("viewer")];
    const embedded = await otherServer(new KeyRevocations());
    for (const { key } of [kept, victim]) await embedded.auth.authenticate(request(key));
    await revokeUnannounced(kept.id);
    await revoke(embedded.prisma, victim.id, embedded.revocations);
    expect(await embedded.auth.authenticate(request(kept.key))).toMatchObject({ keyId: kept.id });
    await expect(embedded.auth.authenticate(request(victim.key))).rejects.toMatchObject(refused);
  });

  it("does not keep a key whose lookup overlapped a revocation", async () => {
    const key = await issue("viewer");
    const embedded = await otherServer(new KeyRevocations());
    const lookup = embedded.auth.authenticate(request(key.key));
    // Heard while the lookup is in flight: what it reads may be stale by the time it returns.
    embedded.revocations.revoked(key.id);
    await lookup;
    await revokeUnannounced(key.id);
    await expect(embedded.auth.authenticate(request(key.key))).rejects.toMatchObject(refused);
  });

  it("asks the database while its listener is down, and starts afresh when it is back", async () => {
    const [early, during, later] = [
      await issue("viewer"),
      await issue("viewer"),
      await issue("viewer"),
    ];
    const listeners = async () =>
      (
        await api.prisma.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'offgridflow key revocations'`
      ).map(({ pid }) => pid);
    const others = new Set(await listeners());
    const server = await otherServer();
    const own = (await listeners()).filter((pid) => !others.has(pid));
    expect(own).toHaveLength(1);
    await server.auth.authenticate(request(early.key));

    const down = once(server.revocations, "reset");
    const back = once(server.revocations, "listening");
    await api.prisma.$queryRaw`SELECT pg_terminate_backend(${own[0]}::int)`;
    await down;
    expect(server.revocations.complete).toBe(false);
    // Its notification is lost: nobody listens.
    await revoke(api.prisma, early.id);
    await expect(server.auth.authenticate(request(early.key))).rejects.toMatchObject(refused);
    // Looked up while down, so not kept.
    await server.auth.authenticate(request(during.key));
    await revokeUnannounced(during.id);
    await expect(server.auth.authenticate(request(during.key))).rejects.toMatchObject(refused);

    await back;
    await expect(server.auth.authenticate(request(early.key))).rejects.toMatchObject(refused);
    // Caching again.
    await server.auth.authenticate(request(later.key));
    await revokeUnannounced(later.id);
    expect(await server.auth.authenticate(request(later.key))).toMatchObject({ keyId: later.id });
  });

  it("takes a listener that stops answering for lost, and asks the database", async () => {
    const key = await issue("viewer");
    const path = await networkPath(new URL(api.db.url));
    try {
      const server = await otherServer(new ListeningKeyRevocations(path.url));
      await server.auth.authenticate(request(key.key));
      path.stall();
      await revokeUnannounced(key.id);
      await expect(server.auth.authenticate(request(key.key))).rejects.toMatchObject(refused);
      expect(server.revocations.complete).toBe(false);
    } finally {
      await path.close();
    }
  });

  it.each([
    ["without a cache", async () => new ApiKeyAuth((await otherServer()).prisma)],
    ["with a cache", async () => (await otherServer()).auth],
  ])("still writes last_used_at at most once a minute, %s", async (_, makeAuth) => {
    const used = await issue("viewer");
    const other = await makeAuth();
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

/**
 * A TCP path to the database that can stall: its connections stay open but carry nothing more,
 * as when a network drops them without a word. Later connections pass.
 */
async function networkPath(database: URL): Promise<{
  url: string;
  stall(): void;
  close(): Promise<void>;
}> {
  const sockets: Socket[] = [];
  const server = createServer((near) => {
    const far = connect(Number(database.port), database.hostname);
    for (const socket of [near, far]) {
      socket.on("error", () => undefined);
      sockets.push(socket);
    }
    near.pipe(far).pipe(near);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const url = new URL(database);
  url.port = String(typeof address === "object" && address ? address.port : 0);
  return {
    url: url.toString(),
    stall() {
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}
