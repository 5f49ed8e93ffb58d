import { readFileSync } from "node:fs";
import { and, eq, like } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "~db/schema";
import { auditEvents, jobs, outboxMessages, points, reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { Db } from "~/lib/db.server";
import { setDatabase } from "~/lib/db.server";
import { operationOf, saveReaction, setSignatories, startReaction } from "~/reactions/reactions.server";
import type { SaveReactionInput } from "~/reactions/schema.server";
import { getDraft, listSections, publishDraft } from "~/visions/visions.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord, sessionFor } from "../factories";
import { createVisionWithDraft } from "../factories/visions";
import { APP_CONNECTION_NAME, buildAppForFaults, startAppServer, type AppServer } from "./app-server";
import { postgresBinDir, startCluster, type Cluster } from "./postgres-cluster";

/**
 * Faults on a real PostgreSQL (issue 9): the built server (node server.js) against a throwaway
 * cluster that these tests stop, start, lock and kill the server under. No test hooks in the app:
 * a submission is stopped inside its transaction by a lock this test holds in its own connection.
 */

const binDir = postgresBinDir();
const title = binDir
  ? "faults on a real PostgreSQL"
  : "faults on a real PostgreSQL — skipped: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)";

const DB_DOWN_TEXT = "De database is tijdelijk niet bereikbaar";

let cluster: Cluster | undefined;
let server: AppServer | undefined;
let buildDir: string;
let client: postgres.Sql;
let db: Db;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}\nserver output:\n${server?.output().slice(-3000)}`);
}

/** The server's own connections (PGAPPNAME), optionally only those waiting for a lock. */
async function appBackends(waitingForLock = false) {
  const rows = waitingForLock
    ? await client`select pid from pg_stat_activity where application_name = ${APP_CONNECTION_NAME} and wait_event_type = 'Lock'`
    : await client`select pid from pg_stat_activity where application_name = ${APP_CONNECTION_NAME}`;
  return rows.length;
}

/** Holds what `statement` locks in an open transaction of the test's own connection until release(). */
async function holdLock(statement: (sql: postgres.TransactionSql) => Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const rollback = new Error("rollback");
  const done = client
    .begin(async (sql) => {
      await statement(sql);
      locked();
      await released;
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  await Promise.race([isLocked, done]);
  return {
    async release() {
      release();
      await done;
    },
  };
}

function origin() {
  return server!.baseUrl;
}

function get(pathname: string, cookie?: string) {
  return fetch(`${origin()}${pathname}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

