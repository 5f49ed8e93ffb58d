import { openDatabase, setDatabase, currentDatabase } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { emailEnv } from "./config.server";
import { startWorker, stopWorker } from "./worker.server";

/**
 * `npm run worker`: the worker as a process of its own, for scaled-out deployments on PostgreSQL
 * (start the app processes with WORKER=external). It does not migrate: the app does that at start.
 */
export async function startWorkerProcess() {
  const config = env();
  emailEnv();
  if (!config.DATABASE_URL) {
    throw new Error(
      "npm run worker heeft DATABASE_URL (PostgreSQL) nodig. De ingebouwde PGlite-database kan maar door één proces " +
        "geopend worden; zonder DATABASE_URL verwerkt de app zelf de e-mail en de taken.",
    );
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  setDatabase(database);
  const worker = startWorker({ db: database.db });
  return { workerId: worker.workerId, mode: worker.mode };
}

export async function stopWorkerProcess() {
  await stopWorker();
  const database = currentDatabase();
  setDatabase(undefined);
  await database?.close();
}
