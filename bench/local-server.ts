/**
 * `offgridflow serve` as a separate process on loopback, so that a benchmark's client does not
 * share the server's event loop, with a tenant and admin key of the benchmark's own. With
 * DATABASE_URL (and REDIS_URL) set it uses those servers; otherwise the embedded database in a
 * temporary folder, as `offgridflow serve` does with no configuration.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApiKey, loadEnv, openDatabase } from "@offgridflow/server";

export interface LocalServer {
  url: string;
  key: string;
  /** Which database and job queue it runs on, for the benchmark's report. */
  mode: string;
  stop(): Promise<void>;
}

export async function startLocalServer(): Promise<LocalServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "ogf-bench-"));
  const serviceEnv = { ...process.env, PORT: "0", LOG_LEVEL: "silent", OGF_DATA_DIR: dataDir };
  const env = loadEnv(serviceEnv);

  // The key is made before the server starts: the embedded database serves one process at a time.
  const database = await openDatabase(env);
  const tenant = await database.prisma.tenant.create({ data: { name: "bench" } });
  const { key } = await createApiKey(database.prisma, {
    tenantId: tenant.id,
    role: "admin",
    name: "bench",
  });
  await database.close();

  const bin = fileURLToPath(new URL("../bin/offgridflow.js", import.meta.url));
  const server = spawn(process.execPath, [bin, "serve"], {
    env: serviceEnv,
    stdio: ["ignore", "pipe", "inherit"],
  });
  // With a queue, imports wait for a worker: run one, as a deployment would.
  const worker = env.REDIS_URL
    ? spawn(process.execPath, [bin, "worker"], { env: serviceEnv, stdio: "ignore" })
    : undefined;
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (https?:\/\/\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    server.once("exit", (code) =>
      reject(new Error(`the server exited (${code}) before listening:\n${output}`)),
    );
  });
  return {
    url,
    key,
    mode: `${database.embedded ? "embedded Postgres" : "PostgreSQL"}, ${env.REDIS_URL ? "BullMQ" : "in-process jobs"}`,
    async stop() {
      for (const child of [server, worker]) {
        if (!child || child.exitCode !== null) continue;
        child.kill("SIGTERM");
        await new Promise((exited) => child.once("exit", exited));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