function post(pathname: string, form: URLSearchParams, cookie: string) {
  return fetch(`${origin()}${pathname}`, {
    method: "POST",
    body: form,
    headers: { Cookie: cookie, Origin: origin(), "Content-Type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
}

/** A council member with a draft reaction (one anchored point, a signatory) on a round open today. */
async function readyReaction() {
  // The test's own pool may still hold connections PostgreSQL closed in an earlier test.
  await waitFor("the test's database connection", async () => (await client`select 1`).length === 1);
  const { region, regionOrganisation } = await createRegionRecord(db);
  const staff = await createUserRecord(db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const municipality = await createOrganisationRecord(db, region.id, { type: "gemeente", name: `Gemeente ${Math.random()}` });
  const council = await createOrganisationRecord(db, region.id, { type: "adviesraad", municipalityId: municipality.id });
  const memberUser = await createUserRecord(db, { name: "Lid Adviesraad", memberships: [{ organisationId: council.id, role: "member" }] });
  const chair = await createUserRecord(db, { name: "Voorzitter", memberships: [{ organisationId: council.id, role: "signatory" }] });
  const vision = await createVisionWithDraft(db, staff.id, region.id);
  const versionId = (await getDraft(db, vision.id))!.id;
  const day = 24 * 60 * 60 * 1000;
  const { roundId } = await publishDraft(db, staff.id, region.id, vision.id, {
    label: "eerste concept",
    isDefinitive: false,
    round: { opensAt: new Date(Date.now() - day), closesAt: new Date(Date.now() + 30 * day), visibility: "invited", acceptsLate: false, invitees: [council.id], reference: "ADV-1" },
  });
  const sectionKey = (await listSections(db, versionId))[0]!.key;
  const member = await viewerForUser(memberUser.id);
  const reaction = await startReaction(db, member!, { roundId: roundId!, organisationId: council.id });
  const letter = (revision: number, pointsInput: SaveReactionInput["points"], intent: string): SaveReactionInput => ({
    revision,
    addressedToId: reaction.addressedToId!,
    place: "Vlaardingen",
    letterDate: "2026-03-01",
    reference: null,
    theirReference: "ADV-1",
    subject: "Advies",
    introduction: "Inleiding van het advies.",
    conclusion: "Tot slot.",
    signatories: [],
    points: pointsInput,
    intent,
  });
  await saveReaction(db, member!, reaction.id, letter(await revisionOf(reaction.id), [], "add-point"), operationOf("add-point"));
  const [point] = await db.select().from(points).where(eq(points.reactionId, reaction.id));
  await saveReaction(db, member!, reaction.id, letter(await revisionOf(reaction.id), [{ id: point!.id, kind: "aandachtspunt", body: "Let op de lokale teams.", sectionKeys: [sectionKey], quote: null, general: undefined }], "save"));
  await setSignatories(db, member!, reaction.id, [chair.id]);
  const { cookie } = await sessionFor(db, memberUser.id);
  const revision = await revisionOf(reaction.id);
  /** The form the reaction page posts when the member presses "Indienen". */
  const submitForm = (submissionKey: string) =>
    new URLSearchParams([
      ["revision", String(revision)],
      ["addressedToId", reaction.addressedToId!],
      ["place", "Vlaardingen"],
      ["letterDate", "2026-03-01"],
      ["theirReference", "ADV-1"],
      ["subject", "Advies"],
      ["introduction", "Inleiding van het advies."],
      ["conclusion", "Tot slot."],
      ["signatories[0]", chair.id],
      ["points[0].id", point!.id],
      ["points[0].kind", "aandachtspunt"],
      ["points[0].body", "Let op de lokale teams, ook na de storing."],
      ["points[0].sectionKeys[0]", sectionKey],
      ["intent", "submit"],
      ["submissionKey", submissionKey],
    ]);
  /** The same letter as the submit form, as saveReaction input. */
  const submittedLetter = (at: number) => ({
    ...letter(at, [{ id: point!.id, kind: "aandachtspunt" as const, body: "Let op de lokale teams, ook na de storing.", sectionKeys: [sectionKey], quote: null, general: undefined }], "save"),
    signatories: [chair.id],
  });
  return { reactionId: reaction.id, pointId: point!.id, cookie, submitForm, submittedLetter, member: member!, memberName: memberUser.name };
}

async function revisionOf(reactionId: string) {
  const [row] = await db.select({ revision: reactions.revision }).from(reactions).where(eq(reactions.id, reactionId));
  return row!.revision;
}

/** Everything a submission writes: the frozen reaction, its audit event, its receipt job and the receipts. */
async function submissionState(reactionId: string) {
  const [reaction] = await db.select().from(reactions).where(eq(reactions.id, reactionId));
  const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, reactionId), eq(auditEvents.action, "reaction.submit")));
  const receiptJobs = await db.select().from(jobs).where(eq(jobs.idempotencyKey, `receipt:${reactionId}`));
  const receipts = await db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, `receipt:${reactionId}:%`));
  const [point] = await db.select().from(points).where(eq(points.reactionId, reactionId));
  return {
    status: reaction!.status,
    submittedAt: reaction!.submittedAt,
    submissionKey: reaction!.submissionKey,
    audits: audits.length,
    receiptJobs: receiptJobs.length,
    receipts: receipts.length,
    pointText: point!.plainText,
  };
}

async function expectNothingSubmitted(reactionId: string) {
  const state = await submissionState(reactionId);
  expect(state).toMatchObject({ status: "draft", submittedAt: null, submissionKey: null, audits: 0, receiptJobs: 0, receipts: 0 });
}

/** Waits until the killed server's connections are gone, so PostgreSQL has rolled back what they had open. */
async function waitUntilKilledServerIsGone() {
  await waitFor("the killed server's connections to end", async () => (await appBackends()) === 0);
}

