import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, outboxAttachments, outboxMessages, points, reactions, sections } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { Database } from "~/lib/db.server";
import { proposeLetterImport } from "~/reactions/letter-import.server";
import {
  addQuotedPoint,
  applyLetterImport,
  forwardReaction,
  getReactionForViewer,
  operationOf,
  saveReaction,
  setSignatories,
  startReaction,
  submitReaction,
} from "~/reactions/reactions.server";
import type { SaveReactionInput } from "~/reactions/schema.server";
import { publishDraft, getDraft, listSections } from "~/visions/visions.server";
import { adviceLetterSeedText } from "~db/seed/reactions";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "../factories";
import { createVisionWithDraft } from "../factories/visions";
import { defaultBackoff } from "~/email/backoff";
import { registeredJobHandlers, runDueJobs } from "~/email/jobs.server";
import { readPdf } from "../letters/render-helpers";
import { useTestDatabase } from "../setup/db";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

const OPEN = new Date("2026-03-01T10:00:00Z");

/** The worker's job loop, once: receipts (with the reaction PDF) are made by a job after submission. */
async function runJobs() {
  await runDueJobs(database.db, {
    workerId: "test-worker",
    now: new Date(),
    batchSize: 50,
    leaseMs: 60_000,
    backoff: defaultBackoff,
    handlers: registeredJobHandlers(),
  });
}

