/**
 * A BullMQ import worker in its own process, for tests that kill it mid-import.
 *   node --import tsx worker-process.ts <databaseUrl> <redisUrl> <queueName>
 */
import { createPrisma } from "../../src/db/client.ts";
import { startImportWorker } from "../../src/jobs/bullmq-import-jobs.ts";
import { importLedgerProcessor } from "../../src/jobs/import-ledger.ts";
import { Metrics } from "../../src/metrics.ts";

const [databaseUrl, redisUrl, queueName] = process.argv.slice(2) as [string, string, string];
const prisma = createPrisma(databaseUrl);
const metrics = new Metrics(async () => ({ waiting: 0, active: 0, completed: 0, failed: 0 }));
// The production lock: the test's second worker takes the job back once it expires, so a lock
// that outlasts the test (it was 5 minutes while imports held the event loop) fails it.
startImportWorker(redisUrl, importLedgerProcessor({ prisma, metrics }), {
  queueName,
  stalledIntervalMs: 1_000,
});
console.log("worker ready");
