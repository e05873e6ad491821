// Applies prisma/migrations with the Prisma CLI's `migrate deploy`, in a child process: the CLI
// reads prisma.config.ts (WASM schema engine over the pg adapter) from the repository root.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

// On success the CLI prints one of these last and then stays alive for ~10 s: the WASM schema
// engine leaves its 10-second advisory-lock timeout armed and the adapter's pool keeps its idle
// connection. Once it has said so, the work is committed and we end the process ourselves.
// Should the wording ever change, we merely wait for the CLI to exit on its own.
const succeeded =
  /All migrations have been successfully applied\.|No pending migrations to apply\./;

/** Brings the database at `databaseUrl` up to date; applying nothing when it already is. */
export async function migrate(databaseUrl: string): Promise<void> {
  const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let done = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (!done && succeeded.test(output)) {
      done = true;
      child.kill();
    }
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);

  // Resolve on "close", not at the message: by then the child's connection is gone, which the
  // embedded database (one connection at a time) needs before the caller connects.
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    },
  );
  if (!done && code !== 0) {
    throw new Error(
      `prisma migrate deploy failed (${signal ?? `exit code ${code}`}):\n${output.trim()}`,
    );
  }
}