async function scenario(options: { acceptsLate?: boolean } = {}) {
  const { region, regionOrganisation } = await createRegionRecord(database.db);
  const staff = await createUserRecord(database.db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const municipality = await createOrganisationRecord(database.db, region.id, { type: "gemeente", name: `Gemeente ${Math.random()}` });
  const council = await createOrganisationRecord(database.db, region.id, { type: "adviesraad", municipalityId: municipality.id });
  const other = await createOrganisationRecord(database.db, region.id, { type: "aanbieder" });
  const member = await createUserRecord(database.db, { memberships: [{ organisationId: council.id, role: "member" }] });
  const chair = await createUserRecord(database.db, { name: "Voorzitter", memberships: [{ organisationId: council.id, role: "signatory" }] });
  const outsider = await createUserRecord(database.db, { memberships: [{ organisationId: other.id, role: "signatory" }] });
  const municipalStaff = await createUserRecord(database.db, { memberships: [{ organisationId: municipality.id, role: "municipal_staff" }] });
  const vision = await createVisionWithDraft(database.db, staff.id, region.id);
  const versionId = (await getDraft(database.db, vision.id))!.id;
  const { roundId } = await publishDraft(database.db, staff.id, region.id, vision.id, {
    label: "eerste concept",
    isDefinitive: false,
    round: { opensAt: new Date("2026-02-01"), closesAt: new Date("2026-04-01"), visibility: "invited", acceptsLate: options.acceptsLate ?? false, invitees: [council.id], reference: "ADV-1" },
  });
  const versionSections = await listSections(database.db, versionId);
  return {
    region,
    council,
    other,
    roundId: roundId!,
    versionSections,
    member: await viewerForUser(member.id),
    chair: await viewerForUser(chair.id),
    staff: await viewerForUser(staff.id),
    outsider: await viewerForUser(outsider.id),
    municipalStaff: await viewerForUser(municipalStaff.id),
  };
}

async function revision(id: string) {
  const [row] = await database.db.select().from(reactions).where(eq(reactions.id, id));
  return row!.revision;
}

function input(reaction: { addressedToId: string | null }, rev: number, pointsInput: SaveReactionInput["points"], intent = "save"): SaveReactionInput {
  return {
    revision: rev,
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
  };
}

/** A draft with one anchored point and a signatory, ready to submit. */
async function readyDraft(s: Awaited<ReturnType<typeof scenario>>) {
  const reaction = await startReaction(database.db, s.member, { roundId: s.roundId, organisationId: s.council.id }, OPEN);
  await saveReaction(database.db, s.member, reaction.id, input(reaction, await revision(reaction.id), [], "add-point"), operationOf("add-point"));
  const [point] = await database.db.select().from(points).where(eq(points.reactionId, reaction.id));
  const section = s.versionSections[0]!;
  await saveReaction(
    database.db,
    s.member,
    reaction.id,
    input(reaction, await revision(reaction.id), [{ id: point!.id, kind: "aandachtspunt", body: "Let op de lokale teams.", sectionKeys: [section.key], quote: "thuis op", general: undefined }]),
  );
  await setSignatories(database.db, s.member, reaction.id, [s.chair.user.id]);
  return { reaction, point: point! };
}

describe("drafting", () => {
  test("starting twice gives one reaction per organisation per round, addressed to the council's college", async () => {
    const s = await scenario();
    const a = await startReaction(database.db, s.member, { roundId: s.roundId, organisationId: s.council.id }, OPEN);
    const b = await startReaction(database.db, s.chair, { roundId: s.roundId, organisationId: s.council.id }, OPEN);
    expect(b.id).toBe(a.id);
    expect(a.kind).toBe("advies");
    expect(a.adviceKind).toBe("gevraagd");
    expect(a.theirReference).toBe("ADV-1");
  });

  test("reacting for an organisation you are not a member of, or one not invited, is refused", async () => {
    const s = await scenario();
    await expect(startReaction(database.db, s.member, { roundId: s.roundId, organisationId: s.other.id }, OPEN)).rejects.toThrow(/lid van bent/);
    await expect(startReaction(database.db, s.outsider, { roundId: s.roundId, organisationId: s.other.id }, OPEN)).rejects.toThrow(/niet uitgenodigd/);
  });

  test("a closed round takes no new reactions", async () => {
    const s = await scenario();
    await expect(startReaction(database.db, s.member, { roundId: s.roundId, organisationId: s.council.id }, new Date("2026-05-01"))).rejects.toThrow(/verlopen/);
  });

  test("two members saving on the same revision: the second is a conflict and the first text stays", async () => {
    const s = await scenario();
    const { reaction, point } = await readyDraft(s);
    const rev = await revision(reaction.id);
    const mine = input(reaction, rev, [{ id: point.id, kind: "vraag", body: "Tekst van lid A.", sectionKeys: [s.versionSections[0]!.key], quote: null, general: undefined }]);
    await saveReaction(database.db, s.member, reaction.id, mine);
    const theirs = { ...mine, points: [{ ...mine.points[0]!, body: "Tekst van lid B." }] };
    await expect(saveReaction(database.db, s.chair, reaction.id, theirs)).rejects.toMatchObject({ code: "conflict" });
    const [stored] = await database.db.select().from(points).where(eq(points.id, point.id));
    expect(stored?.plainText).toBe("Tekst van lid A.");
  });

  test("a quote that does not occur in the section, or a section of another version, is refused and nothing is written", async () => {
    const s = await scenario();
    const { reaction, point } = await readyDraft(s);
    const rev = await revision(reaction.id);
    await expect(
      saveReaction(database.db, s.member, reaction.id, input(reaction, rev, [{ id: point.id, kind: "vraag", body: "x", sectionKeys: [s.versionSections[0]!.key], quote: "staat er niet", general: undefined }])),
    ).rejects.toThrow(/komt niet voor/);
    await expect(
      saveReaction(database.db, s.member, reaction.id, input(reaction, rev, [{ id: point.id, kind: "vraag", body: "x", sectionKeys: ["00000000-0000-4000-8000-000000000000"], quote: null, general: undefined }])),
    ).rejects.toThrow(/niet in deze versie/);
    expect(await revision(reaction.id)).toBe(rev);
  });

  test("reageer hierop adds a point anchored to the selected passage with W3C quote selectors", async () => {
    const s = await scenario();
    const reaction = await startReaction(database.db, s.member, { roundId: s.roundId, organisationId: s.council.id }, OPEN);
    const section = s.versionSections.find((x) => x.title === "Nabij")!;
    const point = await addQuotedPoint(database.db, s.member, reaction.id, { sectionKey: section.key, exact: "dichtbij  het gezin" });
    expect(point.reference).toBe(`${s.council.code}-1`);
    const anchors = await database.db.query.pointAnchors.findMany({ where: (a, { eq: equals }) => equals(a.pointId, point.id) });
    expect(anchors[0]).toMatchObject({ sectionKey: section.key, exact: "dichtbij het gezin", prefix: "Hulp ", positionStart: 5 });
    await expect(addQuotedPoint(database.db, s.member, reaction.id, { sectionKey: section.key, exact: "niet in de tekst" })).rejects.toThrow(/komt niet voor/);
  });
});

describe("submitting", () => {
  test("submitting twice with the same key stores one submission, one audit event and one receipt per member", async () => {
    const s = await scenario();
    const { reaction } = await readyDraft(s);
    const rev = await revision(reaction.id);
    const first = await submitReaction(database.db, s.member, reaction.id, { revision: rev, submissionKey: "sleutel-12345678" }, OPEN);
    const again = await submitReaction(database.db, s.member, reaction.id, { revision: rev, submissionKey: "sleutel-12345678" }, OPEN);
    expect(again.submittedAt?.getTime()).toBe(first.submittedAt?.getTime());
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, reaction.id), eq(auditEvents.action, "reaction.submit")))).toHaveLength(1);
    await runJobs();
    await runJobs();
    const receipts = await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "ontvangstbevestiging"));
    expect(receipts.filter((r) => JSON.stringify(r.payload).includes(reaction.id))).toHaveLength(2);
    await expect(submitReaction(database.db, s.member, reaction.id, { revision: rev + 1, submissionKey: "andere-sleutel-123" }, OPEN)).rejects.toThrow(/al ingediend/);
  });

  test("the ontvangstbevestiging carries the reaction as a tagged PDF with every point, its anchor and quote", async () => {
    const s = await scenario();
    const { reaction } = await readyDraft(s);
    await submitReaction(database.db, s.member, reaction.id, { revision: await revision(reaction.id), submissionKey: "sleutel-pdf-12345" }, OPEN);
    await runJobs();
    const [receipt] = await database.db
      .select({ id: outboxMessages.id, payload: outboxMessages.payload })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, "ontvangstbevestiging"), eq(outboxMessages.toAddress, s.member.user.email)));
    expect(receipt!.payload).toMatchObject({ attachmentName: expect.stringMatching(/\.pdf$/) });
    const [attachment] = await database.db.select().from(outboxAttachments).where(eq(outboxAttachments.messageId, receipt!.id));
    expect(attachment?.contentType).toBe("application/pdf");
    const pdf = await readPdf(new Uint8Array(attachment!.content));
    expect(pdf.hasStructTree).toBe(true);
    expect(pdf.text).toContain("Let op de lokale teams.");
    expect(pdf.text).toContain("thuis op");
    expect(pdf.text).toContain(s.versionSections[0]!.title);
    expect(pdf.text).toContain("Voorzitter");
  });

  test("editing after submission is refused", async () => {
    const s = await scenario();
    const { reaction, point } = await readyDraft(s);
    await submitReaction(database.db, s.member, reaction.id, { revision: await revision(reaction.id), submissionKey: "sleutel-abcdefgh" }, OPEN);
    await expect(
      saveReaction(database.db, s.member, reaction.id, input(reaction, await revision(reaction.id), [{ id: point.id, kind: "vraag", body: "later", sectionKeys: [], quote: null, general: "ja" }])),
    ).rejects.toThrow(/al ingediend/);
  });

  test("submission checks: at least one point, every point anchored or general, signatories chosen", async () => {
    const s = await scenario();
    const reaction = await startReaction(database.db, s.member, { roundId: s.roundId, organisationId: s.council.id }, OPEN);
    await expect(submitReaction(database.db, s.member, reaction.id, { revision: await revision(reaction.id), submissionKey: "k-00000001" }, OPEN)).rejects.toThrow(/minstens één punt/);
    await saveReaction(database.db, s.member, reaction.id, input(reaction, await revision(reaction.id), [], "add-point"), operationOf("add-point"));
    const [point] = await database.db.select().from(points).where(eq(points.reactionId, reaction.id));
    await saveReaction(database.db, s.member, reaction.id, input(reaction, await revision(reaction.id), [{ id: point!.id, kind: "vraag", body: "Waarom?", sectionKeys: [], quote: null, general: undefined }]));
    await expect(submitReaction(database.db, s.member, reaction.id, { revision: await revision(reaction.id), submissionKey: "k-00000002" }, OPEN)).rejects.toThrow(/algemeen/);
    await saveReaction(database.db, s.member, reaction.id, input(reaction, await revision(reaction.id), [{ id: point!.id, kind: "vraag", body: "Waarom?", sectionKeys: [], quote: null, general: "ja" }]));
    await expect(submitReaction(database.db, s.member, reaction.id, { revision: await revision(reaction.id), submissionKey: "k-00000003" }, OPEN)).rejects.toThrow(/ondertekent/);
  });

  test("after the deadline a reaction is refused, or accepted and marked late when the round allows it", async () => {
    const strict = await scenario();
    const a = await readyDraft(strict);
    await expect(submitReaction(database.db, strict.member, a.reaction.id, { revision: await revision(a.reaction.id), submissionKey: "k-late-0001" }, new Date("2026-04-02"))).rejects.toThrow(/verlopen/);
    const lenient = await scenario({ acceptsLate: true });
    const b = await readyDraft(lenient);
    const late = await submitReaction(database.db, lenient.member, b.reaction.id, { revision: await revision(b.reaction.id), submissionKey: "k-late-0002" }, new Date("2026-04-02"));
    expect(late.isLate).toBe(true);
  });
});

