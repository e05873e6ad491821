import type { Command } from "commander";
import {
  createLogger,
  loadEnv,
  startService,
  startWorker,
  StartupError,
  type Env,
} from "@offgridflow/server";

/** Reads the configuration or stops with the names of the bad variables. */
export function configuration(program: Command): Env {
  try {
    return loadEnv();
  } catch (error) {
    return program.error((error as Error).message);
  }
}

/** `start()`, or one line naming the service that could not be reached, and exit 1. */
async function starting<T>(program: Command, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof StartupError) return program.error(`offgridflow: ${error.message}`);
    throw error;
  }
}

function stopOnSignal(close: () => Promise<void>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

export function registerService(program: Command): void {
  program
    .command("serve")
    .description(
      "start the HTTP API (with no DATABASE_URL: an embedded database; with no REDIS_URL: jobs in process)",
    )
    .action(async () => {
      const env = configuration(program);
      const log = createLogger(env);
      const service = await starting(program, () => startService(env, log));
      stopOnSignal(service.close);
      const database = service.database.embedded
        ? `embedded Postgres in ${env.OGF_DATA_DIR}`
        : "PostgreSQL (DATABASE_URL)";
      const jobs = env.REDIS_URL
        ? "BullMQ on REDIS_URL (run `offgridflow worker`)"
        : "in this process";
      console.log(`OffGridFlow is listening on ${service.url}`);
      console.log(`  API description: ${service.url}/v1/openapi.json`);
      console.log(`  database: ${database}; ledger imports: ${jobs}`);
      if (service.demoKey) {
        console.log("\nA demo tenant was created. Its admin API key, shown this once:");
        console.log(`  ${service.demoKey.key}`);
        console.log("\nTry:");
        console.log(
          `  curl -H "Authorization: Bearer ${service.demoKey.key}" -F file=@ledger.csv ${service.url}/v1/ledgers`,
        );
      }
    });

  program
    .command("worker")
    .description("process ledger imports from the BullMQ queue (needs DATABASE_URL and REDIS_URL)")
    .action(async () => {
      const env = configuration(program);
      const worker = await starting(program, () => startWorker(env, createLogger(env)));
      stopOnSignal(worker.close);
      console.log("OffGridFlow worker is taking ledger imports from the queue");
    });
}
