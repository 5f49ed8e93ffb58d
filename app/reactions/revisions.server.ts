import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * True for a reaction that no submitted (or later withdrawn) correction replaces: the one query
 * condition that keeps older revisions, and their points, out of lists of current work (triage,
 * the staff's list of reactions). `reactionId` is the reaction's id column, or SQL for it in raw
 * SQL (e.g. sql`r.id`). A draft correction does not count: until it is submitted the older
 * revision is the current one.
 */
export function isCurrentRevision(reactionId: AnyPgColumn | SQL): SQL {
  return sql`not exists (select 1 from reactions as correction where correction.corrects_id = ${reactionId} and correction.status <> 'draft')`;
}
