// Corrections (issue 5): a submitted reaction is corrected by a new revision linked to the old one.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, outboxMessages, pointAnchors, points, reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import { parseTriageFilters, type TriageFilterInput } from "~/answers/schema.server";
import { listTriage } from "~/answers/triage.server";
import { registeredJobHandlers, runDueJobs } from "~/email/jobs.server";
import { defaultBackoff } from "~/email/backoff";
import type { Database } from "~/lib/db.server";
import { currentDataVersion } from "~/lib/data-version.server";
import { correctReaction, discardCorrection, revisionTrace } from "~/reactions/corrections.server";
import {
  listRoundsForViewer,
  listSubmittedReactions,
  operationOf,
  pointCountsBySection,
  saveReaction,
  setSignatories,
  startReaction,
  submitReaction,
  withdrawReaction,
} from "~/reactions/reactions.server";
import type { SaveReactionInput } from "~/reactions/schema.server";
import { getDraft, listSections, publishDraft } from "~/visions/visions.server";
import * as reactionPage from "~/routes/reacties.$reactionId._index";
import * as discardRoute from "~/routes/reacties.$reactionId.correctie-weggooien";
import { createOrganisationRecord, createRegionRecord, createUserRecord, sessionFor } from "../factories";
import { renderPage } from "../security/render-page";
import { getRequest, postRequest, run, testContext } from "../setup/requests";
import { createVisionWithDraft } from "../factories/visions";
import { useTestDatabase } from "../setup/db";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

const OPEN = new Date("2026-03-01T10:00:00Z");
const AFTER = new Date("2026-05-01T10:00:00Z");

