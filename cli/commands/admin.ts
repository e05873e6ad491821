import type { Command } from "commander";
import {
  audit,
  createApiKey,
  openDatabase,
  verifyAuditChain,
  type Role,
} from "@offgridflow/server";
import { configuration } from "./service.ts";

const ROLES: readonly Role[] = ["admin", "editor", "reviewer", "viewer"];

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
        const tenant = await prisma.tenant
          .findUnique({ where: { id: flags.tenant } })
          .catch(() => null);
        if (!tenant) program.error(`no tenant ${flags.tenant}`);
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
