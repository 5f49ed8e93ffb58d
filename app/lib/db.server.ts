import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "~db/schema";

export type Schema = typeof schema;
/** Both drivers share this interface; a transaction is also a Db. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve("db/migrations");

export const pgliteExtensions = { pg_trgm, unaccent };

export function openPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
  };
}

export function openPostgres(url: string, max = 10): Database {
  // While PostgreSQL is away or restarting, requests must fail fast (503) and the pool must come
  // back as soon as it is up again. postgres.js' defaults hold them instead: a hanging connect waits
  // 30 s, and every failed connect grows a pool-wide reconnect delay up to 20 s (3^n/100 s).
  const client = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: 5,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    migrate: () => migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder }),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Picks the driver: PostgreSQL when a URL is given, otherwise PGlite with its data on disk. */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir, { extensions: pgliteExtensions });
  return openPglite(client);
}

// One database per process, kept on globalThis so that every copy of this module (the server bundle,
// dev rebuilds) shares it.
const holder = globalThis as typeof globalThis & { __herleidbaarDatabase?: Database };

export function setDatabase(database: Database | undefined) {
  holder.__herleidbaarDatabase = database;
}

export function db(): Db {
  const database = holder.__herleidbaarDatabase;
  if (!database) throw new Error("Database is not open: call openDatabase() at start-up.");
  return database.db;
}

export function currentDatabase(): Database | undefined {
  return holder.__herleidbaarDatabase;
}
