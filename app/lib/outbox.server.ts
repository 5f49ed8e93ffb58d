import { randomUUID } from "node:crypto";
import { outboxMessages } from "~db/schema";
import type { Db } from "./db.server";

export interface OutboxMessage {
  regionId: string | null;
  template: string;
  to: { address: string; name?: string };
  subject: string;
  text: string;
  html?: string;
  payload?: Record<string, unknown>;
  /** Same key, same message: retried requests never queue a second copy. */
  idempotencyKey: string;
}

/** Header injection is impossible: line breaks never reach a header. */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

/** Call inside the transaction of the change that causes the message. */
export async function queueMessage(tx: Db, message: OutboxMessage) {
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      regionId: message.regionId,
      template: message.template,
      toAddress: headerSafe(message.to.address),
      toName: message.to.name ? headerSafe(message.to.name) : null,
      subject: headerSafe(message.subject),
      textBody: message.text,
      htmlBody: message.html ?? null,
      payload: message.payload ?? {},
      idempotencyKey: message.idempotencyKey,
      messageId: `<${randomUUID()}@herleidbaar.local>`,
    })
    .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
    .returning({ id: outboxMessages.id });
  return row?.id ?? null;
}
