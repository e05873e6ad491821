// The one module through which the server reaches Prisma: the client is built here, on the pg
// driver adapter (no query-engine binary, see SETUP-NOTES), and the generated types are
// re-exported so that nothing else imports from ./generated.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";

export type { PrismaClient };
export { LedgerStatus, Prisma, Role, RowStatus } from "./generated/client.ts";
export type {
  ApiKey,
  AuditEvent,
  CalculationRun,
  Ledger,
  LedgerFile,
  LedgerRow,
  MappingRule,
  Membership,
  Tenant,
  User,
} from "./generated/client.ts";

/**
 * A client for the database at `databaseUrl`. `maxConnections` caps the pool (pg's default,
 * 10, when omitted); the embedded database serves one connection only and needs 1.
 */
export function createPrisma(
  databaseUrl: string,
  options: { maxConnections?: number } = {},
): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections });
  return new PrismaClient({ adapter });
}
