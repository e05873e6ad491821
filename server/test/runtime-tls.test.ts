/**
 * The service over HTTPS, as Excel needs it for the add-in's pages: a real certificate made by
 * openssl, the real service started from its configuration, and a client that trusts only it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../src/env.ts";
import { createLogger, startService, type Service } from "../src/runtime.ts";
import { createTestDatabase, type TestDatabase } from "./support/test-database.ts";

let db: TestDatabase;
let service: Service;
let cert: Buffer;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "ogf-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  cert = readFileSync(join(dir, "cert.pem"));
  db = await createTestDatabase();
  await db.prisma.$disconnect();
  const env = loadEnv({
    DATABASE_URL: db.url,
    PORT: "0",
    LOG_LEVEL: "silent",
    OGF_TLS_CERT: join(dir, "cert.pem"),
    OGF_TLS_KEY: join(dir, "key.pem"),
  });
  service = await startService(env, createLogger(env));
});
afterAll(async () => {
  await service?.close();
  await db?.drop();
});

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca: cert }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("OGF_TLS_CERT and OGF_TLS_KEY", () => {
  it("serve the API and office.js over HTTPS", async () => {
    expect(service.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(`${service.url}/health`)).toEqual({ status: 200, body: '{"status":"ok"}' });
    expect((await get(`${service.url}/addin/office-js/office.js`)).status).toBe(200);
  });

  it("must come as a pair", () => {
    expect(() => loadEnv({ OGF_TLS_CERT: "cert.pem" })).toThrow(
      "OGF_TLS_KEY: set both OGF_TLS_CERT and OGF_TLS_KEY, or neither",
    );
  });
});
