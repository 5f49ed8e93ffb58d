import { seedDemo, DEFAULT_DEMO_PASSWORD } from "~db/seed/demo";
import { currentDatabase, openDatabase, setDatabase } from "./db.server";
import { env } from "./env.server";

/** Called once by server.js before it accepts requests: open, migrate, seed the demo. */
export async function startApp() {
  const config = env();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  setDatabase(database);
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
  return { databaseKind: database.kind };
}

/** An open PGlite keeps Node alive and must be closed cleanly to keep its data folder intact. */
export async function stopApp() {
  const database = currentDatabase();
  setDatabase(undefined);
  await database?.close();
}
