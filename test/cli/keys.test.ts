/**
 * `offgridflow keys list` and `keys revoke` against a fresh database on the real Postgres server
 * (DATABASE_URL), as an operator runs them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../server/src/auth/api-keys.ts";
import { createTestDatabase, type TestDatabase } from "../../server/test/support/test-database.ts";
import { offgridflow as run } from "./run-cli.ts";

let db: TestDatabase;
let tenantId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  tenantId = (await db.prisma.tenant.create({ data: { name: "CLI tenant" } })).id;
});
afterAll(() => db.drop());

const offgridflow = (...args: string[]) => run(args, { DATABASE_URL: db.url, LOG_LEVEL: "silent" });

describe("offgridflow keys", () => {
  it("lists a tenant's keys and revokes one, audited as the CLI, idempotently", async () => {
    const kept = await createApiKey(db.prisma, { tenantId, role: "admin", name: "kept" });
    const doomed = await createApiKey(db.prisma, { tenantId, role: "viewer", name: "doomed" });

    const listed = await offgridflow("keys", "list", "--tenant", tenantId, "--json");
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id: kept.id, name: "kept", prefix: kept.prefix, revoked_at: null }),
      expect.objectContaining({ id: doomed.id, name: "doomed", revoked_at: null }),
    ]);
    expect(listed.stdout).not.toContain(kept.key);

    const revoked = await offgridflow("keys", "revoke", doomed.id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(
      new RegExp(`^API key ${doomed.id} \\(doomed, viewer\\) revoked at \\d{4}-`),
    );
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: doomed.id } });
    expect(stored.revokedAt).not.toBeNull();
    const audited = await db.prisma.auditEvent.findMany({
      where: { tenantId, action: "api_key.revoked" },
    });
    expect(audited).toMatchObject([{ actor: "cli", subject: doomed.id }]);

    // Again: the same answer, no second event.
    const again = await offgridflow("keys", "revoke", doomed.id, "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).revoked_at).toBe(stored.revokedAt?.toISOString());
    expect(
      await db.prisma.auditEvent.count({ where: { tenantId, action: "api_key.revoked" } }),
    ).toBe(1);

    const table = await offgridflow("keys", "list", "--tenant", tenantId);
    expect(table.stdout).toContain(doomed.id);
    expect(table.stdout).toContain(stored.revokedAt?.toISOString().slice(0, 10));
  });

  it("names an unknown key or tenant in one line and exits non-zero", async () => {
    for (const [args, message] of [
      [["keys", "revoke", "00000000-0000-4000-8000-000000000000"], "no API key 00000000-"],
      [["keys", "revoke", "nope"], "no API key nope"],
      [["keys", "list", "--tenant", "nope"], "no tenant nope"],
    ] as const) {
      const { code, stdout, stderr } = await offgridflow(...args);
      expect(code, args.join(" ")).not.toBe(0);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toContain(message);
    }
  });
});
