import { and, count, desc, eq } from "drizzle-orm";
import { outboxMessages } from "~db/schema";
import type { Db } from "./db.server";

const PAGE_SIZE = 25;

/** The dev mailbox: a region's outbox, newest first. */
export async function listMailbox(db: Db, regionId: string, page: number) {
  const where = eq(outboxMessages.regionId, regionId);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: outboxMessages.id,
        subject: outboxMessages.subject,
        toAddress: outboxMessages.toAddress,
        status: outboxMessages.status,
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

export async function getMailboxMessage(db: Db, regionId: string, id: string) {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.regionId, regionId)));
  return row ?? null;
}
