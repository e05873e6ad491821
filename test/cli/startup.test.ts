import { execFile } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs the CLI with `env` on top of this process's environment; resolves with how it ended. */
async function offgridflow(env: Record<string, string>, ...args: string[]) {
  try {
    await promisify(execFile)("node", [join(root, "bin/offgridflow.js"), ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe("a service that cannot be reached at start", () => {
  // Port 1 refuses connections on this machine, as on any without a service there.
  it("serve: Postgres is named with its address in one line, exit 1", async () => {
    const { code, stderr } = await offgridflow(
      { DATABASE_URL: "postgresql://postgres:secret@127.0.0.1:1/ogf", REDIS_URL: "" },
      "serve",
    );
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      "offgridflow: cannot reach PostgreSQL at 127.0.0.1:1 (DATABASE_URL): ECONNREFUSED",
    );
  });

  it("worker: Redis is named with its address in one line, exit 1", async () => {
    const { code, stderr } = await offgridflow(
      {
        DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres",
        REDIS_URL: "redis://127.0.0.1:1",
      },
      "worker",
    );
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      "offgridflow: cannot reach Redis at 127.0.0.1:1 (REDIS_URL): ECONNREFUSED",
    );
  });
});
