/**
 * An import that cannot finish ends `failed` with a reason instead of taking its process down
 * or being retried forever.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_ATTEMPTS } from "../../src/jobs/import-jobs.ts";
import { importLedgerProcessor } from "../../src/jobs/import-ledger.ts";
import { readLedgerOffThread } from "../../src/jobs/ledger-reader.ts";
import { LedgerFileError } from "../../src/ledger/index.ts";
import { Metrics } from "../../src/metrics.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const csv = (rows: number) =>
  [
    "date,vendor,description,amount,currency",
    ...Array.from({ length: rows }, (_, i) => `2024-01-02,Vendor ${i},Item ${i},${i}.5,EUR`),
  ].join("\n");

describe("reading a ledger in a worker thread", () => {
  it("gives the same ledger as reading it here", async () => {
    const { readLedger } = await import("../../src/ledger/index.ts");
    const data = new TextEncoder().encode(csv(3_000));
    const here = await readLedger(data, { filename: "a.csv" });
    const there = await readLedgerOffThread(data, { filename: "a.csv" });
    expect(there).toEqual(here);
  });

  it("a file that needs more memory than the reader's heap fails the import, not the process", async () => {
    // 200,000 rows are ~10 MB of text and well over 32 MB once parsed into row objects.
    const data = new TextEncoder().encode(csv(200_000));
    const failure = await readLedgerOffThread(data, { filename: "big.csv" }, { heapMb: 32 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(LedgerFileError);
    expect(failure).toMatchObject({ code: "too_large" });
    expect((failure as Error).message).toMatch(/more than 32 MB of memory/);
  });

  it("a file it cannot read is the same LedgerFileError as here", async () => {
    const failure = await readLedgerOffThread(new Uint8Array([0, 1, 2, 3]), {
      filename: "x.csv",
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LedgerFileError);
    expect(failure).toMatchObject({
      code: "unreadable",
      message: "The file is binary data, not text or a workbook.",
    });
  });
});

describe("bounded attempts", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("a ledger whose earlier attempts all died is failed with a reason, not run again", async () => {
    const tenant = await db.prisma.tenant.create({ data: { name: "T" } });
    // As a restart finds it: still `running`, its attempts used up by imports that took their
    // process down before they could record anything.
    const ledger = await db.prisma.ledger.create({
      data: {
        tenantId: tenant.id,
        filename: "poison.csv",
        contentType: "text/csv",
        size: 10,
        sha256: "-",
        status: "running",
        attempts: IMPORT_ATTEMPTS,
        file: { create: { data: new TextEncoder().encode(csv(3)) } },
      },
    });
    const metrics = new Metrics(async () => ({ waiting: 0, active: 0, completed: 0, failed: 0 }));
    await importLedgerProcessor({ prisma: db.prisma, metrics })(ledger.id, async () => {});
    const after = await db.prisma.ledger.findUniqueOrThrow({ where: { id: ledger.id } });
    expect(after).toMatchObject({
      status: "failed",
      error: `import failed: gave up after ${IMPORT_ATTEMPTS} attempts, each stopped before it finished`,
    });
    expect(await db.prisma.ledgerRow.count({ where: { ledgerId: ledger.id } })).toBe(0);
    const events = await db.prisma.auditEvent.findMany({ where: { subject: ledger.id } });
    expect(events.map((event) => event.action)).toContain("ledger.failed");
  });

  it("each attempt is counted in the database before any work", async () => {
    const tenant = await db.prisma.tenant.create({ data: { name: "U" } });
    const ledger = await db.prisma.ledger.create({
      data: {
        tenantId: tenant.id,
        filename: "ok.csv",
        contentType: "text/csv",
        size: 10,
        sha256: "-",
        file: { create: { data: new TextEncoder().encode(csv(3)) } },
      },
    });
    const metrics = new Metrics(async () => ({ waiting: 0, active: 0, completed: 0, failed: 0 }));
    await importLedgerProcessor({ prisma: db.prisma, metrics })(ledger.id, async () => {});
    const after = await db.prisma.ledger.findUniqueOrThrow({ where: { id: ledger.id } });
    expect(after).toMatchObject({ status: "done", attempts: 1, rowsTotal: 3 });
  });
});