async function scenario() {
  const { region, regionOrganisation } = await createRegionRecord(database.db);
  const staff = await createUserRecord(database.db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const council = await createOrganisationRecord(database.db, region.id, { type: "adviesraad" });
  const other = await createOrganisationRecord(database.db, region.id, { type: "aanbieder" });
  const member = await createUserRecord(database.db, { memberships: [{ organisationId: council.id, role: "member" }] });
  const chair = await createUserRecord(database.db, { name: "Voorzitter", memberships: [{ organisationId: council.id, role: "signatory" }] });
  const outsider = await createUserRecord(database.db, { memberships: [{ organisationId: other.id, role: "signatory" }] });
  const vision = await createVisionWithDraft(database.db, staff.id, region.id);
  const versionId = (await getDraft(database.db, vision.id))!.id;
  const { roundId } = await publishDraft(database.db, staff.id, region.id, vision.id, {
    label: "eerste concept",
    isDefinitive: false,
    round: { opensAt: new Date("2026-02-01"), closesAt: new Date("2026-04-01"), visibility: "invited", acceptsLate: false, invitees: [council.id, other.id], reference: "ADV-1" },
  });
  return {
    vision,
    council,
    other,
    roundId: roundId!,
    sections: await listSections(database.db, versionId),
    member: await viewerForUser(member.id),
    chair: await viewerForUser(chair.id),
    staff: await viewerForUser(staff.id),
    outsider: await viewerForUser(outsider.id),
  };
}
type Scenario = Awaited<ReturnType<typeof scenario>>;

async function current(id: string) {
  const [row] = await database.db.select().from(reactions).where(eq(reactions.id, id));
  return row!;
}

async function pointsOf(id: string) {
  return database.db.select().from(points).where(eq(points.reactionId, id)).orderBy(points.number);
}

function form(revision: number, rows: Array<{ id: string; text: string; sectionKey: string }>, reaction: { addressedToId: string | null }, signatories: string[] = []): SaveReactionInput {
  return {
    revision,
    addressedToId: reaction.addressedToId!,
    place: "Vlaardingen",
    letterDate: "2026-03-01",
    reference: "ASD/1",
    theirReference: "ADV-1",
    subject: "Advies",
    introduction: "Inleiding.",
    conclusion: "Tot slot.",
    signatories,
    points: rows.map((r) => ({ id: r.id, kind: "aandachtspunt", body: r.text, sectionKeys: [r.sectionKey], quote: null, general: undefined })),
    intent: "save",
  } as SaveReactionInput;
}

/** A submitted advies of two anchored points, signed by the chair. */
async function submittedAdvies(s: Scenario, key = "k") {
  const reaction = await startReaction(database.db, s.member, { roundId: s.roundId, organisationId: s.council.id }, OPEN);
  const sectionKey = s.sections[0]!.key;
  for (let i = 0; i < 2; i++) {
    const existing = (await pointsOf(reaction.id)).map((p) => ({ id: p.id, text: p.plainText, sectionKey }));
    await saveReaction(database.db, s.member, reaction.id, form((await current(reaction.id)).revision, existing, reaction), operationOf("add-point"));
  }
  const rows = await pointsOf(reaction.id);
  await saveReaction(
    database.db,
    s.member,
    reaction.id,
    form((await current(reaction.id)).revision, rows.map((p, i) => ({ id: p.id, text: `Oorspronkelijk punt ${i + 1}.`, sectionKey })), reaction, [s.chair.user.id]),
  );
  await setSignatories(database.db, s.member, reaction.id, [s.chair.user.id]);
  const submitted = await submitReaction(database.db, s.member, reaction.id, { revision: (await current(reaction.id)).revision, submissionKey: `${key}-submit-0001` }, OPEN);
  return { reaction: submitted, points: await pointsOf(reaction.id), sectionKey };
}

/** Edit the correction's first point and submit it. */
async function submitCorrection(s: Scenario, correctionId: string, sectionKey: string, key = "k") {
  const rows = await pointsOf(correctionId);
  const draft = await current(correctionId);
  await saveReaction(
    database.db,
    s.member,
    correctionId,
    form(draft.revision, rows.map((p, i) => ({ id: p.id, text: i === 0 ? "Gecorrigeerd punt 1." : p.plainText, sectionKey })), draft, [s.chair.user.id]),
  );
  return submitReaction(database.db, s.member, correctionId, { revision: (await current(correctionId)).revision, submissionKey: `${key}-correct-0001` }, OPEN);
}

const noFilters: TriageFilterInput = parseTriageFilters(new URLSearchParams());

async function runJobs() {
  await runDueJobs(database.db, { workerId: "test-worker", now: new Date(), batchSize: 50, leaseMs: 60_000, backoff: defaultBackoff, handlers: registeredJobHandlers() });
}

describe("correcting a submitted reaction", () => {
  test("correcting a submitted reaction creates a linked revision and the old one stays", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "link");
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);

    expect(correction).toMatchObject({ status: "draft", correctsId: old.reaction.id, organisationId: s.council.id, roundId: s.roundId, reference: "ASD/1", subject: "Advies" });
    const copies = await pointsOf(correction.id);
    // Same numbers, kinds and texts; the organisation's next free references, linked to the ones they replace.
    expect(copies.map((p) => [p.number, p.plainText])).toEqual(old.points.map((p) => [p.number, p.plainText]));
    const code = s.council.code;
    expect(copies.map((p) => p.reference)).toEqual([`${code}-3`, `${code}-4`]);
    const trace = await revisionTrace(database.db, correction);
    expect(copies.map((p) => trace.replaces[p.id])).toEqual(old.points.map((p) => p.reference));
    const copiedAnchors = await database.db.select().from(pointAnchors).where(eq(pointAnchors.pointId, copies[0]!.id));
    expect(copiedAnchors.map((a) => a.sectionKey)).toEqual([old.sectionKey]);

    // The draft correction is autosaved like any draft; submitting it supersedes the old one, which stays.
    const submitted = await submitCorrection(s, correction.id, old.sectionKey, "link");
    expect(submitted.status).toBe("submitted");
    expect(await current(old.reaction.id)).toMatchObject({ status: "superseded", submittedAt: old.reaction.submittedAt });
    expect((await pointsOf(old.reaction.id)).map((p) => p.plainText)).toEqual(["Oorspronkelijk punt 1.", "Oorspronkelijk punt 2."]);
    expect(await revisionTrace(database.db, old.reaction)).toMatchObject({ corrects: null, correctedBy: { id: correction.id, status: "submitted" } });
    expect(await revisionTrace(database.db, submitted)).toMatchObject({ corrects: { id: old.reaction.id }, correctedBy: null });

    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "reaction.supersede"));
    expect(audit.filter((a) => a.entityId === old.reaction.id)).toHaveLength(1);
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, correction.id), eq(auditEvents.action, "reaction.correct")))).toHaveLength(1);
  });

  test("the receipt of a submitted correction says it is a correction", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "mail");
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    await submitCorrection(s, correction.id, old.sectionKey, "mail");
    await runJobs();
    const receipts = (await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "ontvangstbevestiging"))).filter((m) =>
      JSON.stringify(m.payload).includes(correction.id),
    );
    expect(receipts.length).toBe(2);
    for (const receipt of receipts) {
      expect(receipt.subject).toMatch(/correctie van de reactie/);
      expect(receipt.payload).toMatchObject({ correctionOf: expect.any(String) });
    }
  });

  test("a second correction while one is open is refused", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "twice");
    const first = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    await expect(correctReaction(database.db, s.chair, old.reaction.id, OPEN)).rejects.toThrow(/al een correctie van deze reactie in bewerking/);
    expect(await database.db.select().from(reactions).where(eq(reactions.correctsId, old.reaction.id))).toHaveLength(1);
    // Once submitted, the old revision can no longer be corrected or withdrawn: only the newest.
    await submitCorrection(s, first.id, old.sectionKey, "twice");
    await expect(correctReaction(database.db, s.member, old.reaction.id, OPEN)).rejects.toThrow(/al gecorrigeerd/);
    await expect(withdrawReaction(database.db, s.member, old.reaction.id, OPEN)).rejects.toThrow(/gecorrigeerd/);
    const second = await correctReaction(database.db, s.member, first.id, OPEN);
    expect(second.correctsId).toBe(first.id);
  });

  test("correcting a draft, someone else's reaction, or in a closed round is refused and writes nothing", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "bad");
    const draft = await startReaction(database.db, s.outsider, { roundId: s.roundId, organisationId: s.other.id }, OPEN);
    const count = async () => (await database.db.select().from(reactions)).length;
    const before = await count();
    await expect(correctReaction(database.db, s.outsider, draft.id, OPEN)).rejects.toThrow(/concept/);
    await expect(correctReaction(database.db, s.outsider, old.reaction.id, OPEN)).rejects.toThrow(/niet gevonden|Alleen leden/);
    await expect(correctReaction(database.db, s.staff, old.reaction.id, OPEN)).rejects.toThrow(/Alleen leden/);
    await expect(correctReaction(database.db, s.member, old.reaction.id, AFTER)).rejects.toThrow(/termijn is voorbij/);
    expect(await count()).toBe(before);
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.action, "reaction.correct"))).toSatisfy((rows: unknown[]) =>
      rows.every((r) => (r as { after: { corrects: string } }).after.corrects !== old.reaction.id),
    );
  });

  test("withdrawing the newest revision is audited and leaves the organisation's reaction withdrawn", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "withdraw");
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    await expect(withdrawReaction(database.db, s.member, old.reaction.id, OPEN)).rejects.toThrow(/correctie van deze reactie in bewerking/);
    await submitCorrection(s, correction.id, old.sectionKey, "withdraw");
    await withdrawReaction(database.db, s.member, correction.id, OPEN);
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, correction.id), eq(auditEvents.action, "reaction.withdraw")))).toHaveLength(1);
    const triage = await listTriage(database.db, s.vision.id, noFilters, s.staff.user.id);
    expect(triage.rows.filter((r) => r.organisation === s.council.name)).toEqual([]);
  });
});

