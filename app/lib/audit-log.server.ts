import { and, count, desc, eq, gte, lt } from "drizzle-orm";
import { auditEvents, users } from "~db/schema";
import type { Db } from "./db.server";

const PAGE_SIZE = 50;

export interface AuditFilters {
  action?: string;
  entityType?: string;
  from?: Date;
  until?: Date;
}

/** A region's audit events with allow-listed filters, newest first (indexed on region and time). */
export async function listAuditEvents(db: Db, regionId: string, filters: AuditFilters, page: number) {
  const conditions = [eq(auditEvents.regionId, regionId)];
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.entityType) conditions.push(eq(auditEvents.entityType, filters.entityType));
  if (filters.from) conditions.push(gte(auditEvents.at, filters.from));
  if (filters.until) conditions.push(lt(auditEvents.at, filters.until));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        action: auditEvents.action,
        entityType: auditEvents.entityType,
        entityId: auditEvents.entityId,
        actorName: users.name,
        before: auditEvents.before,
        after: auditEvents.after,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ value: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total: total?.value ?? 0, pageSize: PAGE_SIZE };
}

export { auditActions } from "./audit-labels";
