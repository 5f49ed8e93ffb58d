import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import type { Database } from "~/lib/db.server";
import { openPglite, openPostgres, pgliteExtensions, setDatabase } from "~/lib/db.server";
import { TEMPLATE_DATABASE, withDatabase } from "./global-db";

/**
 * A fresh, migrated database for this test file, also installed as the app's database so that
 * loaders and actions called by the test use it. Closed after the file.
 */
export async function useTestDatabase(): Promise<Database> {
  const database = inject("databaseMode") === "postgres" ? await freshPostgres() : await freshPglite();
  setDatabase(database);
  afterAll(async () => {
    setDatabase(undefined);
    await database.close();
  });
  return database;
}

async function freshPglite() {
  const dump = new Blob([readFileSync(inject("pgliteDump"))]);
  const client = await PGlite.create({ loadDataDir: dump, extensions: pgliteExtensions });
  return openPglite(client);
}

async function freshPostgres(): Promise<Database> {
  const url = process.env.DATABASE_URL!;
  const name = `herleidbaar_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  // Copying a template fails while another copy of it is running: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
      break;
    } catch (error) {
      if (attempt > 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 300));
    }
  }
  const database = openPostgres(withDatabase(url, name), 5);
  return {
    ...database,
    async close() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}
