import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BullImportJobs, startImportWorker } from "../../src/jobs/bullmq-import-jobs.ts";
import { importLedgerProcessor, markImportFailed } from "../../src/jobs/import-ledger.ts";
import { call, fileForm, startTestApi, type TestApi } from "../support/api-harness.ts";

const LEDGERS = resolve(import.meta.dirname, "../../../../shared/ledgers");
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ maxUploadBytes: 8 * 2 ** 20 });
});
afterAll(() => api.close());

async function upload(name: string, data: Uint8Array | string, fields?: Record<string, string>) {
  const response = await call(
    api,
    api.tenants.a.keys.editor,
    "POST",
    "/v1/ledgers",
    fileForm(name, data, fields),
  );
  expect(response.status, JSON.stringify(response.json)).toBe(202);
  await api.importsIdle();
  return (await call(api, api.tenants.a.keys.viewer, "GET", `/v1/ledgers/${response.json.id}`))
    .json;
}

const rowCount = (ledgerId: string) => api.prisma.ledgerRow.count({ where: { ledgerId } });

describe.skipIf(!existsSync(LEDGERS))("importing the shared sample ledgers", () => {
  it("imports dev.csv: every row stored raw with its row number", async () => {
    const ledger = await upload("dev.csv", readFileSync(resolve(LEDGERS, "dev.csv")));
    expect(ledger).toMatchObject({ status: "done", progress: 100, rows: { total: 345 } });
    expect(ledger.layout.roles).toMatchObject({
      date: 1,
      vendor: 2,
      description: 3,
      amount: 6,
      currency: 7,
    });
    const page = await call(
      api,
      api.tenants.a.keys.viewer,
      "GET",
      `/v1/ledgers/${ledger.id}/rows?limit=2`,
    );
    expect(page.json.rows[0].row_number).toBe(2); // line 1 is the header
    expect(page.json.rows[0].raw.vendor).toBe("Hines N First St Owner LLC");
    expect(page.json.rows[0].parsed).toMatchObject({
      date: "2024-01-01",
      amount: 42875,
      currency: "USD",
    });
    // cursor pagination walks every row exactly once
    let cursor: string | null = null;
    const seen: number[] = [];
    do {
      const next: any = await call(
        api,
        api.tenants.a.keys.viewer,
        "GET",
        `/v1/ledgers/${ledger.id}/rows?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...next.json.rows.map((row: { row_number: number }) => row.row_number));
      cursor = next.json.next_cursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 345 }, (_, i) => i + 2));
  });

  it("imports dev_de.xlsx: title rows above, totals below, German numbers", async () => {
    const ledger = await upload("dev_de.xlsx", readFileSync(resolve(LEDGERS, "dev_de.xlsx")));
    // README: the German company's 89 rows; header in row 3, data from row 4
    expect(ledger).toMatchObject({ status: "done", rows: { total: 89 } });
    expect(ledger.layout.headerRow).toBe(3);
  });

  it("exports the original columns, the result columns and a summary sheet", async () => {
    const ledger = await upload("dev.csv", readFileSync(resolve(LEDGERS, "dev.csv")));
    const response = await fetch(`${api.url}/v1/ledgers/${ledger.id}/export.xlsx`, {
      headers: { authorization: `Bearer ${api.tenants.a.keys.viewer}` },
    });
    expect(response.headers.get("content-disposition")).toContain("dev-offgridflow.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("Ledger")!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "row",
      ...ledger.layout.columns,
      "activity",
      "factor id",
      "factor source",
      "kg CO2e",
      "scope",
      "category",
      "status",
      "confidence",
      "method",
      "reason",
      "notes",
    ]);
    expect(sheet.rowCount).toBe(346);
    // The import mapped and calculated: rows carry their kg CO2e and how they were decided.
    const kgColumn = ledger.layout.columns.length + 5;
    const calculated = sheet
      .getColumn(kgColumn)
      .values.filter((value) => typeof value === "number" && value > 0);
    expect(calculated.length).toBeGreaterThan(200);
    expect(sheet.getRow(2).getCell(3).value).toBe("01/01/2024");
    expect(workbook.getWorksheet("Summary")).toBeDefined();
  });
});

describe("files that cannot be read", () => {
  const broken: [string, () => Uint8Array | string, RegExp][] = [
    [
      "garbage.csv",
      () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256),
      /^unreadable/,
    ],
    ["empty.csv", () => "date,vendor,amount\n", /^empty/],
    ["wide.csv", () => `${"a,".repeat(1_000_000)}a\n1,2,3\n`, /^too_wide/],
    ["truncated.xlsx", () => truncatedXlsx(), /^unreadable/],
    [
      "picture.png",
      () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /^(unsupported|unreadable)/,
    ],
  ];

  it.each(broken)("%s fails with a clear error and stores no rows", async (name, data, error) => {
    const ledger = await upload(name, data());
    expect(ledger.status).toBe("failed");
    expect(ledger.error).toMatch(error);
    expect(await rowCount(ledger.id)).toBe(0);
    expect(await api.prisma.ledgerFile.count({ where: { ledgerId: ledger.id } })).toBe(0);
  });

  it("refuses an upload over the size limit and stores nothing", async () => {
    const before = await api.prisma.ledger.count();
    const big = new Uint8Array(9 * 2 ** 20).fill(65);
    const response = await call(
      api,
      api.tenants.a.keys.editor,
      "POST",
      "/v1/ledgers",
      fileForm("big.csv", big),
    );
    expect(response.status).toBe(413);
    expect(response.json.errors[0].field).toBe("file");
    expect(await api.prisma.ledger.count()).toBe(before);
  });

  it("refuses a request without the file field, or not multipart", async () => {
    const form = new FormData();
    form.append("other", "x");
    expect(
      (await call(api, api.tenants.a.keys.editor, "POST", "/v1/ledgers", form)).json.errors[0]
        .field,
    ).toBe("file");
    const json = await call(api, api.tenants.a.keys.editor, "POST", "/v1/ledgers", { file: "x" });
    expect(json.status).toBe(415);
  });
});

function truncatedXlsx(): Uint8Array {
  const whole = existsSync(resolve(LEDGERS, "dev_de.xlsx"))
    ? readFileSync(resolve(LEDGERS, "dev_de.xlsx"))
    : Buffer.from("PK\u0003\u0004");
  return whole.subarray(0, Math.floor(whole.length / 2));
}

describe("bad rows", () => {
  it("are stored with their error and do not block the others", async () => {
    const csv =
      'date,vendor,description,amount,currency\n15.01.2024,A,ok,"1.234,56",EUR\n31.02.2024,B,bad date,"10,00",EUR\n16.01.2024,C,bad amount,"12,3,4",EUR\n';
    const ledger = await upload("rows.csv", csv);
    expect(ledger).toMatchObject({ status: "done", rows: { total: 3, parsed: 1, failed: 2 } });
    const errors = await call(
      api,
      api.tenants.a.keys.viewer,
      "GET",
      `/v1/ledgers/${ledger.id}/rows?status=error`,
    );
    expect(errors.json.rows.map((row: any) => [row.row_number, row.errors[0].field])).toEqual([
      [3, "date"],
      [4, "amount"],
    ]);
    expect(errors.json.rows[0].raw.date).toBe("31.02.2024");
  });

  it("uses the caller's column roles over the inferred ones", async () => {
    const csv = "when,who,what,value\n2024-01-15,A,x,10.5\n";
    const ledger = await upload("roles.csv", csv, {
      roles: JSON.stringify({ date: "when", vendor: "who", description: "what", amount: 3 }),
    });
    expect(ledger.status).toBe("done");
    expect(ledger.layout.roles).toMatchObject({ date: 0, vendor: 1, description: 2, amount: 3 });
    const bad = await call(
      api,
      api.tenants.a.keys.editor,
      "POST",
      "/v1/ledgers",
      fileForm("r.csv", csv, { roles: '{"amount": true}' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe("roles.amount");
  });
});

describe("encodings", () => {
  it("reads a Windows-1252 export (as older German and French systems write them)", async () => {
    // "Kühlmittel" and "Gebühr" with ü as the single byte 0xFC, a semicolon-separated EU file.
    const text =
      "Datum;Lieferant;Buchungstext;Betrag;Währung\n15.01.2024;Kältetechnik Süd;Kühlmittel R449A;1.316,00;EUR\n";
    const bytes = Uint8Array.from([...text].map((character) => character.charCodeAt(0)));
    const ledger = await upload("latin.csv", bytes);
    expect(ledger).toMatchObject({ status: "done", rows: { total: 1, failed: 0 } });
    expect(ledger.layout.encoding).toBe("windows-1252");
    const { json } = await call(
      api,
      api.tenants.a.keys.viewer,
      "GET",
      `/v1/ledgers/${ledger.id}/rows`,
    );
    expect(json.rows[0].raw.Lieferant).toBe("Kältetechnik Süd");
    expect(json.rows[0].parsed).toMatchObject({
      date: "2024-01-15",
      amount: 1316,
      currency: "EUR",
    });
  });
});

describe("retries", () => {
  it("when the last attempt fails, the ledger says why and keeps no rows", async () => {
    const ledger = await upload(
      "partial.csv",
      "date,vendor,amount\n2024-01-01,A,1\n2024-01-02,B,2\n",
    );
    expect(await rowCount(ledger.id)).toBe(2);
    // Prisma's messages quote the calling file and its source lines; the uploader sees neither.
    const internal = new Error(
      "Invalid `tx.ledger.update()` invocation in\n/srv/app/server/src/jobs/import-ledger.ts:123:5\n  122 await tx.ledger.update(",
    );
    await markImportFailed(api.prisma, ledger.id, internal);
    const after = (await call(api, api.tenants.a.keys.viewer, "GET", `/v1/ledgers/${ledger.id}`))
      .json;
    expect(after).toMatchObject({
      status: "failed",
      error: "import failed: an internal error stopped it; the server log has the details",
    });
    expect(after.error).not.toMatch(/\/srv|import-ledger|122/);
    expect(await rowCount(ledger.id)).toBe(0);
  });

  it("running an import again never duplicates rows", async () => {
    const ledger = await upload(
      "again.csv",
      "date,vendor,amount\n2024-01-01,A,1\n2024-01-02,B,2\n",
    );
    // As if the job ran again after its first run had stored the rows.
    await api.prisma.ledger.update({ where: { id: ledger.id }, data: { status: "running" } });
    await importLedgerProcessor({ prisma: api.prisma, metrics: api.metrics })(
      ledger.id,
      async () => {},
    );
    expect(await rowCount(ledger.id)).toBe(2);
  });

  it("a worker killed mid-import is retried and leaves exactly one copy of each row", async () => {
    const queueName = `ogf-test-${process.pid}-${Date.now()}`;
    const rows = 150_000;
    const csv = [
      "date,vendor,description,amount,currency",
      ...Array.from(
        { length: rows },
        (_, i) =>
          `2024-01-${String((i % 28) + 1).padStart(2, "0")},Vendor ${i % 97},Item ${i},${(i % 1000) + 0.5},EUR`,
      ),
    ].join("\n");
    const jobs = new BullImportJobs(REDIS_URL, { queueName });
    const created = await api.prisma.ledger.create({
      data: {
        tenantId: api.tenants.a.id,
        filename: "kill.csv",
        contentType: "text/csv",
        size: csv.length,
        sha256: "-",
        file: { create: { data: new TextEncoder().encode(csv) } },
      },
    });
    const child: ChildProcess = spawn(
      "node",
      [
        "--import",
        "tsx",
        resolve(import.meta.dirname, "../support/worker-process.ts"),
        api.db.url,
        REDIS_URL,
        queueName,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise((ready) => child.stdout!.once("data", ready));
    await jobs.enqueue(created.id);
    // Wait until the worker has stored two chunks (progress past reading and mapping, at 40),
    // then kill it outright.
    for (let progress = 0; progress <= 41;) {
      await new Promise((tick) => setTimeout(tick, 20));
      progress = (await jobs.progress(created.id)) ?? 0;
    }
    child.kill("SIGKILL");
    await new Promise((exited) => child.once("exit", exited));
    // Killed with some chunks committed: the retry must resume without duplicating them.
    const partial = await rowCount(created.id);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(rows);

    const worker = startImportWorker(
      REDIS_URL,
      importLedgerProcessor({ prisma: api.prisma, metrics: api.metrics }),
      { queueName, stalledIntervalMs: 1_000 },
    );
    try {
      for (let status = ""; status !== "done";) {
        await new Promise((tick) => setTimeout(tick, 200));
        status = (await api.prisma.ledger.findUniqueOrThrow({ where: { id: created.id } })).status;
        expect(status).not.toBe("failed");
      }
    } finally {
      await worker.close();
      await jobs.close();
    }
    expect(await rowCount(created.id)).toBe(rows);
    const distinct = await api.prisma.ledgerRow.groupBy({
      by: ["rowNumber"],
      where: { ledgerId: created.id },
    });
    expect(distinct).toHaveLength(rows);
  }, 120_000);
});
