/**
 * Delivery of the transactional outbox.
 *
 * Guarantee: at least once, with an idempotent Message-ID. A worker claims due rows in one short
 * transaction (status → sending, locked_by/locked_at, attempts + 1, an attempt row) with
 * `FOR UPDATE SKIP LOCKED`, so two workers never claim the same row at the same time. It sends
 * outside any transaction, then records the outcome only if it still holds the claim.
 *
 * A worker that dies after the SMTP server accepted a message but before it recorded that, leaves
 * the row in `sending`. Once its claim is older than the lease, another worker (or the same one,
 * restarted) takes it over and sends it again, with the same Message-ID, Date, subject and body,
 * because both come from the row. That second copy is the price of never losing a message; the
 * receiving side sees one message (mail clients and archives collapse equal Message-IDs), never
 * two distinct ones. The lease is longer than the longest possible send (SMTP timeouts plus a hard
 * per-message timeout), so a slow but living worker is not overtaken.
 */
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { outboxAttachments, outboxAttempts, outboxMessages } from "~db/schema";
import type { EmailContext } from "../../emails";
import type { Db } from "~/lib/db.server";
import type { BackoffOptions } from "./backoff";
import { retryDelayMs } from "./backoff";
import { renderStoredEmail } from "./render.server";
import type { MailTransport } from "./transport.server";
import { describeError } from "./transport.server";

export type OutboxRow = typeof outboxMessages.$inferSelect;

export interface DeliveryOptions {
  workerId: string;
  now: Date;
  batchSize: number;
  /** A claim older than this is considered abandoned (its worker died) and is taken over. */
  leaseMs: number;
  backoff: BackoffOptions;
  /** null: no SMTP_URL; messages are rendered and kept for the dev mailbox. */
  transport: MailTransport | null;
  from: string;
  context: EmailContext;
  /** Hard limit for one send, on top of the SMTP timeouts. */
  sendTimeoutMs: number;
  random?: () => number;
}

export interface DeliveryResult {
  claimed: number;
  sent: number;
  kept: number;
  failed: number;
  dead: number;
}

/** Claims up to `limit` due messages, including abandoned claims, for this worker. */
export async function claimMessages(db: Db, options: { workerId: string; now: Date; limit: number; leaseMs: number }): Promise<OutboxRow[]> {
  const { workerId, now, limit, leaseMs } = options;
  const staleBefore = new Date(now.getTime() - leaseMs);
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(
        or(
          and(inArray(outboxMessages.status, ["pending", "failed"]), lte(outboxMessages.nextAttemptAt, now)),
          and(eq(outboxMessages.status, "sending"), lt(outboxMessages.lockedAt, staleBefore)),
        ),
      )
      .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    const rows = await tx
      .update(outboxMessages)
      .set({
        status: "sending",
        lockedAt: now,
        lockedBy: workerId,
        attempts: sql`${outboxMessages.attempts} + 1`,
        updatedAt: now,
      })
      .where(inArray(outboxMessages.id, due))
      .returning();
    if (rows.length === 0) return rows;
    const ids = rows.map((r) => r.id);
    await tx
      .update(outboxAttempts)
      .set({ outcome: "interrupted", finishedAt: now, error: "De verwerking stopte voordat de uitkomst was vastgelegd." })
      .where(and(inArray(outboxAttempts.messageId, ids), isNull(outboxAttempts.outcome)));
    await tx.insert(outboxAttempts).values(rows.map((r) => ({ messageId: r.id, attempt: r.attempts, workerId, startedAt: now })));
    return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
  });
}

type Outcome =
  | { kind: "sent"; response: string }
  | { kind: "kept" }
  | { kind: "failed"; error: string; permanent?: boolean };

