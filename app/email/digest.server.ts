/**
 * Daily digest: non-essential notifications of people who chose "één e-mail per dag" wait in the
 * outbox as `held`; once a day (08:00 Dutch time) each recipient gets one overview and the held
 * messages become `bundled`, pointing at it.
 */
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import { outboxMessages } from "~db/schema";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { queueMessage } from "~/lib/outbox.server";
import { z } from "~/lib/zod.server";
import { enqueueJob } from "./jobs.server";
import { emailSummary, isEmailName } from "./render.server";
import type { EmailInput } from "./render.server";
import { dutchDate, dutchTime } from "./time";

export const DAILY_DIGEST_JOB = "digest.daily";
export const DIGEST_HOUR = 8;

/** One digest job per Dutch calendar day, at 08:00 (or at once when the day's 08:00 has passed). */
export async function scheduleDailyDigest(db: Db, now: Date): Promise<boolean> {
  const date = dutchDate(now);
  const id = await enqueueJob(db, {
    kind: DAILY_DIGEST_JOB,
    payload: { date },
    idempotencyKey: `digest:${date}`,
    runAt: dutchTime(date, DIGEST_HOUR),
  });
  return id !== null;
}

const DigestPayload = z.object({ date: z.iso.date() });

function summaryOf(row: typeof outboxMessages.$inferSelect): string {
  if (isEmailName(row.template)) {
    try {
      return emailSummary(row.template, row.payload as EmailInput<typeof row.template>);
    } catch {
      // fall back to the subject
    }
  }
  return row.subject;
}

function linkOf(payload: unknown): string | undefined {
  const value = (payload as { link?: unknown } | null)?.link;
  return typeof value === "string" && /^https?:\/\//.test(value) ? value : undefined;
}

/** The job: one overview per recipient of everything held until now. Idempotent per held message. */
export async function sendDailyDigests(db: Db, payload: unknown, now: Date): Promise<number> {
  const { date } = DigestPayload.parse(payload);
  const held = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, "held"), lte(outboxMessages.createdAt, now)))
    .orderBy(asc(outboxMessages.toAddress), asc(outboxMessages.createdAt));
  const byRecipient = new Map<string, typeof held>();
  for (const row of held) {
    const list = byRecipient.get(row.toAddress) ?? [];
    list.push(row);
    byRecipient.set(row.toAddress, list);
  }
  let digests = 0;
  for (const [address, rows] of byRecipient) {
    const first = rows[0]!;
    await db.transaction(async (tx) => {
      const digestId = await queueMessage(tx, {
        regionId: rows.every((r) => r.regionId === first.regionId) ? first.regionId : null,
        template: "dagelijks-overzicht",
        to: { address, name: first.toName ?? undefined },
        recipientUserId: first.recipientUserId,
        idempotencyKey: `digest:${date}:${address}:${first.id}`,
        data: {
          recipientName: first.toName ?? undefined,
          date: now,
          items: rows.slice(0, 200).map((r) => ({ subject: r.subject, summary: summaryOf(r), link: linkOf(r.payload) })),
        },
      });
      if (!digestId) return;
      const ids = rows.map((r) => r.id);
      await tx
        .update(outboxMessages)
        .set({ status: "bundled", digestId, updatedAt: now })
        .where(and(inArray(outboxMessages.id, ids), eq(outboxMessages.status, "held")));
      await writeAudit(tx, {
        actorId: null,
        regionId: null,
        action: "outbox.digest",
        entityType: "outbox_message",
        entityId: digestId,
        after: { date, messages: ids.length },
      });
      digests++;
    });
  }
  return digests;
}
