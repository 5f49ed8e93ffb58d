import { auditEvents } from "~db/schema";
import type { Db } from "./db.server";

export interface AuditEvent {
  actorId: string | null;
  regionId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction of the change it records, so both land or neither does. */
export async function writeAudit(tx: Db, event: AuditEvent) {
  await tx.insert(auditEvents).values({
    actorId: event.actorId,
    regionId: event.regionId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: stripSecrets(event.before) ?? null,
    after: stripSecrets(event.after) ?? null,
  });
}

const secretKeys = new Set(["passwordHash", "tokenHash", "token", "password"]);

function stripSecrets(value: unknown): unknown {
  if (value === undefined || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(stripSecrets);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !secretKeys.has(key))
      .map(([key, v]) => [key, v instanceof Date ? v.toISOString() : stripSecrets(v)]),
  );
}