describe("visibility and forwarding", () => {
  test("a draft is visible to members only; once submitted also to the region's staff and the addressed college", async () => {
    const s = await scenario();
    const { reaction } = await readyDraft(s);
    expect(await getReactionForViewer(database.db, s.staff, reaction.id)).toBeNull();
    expect(await getReactionForViewer(database.db, s.outsider, reaction.id)).toBeNull();
    expect(await getReactionForViewer(database.db, s.municipalStaff, reaction.id)).toBeNull();
    await submitReaction(database.db, s.member, reaction.id, { revision: await revision(reaction.id), submissionKey: "k-vis-00001" }, OPEN);
    expect(await getReactionForViewer(database.db, s.staff, reaction.id)).not.toBeNull();
    expect(await getReactionForViewer(database.db, s.outsider, reaction.id)).toBeNull();
    const forwarded = await forwardReaction(database.db, s.municipalStaff, reaction.id, new Date("2026-03-03"));
    expect(forwarded.forwardedAt?.toISOString()).toBe("2026-03-03T00:00:00.000Z");
    await expect(forwardReaction(database.db, s.municipalStaff, reaction.id)).rejects.toThrow(/al doorgestuurd/);
  });
});

describe("importing an existing letter", () => {
  test("the Vlaardingen advies becomes nine anchored points with its date and kenmerk", async () => {
    const s = await scenario();
    const reaction = await startReaction(database.db, s.member, { roundId: s.roundId, organisationId: s.council.id }, OPEN);
    const proposal = await proposeLetterImport(database.db, reaction.versionId, adviceLetterSeedText());
    expect(proposal.points).toHaveLength(9);
    expect(proposal.letter.metadata.letterDate).toBe("2025-11-17");
    expect(proposal.letter.metadata.reference).toBe("adviesaanvraag per mail d.d. 1 oktober 2025");
    await applyLetterImport(database.db, s.member, reaction.id, {
      metadata: proposal.letter.metadata,
      introduction: proposal.letter.introduction,
      conclusion: proposal.letter.conclusion,
      points: proposal.points.map((p) => ({ text: p.text, kind: p.kind, sectionKeys: p.suggestions[0] ? [p.suggestions[0].key] : [], general: !p.suggestions[0] })),
    });
    const stored = await database.db.select().from(points).where(eq(points.reactionId, reaction.id));
    expect(stored.map((p) => p.reference).sort()).toContain(`${s.council.code}-9`);
    expect(stored.find((p) => p.number === 9)?.plainText).toBe("Minder regels.");
    const [row] = await database.db.select().from(reactions).where(eq(reactions.id, reaction.id));
    expect(row?.letterDate).toBe("2025-11-17");
    const sectionsOfVersion = await database.db.select().from(sections).where(eq(sections.versionId, reaction.versionId));
    expect(sectionsOfVersion.length).toBeGreaterThan(0);
  });
});