describe("discarding a draft correction", () => {
  test("discarding a draft correction deletes it with its points, is audited, and the reaction can be corrected or withdrawn again", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "discard");
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    const copies = await pointsOf(correction.id);
    // Before: the open correction blocks withdrawing the reaction.
    await expect(withdrawReaction(database.db, s.member, old.reaction.id, OPEN)).rejects.toThrow(/correctie van deze reactie in bewerking/);

    expect(await discardCorrection(database.db, s.chair, correction.id)).toEqual({ correctsId: old.reaction.id });
    expect(await database.db.select().from(reactions).where(eq(reactions.id, correction.id))).toEqual([]);
    expect(await pointsOf(correction.id)).toEqual([]);
    expect(await database.db.select().from(pointAnchors).where(eq(pointAnchors.pointId, copies[0]!.id))).toEqual([]);
    // The submitted reaction is untouched.
    expect(await current(old.reaction.id)).toMatchObject({ status: "submitted", revision: old.reaction.revision });
    expect((await pointsOf(old.reaction.id)).map((p) => p.plainText)).toEqual(["Oorspronkelijk punt 1.", "Oorspronkelijk punt 2."]);
    expect(await revisionTrace(database.db, old.reaction)).toMatchObject({ correctedBy: null });
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, correction.id), eq(auditEvents.action, "reaction.correction.discard")));
    expect(event).toMatchObject({ actorId: s.chair.user.id, before: { status: "draft", correctsId: old.reaction.id } });

    // A new correction can be made, and the reaction can be withdrawn once no correction is open.
    const again = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    await discardCorrection(database.db, s.member, again.id);
    await withdrawReaction(database.db, s.member, old.reaction.id, OPEN);
    expect((await current(old.reaction.id)).status).toBe("withdrawn");
  });

  test("discarding is refused with a Dutch message for outsiders, staff, a submitted correction and a draft that is no correction; nothing changes", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "nodiscard");
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    const draft = await startReaction(database.db, s.outsider, { roundId: s.roundId, organisationId: s.other.id }, OPEN);
    const count = async () => (await database.db.select().from(reactions)).length;
    const before = await count();
    await expect(discardCorrection(database.db, s.outsider, correction.id)).rejects.toThrow(/niet gevonden|Alleen leden/);
    await expect(discardCorrection(database.db, s.staff, correction.id)).rejects.toThrow(/niet gevonden|Alleen leden/);
    await expect(discardCorrection(database.db, s.outsider, draft.id)).rejects.toThrow(/geen correctie/);
    await submitCorrection(s, correction.id, old.sectionKey, "nodiscard");
    await expect(discardCorrection(database.db, s.member, correction.id)).rejects.toThrow(/al ingediend; weggooien kan niet meer/);
    expect(await count()).toBe(before);
    expect((await current(correction.id)).status).toBe("submitted");
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.action, "reaction.correction.discard"))).toSatisfy((rows: unknown[]) =>
      rows.every((r) => (r as { entityId: string }).entityId !== correction.id),
    );
  });

  test("the draft correction's page offers to discard it; the route sends the member back to the reaction with a status message", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "discardpage");
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    const memberCookie = (await sessionFor(database.db, s.member.user.id)).cookie;
    const load = async (url: string, id: string) => {
      const { data } = await run(() => reactionPage.loader({ request: getRequest(url, memberCookie), params: { reactionId: id }, context: testContext() }));
      return data!;
    };
    const draftPage = await renderPage(reactionPage.default, await load(`/reacties/${correction.id}`, correction.id), `/reacties/${correction.id}`);
    expect(draftPage).toContain(`action="/reacties/${correction.id}/correctie-weggooien"`);
    expect(draftPage).toContain("Ja, gooi de correctie weg");
    // The submitted reaction itself offers no such button.
    expect(await renderPage(reactionPage.default, await load(`/reacties/${old.reaction.id}`, old.reaction.id), `/reacties/${old.reaction.id}`)).not.toContain("correctie-weggooien");

    const url = `/reacties/${correction.id}/correctie-weggooien`;
    const { response } = await run(() => discardRoute.action({ request: postRequest(url, {}, memberCookie), params: { reactionId: correction.id }, context: testContext() }));
    expect(response?.status).toBe(302);
    const back = response!.headers.get("location")!;
    expect(back).toBe(`/reacties/${old.reaction.id}?gedaan=correctie-weggegooid`);
    const after = await renderPage(reactionPage.default, await load(back, old.reaction.id), back);
    expect(after).toContain("De correctie is weggegooid.");
    expect(after).not.toContain("ga verder met de correctie");
  });
});

