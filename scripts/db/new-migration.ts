/**
 * Writes a new SQL migration offline: the diff between the schema as last committed and the
 * working schema (`prisma migrate dev` needs a shadow database and engine binaries; see
 * ../shared/SETUP-NOTES.md). Review the SQL, add what Prisma cannot express, and commit it.
 *
 *   npm run db:migration -- <name>
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const migrations = join(root, "prisma/migrations");
const name = new Command().argument("<name>", "snake_case name, e.g. add_ledgers").parse()
  .args[0] as string;
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration name must be snake_case: ${name}`);

const hasMigrations = readdirSync(migrations).some((entry) => /^\d{14}_/.test(entry));
// The CLI must see both schemas inside the project, or it tries to download an engine.
const previous = join(root, "prisma/.previous.prisma");
const from = hasMigrations ? ["--from-schema-datamodel", previous] : ["--from-empty"];
if (hasMigrations) {
  writeFileSync(
    previous,
    execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: root }),
  );
}
try {
  const sql = execFileSync(
    "npx",
    [
      "prisma",
      "migrate",
      "diff",
      ...from,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    { cwd: root, env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" } },
  );
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = join(migrations, `${stamp}_${name}`);
  mkdirSync(folder);
  writeFileSync(join(folder, "migration.sql"), sql);
  console.log(`wrote ${join("prisma/migrations", `${stamp}_${name}`, "migration.sql")}`);
} finally {
  if (existsSync(previous)) rmSync(previous);
}
