import Table from "cli-table3";
import type { Command } from "commander";
import {
  audit,
  createApiKey,
  listApiKeys,
  openDatabase,
  revokeApiKey,
  verifyAuditChain,
  type PrismaClient,
  type Role,
} from "@offgridflow/server";
import { tableStyle } from "../format.ts";
import { configuration } from "./service.ts";

const ROLES: readonly Role[] = ["admin", "editor", "reviewer", "viewer"];
// Ids are uuids; anything else names no key (and would be a database error if asked).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs `work` against the configured (or embedded) database, then closes it. */
async function withDatabase<T>(
  program: Command,
  work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(configuration(program));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Stops with a one-line error unless the tenant exists. */
async function requireTenant(program: Command, prisma: PrismaClient, id: string): Promise<void> {
  const tenant = UUID.test(id) ? await prisma.tenant.findUnique({ where: { id } }) : null;
  if (!tenant) program.error(`no tenant ${id}`);
}

export function registerAdmin(program: Command): void {
  const tenants = program.command("tenants").description("manage tenants");
  tenants
    .command("create")
    .argument("<name>", "the tenant's name")
    .option("--json", "machine-readable")
    .action(async (name: string, flags: { json?: boolean }) => {
      const tenant = await withDatabase(program, async ({ prisma }) => {
        const created = await prisma.tenant.create({ data: { name } });
        await audit(prisma, created.id, {
          actor: "cli",
          action: "tenant.created",
          subject: created.id,
          data: { name },
        });
        return created;
      });
      console.log(
        flags.json
          ? JSON.stringify({ id: tenant.id, name: tenant.name })
          : `tenant ${tenant.id} (${tenant.name})`,
      );
    });

  const keys = program.command("keys").description("manage API keys");
  keys
    .command("create")
    .requiredOption("--tenant <id>", "tenant id")
    .requiredOption("--role <role>", ROLES.join(" | "))
    .option("--name <name>", "what the key is for", "cli")
    .option("--json", "machine-readable")
    .action(async (flags: { tenant: string; role: string; name: string; json?: boolean }) => {
      if (!(ROLES as readonly string[]).includes(flags.role))
        program.error(`--role must be one of ${ROLES.join(", ")}`);
      const key = await withDatabase(program, async ({ prisma }) => {
        await requireTenant(program, prisma, flags.tenant);
        const created = await createApiKey(prisma, {
          tenantId: flags.tenant,
          role: flags.role as Role,
          name: flags.name,
        });
        await audit(prisma, flags.tenant, {
          actor: "cli",
          action: "api_key.created",
          subject: created.id,
          data: { role: created.role, prefix: created.prefix },
        });
        return created;
      });
      if (flags.json)
        console.log(
          JSON.stringify({ id: key.id, key: key.key, role: key.role, tenant: key.tenantId }),
        );
      else console.log(`API key ${key.id} (${key.role}), shown this once:\n  ${key.key}`);
    });

  keys
    .command("list")
    .description("the tenant's keys, revoked ones included (never their secrets)")
    .requiredOption("--tenant <id>", "tenant id")
    .option("--json", "a JSON array of keys")
    .action(async (flags: { tenant: string; json?: boolean }) => {
      const list = await withDatabase(program, async ({ prisma }) => {
        await requireTenant(program, prisma, flags.tenant);
        return listApiKeys(prisma, flags.tenant);
      });
      if (flags.json) {
        console.log(JSON.stringify(list));
        return;
      }
      const table = new Table({
        head: ["id", "name", "role", "prefix", "created", "last used", "revoked"],
        ...tableStyle(),
      });
      const day = (at: string | null) => at?.slice(0, 10) ?? "";
      for (const key of list)
        table.push([
          key.id,
          key.name,
          key.role,
          key.prefix,
          day(key.created_at),
          day(key.last_used_at),
          day(key.revoked_at),
        ]);
      console.log(table.toString());
    });

  keys
    .command("revoke")
    .description("revoke a key: every server refuses it from its next request on")
    .argument("<id>", "the key's id (keys list)")
    .option("--json", "machine-readable")
    .action(async (id: string, flags: { json?: boolean }) => {
      if (!UUID.test(id)) program.error(`no API key ${id}`);
      const revoked = await withDatabase(program, async ({ prisma }) => {
        const key = await prisma.apiKey.findUnique({ where: { id }, select: { tenantId: true } });
        if (!key) program.error(`no API key ${id}`);
        return revokeApiKey(prisma, { tenantId: key.tenantId, keyId: id, actor: "cli" });
      });
      if (!revoked) program.error(`no API key ${id}`);
      console.log(
        flags.json
          ? JSON.stringify(revoked)
          : `API key ${revoked.id} (${revoked.name}, ${revoked.role}) revoked at ${revoked.revoked_at}`,
      );
    });

  program
    .command("audit")
    .description("the audit trail")
    .command("verify")
    .description(
      "recompute every tenant's hash chain; exit 1 if any event was edited, removed or reordered",
    )
    .option("--json", "machine-readable")
    .action(async (flags: { json?: boolean }) => {
      const result = await withDatabase(program, ({ prisma }) => verifyAuditChain(prisma));
      if (flags.json) console.log(JSON.stringify(result));
      else {
        console.log(`${result.events} events in ${result.tenants} tenants checked`);
        for (const broken of result.breaks)
          console.log(`  tenant ${broken.tenantId}, event ${broken.seq}: ${broken.reason}`);
        console.log(
          result.breaks.length === 0
            ? "the audit chain is intact"
            : `${result.breaks.length} break(s) found`,
        );
      }
      if (result.breaks.length > 0) process.exitCode = 1;
    });
}