describe("drafts and the data version (memos and the page cache)", () => {
  test("autosaving a draft or starting a correction leaves the data version alone; submitting raises it", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "version");
    const reaction = await startReaction(database.db, s.outsider, { roundId: s.roundId, organisationId: s.other.id }, OPEN);
    const sectionKey = s.sections[0]!.key;
    const before = await currentDataVersion(database.db);
    for (let i = 0; i < 2; i++) {
      const existing = (await pointsOf(reaction.id)).map((p) => ({ id: p.id, text: p.plainText, sectionKey }));
      await saveReaction(database.db, s.outsider, reaction.id, form((await current(reaction.id)).revision, existing, reaction), operationOf("add-point"));
    }
    const rows = await pointsOf(reaction.id);
    await saveReaction(database.db, s.outsider, reaction.id, form((await current(reaction.id)).revision, rows.map((p) => ({ id: p.id, text: "Tekst in concept.", sectionKey })), reaction, [s.outsider.user.id]));
    await setSignatories(database.db, s.outsider, reaction.id, [s.outsider.user.id]);
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    expect((await pointsOf(reaction.id)).map((p) => p.plainText)).toEqual(["Tekst in concept.", "Tekst in concept."]);
    expect(await pointsOf(correction.id)).toHaveLength(2);
    expect(await currentDataVersion(database.db)).toBe(before);

    await submitReaction(database.db, s.outsider, reaction.id, { revision: (await current(reaction.id)).revision, submissionKey: "version-submit-0002" }, OPEN);
    const submitted = await currentDataVersion(database.db);
    expect(Number(submitted.split(":")[1])).toBeGreaterThan(Number(before.split(":")[1]));
    // Discarding removes points whose reaction is gone by commit time: counted as a change, to be safe.
    await discardCorrection(database.db, s.member, correction.id);
    expect(await currentDataVersion(database.db)).not.toBe(submitted);
  });
});

