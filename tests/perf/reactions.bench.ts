// Benchmark (issue 5): autosave of a 30-point reaction (goal p95 < 50 ms), and 200 organisations
// submitting in the same minute before the deadline (goal: none lost, p95 < 500 ms).
// Run: npx tsx tests/perf/reactions.bench.ts   (PGlite in memory; DATABASE_URL=postgres://… for PostgreSQL)
import { PGlite } from "@electric-sql/pglite";
import { eq } from "drizzle-orm";
import { points, reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { Database } from "~/lib/db.server";
import { openPglite, openPostgres, pgliteExtensions, setDatabase } from "~/lib/db.server";
import { operationOf, saveReaction, setSignatories, startReaction, submitReaction } from "~/reactions/reactions.server";
import type { SaveReactionInput } from "~/reactions/schema.server";
import { getDraft, listSections, publishDraft } from "~/visions/visions.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "../factories";
import { createVisionWithDraft } from "../factories/visions";

const SUBMITTERS = Number(process.env.BENCH_SUBMITTERS ?? 200);
const POINTS = 30;
const SAVES = Number(process.env.BENCH_SAVES ?? 200);

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** SQL statements sent (PGlite only): the autosave's statement count is reported next to its timings. */
let statements = 0;

async function open(): Promise<Database> {
  if (process.env.DATABASE_URL) return openPostgres(process.env.DATABASE_URL, 10);
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const count = <T extends object>(target: T, method: "query" | "exec") => {
    const original = (target as Record<string, (...args: unknown[]) => unknown>)[method]!.bind(target);
    (target as Record<string, unknown>)[method] = (...args: unknown[]) => {
      statements++;
      return original(...args);
    };
  };
  count(client, "query");
  count(client, "exec");
  const transaction = client.transaction.bind(client);
  client.transaction = ((callback: (tx: object) => Promise<unknown>) =>
    transaction(async (tx) => {
      statements += 2; // BEGIN and COMMIT
      count(tx, "query");
      count(tx, "exec");
      return callback(tx);
    })) as typeof client.transaction;
  return openPglite(client);
}

const database = await open();
await database.migrate();
setDatabase(database);
const db = database.db;

const { region, regionOrganisation } = await createRegionRecord(db);
const staff = await createUserRecord(db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
const organisationIds: string[] = [];
const memberIds: string[] = [];
for (let i = 0; i < SUBMITTERS; i++) {
  const organisation = await createOrganisationRecord(db, region.id, { type: "aanbieder", code: `B${i}`, name: `Aanbieder ${i}` });
  const member = await createUserRecord(db, { memberships: [{ organisationId: organisation.id, role: "signatory" }] });
  organisationIds.push(organisation.id);
  memberIds.push(member.id);
}
const vision = await createVisionWithDraft(db, staff.id, region.id);
const versionId = (await getDraft(db, vision.id))!.id;
const now = new Date();
const { roundId } = await publishDraft(db, staff.id, region.id, vision.id, {
  label: "eerste concept",
  isDefinitive: false,
  round: { opensAt: new Date(now.getTime() - 86400_000), closesAt: new Date(now.getTime() + 86400_000), visibility: "registered", acceptsLate: false, invitees: [], reference: "BENCH" },
});
const sectionKey = (await listSections(db, versionId))[0]!.key;

type Draft = { id: string; addressedToId: string | null };
function saveInput(reaction: Draft, revision: number, pointRows: Array<{ id: string }>, edited: number, text: string): SaveReactionInput {
  return {
    revision,
    addressedToId: reaction.addressedToId ?? regionOrganisation.id,
    place: "Rotterdam",
    letterDate: "2026-03-10",
    reference: "B-1",
    theirReference: "BENCH",
    subject: "Reactie",
    introduction: "Inleiding.",
    conclusion: "Tot slot.",
    signatories: [],
    points: pointRows.map((p, i) => ({ id: p.id, kind: "aandachtspunt", body: i === edited ? text : `Punt ${i + 1} over de visie.`, sectionKeys: [sectionKey], quote: null, general: undefined })),
  } as unknown as SaveReactionInput;
}

// Autosave: one member edits one point of a 30-point reaction, again and again.
const writer = await viewerForUser(memberIds[0]!);
const reaction = await startReaction(db, writer, { roundId: roundId!, organisationId: organisationIds[0]! });
let revision = (await db.select().from(reactions).where(eq(reactions.id, reaction.id)))[0]!.revision;
for (let i = 0; i < POINTS; i++) {
  const rows = await db.select({ id: points.id }).from(points).where(eq(points.reactionId, reaction.id)).orderBy(points.number);
  revision = (await saveReaction(db, writer, reaction.id, saveInput(reaction, revision, rows, -1, ""), operationOf("add-point"))).revision;
}
const pointRows = await db.select({ id: points.id }).from(points).where(eq(points.reactionId, reaction.id)).orderBy(points.number);
const saveTimes: number[] = [];
const statementsBefore = statements;
for (let i = 0; i < SAVES; i++) {
  const started = performance.now();
  revision = (await saveReaction(db, writer, reaction.id, saveInput(reaction, revision, pointRows, i % POINTS, `Aangepaste tekst ${i}, steeds een beetje langer.`))).revision;
  saveTimes.push(performance.now() - started);
}
const statementsPerSave = (statements - statementsBefore) / SAVES;

// Submission rush: every organisation has a ready draft; all submit within the same minute.
const ready: Array<{ viewer: Awaited<ReturnType<typeof viewerForUser>>; id: string; revision: number }> = [];
for (let i = 1; i < SUBMITTERS; i++) {
  const viewer = await viewerForUser(memberIds[i]!);
  const draft = await startReaction(db, viewer, { roundId: roundId!, organisationId: organisationIds[i]! });
  let rev = (await db.select().from(reactions).where(eq(reactions.id, draft.id)))[0]!.revision;
  for (let p = 0; p < 3; p++) {
    const rows = await db.select({ id: points.id }).from(points).where(eq(points.reactionId, draft.id)).orderBy(points.number);
    rev = (await saveReaction(db, viewer, draft.id, saveInput(draft, rev, rows, -1, ""), operationOf("add-point"))).revision;
  }
  const rows = await db.select({ id: points.id }).from(points).where(eq(points.reactionId, draft.id)).orderBy(points.number);
  rev = (await saveReaction(db, viewer, draft.id, saveInput(draft, rev, rows, -1, ""))).revision;
  await setSignatories(db, viewer, draft.id, [memberIds[i]!]);
  rev = (await db.select().from(reactions).where(eq(reactions.id, draft.id)))[0]!.revision;
  ready.push({ viewer, id: draft.id, revision: rev });
}
const submitTimes: number[] = [];
const failures: string[] = [];
const rushStarted = performance.now();
let next = 0;
async function submitter() {
  while (next < ready.length) {
    const item = ready[next++]!;
    const started = performance.now();
    try {
      await submitReaction(db, item.viewer, item.id, { revision: item.revision, submissionKey: `bench-${item.id}` });
    } catch (error) {
      failures.push(String(error));
    }
    submitTimes.push(performance.now() - started);
  }
}
await Promise.all(Array.from({ length: 10 }, submitter));
const rushSeconds = (performance.now() - rushStarted) / 1000;
const submitted = (await db.select({ id: reactions.id }).from(reactions).where(eq(reactions.status, "submitted"))).length;

const fmt = (n: number) => `${n.toFixed(1)} ms`;
console.log(`\nReactions (${database.kind})`);
console.log(`autosave of a ${POINTS}-point reaction, ${SAVES} saves: p50 ${fmt(percentile(saveTimes, 50))}, p95 ${fmt(percentile(saveTimes, 95))} (goal p95 < 50 ms)${database.kind === "pglite" ? `; ${statementsPerSave.toFixed(1)} SQL statements per save` : ""}`);
console.log(
  `${ready.length} submissions, 10 at a time, in ${rushSeconds.toFixed(1)} s: p50 ${fmt(percentile(submitTimes, 50))}, p95 ${fmt(percentile(submitTimes, 95))} (goal p95 < 500 ms); stored ${submitted}/${ready.length}, errors ${failures.length}`,
);
if (failures.length) console.log(failures.slice(0, 3).join("\n"));
await database.close();
