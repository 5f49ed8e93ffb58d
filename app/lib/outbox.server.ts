import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { outboxAttachments, outboxMessages, users } from "~db/schema";
import type { EmailName } from "../../emails";
import { headerSafe } from "~/email/headers";
import type { EmailInput } from "~/email/render.server";
import { emailCategory, emailSubject, isEmailName, serialiseEmailData } from "~/email/render.server";
import type { Db } from "./db.server";
import { appUrl } from "./env.server";
import { emailAddress } from "./zod.server";

export { headerSafe };

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

interface MessageBase {
  regionId: string | null;
  to: { address: string; name?: string };
  /** Same key, same message: retried requests never queue a second copy. */
  idempotencyKey: string;
  /** The account the message is for, when known (its notification preference applies). */
  recipientUserId?: string | null;
  /** E.g. the reaction or antwoordbrief as PDF; stored with the message, sent with every attempt. */
  attachments?: OutboxAttachment[];
}

/** A message whose text the caller wrote itself (plain text, optional HTML). */
export interface PrerenderedMessage extends MessageBase {
  template: string;
  subject: string;
  text: string;
  html?: string;
  payload?: Record<string, unknown>;
  data?: undefined;
}

/**
 * A message from a template in emails/: the data is validated now (a mistake throws and rolls the
 * change back) and rendered by the worker, so queueing costs the request one insert, not a render.
 */
export type TemplateMessage = {
  [N in EmailName]: MessageBase & { template: N; data: EmailInput<N>; subject?: string };
}[EmailName];

export type OutboxMessage = PrerenderedMessage | TemplateMessage;

export class InvalidAddressError extends Error {
  constructor(address: string) {
    super(`Ongeldig e-mailadres: ${JSON.stringify(address.slice(0, 80))}`);
    this.name = "InvalidAddressError";
  }
}

/** A valid, lower-cased address or an InvalidAddressError: nothing invalid reaches the outbox. */
export function validAddress(address: string): string {
  const parsed = emailAddress().safeParse(address);
  if (!parsed.success || headerSafe(parsed.data) !== parsed.data) throw new InvalidAddressError(address);
  return parsed.data;
}

function messageIdDomain(): string {
  try {
    const host = new URL(appUrl()).hostname;
    return host && host.includes(".") ? host : "herleidbaar.local";
  } catch {
    return "herleidbaar.local";
  }
}

/** Stable per outbox row: every attempt (also after a crash) carries the same Message-ID. */
export function newMessageId(): string {
  return `<${randomUUID()}@${messageIdDomain()}>`;
}

async function prefersDigest(tx: Db, message: MessageBase, address: string): Promise<boolean> {
  const [row] = await tx
    .select({ preference: users.notificationPreference })
    .from(users)
    .where(message.recipientUserId ? eq(users.id, message.recipientUserId) : eq(users.email, address))
    .limit(1);
  return row?.preference === "digest";
}

/**
 * Call inside the transaction of the change that causes the message. Returns the new row's id, or
 * null when a message with this idempotency key already exists.
 */
export async function queueMessage(tx: Db, message: OutboxMessage) {
  const address = validAddress(message.to.address);
  let subject: string;
  let textBody: string | null;
  let htmlBody: string | null;
  let payload: Record<string, unknown>;
  let held = false;
  if (message.data !== undefined) {
    if (!isEmailName(message.template)) throw new Error(`Onbekend e-mailsjabloon: ${message.template}`);
    payload = serialiseEmailData(message.template, message.data as EmailInput<typeof message.template>);
    subject = message.subject ?? emailSubject(message.template, payload as EmailInput<typeof message.template>);
    textBody = null;
    htmlBody = null;
    held = emailCategory(message.template) === "notification" && (await prefersDigest(tx, message, address));
  } else {
    subject = message.subject;
    textBody = message.text;
    htmlBody = message.html ?? null;
    payload = message.payload ?? {};
  }
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      regionId: message.regionId,
      template: message.template,
      toAddress: address,
      toName: message.to.name ? headerSafe(message.to.name) : null,
      recipientUserId: message.recipientUserId ?? null,
      subject: headerSafe(subject),
      textBody,
      htmlBody,
      payload,
      idempotencyKey: message.idempotencyKey,
      messageId: newMessageId(),
      status: held ? "held" : "pending",
    })
    .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
    .returning({ id: outboxMessages.id });
  if (!row) return null;
  const attachments = message.attachments ?? [];
  if (attachments.length > 0) {
    await tx.insert(outboxAttachments).values(
      attachments.map((attachment, position) => ({
        messageId: row.id,
        position,
        filename: headerSafe(attachment.filename).replace(/[\\/]/g, "_") || "bijlage",
        contentType: headerSafe(attachment.contentType) || "application/octet-stream",
        size: attachment.content.byteLength,
        content: Buffer.from(attachment.content),
      })),
    );
  }
  return row.id;
}

/** Messages in the outbox that still wait for delivery (for health checks and tests). */
export async function countUndelivered(db: Db): Promise<number> {
  const [row] = await db
    .select({ value: sql<number>`count(*)::int` })
    .from(outboxMessages)
    .where(sql`${outboxMessages.status} in ('pending', 'sending', 'failed')`);
  return row?.value ?? 0;
}
