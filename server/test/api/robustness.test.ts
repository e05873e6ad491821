/**
 * Requests that used to take the server down or answer 500 (issue #10's findings), each sent
 * exactly as the probe sent it, against the real API.
 */
import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";
import { gzipSync } from "node:zlib";
import type { Server as HttpServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/api.ts";
import { ApiKeyAuth } from "../../src/auth/api-keys.ts";
import { createPrisma } from "../../src/db/client.ts";
import { defaultAddinFiles } from "../../src/http/addin-files.ts";
import { BullImportJobs, startImportWorker } from "../../src/jobs/bullmq-import-jobs.ts";
import { importLedgerProcessor } from "../../src/jobs/import-ledger.ts";
import { Metrics } from "../../src/metrics.ts";
import { call, fileForm, startTestApi, type TestApi } from "../support/api-harness.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** One raw HTTP/1.1 exchange: what a client library would refuse to send. */
async function raw(url: string, request: string | Buffer) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  await once(socket, "connect");
  socket.write(request);
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  // The response is complete once the server has sent its headers and the declared body.
  await new Promise<void>((done, fail) => {
    socket.on("error", fail);
    socket.on("close", () => done());
    socket.on("data", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      if (end >= 0 && length && text.length >= end + 4 + Number(length)) {
        socket.destroy();
        done();
      }
    });
  });
  const text = Buffer.concat(chunks).toString("utf8");
  const [head = "", body = ""] = text.split("\r\n\r\n");
  return { status: Number(head.split(" ")[1]), head, body: body ? JSON.parse(body) : undefined };
}

const healthy = async (url: string) => (await fetch(`${url}/health`)).status === 200;

describe("uploads", () => {
  it("a multipart body cut off before its final boundary is refused and the server stays up", async () => {
    // The probe's 90-byte body: busboy's file stream errors with "Unexpected end of form".
    const body =
      '--X\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b\r\n';
    const response = await raw(
      api.url,
      `POST /v1/ledgers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.tenants.a.keys.editor}\r\n` +
        `Content-Type: multipart/form-data; boundary=X\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: "body" });
    expect(response.body.detail).toMatch(/Unexpected end of form/);
    expect(await healthy(api.url)).toBe(true);
    expect(await api.prisma.ledger.count()).toBe(0);
  });

  it("a multipart type without a boundary names the header", async () => {
    const response = await fetch(`${api.url}/v1/ledgers`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${api.tenants.a.keys.editor}`,
        "content-type": "multipart/form-data",
      },
      body: "a,b\n1,2\n",
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].field).toBe("header.content-type");
  });
});

describe("text Postgres cannot store", () => {
  it("NUL characters in a CSV are dropped before the ledger is stored, header included", async () => {
    const upload = await call(
      api,
      api.tenants.a.keys.editor,
      "POST",
      "/v1/ledgers",
      // Two stray NULs among 100 rows: damaged, but text (binary data is refused whole).
      fileForm(
        "nul.csv",
        `date,ven\u0000dor,amount\n2024-01-01,A\u0000B,1\n${"2024-01-02,Vendor C,2\n".repeat(99)}`,
      ),
    );
    expect(upload.status).toBe(202);
    await api.importsIdle();
    const ledger = (
      await call(api, api.tenants.a.keys.viewer, "GET", `/v1/ledgers/${upload.json.id}`)
    ).json;
    expect(ledger).toMatchObject({ status: "done", rows: { total: 100 } });
    expect(ledger.layout.columns).toEqual(["date", "vendor", "amount"]);
    const rows = await call(
      api,
      api.tenants.a.keys.viewer,
      "GET",
      `/v1/ledgers/${upload.json.id}/rows`,
    );
    expect(rows.json.rows[0].raw.vendor).toBe("AB");
  });
});