/** Records the outcome of an attempt, only while this worker still holds the claim. */
async function record(db: Db, row: OutboxRow, options: DeliveryOptions, outcome: Outcome): Promise<"sent" | "kept" | "failed" | "dead" | "lost"> {
  const { workerId, now } = options;
  const released = { lockedAt: null, lockedBy: null, updatedAt: now };
  let status: "sent" | "kept" | "failed" | "dead";
  let values: Partial<typeof outboxMessages.$inferInsert>;
  if (outcome.kind === "sent") {
    status = "sent";
    values = { status, sentAt: now, transport: "smtp", lastError: null, ...released };
  } else if (outcome.kind === "kept") {
    status = "kept";
    values = { status, transport: "mailbox", lastError: null, ...released };
  } else if (outcome.permanent || row.attempts >= row.maxAttempts) {
    status = "dead";
    values = { status, lastError: outcome.error, ...released };
  } else {
    status = "failed";
    const delay = retryDelayMs(row.attempts, options.backoff, options.random);
    values = { status, lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + delay), ...released };
  }
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(outboxMessages)
      .set(values)
      .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.status, "sending"), eq(outboxMessages.lockedBy, workerId)))
      .returning({ id: outboxMessages.id });
    await tx
      .update(outboxAttempts)
      .set({
        outcome: status,
        finishedAt: now,
        error: outcome.kind === "failed" ? outcome.error : null,
        response: outcome.kind === "sent" ? outcome.response.slice(0, 1000) : null,
      })
      .where(
        and(
          eq(outboxAttempts.messageId, row.id),
          eq(outboxAttempts.attempt, row.attempts),
          eq(outboxAttempts.workerId, workerId),
          isNull(outboxAttempts.outcome),
        ),
      );
    // Another worker took the claim over (this one was slower than the lease): it records the outcome.
    return updated.length > 0 ? status : "lost";
  });
}

/** Template messages are rendered once, on their first claim, and the result is stored on the row. */
async function ensureRendered(db: Db, row: OutboxRow, context: EmailContext): Promise<OutboxRow> {
  if (row.textBody !== null) return row;
  const rendered = await renderStoredEmail(row.template, row.payload, context);
  await db
    .update(outboxMessages)
    .set({ subject: rendered.subject, textBody: rendered.text, htmlBody: rendered.html })
    .where(eq(outboxMessages.id, row.id));
  return { ...row, subject: rendered.subject, textBody: rendered.text, htmlBody: rendered.html };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Time-out: geen antwoord binnen ${Math.round(ms / 1000)} seconden`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function loadAttachments(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, Array<{ filename: string; contentType: string; content: Buffer }>>();
  const rows = await db
    .select()
    .from(outboxAttachments)
    .where(inArray(outboxAttachments.messageId, ids))
    .orderBy(asc(outboxAttachments.messageId), asc(outboxAttachments.position));
  const byMessage = new Map<string, Array<{ filename: string; contentType: string; content: Buffer }>>();
  for (const a of rows) {
    const list = byMessage.get(a.messageId) ?? [];
    list.push({ filename: a.filename, contentType: a.contentType, content: a.content });
    byMessage.set(a.messageId, list);
  }
  return byMessage;
}

async function deliverOne(db: Db, claimed: OutboxRow, options: DeliveryOptions, attachments: Map<string, Array<{ filename: string; contentType: string; content: Buffer }>>) {
  let row: OutboxRow;
  try {
    row = await ensureRendered(db, claimed, options.context);
  } catch (error) {
    // Bad template data never gets better by retrying.
    return record(db, claimed, options, { kind: "failed", error: `Opmaken mislukt: ${describeError(error)}`, permanent: true });
  }
  if (!options.transport) return record(db, row, options, { kind: "kept" });
  try {
    const result = await withTimeout(
      options.transport.send({
        messageId: row.messageId,
        from: options.from,
        to: { address: row.toAddress, name: row.toName },
        subject: row.subject,
        text: row.textBody ?? "",
        html: row.htmlBody,
        date: row.createdAt,
        attachments: attachments.get(row.id) ?? [],
      }),
      options.sendTimeoutMs,
    );
    return record(db, row, options, { kind: "sent", response: result.response });
  } catch (error) {
    return record(db, row, options, { kind: "failed", error: describeError(error) });
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Claims one batch and delivers it; every failure is recorded, nothing is thrown for a bad message. */
export async function deliverBatch(db: Db, options: DeliveryOptions): Promise<DeliveryResult> {
  const claimed = await claimMessages(db, { workerId: options.workerId, now: options.now, limit: options.batchSize, leaseMs: options.leaseMs });
  const result: DeliveryResult = { claimed: claimed.length, sent: 0, kept: 0, failed: 0, dead: 0 };
  if (claimed.length === 0) return result;
  const attachments = options.transport ? await loadAttachments(db, claimed.map((r) => r.id)) : new Map();
  const outcomes = await mapLimit(claimed, options.transport?.concurrency ?? 1, (row) => deliverOne(db, row, options, attachments));
  for (const outcome of outcomes) if (outcome !== "lost") result[outcome]++;
  return result;
}
