import { and, eq, inArray, like } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { auditEvents, consultationRounds, jobs, outboxMessages, users } from "~db/schema";
import { scheduleDailyDigest } from "~/email/digest.server";
import { setNotificationPreference } from "~/email/preferences.server";
import { ROUND_REMINDER_JOB, scheduleRoundReminders } from "~/email/reminders.server";
import { dutchTime } from "~/email/time";
import type { Database } from "~/lib/db.server";
import { queueMessage } from "~/lib/outbox.server";
import { createRegionRecord, createUserRecord } from "../factories";
import { useTestDatabase } from "../setup/db";
import { createRound, DAY, HOUR, submitReaction, testClock, testWorker } from "./fixtures";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});
beforeEach(async () => {
  await database.db.delete(outboxMessages);
  await database.db.delete(jobs);
});

async function reminders(roundId: string) {
  return database.db.select().from(outboxMessages).where(and(eq(outboxMessages.template, "herinnering"), like(outboxMessages.idempotencyKey, `reminder:${roundId}:%`)));
}

describe("deadline reminders", () => {
  test("7 days and 1 day before closing, to members of invited organisations that have not submitted, once", async () => {
    const closesAt = new Date("2027-03-20T16:00:00Z");
    const fixture = await createRound(database.db, { opensAt: new Date("2027-02-20T09:00:00Z"), closesAt, invitees: 3 });
    const [early, submitted, late] = fixture.organisations;
    await submitReaction(database.db, fixture, submitted!.organisation.id, new Date("2027-03-01T10:00:00Z"));
    const clock = testClock("2027-03-01T09:00:00Z");
    const worker = testWorker(database.db, null, { now: clock.now, schedulerEveryMs: 1 });

    // Ten days before: the jobs exist, nothing is sent yet.
    await worker.drain();
    const scheduled = await database.db.select().from(jobs).where(eq(jobs.kind, ROUND_REMINDER_JOB));
    expect(scheduled.map((j) => j.runAt.toISOString()).sort()).toEqual(["2027-03-13T16:00:00.000Z", "2027-03-19T16:00:00.000Z"]);
    expect(await reminders(fixture.round.id)).toHaveLength(0);

    // Seven days before (plus a little): reminders for the two organisations without a reaction.
    clock.set("2027-03-13T16:05:00Z");
    await worker.drain();
    let sent = await reminders(fixture.round.id);
    expect(sent).toHaveLength(4);
    const expected = [...early!.members, ...late!.members].map((m) => m.email).sort();
    expect(sent.map((m) => m.toAddress).sort()).toEqual(expected);
    expect(sent.every((m) => m.subject === "Herinnering: nog 7 dagen om te reageren op Regiovisie jeugdhulp")).toBe(true);
    expect(sent.every((m) => m.status === "kept" && m.textBody?.includes("zaterdag 20 maart 2027 om 17:00"))).toBe(true);
    expect(sent[0]!.textBody).toContain(`/visies/${fixture.region.slug}/${fixture.vision.slug}?versie=1`);

    // Running the scheduler and the worker again changes nothing.
    await scheduleRoundReminders(database.db, clock.now());
    clock.advance(HOUR);
    await worker.drain();
    expect(await reminders(fixture.round.id)).toHaveLength(4);

    // The late organisation submits; one day before, only the early one is reminded.
    await submitReaction(database.db, fixture, late!.organisation.id, new Date("2027-03-15T10:00:00Z"));
    clock.set("2027-03-19T16:00:00Z");
    await worker.drain();
    sent = (await reminders(fixture.round.id)).filter((m) => (m.payload as { daysLeft: number }).daysLeft === 1);
    expect(sent.map((m) => m.toAddress).sort()).toEqual(early!.members.map((m) => m.email).sort());
    expect(sent[0]!.subject).toBe("Laatste herinnering: reageren op Regiovisie jeugdhulp kan tot morgen");
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, fixture.round.id), eq(auditEvents.action, "round.reminders_queued")));
    expect(audit).toHaveLength(2);
  });

  test("an extended deadline moves the reminders; the old ones do nothing", async () => {
    const fixture = await createRound(database.db, { opensAt: new Date("2027-04-01T09:00:00Z"), closesAt: new Date("2027-04-20T16:00:00Z"), invitees: 1 });
    const clock = testClock("2027-04-05T09:00:00Z");
    const worker = testWorker(database.db, null, { now: clock.now, schedulerEveryMs: 1 });
    await worker.drain();
    await database.db.update(consultationRounds).set({ closesAt: new Date("2027-05-04T16:00:00Z") }).where(eq(consultationRounds.id, fixture.round.id));

    clock.set("2027-04-13T17:00:00Z"); // 7 days before the old deadline
    await worker.drain();
    expect(await reminders(fixture.round.id)).toHaveLength(0);

    clock.set("2027-04-27T17:00:00Z"); // 7 days before the new deadline
    await worker.drain();
    const sent = await reminders(fixture.round.id);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.textBody).toContain("dinsdag 4 mei 2027");
  });

  test("a round opened with 3 days left gets only the 1-day reminder; a missed window is not sent late", async () => {
    const fixture = await createRound(database.db, { opensAt: new Date("2027-06-01T09:00:00Z"), closesAt: new Date("2027-06-04T09:00:00Z"), invitees: 1 });
    const clock = testClock("2027-06-01T09:00:00Z");
    const worker = testWorker(database.db, null, { now: clock.now, schedulerEveryMs: 1 });
    await worker.drain();
    const scheduled = await database.db.select().from(jobs).where(eq(jobs.kind, ROUND_REMINDER_JOB));
    expect(scheduled.map((j) => (j.payload as { days: number }).days)).toEqual([1]);

    // The worker was down for the whole last day: after the deadline no reminder goes out.
    clock.set("2027-06-04T10:00:00Z");
    await worker.drain();
    expect(await reminders(fixture.round.id)).toHaveLength(0);
    const [job] = await database.db.select().from(jobs).where(eq(jobs.kind, ROUND_REMINDER_JOB));
    expect(job!.status).toBe("done");
  });
});

