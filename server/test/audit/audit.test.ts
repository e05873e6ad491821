import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit, verifyAuditChain } from "../../src/audit/audit.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

let db: TestDatabase;
let tenantId: string;

/** Edits the table as someone with the rights to switch the append-only trigger off could. */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
    await client.query(sql, params);
    await client.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only");
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  tenantId = (await db.prisma.tenant.create({ data: { name: "Audited" } })).id;
  const other = (await db.prisma.tenant.create({ data: { name: "Other" } })).id;
  for (let i = 1; i <= 5; i++) {
    await audit(db.prisma, tenantId, {
      actor: "system",
      action: "test.event",
      subject: `s${i}`,
      data: { n: i, nested: { b: 2, a: 1 } },
    });
  }
  await audit(db.prisma, other, { actor: "system", action: "test.event" });
});
afterAll(() => db.drop());

describe("audit chain", () => {
  it("chains each tenant's events and verifies intact", async () => {
    const events = await db.prisma.auditEvent.findMany({
      where: { tenantId },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect(await verifyAuditChain(db.prisma)).toEqual({ tenants: 2, events: 6, breaks: [] });
  });

  it("keeps concurrent appends in one unbroken sequence", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        audit(db.prisma, tenantId, { actor: "system", action: "concurrent", data: { i } }),
      ),
    );
    const verification = await verifyAuditChain(db.prisma);
    expect(verification.breaks).toEqual([]);
    expect(verification.events).toBe(16);
  });

  it("detects an edited event, and the CLI exits 1 naming it", async () => {
    await tamper(`UPDATE audit_events SET data = '{"n": 99}' WHERE tenant_id = $1 AND seq = 3`, [
      tenantId,
    ]);
    const verification = await verifyAuditChain(db.prisma);
    expect(verification.breaks).toEqual([
      { tenantId, seq: 3, reason: "content does not match its hash (edited)" },
    ]);

    const cli = resolve(import.meta.dirname, "../../../bin/offgridflow.js");
    const outcome = await promisify(execFile)("node", [cli, "audit", "verify", "--json"], {
      env: { ...process.env, DATABASE_URL: db.url },
    }).then(
      () => ({ code: 0, stdout: "" }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(outcome.code).toBe(1);
    expect(JSON.parse(outcome.stdout).breaks).toEqual(verification.breaks);
  });

  it("detects a deleted event", async () => {
    await tamper(`DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 5`, [tenantId]);
    const { breaks } = await verifyAuditChain(db.prisma);
    expect(breaks).toContainEqual({
      tenantId,
      seq: 6,
      reason: "expected event 5 (an event is missing)",
    });
  });

  it("is refused by the database when the trigger is on", async () => {
    await expect(db.prisma.auditEvent.deleteMany({ where: { tenantId } })).rejects.toThrow(
      /append-only/,
    );
  });
});
