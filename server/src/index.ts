/**
 * @offgridflow/server: the HTTP API, persistence, jobs and ledger import.
 */
export { loadEnv, type Env } from "./env.ts";
export { createApp, type AppDependencies } from "./api.ts";
export {
  openDatabase,
  startService,
  startWorker,
  ensureDemoTenant,
  createLogger,
  StartupError,
  type Service,
} from "./runtime.ts";
export {
  createApiKey,
  listApiKeys,
  revokeApiKey,
  ApiKeyAuth,
  type ApiKeyDescription,
  type CreatedKey,
} from "./auth/api-keys.ts";
export { audit, verifyAuditChain, type Verification } from "./audit/audit.ts";
export type { PrismaClient, Role } from "./db/client.ts";
export { mapLedgerFile, mappedRowJson, type MappedRow } from "./mapping/map-ledger.ts";
export { chooserFromEnv } from "./mapping/llm/chooser.ts";