describe("staff see the newest revision", () => {
  test("staff triage shows only the newest revision's points", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "triage");
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    const references = async () => (await listTriage(database.db, s.vision.id, noFilters, s.staff.user.id)).rows.map((r) => r.reference).sort();
    // While the correction is a draft, the submitted revision is the current one.
    expect(await references()).toEqual(old.points.map((p) => p.reference).sort());
    await submitCorrection(s, correction.id, old.sectionKey, "triage");
    const newRefs = (await pointsOf(correction.id)).map((p) => p.reference).sort();
    expect(await references()).toEqual(newRefs);
    expect((await listTriage(database.db, s.vision.id, noFilters, s.staff.user.id)).total).toBe(2);
  });

  test("the staff list and section counts show the correction, not the revision it replaces", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "list");
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    await submitCorrection(s, correction.id, old.sectionKey, "list");
    const list = await listSubmittedReactions(database.db, s.vision.id, 1);
    expect(list.rows.map((r) => [r.id, r.correctsId])).toEqual([[correction.id, old.reaction.id]]);
    expect(list.total).toBe(1);
    expect(await pointCountsBySection(database.db, s.vision.id)).toEqual({ [old.sectionKey]: 2 });
    const rounds = await listRoundsForViewer(database.db, s.member);
    expect(rounds.find((r) => r.round.id === s.roundId)?.reaction?.id).toBe(correction.id);
  });
});

describe("the reaction pages", () => {
  test("both revisions show the link; a draft correction only to the organisation; corrected points say which point they replace", async () => {
    const s = await scenario();
    const old = await submittedAdvies(s, "page");
    const correction = await correctReaction(database.db, s.member, old.reaction.id, OPEN);
    const staffCookie = (await sessionFor(database.db, s.staff.user.id)).cookie;
    const memberCookie = (await sessionFor(database.db, s.member.user.id)).cookie;
    const load = async (id: string, cookie: string) => {
      const { data } = await run(() => reactionPage.loader({ request: getRequest(`/reacties/${id}`, cookie), params: { reactionId: id }, context: testContext() }));
      return data!;
    };
    expect((await load(old.reaction.id, staffCookie)).correctedBy).toBeNull();
    const memberView = await load(old.reaction.id, memberCookie);
    expect(memberView.correctedBy).toMatchObject({ id: correction.id, status: "draft" });
    expect(memberView.canCorrect).toBe(false);
    expect(await renderPage(reactionPage.default, memberView, `/reacties/${old.reaction.id}`)).toContain("ga verder met de correctie");

    await submitCorrection(s, correction.id, old.sectionKey, "page");
    const oldPage = await load(old.reaction.id, staffCookie);
    expect(oldPage.correctedBy).toMatchObject({ id: correction.id, status: "submitted" });
    expect(await renderPage(reactionPage.default, oldPage, `/reacties/${old.reaction.id}`)).toContain("Deze reactie is gecorrigeerd door");
    const newPage = await load(correction.id, staffCookie);
    expect(newPage.corrects).toMatchObject({ id: old.reaction.id });
    expect(newPage.points.map((p) => p.replaces)).toEqual(old.points.map((p) => p.reference));
    const html = await renderPage(reactionPage.default, newPage, `/reacties/${correction.id}`);
    expect(html).toContain("Dit is een correctie van");
    expect(html).toContain(`(vervangt ${old.points[0]!.reference})`);
  });
});