describe("plain mode", () => {
  test("three answers become points, the choice and consent are recorded, and it is submitted once", async () => {
    const { submitPlainReaction } = await import("~/reactions/reactions.server");
    const s = await scenario();
    const section = s.versionSections.find((x) => x.title === "Nabij")!;
    const input = { roundId: s.roundId, organisationId: s.council.id, sectionKey: section.key, opinion: "Goed.", missing: "", helps: "Een vast persoon.", publication: "anoniem" as const, submissionKey: "plain-key-0001" };
    const first = await submitPlainReaction(database.db, s.member, input, OPEN);
    const again = await submitPlainReaction(database.db, s.member, input, OPEN);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ status: "submitted", publicationChoice: "anoniem", isAnonymous: true });
    const stored = await database.db.select().from(points).where(eq(points.reactionId, first.id));
    expect(stored.map((p) => p.plainText).sort()).toEqual(["Wat ik ervan vind: Goed.", "Wat mij zou helpen: Een vast persoon."]);
  });
});

describe("staff overview", () => {
  test("staff see submitted reactions only, and per section how many points refer to it", async () => {
    const { listSubmittedReactions, pointCountsBySection } = await import("~/reactions/reactions.server");
    const s = await scenario();
    const { reaction } = await readyDraft(s);
    const visionId = reaction.visionId;
    expect((await listSubmittedReactions(database.db, visionId, 1)).total).toBe(0);
    expect(await pointCountsBySection(database.db, visionId)).toEqual({});
    await submitReaction(database.db, s.member, reaction.id, { revision: await revision(reaction.id), submissionKey: "k-staff-0001" }, OPEN);
    const list = await listSubmittedReactions(database.db, visionId, 1);
    expect(list.rows.map((r) => [r.organisation, Number(r.points)])).toEqual([[s.council.name, 1]]);
    expect(await pointCountsBySection(database.db, visionId)).toEqual({ [s.versionSections[0]!.key]: 1 });
  });
});

describe("withdrawal", () => {
  test("withdrawing keeps the reaction on record and lets the organisation start a new one; not after the deadline", async () => {
    const { withdrawReaction } = await import("~/reactions/reactions.server");
    const s = await scenario();
    const { reaction } = await readyDraft(s);
    await submitReaction(database.db, s.member, reaction.id, { revision: await revision(reaction.id), submissionKey: "k-withdraw-01" }, OPEN);
    await expect(withdrawReaction(database.db, s.outsider, reaction.id, OPEN)).rejects.toThrow(/Alleen leden/);
    await expect(withdrawReaction(database.db, s.member, reaction.id, new Date("2026-05-01"))).rejects.toThrow(/voorbij/);
    const withdrawn = await withdrawReaction(database.db, s.member, reaction.id, OPEN);
    expect(withdrawn.status).toBe("withdrawn");
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, reaction.id), eq(auditEvents.action, "reaction.withdraw")))).toHaveLength(1);
    const fresh = await startReaction(database.db, s.member, { roundId: s.roundId, organisationId: s.council.id }, OPEN);
    expect(fresh.id).not.toBe(reaction.id);
  });
});
