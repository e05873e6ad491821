import { describe, expect, it } from "vitest";
import { offgridflow as run } from "./run-cli.ts";

const offgridflow = (env: Record<string, string>, ...args: string[]) =>
  run(args, { LOG_LEVEL: "silent", ...env });

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
