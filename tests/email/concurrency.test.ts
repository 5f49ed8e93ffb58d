import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { jobs, outboxAttempts, outboxMessages } from "~db/schema";
import { claimMessages } from "~/email/delivery.server";
import type { JobHandler } from "~/email/jobs.server";
import { enqueueJob } from "~/email/jobs.server";
import type { MailTransport } from "~/email/transport.server";
import type { Database } from "~/lib/db.server";
import { queueMessage } from "~/lib/outbox.server";
import { createRegionRecord } from "../factories";
import { useTestDatabase } from "../setup/db";
import { HOUR, MINUTE, testClock, testWorker } from "./fixtures";
import type { TestSmtpServer } from "./smtp";
import { startSmtpServer, testTransport } from "./smtp";

let database: Database;
let regionId: string;
let server: TestSmtpServer;
beforeAll(async () => {
  database = await useTestDatabase();
  regionId = (await createRegionRecord(database.db)).region.id;
  server = await startSmtpServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  await database.db.delete(outboxMessages);
  server.received.length = 0;
});

const LEASE = 10 * MINUTE;

async function queueMany(prefix: string, count: number) {
  return database.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = await queueMessage(tx, {
        regionId,
        template: "visie-van-kracht",
        to: { address: `${prefix}-${i}@example.org`, name: `Ontvanger ${i}` },
        idempotencyKey: `${prefix}:${i}`,
        data: {
          regionName: "Jeugdhulp Rijnmond",
          visionTitle: "Regiovisie jeugdhulp",
          versionLabel: "definitief",
          effectiveAt: new Date("2027-01-01T12:00:00Z"),
          municipalityCount: 13,
          link: "https://herleidbaar.test/visies/1",
        },
      });
      ids.push(id!);
    }
    return ids;
  });
}

function receivedIds() {
  return server.received.map((m) => m.messageId);
}

describe("two workers", () => {
  test("never deliver the same message: every message arrives exactly once", async () => {
    const ids = await queueMany("twee", 30);
    const clock = testClock("2027-02-01T09:00:00Z");
    const a = testWorker(database.db, testTransport(server.url), { now: clock.now, workerId: "a", batchSize: 4 });
    const b = testWorker(database.db, testTransport(server.url), { now: clock.now, workerId: "b", batchSize: 4 });
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    await Promise.all([a.stop(), b.stop()]);
    const rows = await database.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    expect(server.received).toHaveLength(30);
    expect(new Set(receivedIds()).size).toBe(30);
    const attempts = await database.db.select().from(outboxAttempts).where(inArray(outboxAttempts.messageId, ids));
    expect(attempts).toHaveLength(30);
  });

  test("never take the same job", async () => {
    const runs: Array<{ jobId: string; workerId: string }> = [];
    const handler: JobHandler = async (_payload, { job, workerId }) => {
      runs.push({ jobId: job.id, workerId });
      await new Promise((resolve) => setTimeout(resolve, 1));
    };
    const handlers = new Map([["test.count", handler]]);
    const clock = testClock("2027-02-01T09:00:00Z");
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      ids.push((await enqueueJob(database.db, { kind: "test.count", payload: { i }, runAt: new Date("2027-02-01T08:00:00Z") }))!);
    }
    const workers = ["a", "b", "c"].map((workerId) => testWorker(database.db, null, { now: clock.now, workerId, batchSize: 3, handlers }));
    await Promise.all(workers.map((w) => w.drain()));
    expect(runs).toHaveLength(40);
    expect(new Set(runs.map((r) => r.jobId))).toEqual(new Set(ids));
    const rows = await database.db.select().from(jobs).where(inArray(jobs.id, ids));
    expect(rows.every((r) => r.status === "done" && r.attempts === 1 && r.lockedBy === null)).toBe(true);
  });
});

