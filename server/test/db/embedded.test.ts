import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createPrisma } from "../../src/db/client.ts";
import { startEmbeddedPostgres } from "../../src/db/embedded.ts";
import { migrate } from "../../src/db/migrate.ts";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "ogf-embedded-"));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** Resolves once something could listen on the port, i.e. nothing holds it any more. */
const portIsFree = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const probe = createServer()
      .once("error", reject)
      .listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });

it("migrates, serves Prisma over one connection and keeps data across restarts", async () => {
  const first = await startEmbeddedPostgres({ dataDir });
  const port = Number(new URL(first.url).port);
  expect(port).toBeGreaterThan(0);
  // Migrate first: the CLI's connection must be closed before the client takes the only one.
  await migrate(first.url);
  const prisma = createPrisma(first.url, { maxConnections: 1 });
  const tenant = await prisma.tenant.create({ data: { name: "Acme" } });
  await prisma.$disconnect();
  await first.stop();
  await portIsFree(port);

  const second = await startEmbeddedPostgres({ dataDir, port });
  try {
    expect(second.url).toBe(first.url);
    const again = createPrisma(second.url, { maxConnections: 1 });
    expect(await again.tenant.findMany()).toEqual([tenant]);
    await again.$disconnect();
  } finally {
    await second.stop();
  }
  await portIsFree(port);
});