describe("JSON bodies", () => {
  const estimate = { activity: "fuel.natural_gas", quantity: 1, unit: "therm", year: 2024 };

  async function post(headers: Record<string, string>, body: BodyInit) {
    const response = await fetch(`${api.url}/v1/estimate`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.tenants.a.keys.viewer}`, ...headers },
      body,
    });
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      json: await response.json(),
    };
  }

  it.each(["latin1", "no-such-charset"])(
    "charset=%s answers 415 naming Content-Type",
    async (charset) => {
      const response = await post(
        { "content-type": `application/json; charset=${charset}` },
        JSON.stringify(estimate),
      );
      expect(response.status).toBe(415);
      expect(response.type).toMatch(/application\/problem\+json/);
      expect(response.json.errors[0].field).toBe("header.content-type");
    },
  );

  it.each(["gzip", "deflate", "br"])(
    "Content-Encoding: %s on a plain body answers 400 naming Content-Encoding",
    async (encoding) => {
      const response = await post(
        { "content-type": "application/json", "content-encoding": encoding },
        JSON.stringify(estimate),
      );
      expect(response.status).toBe(400);
      expect(response.json.errors[0].field).toBe("header.content-encoding");
    },
  );

  it("an unknown Content-Encoding answers 415; a real gzip body is read", async () => {
    const bogus = await post(
      { "content-type": "application/json", "content-encoding": "bogus" },
      JSON.stringify(estimate),
    );
    expect(bogus.status).toBe(415);
    expect(bogus.json.errors[0].field).toBe("header.content-encoding");
    const gzipped = await post(
      { "content-type": "application/json", "content-encoding": "gzip" },
      new Uint8Array(gzipSync(JSON.stringify(estimate))),
    );
    expect(gzipped.status).toBe(200);
  });

  it("a body that is not JSON answers 415 naming Content-Type", async () => {
    const response = await post({ "content-type": "text/plain" }, JSON.stringify(estimate));
    expect(response.status).toBe(415);
    expect(response.json.errors[0].field).toBe("header.content-type");
  });

  it("an anonymous caller is refused before its body is read", async () => {
    // Declares 20 MB and sends 1 KB: the old order waited for the whole body to parse it first.
    const response = await raw(
      api.url,
      "POST /v1/estimate/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
        `Content-Length: ${20 * 2 ** 20}\r\n\r\n${"[".repeat(1024)}`,
    );
    expect(response.status).toBe(401);
    expect(response.body.errors[0].field).toBe("header.authorization");
  });

  it("a quantity whose emissions overflow a number is that field's error, not a null figure", async () => {
    const response = await call(api, api.tenants.a.keys.viewer, "POST", "/v1/estimate", {
      ...estimate,
      quantity: 1e308,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(JSON.stringify(response.json)).toMatch(/quantity/);
  });
});

/** A TCP server that accepts connections and never answers: a dependency that hangs. */
async function blackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

describe("dependencies down", () => {
  it("Redis refusing connections: /ready says 503 naming the queue; an upload answers 503 with Retry-After and stores nothing", async () => {
    const jobs = new BullImportJobs("redis://127.0.0.1:1", { queueName: `ogf-down-${Date.now()}` });
    const down = await startTestApi({ jobs });
    try {
      const ready = await fetch(`${down.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ database: "ok", status: "not ready" });
      const upload = await call(
        down,
        down.tenants.a.keys.editor,
        "POST",
        "/v1/ledgers",
        fileForm("a.csv", "date,vendor,amount\n2024-01-01,A,1\n"),
      );
      expect(upload.status).toBe(503);
      expect(upload.response.headers.get("retry-after")).toBe("30");
      expect(await down.prisma.ledger.count()).toBe(0);
    } finally {
      await down.close();
      await jobs.close();
    }
  });

  it("a Redis that accepts but never answers: /ready answers 503 instead of hanging", async () => {
    const hole = await blackHole();
    const jobs = new BullImportJobs(`redis://${hole.url}`, { queueName: `ogf-hole-${Date.now()}` });
    const down = await startTestApi({ jobs });
    try {
      const ready = await fetch(`${down.url}/ready`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).queue).toMatch(/did not answer within 800 ms/);
    } finally {
      await down.close();
      await jobs.close();
      await hole.close();
    }
  });

  it("Postgres unreachable: requests answer 503 with Retry-After, counted in /metrics", async () => {
    const prisma = createPrisma("postgresql://postgres@127.0.0.1:1/none");
    const metrics = new Metrics(async () => ({ waiting: 0, active: 0, completed: 0, failed: 0 }));
    const app = createApp({
      prisma,
      jobs: api.jobs,
      authenticate: new ApiKeyAuth(prisma).authenticate,
      metrics,
      maxUploadBytes: 2 ** 20,
      addin: defaultAddinFiles(),
      logError: () => undefined,
    });
    const server: HttpServer = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const ledgers = await fetch(`${url}/v1/ledgers`, {
        headers: { authorization: `Bearer ${api.tenants.a.keys.viewer}` },
      });
      expect(ledgers.status).toBe(503);
      expect(ledgers.headers.get("retry-after")).toBe("5");
      const ready = await fetch(`${url}/ready`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).database).toMatch(/reach database server/);
      const scraped = await (await fetch(`${url}/metrics`)).text();
      expect(scraped).toMatch(
        /ogf_http_server_errors_total\{method="GET",route="\/v1\/ledgers",status="503"\} 1/,
      );
    } finally {
      await new Promise((done) => server.close(done));
      await prisma.$disconnect();
    }
  });

  it("a ledger stored while its job was lost is queued again and imported", async () => {
    const queueName = `ogf-reconcile-${process.pid}-${Date.now()}`;
    const jobs = new BullImportJobs(REDIS_URL, {
      queueName,
      unfinished: async () =>
        (
          await api.prisma.ledger.findMany({
            where: { status: { in: ["queued", "running"] } },
            select: { id: true },
          })
        ).map(({ id }) => id),
    });
    const withQueue = await startTestApi({ jobs });
    const worker = startImportWorker(
      REDIS_URL,
      importLedgerProcessor({ prisma: withQueue.prisma, metrics: withQueue.metrics }),
      { queueName, stalledIntervalMs: 1_000 },
    );
    try {
      // Stored as an upload stores it, but its job is gone (Redis restarted without persistence).
      const ledger = await withQueue.prisma.ledger.create({
        data: {
          tenantId: withQueue.tenants.a.id,
          filename: "lost.csv",
          contentType: "text/csv",
          size: 32,
          sha256: "-",
          file: {
            create: { data: new TextEncoder().encode("date,vendor,amount\n2024-01-01,A,1\n") },
          },
        },
      });
      // The reconciler reads the unfinished ledgers of the test API's own database.
      const reconciler = new BullImportJobs(REDIS_URL, {
        queueName,
        unfinished: async () => [ledger.id],
      });
      expect(await reconciler.reconcile()).toBe(1);
      expect(await reconciler.reconcile()).toBe(0);
      await reconciler.close();
      for (let status = "queued"; status !== "done";) {
        await new Promise((tick) => setTimeout(tick, 100));
        status = (await withQueue.prisma.ledger.findUniqueOrThrow({ where: { id: ledger.id } }))
          .status;
        expect(status).not.toBe("failed");
      }
    } finally {
      await worker.close();
      await withQueue.close();
      await jobs.close();
    }
  });
});