describe("a worker that dies", () => {
  test("mid-batch, before sending: a restarted worker takes over after the lease and delivers each message once", async () => {
    const ids = await queueMany("dood", 6);
    const clock = testClock("2027-02-02T09:00:00Z");
    // Worker "a" claims a batch and is killed before it sends anything.
    const claimed = await claimMessages(database.db, { workerId: "a", now: clock.now(), limit: 4, leaseMs: LEASE });
    expect(claimed).toHaveLength(4);

    const restarted = testWorker(database.db, testTransport(server.url), { now: clock.now, workerId: "a-restarted", leaseMs: LEASE });
    await restarted.drain();
    // Only the two unclaimed messages: a living claim is never taken over.
    expect(server.received).toHaveLength(2);

    clock.advance(LEASE + 1);
    await restarted.drain();
    await restarted.stop();
    expect(server.received).toHaveLength(6);
    expect(new Set(receivedIds()).size).toBe(6);
    const rows = await database.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    expect(rows.every((r) => r.status === "sent" && r.lockedBy === null)).toBe(true);
    const attempts = await database.db.select().from(outboxAttempts).where(inArray(outboxAttempts.messageId, claimed.map((c) => c.id)));
    expect(attempts.filter((a) => a.outcome === "interrupted")).toHaveLength(4);
    expect(attempts.filter((a) => a.outcome === "sent")).toHaveLength(4);
  });

  test("between sending and recording: the message is sent again with the same Message-ID, never as a second distinct message", async () => {
    const [id] = await queueMany("crash", 1);
    const clock = testClock("2027-02-03T09:00:00Z");
    const real = testTransport(server.url);
    let release: () => void = () => {};
    const frozen = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Worker "a" hands the message to SMTP, then freezes (as if killed) before it can record that.
    const dying: MailTransport = {
      kind: "smtp",
      concurrency: 1,
      async send(mail) {
        const result = await real.send(mail);
        await frozen;
        return result;
      },
      close: () => real.close(),
    };
    const a = testWorker(database.db, dying, { now: clock.now, workerId: "a", leaseMs: LEASE, sendTimeoutMs: HOUR });
    const aRound = a.tick();
    while (server.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const [during] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id!));
    expect(during).toMatchObject({ status: "sending", lockedBy: "a" });

    clock.advance(LEASE + 1);
    const b = testWorker(database.db, testTransport(server.url), { now: clock.now, workerId: "b", leaseMs: LEASE });
    await b.drain();
    await b.stop();
    expect(server.received).toHaveLength(2);
    expect(new Set(receivedIds())).toEqual(new Set([during!.messageId]));
    expect(server.received[0]!.raw.toString().match(/^Date: .*$/m)?.[0]).toBe(server.received[1]!.raw.toString().match(/^Date: .*$/m)?.[0]);

    // The frozen worker wakes up late: its claim was taken over, so it records nothing over "b".
    release();
    await aRound;
    await a.stop();
    const [after] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id!));
    expect(after).toMatchObject({ status: "sent", attempts: 2, lockedBy: null });
    const attempts = await database.db.select().from(outboxAttempts).where(eq(outboxAttempts.messageId, id!));
    expect(attempts.map((x) => [x.workerId, x.outcome]).sort()).toEqual([
      ["a", "interrupted"],
      ["b", "sent"],
    ]);
  });

  test("a failing job is retried with backoff and ends dead; the worker keeps going", async () => {
    const clock = testClock("2027-02-04T09:00:00Z");
    const id = await enqueueJob(database.db, { kind: "test.broken", maxAttempts: 2, idempotencyKey: "broken-1", runAt: clock.now() });
    expect(await enqueueJob(database.db, { kind: "test.broken", idempotencyKey: "broken-1" })).toBeNull();
    const handlers = new Map<string, JobHandler>([["test.broken", async () => Promise.reject(new Error("kapot"))]]);
    const worker = testWorker(database.db, null, { now: clock.now, handlers });
    expect((await worker.tick()).jobs).toMatchObject({ claimed: 1, failed: 1 });
    expect((await worker.tick()).jobs.claimed).toBe(0);
    clock.advance(MINUTE + 1);
    expect((await worker.tick()).jobs).toMatchObject({ claimed: 1, dead: 1 });
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(row).toMatchObject({ status: "dead", attempts: 2, lastError: "kapot" });
  });
});
