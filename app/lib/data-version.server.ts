import { LRUCache } from "lru-cache";
import { sql } from "drizzle-orm";
import type { Database, Db } from "./db.server";
import { currentDatabase, db as currentDb } from "./db.server";

/**
 * The data version: a counter in PostgreSQL that triggers raise once per committing transaction that
 * changes a domain table (migration 0008), prefixed with the database's own epoch. Read it BEFORE
 * reading the data a cached value is computed from: a change that commits in between then only makes
 * the cached value newer than its label, never older, so a stale value is never served.
 */
export async function currentDataVersion(database: Db = currentDb()): Promise<string> {
  const result = await database.execute(sql`select epoch, version from data_version`);
  const rows = (Array.isArray(result) ? result : (result as { rows?: unknown[] }).rows ?? []) as Array<{ epoch: string; version: number | string }>;
  const row = rows[0];
  // Without the row (a database migrated by hand) nothing may be cached: every call gets a new label.
  if (!row) return `none:${performance.now()}:${Math.random()}`;
  return `${row.epoch}:${row.version}`;
}

interface Entry {
  version: string;
  value: unknown;
}

/** Estimated bytes of a value, so the memo is bounded by memory, not only by count. */
function sizeOf(entry: Entry): number {
  const { value } = entry;
  if (typeof value === "string") return value.length * 2 + 64;
  try {
    return Math.max(64, (JSON.stringify(value)?.length ?? 0) * 2);
  } catch {
    return 64 * 1024;
  }
}

const MEMO_BYTES = Number(process.env.DATA_MEMO_MB ?? 48) * 1024 * 1024;

interface Memo {
  values: LRUCache<string, Entry>;
  /** Computations under way, so ten requests arriving together compute a value once. */
  pending: Map<string, Promise<unknown>>;
  /** The version read under way: memos asked for together (one page's Promise.all) share it. */
  versionRead?: Promise<string>;
}

/** One memo per open database: tests open many databases copied from one template (same epoch). */
const memos = new WeakMap<Database, Memo>();

function memoOf(database: Database): Memo {
  let memo = memos.get(database);
  if (!memo) {
    memo = { values: new LRUCache<string, Entry>({ maxSize: MEMO_BYTES, sizeCalculation: sizeOf }), pending: new Map() };
    memos.set(database, memo);
  }
  return memo;
}

/**
 * Returns the value computed for `key` while the data version is unchanged, else computes it anew.
 * The key must name everything the value depends on besides the data (vision, filters, viewer, …).
 * For loaders only: it reads through the process's pool, never inside a transaction (a writing
 * transaction's own changes are not committed, so they must never be memoised). Callers share the
 * returned value: never mutate it.
 */
export async function memoByDataVersion<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const database = currentDatabase();
  if (!database) throw new Error("Database is not open: call openDatabase() at start-up.");
  const shared = memoOf(database);
  const { values: memo, pending } = shared;
  // A read already under way started before this call, so its version is never newer than the
  // data this call reads afterwards: sharing it keeps the rule above.
  shared.versionRead ??= currentDataVersion(database.db).finally(() => (shared.versionRead = undefined));
  const version = await shared.versionRead;
  const hit = memo.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const pendingKey = `${version}\u0000${key}`;
  const running = pending.get(pendingKey);
  if (running) return running as Promise<T>;
  const computing = compute().then(
    (value) => {
      memo.set(key, { version, value });
      pending.delete(pendingKey);
      return value;
    },
    (error: unknown) => {
      pending.delete(pendingKey);
      throw error;
    },
  );
  pending.set(pendingKey, computing);
  return computing;
}

/** Forgets every value memoised for the current database. */
export function clearDataMemo() {
  const database = currentDatabase();
  if (database) memos.delete(database);
}
