import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { outboxAttachments, outboxAttempts, outboxMessages } from "~db/schema";
import type { mailboxFilterNames } from "~/email/labels";
import { writeAudit } from "./audit.server";
import { isEmailName, renderStoredEmail } from "~/email/render.server";
import type { Db } from "./db.server";
import { newMessageId } from "./outbox.server";

const PAGE_SIZE = 25;

export type OutboxStatus = (typeof outboxMessages.$inferSelect)["status"];

/** Filters of the delivery log; "problemen" is what staff must look at. */
export const mailboxFilters = {
  alle: null,
  problemen: ["failed", "dead"],
  wachtend: ["pending", "sending", "held"],
  verzonden: ["sent"],
  bewaard: ["kept"],
} as const satisfies Record<(typeof mailboxFilterNames)[number], readonly OutboxStatus[] | null>;

export type MailboxFilter = keyof typeof mailboxFilters;

/** The delivery log: a region's outbox, newest first. */
export async function listMailbox(db: Db, regionId: string, page: number, filter: MailboxFilter = "alle") {
  const statuses = mailboxFilters[filter];
  const where = statuses
    ? and(eq(outboxMessages.regionId, regionId), inArray(outboxMessages.status, [...statuses]))
    : eq(outboxMessages.regionId, regionId);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: outboxMessages.id,
        subject: outboxMessages.subject,
        toAddress: outboxMessages.toAddress,
        status: outboxMessages.status,
        attempts: outboxMessages.attempts,
        maxAttempts: outboxMessages.maxAttempts,
        lastError: outboxMessages.lastError,
        nextAttemptAt: outboxMessages.nextAttemptAt,
        createdAt: outboxMessages.createdAt,
      })
      .from(outboxMessages)
      .where(where)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ value: count() }).from(outboxMessages).where(where),
  ]);
  return { rows, total: total?.value ?? 0, pageSize: PAGE_SIZE };
}

/** How many messages of the region are in each state. */
export async function mailboxCounts(db: Db, regionId: string): Promise<Partial<Record<OutboxStatus, number>>> {
  const rows = await db
    .select({ status: outboxMessages.status, value: count() })
    .from(outboxMessages)
    .where(eq(outboxMessages.regionId, regionId))
    .groupBy(outboxMessages.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.value]));
}

export async function getMailboxMessage(db: Db, regionId: string, id: string) {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.regionId, regionId)));
  if (!row) return null;
  const [attempts, attachments] = await Promise.all([
    db.select().from(outboxAttempts).where(eq(outboxAttempts.messageId, id)).orderBy(asc(outboxAttempts.startedAt), asc(outboxAttempts.id)),
    db
      .select({ id: outboxAttachments.id, filename: outboxAttachments.filename, contentType: outboxAttachments.contentType, size: outboxAttachments.size })
      .from(outboxAttachments)
      .where(eq(outboxAttachments.messageId, id))
      .orderBy(asc(outboxAttachments.position)),
  ]);
  // A template message is rendered by the worker; until then staff see what it will say.
  const textBody = row.textBody ?? (isEmailName(row.template) ? (await renderStoredEmail(row.template, row.payload)).text : null);
  return { ...row, textBody, isPreview: row.textBody === null && textBody !== null, attemptLog: attempts, attachments };
}

export type ResendResult = { ok: true; messageId: string } | { ok: false; message: string };

/**
 * A failed or dead message: try again now, as the same message (same Message-ID), with a fresh
 * series of attempts.
 */
export async function retryMessage(db: Db, actorId: string, regionId: string, id: string, now = new Date()): Promise<ResendResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(outboxMessages)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, lockedAt: null, lockedBy: null, updatedAt: now })
      .where(and(eq(outboxMessages.id, id), eq(outboxMessages.regionId, regionId), inArray(outboxMessages.status, ["failed", "dead"])))
      .returning({ id: outboxMessages.id, lastError: outboxMessages.lastError });
    if (!row) return { ok: false as const, message: "Dit bericht kan niet opnieuw geprobeerd worden: het is niet mislukt." };
    await writeAudit(tx, {
      actorId,
      regionId,
      action: "outbox.retry",
      entityType: "outbox_message",
      entityId: id,
      after: { status: "pending", previousError: row.lastError },
    });
    return { ok: true as const, messageId: id };
  });
}

/**
 * A delivered (or kept) message: send a new copy, e.g. when the recipient lost it. The copy is a
 * new message with its own Message-ID and points at the original.
 */
export async function resendMessage(db: Db, actorId: string, regionId: string, id: string, now = new Date()): Promise<ResendResult> {
  return db.transaction(async (tx) => {
    const [original] = await tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.id, id), eq(outboxMessages.regionId, regionId), inArray(outboxMessages.status, ["sent", "kept"])));
    if (!original || original.textBody === null) {
      return { ok: false as const, message: "Alleen een verzonden of bewaard bericht kan opnieuw verstuurd worden." };
    }
    const [copy] = await tx
      .insert(outboxMessages)
      .values({
        regionId: original.regionId,
        template: original.template,
        toAddress: original.toAddress,
        toName: original.toName,
        recipientUserId: original.recipientUserId,
        subject: original.subject,
        textBody: original.textBody,
        htmlBody: original.htmlBody,
        payload: original.payload,
        idempotencyKey: `resend:${original.id}:${randomUUID()}`,
        messageId: newMessageId(),
        resendOfId: original.id,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: outboxMessages.id });
    const attachments = await tx.select().from(outboxAttachments).where(eq(outboxAttachments.messageId, original.id));
    if (attachments.length > 0) {
      await tx.insert(outboxAttachments).values(attachments.map(({ id: _id, messageId: _messageId, ...rest }) => ({ ...rest, messageId: copy!.id })));
    }
    await writeAudit(tx, {
      actorId,
      regionId,
      action: "outbox.resend",
      entityType: "outbox_message",
      entityId: copy!.id,
      after: { resendOf: original.id, to: original.toAddress, subject: original.subject },
    });
    return { ok: true as const, messageId: copy!.id };
  });
}
