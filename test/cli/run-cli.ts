/** Runs the real `offgridflow` binary from the repository root, as a user would. */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const root = resolve(import.meta.dirname, "../..");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `env` goes on top of this process's environment; a non-zero exit is returned, not thrown. */
export async function offgridflow(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      "node",
      [join(root, "bin/offgridflow.js"), ...args],
      { cwd: root, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
