// The zero-config database: PGlite (Postgres compiled to WASM, in this process) with its data in
// a folder, reachable over the Postgres wire protocol so that Prisma, its pg adapter and the
// migration CLI use it exactly like a real server.
//
// PGlite is one Postgres backend: it serves ONE connection at a time and refuses any other while
// that one is open. Hence, in this mode:
// - run migrate(url) before createPrisma(url): the CLI connects from its own process;
// - create the client with createPrisma(url, { maxConnections: 1 }).
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** postgresql:// URL of the running database. */
  url: string;
  /** Closes connections, frees the port and closes the data folder. */
  stop(): Promise<void>;
}

/** Opens (or creates) the database in `dataDir` and serves it on 127.0.0.1 at `port` (default: a free one). */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0 });
  // With port 0 the system picks the port; the server reports it in its "listening" event.
  let port = 0;
  server.addEventListener("listening", (event) => {
    port = (event as CustomEvent<{ port: number }>).detail.port;
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