describe("daily digest and preferences", () => {
  function versionNotice(key: string, to: { address: string; name?: string }, regionId: string) {
    return {
      regionId,
      template: "nieuwe-versie" as const,
      to,
      idempotencyKey: key,
      data: {
        regionName: "Jeugdhulp Rijnmond",
        visionTitle: "Regiovisie jeugdhulp",
        versionLabel: "aangepast concept",
        publishedAt: new Date("2027-07-01T08:00:00Z"),
        changes: [{ section: "Bouwsteen 4", change: "Kortere wachttijd." }],
        changeCount: 1,
        link: "https://herleidbaar.test/visies/1?versie=2",
      },
    };
  }

  test("notifications wait for one overview a day at 08:00; essential e-mails go at once", async () => {
    const { region } = await createRegionRecord(database.db);
    const digester = await createUserRecord(database.db, { name: "Dirk Digest" });
    await database.db.update(users).set({ notificationPreference: "digest" }).where(eq(users.id, digester.id));
    const direct = await createUserRecord(database.db, { name: "Ina Direct" });
    const ids = await database.db.transaction(async (tx) => [
      await queueMessage(tx, versionNotice("n-1", { address: digester.email, name: digester.name }, region.id)),
      await queueMessage(tx, { ...versionNotice("n-2", { address: digester.email, name: digester.name }, region.id), idempotencyKey: "n-2" }),
      await queueMessage(tx, versionNotice("n-3", { address: direct.email }, region.id)),
      await queueMessage(tx, {
        regionId: region.id,
        template: "herinnering",
        to: { address: digester.email },
        idempotencyKey: "n-4",
        data: {
          organisationName: "Adviesraad",
          regionName: "Jeugdhulp Rijnmond",
          visionTitle: "Regiovisie jeugdhulp",
          versionLabel: "eerste concept",
          closesAt: new Date("2027-07-08T16:00:00Z"),
          daysLeft: 7,
          link: "https://herleidbaar.test/visies/1",
        },
      }),
    ]);
    const statuses = async () => (await database.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids as string[]))).map((r) => [r.idempotencyKey, r.status]).sort();
    expect(await statuses()).toEqual([
      ["n-1", "held"],
      ["n-2", "held"],
      ["n-3", "pending"],
      ["n-4", "pending"],
    ]);

    const clock = testClock("2027-07-01T05:00:00Z"); // 07:00 in Amsterdam (summer time)
    const worker = testWorker(database.db, null, { now: clock.now, schedulerEveryMs: 1 });
    await worker.drain();
    const [digestJob] = await database.db.select().from(jobs).where(eq(jobs.idempotencyKey, "digest:2027-07-01"));
    expect(digestJob!.runAt.toISOString()).toBe("2027-07-01T06:00:00.000Z");
    expect(await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "dagelijks-overzicht"))).toHaveLength(0);

    clock.set("2027-07-01T06:00:00Z");
    await worker.drain();
    const digests = await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "dagelijks-overzicht"));
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ toAddress: digester.email, status: "kept", subject: "Uw meldingen van Herleidbaar (2)" });
    expect(digests[0]!.textBody).toContain("Nieuwe versie van Regiovisie jeugdhulp: aangepast concept");
    expect(digests[0]!.textBody).toContain("https://herleidbaar.test/account/meldingen");
    expect(await statuses()).toEqual([
      ["n-1", "bundled"],
      ["n-2", "bundled"],
      ["n-3", "kept"],
      ["n-4", "kept"],
    ]);
    // Only one digest job a day.
    expect(await scheduleDailyDigest(database.db, new Date("2027-07-01T20:00:00Z"))).toBe(false);
    expect(await scheduleDailyDigest(database.db, new Date("2027-07-01T22:30:00Z"))).toBe(true); // 00:30 on 2 July in Amsterdam
  });

  test("switching back to immediate releases what was waiting, with an audit event", async () => {
    const { region } = await createRegionRecord(database.db);
    const user = await createUserRecord(database.db);
    await setNotificationPreference(database.db, user.id, "digest");
    const id = await database.db.transaction((tx) => queueMessage(tx, versionNotice("rel-1", { address: user.email }, region.id)));
    const [held] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id!));
    expect(held!.status).toBe("held");
    expect(await setNotificationPreference(database.db, user.id, "immediate")).toEqual({ changed: true, released: 1 });
    const [released] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id!));
    expect(released!.status).toBe("pending");
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "user.notification_preference")));
    expect(audit).toHaveLength(2);
  });

  test("Dutch time: 08:00 is 07:00 UTC in winter and 06:00 UTC in summer", () => {
    expect(dutchTime("2027-01-15", 8).toISOString()).toBe("2027-01-15T07:00:00.000Z");
    expect(dutchTime("2027-07-15", 8).toISOString()).toBe("2027-07-15T06:00:00.000Z");
    expect(dutchTime("2027-03-28", 8).toISOString()).toBe("2027-03-28T06:00:00.000Z");
    expect(DAY).toBe(86_400_000);
  });
});
