import { seedDemo, DEFAULT_DEMO_PASSWORD } from "~db/seed/demo";
import { emailEnv } from "~/email/config.server";
import { startWorker, stopWorker } from "~/email/worker.server";
import { currentDatabase, openDatabase, setDatabase } from "./db.server";
import { env } from "./env.server";

/**
 * Called once by server.js before it accepts requests: open, migrate, seed the demo. With several
 * server processes (WEB_CONCURRENCY) only the first does the one-time work and runs the worker.
 */
export async function startApp(options: { role?: "first" | "extra" } = {}) {
  const config = env();
  const emailConfig = emailEnv();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  setDatabase(database);
  if (options.role === "extra") return { databaseKind: database.kind };
  await database.migrate();
  const wantDemo = process.env.DEMO ? process.env.DEMO === "1" : database.kind === "pglite";
  if (wantDemo) {
    const password = config.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
    const result = await seedDemo(database.db, password);
    if (result.seeded) console.log("Demogegevens geladen.");
    if (!config.DEMO_PASSWORD) {
      console.log(`Demo-accounts (zie README) gebruiken het wachtwoord: ${DEFAULT_DEMO_PASSWORD}`);
    }
  }
  // E-mail and background work run in this process unless a separate `npm run worker` does it.
  if (emailConfig.WORKER !== "external") startWorker({ db: database.db });
  return { databaseKind: database.kind };
}

/** An open PGlite keeps Node alive and must be closed cleanly to keep its data folder intact. */
export async function stopApp() {
  await stopWorker();
  const database = currentDatabase();
  setDatabase(undefined);
  await database?.close();
}
