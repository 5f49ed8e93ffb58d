import { and, eq } from "drizzle-orm";
import { outboxMessages, users } from "~db/schema";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";

export type NotificationPreference = (typeof users.$inferSelect)["notificationPreference"];

export async function getNotificationPreference(db: Db, userId: string): Promise<NotificationPreference> {
  const [row] = await db.select({ preference: users.notificationPreference }).from(users).where(eq(users.id, userId));
  return row?.preference ?? "immediate";
}

/**
 * Changes the preference. Switching back to "immediate" releases what was waiting for the digest,
 * so nothing waits for an overview that is no longer wanted.
 */
export async function setNotificationPreference(db: Db, userId: string, preference: NotificationPreference, now = new Date()) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ preference: users.notificationPreference, email: users.email }).from(users).where(eq(users.id, userId));
    if (!before) return { changed: false, released: 0 };
    if (before.preference === preference) return { changed: false, released: 0 };
    await tx.update(users).set({ notificationPreference: preference }).where(eq(users.id, userId));
    let released = 0;
    if (preference === "immediate") {
      const rows = await tx
        .update(outboxMessages)
        .set({ status: "pending", nextAttemptAt: now, updatedAt: now })
        .where(and(eq(outboxMessages.status, "held"), eq(outboxMessages.toAddress, before.email)))
        .returning({ id: outboxMessages.id });
      released = rows.length;
    }
    await writeAudit(tx, {
      actorId: userId,
      regionId: null,
      action: "user.notification_preference",
      entityType: "user",
      entityId: userId,
      before: { notificationPreference: before.preference },
      after: { notificationPreference: preference, releasedMessages: released },
    });
    return { changed: true, released };
  });
}
