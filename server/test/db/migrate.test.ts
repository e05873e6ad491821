import { readdir } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const tables = [
  "_prisma_migrations",
  "api_keys",
  "audit_events",
  "calculation_runs",
  "ledger_files",
  "ledger_rows",
  "ledgers",
  "mapping_decisions",
  "mapping_rules",
  "memberships",
  "tenants",
  "users",
];

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const tablesOf = async (url: string) =>
  (
    await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    )
  ).map((row) => row.table_name);

const appliedMigrations = (url: string) =>
  query<{ id: string; migration_name: string }>(
    url,
    "SELECT id, migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 2",
  );

describe("migrate() on an empty PostgreSQL database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    await migrate(db.url);
  });
  afterAll(() => db?.drop());

  it("creates every table and records every migration", async () => {
    expect(await tablesOf(db.url)).toEqual(tables);
    const folders = (
      await readdir(new URL("../../../prisma/migrations/", import.meta.url), {
        withFileTypes: true,
      })
    )
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect((await appliedMigrations(db.url)).map((row) => row.migration_name)).toEqual(folders);
  });

  it("applies nothing the second time", async () => {
    const before = await appliedMigrations(db.url);
    await migrate(db.url);
    expect(await appliedMigrations(db.url)).toEqual(before);
  });

  it("keeps audit events append-only", async () => {
    const tenant = await db.prisma.tenant.create({ data: { name: "Acme" } });
    const event = await db.prisma.auditEvent.create({
      data: {
        tenantId: tenant.id,
        seq: 1,
        actor: "system",
        action: "test",
        prevHash: "",
        hash: "h1",
      },
    });
    const where = { id: event.id };
    await expect(
      db.prisma.auditEvent.update({ where, data: { action: "edited" } }),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(db.prisma.auditEvent.delete({ where })).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    await expect(db.prisma.auditEvent.deleteMany()).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditEvent.findUniqueOrThrow({ where })).toEqual(event);
  });

  it("refuses a second ledger row with the same row number", async () => {
    const tenant = await db.prisma.tenant.create({ data: { name: "Acme" } });
    const ledger = await db.prisma.ledger.create({
      data: {
        tenantId: tenant.id,
        filename: "a.csv",
        contentType: "text/csv",
        size: 1,
        sha256: "x",
      },
    });
    const row = {
      tenantId: tenant.id,
      ledgerId: ledger.id,
      rowNumber: 2,
      raw: {},
      status: "parsed" as const,
    };
    await db.prisma.ledgerRow.create({ data: row });
    const duplicate = db.prisma.ledgerRow.create({ data: row });
    await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(duplicate).rejects.toMatchObject({ code: "P2002" });
    await db.prisma.ledgerRow.create({ data: { ...row, rowNumber: 3 } });
  });
});

describe("createTestDatabase()", () => {
  it("gives a migrated database and drops it", async () => {
    const db = await createTestDatabase();
    expect(await tablesOf(db.url)).toEqual(tables);
    expect(await db.prisma.tenant.count()).toBe(0);
    await db.drop();
    await expect(query(db.url, "SELECT 1")).rejects.toThrow(/does not exist/);
  });
});
