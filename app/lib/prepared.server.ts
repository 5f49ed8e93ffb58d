import type { Db } from "./db.server";

/**
 * Statements that run on every request, kept as drizzle prepared queries per database (or
 * transaction). drizzle sends its other queries unnamed, so PostgreSQL parses and plans them on
 * every call: for the session lookup (a join with a json_agg subquery) that planning cost more than
 * running it. A named statement is parsed once per connection and, after a few calls, reuses its plan;
 * drizzle also skips building the SQL text again.
 */
const preparedByDatabase = new WeakMap<Db, Map<string, unknown>>();

export function prepared<Prepared>(db: Db, name: string, build: (db: Db) => { prepare(name: string): Prepared }): Prepared {
  let byName = preparedByDatabase.get(db);
  if (!byName) {
    byName = new Map();
    preparedByDatabase.set(db, byName);
  }
  let query = byName.get(name) as Prepared | undefined;
  if (!query) {
    query = build(db).prepare(name);
    byName.set(name, query);
  }
  return query;
}
