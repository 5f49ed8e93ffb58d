/**
 * Deadline reminders: 7 days and 1 day before a consultation round closes, every member of an
 * invited organisation that has not submitted a reaction gets a reminder.
 *
 * The scheduler (run by the worker every minute, idempotent) puts one job per round and window in
 * the queue, keyed by the round, the window and the deadline. Extending the deadline creates new
 * jobs for the new date; the old ones see the changed deadline when they run and do nothing. A
 * window lasts one day (7d: from 7 to 6 days before; 1d: the last 24 hours), so a worker that was
 * down for hours still sends it, but a round opened with 3 days left gets no "7 days" reminder.
 */
import { and, eq, exists, gt, inArray, not } from "drizzle-orm";
import { consultationRounds, memberships, organisations, reactions, regions, roundInvitees, users, visions, visionVersions } from "~db/schema";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { queueMessage } from "~/lib/outbox.server";
import { z } from "~/lib/zod.server";
import { enqueueJob } from "./jobs.server";

export const ROUND_REMINDER_JOB = "round.reminder";
export const REMINDER_DAYS = [7, 1] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export function reminderWindow(closesAt: Date, days: number) {
  return { from: new Date(closesAt.getTime() - days * DAY_MS), until: new Date(closesAt.getTime() - (days - 1) * DAY_MS) };
}

/** Ensures a reminder job exists for every window of every round that still closes in the future. */
export async function scheduleRoundReminders(db: Db, now: Date): Promise<number> {
  const rounds = await db
    .select({ id: consultationRounds.id, closesAt: consultationRounds.closesAt })
    .from(consultationRounds)
    .where(and(gt(consultationRounds.closesAt, now), exists(db.select({ id: roundInvitees.id }).from(roundInvitees).where(eq(roundInvitees.roundId, consultationRounds.id)))));
  let created = 0;
  for (const round of rounds) {
    for (const days of REMINDER_DAYS) {
      const window = reminderWindow(round.closesAt, days);
      if (now >= window.until) continue;
      const closesAt = round.closesAt.toISOString();
      const id = await enqueueJob(db, {
        kind: ROUND_REMINDER_JOB,
        payload: { roundId: round.id, days, closesAt },
        idempotencyKey: `round-reminder:${round.id}:${days}d:${closesAt}`,
        runAt: window.from,
      });
      if (id) created++;
    }
  }
  return created;
}

const ReminderPayload = z.object({
  roundId: z.uuid(),
  days: z.union([z.literal(7), z.literal(1)]),
  closesAt: z.iso.datetime({ offset: true }),
});

/** The job: queues the reminders of one window, at most once per person (idempotency keys). */
export async function sendRoundReminders(db: Db, payload: unknown, now: Date): Promise<number> {
  const { roundId, days, closesAt } = ReminderPayload.parse(payload);
  const [round] = await db
    .select({
      id: consultationRounds.id,
      opensAt: consultationRounds.opensAt,
      closesAt: consultationRounds.closesAt,
      versionLabel: visionVersions.label,
      versionNumber: visionVersions.number,
      visionTitle: visions.title,
      visionSlug: visions.slug,
      regionId: regions.id,
      regionName: regions.name,
      regionSlug: regions.slug,
    })
    .from(consultationRounds)
    .innerJoin(visionVersions, eq(visionVersions.id, consultationRounds.versionId))
    .innerJoin(visions, eq(visions.id, visionVersions.visionId))
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(eq(consultationRounds.id, roundId));
  // Gone, or the deadline moved (a job for the new deadline exists), or the window is over.
  if (!round || round.closesAt.getTime() !== new Date(closesAt).getTime()) return 0;
  const window = reminderWindow(round.closesAt, days);
  if (now < window.from || now >= window.until || now < round.opensAt) return 0;

  const submitted = db
    .select({ id: reactions.id })
    .from(reactions)
    .where(and(eq(reactions.roundId, roundId), eq(reactions.organisationId, roundInvitees.organisationId), eq(reactions.status, "submitted")));
  const recipients = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
      reference: roundInvitees.adviceRequestReference,
    })
    .from(roundInvitees)
    .innerJoin(organisations, eq(organisations.id, roundInvitees.organisationId))
    .innerJoin(memberships, eq(memberships.organisationId, roundInvitees.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(roundInvitees.roundId, roundId),
        inArray(memberships.role, ["member", "signatory", "municipal_staff", "griffie"]),
        not(exists(submitted)),
      ),
    );
  if (recipients.length === 0) return 0;
  const link = `${appUrl()}/visies/${round.regionSlug}/${round.visionSlug}?versie=${round.versionNumber}`;
  return db.transaction(async (tx) => {
    let queued = 0;
    for (const r of recipients) {
      const id = await queueMessage(tx, {
        regionId: round.regionId,
        template: "herinnering",
        to: { address: r.email, name: r.name },
        recipientUserId: r.userId,
        idempotencyKey: `reminder:${roundId}:${days}d:${closesAt}:${r.organisationId}:${r.userId}`,
        data: {
          recipientName: r.name,
          organisationName: r.organisationName,
          regionName: round.regionName,
          visionTitle: round.visionTitle,
          versionLabel: round.versionLabel,
          closesAt: round.closesAt,
          daysLeft: days,
          reference: r.reference ?? undefined,
          link,
        },
      });
      if (id) queued++;
    }
    if (queued > 0) {
      await writeAudit(tx, {
        actorId: null,
        regionId: round.regionId,
        action: "round.reminders_queued",
        entityType: "consultation_round",
        entityId: roundId,
        after: { days, closesAt, messages: queued, organisations: [...new Set(recipients.map((r) => r.organisationId))].length },
      });
    }
    return queued;
  });
}