describe.skipIf(!binDir)(title, () => {
  beforeAll(async () => {
    cluster = await startCluster(binDir!);
    buildDir = buildAppForFaults();
    // The server migrates the empty database at start-up.
    server = await startAppServer({ buildDir, databaseUrl: cluster.url });
    client = postgres(cluster.url, { max: 3, onnotice: () => {}, connection: { application_name: "herleidbaar-faults-test" } });
    db = drizzle(client, { schema }) as unknown as Db;
    // viewerForUser reads through the app's db().
    setDatabase({ db, kind: "postgres", migrate: async () => {}, close: () => client.end({ timeout: 1 }) });
  });

  afterAll(async () => {
    setDatabase(undefined);
    await server?.kill();
    await client?.end({ timeout: 1 });
    cluster?.destroy();
  });

  test("while PostgreSQL is stopped every page answers 503 with a Dutch page (no stack trace), and the app recovers without a restart", async () => {
    const r = await readyReaction();
    const page = `/reacties/${r.reactionId}`;
    const before = await get(page, r.cookie);
    expect(before.status).toBe(200);
    expect(await before.text()).toContain(r.memberName);

    // Visitors keep coming while the database goes away and comes back.
    const seen = new Map<number, number>();
    const servedAfterRecovery: number[] = [];
    const failures: string[] = [];
    let load = true;
    let back = false;
    const visitor = async () => {
      while (load) {
        const sentAfterRecovery = back;
        const response = await get(page, r.cookie).catch((error: unknown) => (failures.push(String(error)), null));
        if (response) {
          seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
          if (sentAfterRecovery) servedAfterRecovery.push(response.status);
          await response.arrayBuffer();
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const visitors = [visitor(), visitor()];

    cluster!.stop();
    try {
      // A page for an anonymous visitor, a logged-in page (session lookup), a form post and a download.
      for (const [pathname, cookie] of [["/visies", undefined], [page, r.cookie]] as const) {
        const response = await get(pathname, cookie);
        const html = await response.text();
        expect(response.status, pathname).toBe(503);
        expect(response.headers.get("content-type")).toContain("text/html");
        expect(html).toContain('<html lang="nl"');
        expect(html).toContain(DB_DOWN_TEXT);
        expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
        expect(html).not.toMatch(/ECONNREFUSED|\bat .+:\d+:\d+|Unexpected Server Error/);
      }
      const saved = await post(page, new URLSearchParams([["intent", "save"]]), r.cookie);
      expect(saved.status).toBe(503);
      expect(await saved.text()).toContain(DB_DOWN_TEXT);
      const pdf = await get(`${page}/reactie.pdf`, r.cookie);
      expect(pdf.status).toBe(503);
      expect(await pdf.text()).toContain(DB_DOWN_TEXT);
      expect((await get("/healthz")).status).toBe(503);
      expect(server!.child.exitCode).toBeNull();
    } finally {
      cluster!.start();
    }

    // Back without restarting the server: the same session, the same page.
    const recovered = await waitFor("the page to answer 200 again", async () => {
      const response = await get(page, r.cookie);
      return response.status === 200 ? response.text() : null;
    });
    expect(recovered).toContain(r.memberName);
    back = true;
    await waitFor("the visitors to be served again", async () => servedAfterRecovery.length >= 4);
    load = false;
    await Promise.all(visitors);

    expect(failures, "the server stayed up and answered every request").toEqual([]);
    // While PostgreSQL was away the visitors got 503 (never a 500), and once it was back 200 again.
    expect(seen.get(503), `statuses seen: ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    expect([...seen.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(new Set(servedAfterRecovery)).toEqual(new Set([200]));
    expect(server!.child.exitCode).toBeNull();
    expect(server!.output()).not.toMatch(/unhandled|uncaught/i);

    // Writing works again too, through a fresh connection pool.
    const response = await post(page, r.submitForm(`herstel-${Date.now()}`), r.cookie);
    expect(response.status).toBe(302);
    expect((await submissionState(r.reactionId)).status).toBe("submitted");
  });

  test("a submission killed while its letter is being saved stores nothing, and retrying it twice stores it exactly once", async () => {
    const r = await readyReaction();
    const page = `/reacties/${r.reactionId}`;
    const key = `sleutel-opslaan-${Date.now()}`;
    // The save transaction blocks on the reaction row the test holds.
    const lock = await holdLock((sql) => sql`select id from reactions where id = ${r.reactionId} for update`);
    const pending = post(page, r.submitForm(key), r.cookie).catch(() => "connection lost");
    await waitFor("the submission to wait for the lock", async () => (await appBackends(true)) > 0);
    await server!.kill();
    expect(await pending).toBe("connection lost");
    await lock.release();
    await waitUntilKilledServerIsGone();

    await expectNothingSubmitted(r.reactionId);
    expect((await submissionState(r.reactionId)).pointText).toBe("Let op de lokale teams.");

    server = await startAppServer({ buildDir, databaseUrl: cluster!.url });
    const retried = await post(page, r.submitForm(key), r.cookie);
    expect(retried.status).toBe(302);
    expect(retried.headers.get("location")).toContain(`${page}?ingediend=1`);
    const again = await post(page, r.submitForm(key), r.cookie);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toContain(`${page}?ingediend=1`);

    const state = await submissionState(r.reactionId);
    expect(state).toMatchObject({ status: "submitted", submissionKey: key, audits: 1, receiptJobs: 1, pointText: "Let op de lokale teams, ook na de storing." });
    // The worker of the new server sends one receipt to each of the two members.
    const receipts = await waitFor("the receipts", async () => ((await submissionState(r.reactionId)).receipts === 2 ? 2 : null), 30_000);
    expect(receipts).toBe(2);
  });

  test("a submission killed inside its submit transaction stores nothing, not even its last edits, and the very same request retried twice stores it exactly once", async () => {
    const r = await readyReaction();
    const page = `/reacties/${r.reactionId}`;
    const revision = await revisionOf(r.reactionId);
    const key = `sleutel-indienen-${Date.now()}`;
    // The submit transaction writes the receipt job last: an uncommitted job with the same
    // idempotency key makes that insert wait, after the reaction row and the audit event are written.
    const lock = await holdLock((sql) => sql`insert into jobs (kind, idempotency_key) values ('reactions.receipt', ${`receipt:${r.reactionId}`})`);
    const pending = post(page, r.submitForm(key), r.cookie).catch(() => "connection lost");
    await waitFor("the submission to wait for the lock", async () => (await appBackends(true)) > 0);
    await server!.kill();
    expect(await pending).toBe("connection lost");
    await lock.release();
    await waitUntilKilledServerIsGone();

    await expectNothingSubmitted(r.reactionId);
    // Saving the letter and submitting it are one transaction: the edits of the request are gone too.
    expect(await revisionOf(r.reactionId)).toBe(revision);
    expect((await submissionState(r.reactionId)).pointText).toBe("Let op de lokale teams.");

    // The very same request, retried twice, submits once.
    server = await startAppServer({ buildDir, databaseUrl: cluster!.url });
    const fresh = r.submitForm(key);
    expect((await post(page, fresh, r.cookie)).status).toBe(302);
    expect((await post(page, fresh, r.cookie)).status).toBe(302);

    const state = await submissionState(r.reactionId);
    expect(state).toMatchObject({ status: "submitted", submissionKey: key, audits: 1, receiptJobs: 1, pointText: "Let op de lokale teams, ook na de storing." });
    const receipts = await waitFor("the receipts", async () => ((await submissionState(r.reactionId)).receipts === 2 ? 2 : null), 30_000);
    expect(receipts).toBe(2);
  });

  test("with WEB_CONCURRENCY=2 two processes serve the port, and one that dies is replaced", async () => {
    const several = await startAppServer({ buildDir, databaseUrl: cluster!.url, env: { WEB_CONCURRENCY: "2" } });
    try {
      const primary = several.child.pid!;
      const workers = () => readFileSync(`/proc/${primary}/task/${primary}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      const listening = () => several.output().split("Herleidbaar draait op").length - 1;
      // Both say so once they listen (the second starts after the first; slow on a busy machine).
      const both = await waitFor("two serving processes", async () => (workers().length === 2 && listening() === 2 ? workers() : null), 120_000);
      const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${several.baseUrl}/healthz`).then((r) => r.status)));
      expect(statuses.every((status) => status === 200)).toBe(true);

      process.kill(both[1]!, "SIGKILL");
      const replaced = await waitFor("a replacement process", async () => {
        const now = workers();
        return now.length === 2 && !now.includes(both[1]!) ? now : null;
      });
      expect(replaced).toContain(both[0]);
      await waitFor("the replacement to serve", async () => listening() === 3, 120_000).catch((error: Error) => {
        throw new Error(`${error.message.split("\n")[0]}\noutput of the server with two processes:\n${several.output()}`);
      });
      const after = await Promise.all(Array.from({ length: 20 }, () => fetch(`${several.baseUrl}/healthz`).then((r) => r.status)));
      expect(after.every((status) => status === 200)).toBe(true);
    } finally {
      await several.stop();
    }
  }, 240_000);
});
