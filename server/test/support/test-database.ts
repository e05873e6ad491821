// Test utility: a fresh, migrated database on the real Postgres server for each test (file).
//
// Migrating with the Prisma CLI takes about a second, so it happens once per set of migrations:
// the result is kept as the template database ogf_template_<hash of prisma/migrations>, and each
// test database is a copy of it (CREATE DATABASE ... TEMPLATE, a few tens of milliseconds).
// Templates stay on the server between runs; a changed migration gives a new name.
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createPrisma, type PrismaClient } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  /** Disconnects the client and drops the database. */
  drop(): Promise<void>;
}

const migrationsDir = fileURLToPath(new URL("../../../prisma/migrations/", import.meta.url));

function adminUrl(): string {
  return (
    process.env.TEST_POSTGRES_URL ??
    process.env.DATABASE_URL ??
    "postgresql://postgres@127.0.0.1:5432/postgres"
  );
}

function urlOf(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function migrationsHash(): Promise<string> {
  const hash = createHash("sha256");
  const files = await readdir(migrationsDir, { recursive: true, withFileTypes: true });
  const paths = files
    .filter((entry) => entry.isFile())
    .map((entry) => relative(migrationsDir, join(entry.parentPath, entry.name)))
    .sort();
  for (const path of paths) {
    // Names and contents both count: a renamed migration is a different history.
    hash
      .update(`${path}\0`)
      .update(await readFile(join(migrationsDir, path)))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 8);
}

async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  return rowCount === 1;
}

// Vitest runs test files in several worker processes, each of which may find the template missing:
// a session advisory lock lets one build it while the others wait. It is built under a temporary
// name and renamed when complete, so a run killed half-way never leaves a broken template.
async function buildTemplate(): Promise<string> {
  const name = `ogf_template_${await migrationsHash()}`;
  return withAdmin(async (admin) => {
    await admin.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    try {
      if (!(await databaseExists(admin, name))) {
        const building = `${name}_building`;
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${building}"`);
        await migrate(urlOf(building));
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      }
      return name;
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext($1))", [name]);
    }
  });
}

let template: Promise<string> | undefined;

/**
 * Creates a database `ogf_test_<pid>_<random>` on the server at TEST_POSTGRES_URL, else
 * DATABASE_URL, else local Postgres as user postgres. Migrated unless `migrated: false` (for
 * tests of the migrations themselves).
 */
export async function createTestDatabase(
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const name = `ogf_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  if (options.migrated === false) {
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  } else {
    template ??= buildTemplate();
    // A failed build must not stick: the next test retries it and reports its own error.
    const source = await template.catch((error: unknown) => {
      template = undefined;
      throw error;
    });
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${source}"`));
  }
  const url = urlOf(name);
  const prisma = createPrisma(url);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
