import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * True for a reaction that no submitted correction replaces. Submitting a correction sets the
 * reaction it corrects to `superseded` in the same transaction, so every list that asks for
 * `status = 'submitted'` already leaves older revisions out; this condition is for lists that also
 * show withdrawn reactions. `status` is the reaction's status column, or SQL for it (sql`r.status`).
 */
export function isCurrentRevision(status: AnyPgColumn | SQL): SQL {
  return sql`${status} <> 'superseded'`;
}
