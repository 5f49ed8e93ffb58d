import { eq } from "drizzle-orm";
import { answers, consultationRounds, points, reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { Db } from "~/lib/db.server";
import { getDraft, listSections, publishDraft } from "~/visions/visions.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "./index";
import { createVisionWithDraft, doc } from "./visions";

type Disposition = typeof answers.$inferInsert.disposition;
type AnswerStatus = typeof answers.$inferInsert.status;

/** A submitted reaction with its points (inserted directly: the answering flow is not under test here). */
export async function insertReaction(
  db: Db,
  input: {
    visionId: string;
    versionId: string;
    roundId: string | null;
    organisationId: string;
    code: string;
    kind?: "advies" | "reactie" | "reactiebrief";
    isAnonymous?: boolean;
    publicationChoice?: "met_naam" | "alleen_organisatie" | "anoniem";
    points: Array<{ text: string; answer?: { disposition: Disposition; status: AnswerStatus; text?: string; changedSectionKey?: string; changedVersionId?: string } }>;
    firstNumber?: number;
  },
) {
  const [reaction] = await db
    .insert(reactions)
    .values({
      visionId: input.visionId,
      versionId: input.versionId,
      roundId: input.roundId,
      organisationId: input.organisationId,
      kind: input.kind ?? "advies",
      status: "submitted",
      submittedAt: new Date("2026-03-10T10:00:00Z"),
      letterDate: "2026-03-10",
      isAnonymous: input.isAnonymous ?? false,
      publicationChoice: input.publicationChoice ?? null,
    })
    .returning();
  const created = [];
  for (const [i, p] of input.points.entries()) {
    const number = (input.firstNumber ?? 1) + i;
    const [point] = await db
      .insert(points)
      .values({ reactionId: reaction!.id, visionId: input.visionId, number, reference: `${input.code}-${number}`, kind: "aandachtspunt", body: doc(p.text), plainText: p.text })
      .returning();
    if (p.answer) {
      await db.insert(answers).values({
        pointId: point!.id,
        body: doc(p.answer.text ?? `Antwoord op ${point!.reference}`),
        disposition: p.answer.disposition,
        status: p.answer.status,
        changedSectionKey: p.answer.changedSectionKey ?? null,
        changedVersionId: p.answer.changedVersionId ?? null,
      });
    }
    created.push(point!);
  }
  return { reaction: reaction!, points: created };
}

/**
 * A region with staff, an adviesraad (with a member), a municipality (with griffie) and a published
 * visie with a round, the adviesraad's advies (3 points answered) and the municipality's
 * reactiebrief (2 points: one answer vastgesteld, one still beantwoord); and a second visie of the
 * same region with one point, for cross-visie refusals.
 */
export async function implementationScenario(db: Db) {
  const { region, regionOrganisation } = await createRegionRecord(db);
  const staffUser = await createUserRecord(db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const municipality = await createOrganisationRecord(db, region.id, { type: "gemeente", code: `G${Math.random().toString(36).slice(2, 6).toUpperCase()}` });
  const council = await createOrganisationRecord(db, region.id, { type: "adviesraad", municipalityId: municipality.id });
  const panel = await createOrganisationRecord(db, region.id, { type: "ervaringsdeskundigen" });
  const memberUser = await createUserRecord(db, { memberships: [{ organisationId: council.id, role: "member" }] });
  const griffieUser = await createUserRecord(db, { memberships: [{ organisationId: municipality.id, role: "griffie" }] });
  const vision = await createVisionWithDraft(db, staffUser.id, region.id);
  const versionId = (await getDraft(db, vision.id))!.id;
  const { roundId } = await publishDraft(db, staffUser.id, region.id, vision.id, {
    label: "definitief",
    isDefinitive: true,
    round: { opensAt: new Date("2026-02-01"), closesAt: new Date("2026-03-01"), visibility: "invited", acceptsLate: true, invitees: [council.id, panel.id] },
  });
  const versionSections = await listSections(db, versionId);
  const sectionKey = versionSections.find((s) => s.title === "Onze ambitie")!.key;
  const advies = await insertReaction(db, {
    visionId: vision.id,
    versionId,
    roundId: roundId!,
    organisationId: council.id,
    code: council.code,
    points: [
      { text: "Neem de wachttijden op in het uitvoeringsplan.", answer: { disposition: "meegenomen_in_uitvoeringsplan", status: "beantwoord" } },
      { text: "Betrek het sociale netwerk bij de triage.", answer: { disposition: "overgenomen", status: "beantwoord", changedSectionKey: sectionKey, changedVersionId: versionId, text: "We hebben de ambitie aangevuld." } },
      { text: "Zorg voor voldoende jongerenwerk.", answer: { disposition: "meegenomen_in_uitvoeringsplan", status: "beantwoord" } },
    ],
  });
  const anonymous = await insertReaction(db, {
    visionId: vision.id,
    versionId,
    roundId: roundId!,
    organisationId: panel.id,
    code: panel.code,
    kind: "reactie",
    isAnonymous: true,
    publicationChoice: "anoniem",
    points: [{ text: "Luister naar jongeren zelf.", answer: { disposition: "meegenomen_in_uitvoeringsplan", status: "beantwoord" } }],
  });
  const letter = await insertReaction(db, {
    visionId: vision.id,
    versionId,
    roundId: null,
    organisationId: municipality.id,
    code: municipality.code,
    kind: "reactiebrief",
    points: [
      { text: "Maak de punten herleidbaar in het uitvoeringsprogramma.", answer: { disposition: "meegenomen_in_uitvoeringsplan", status: "vastgesteld" } },
      { text: "Werk integraal aan schulden en spanningen.", answer: { disposition: "meegenomen_in_uitvoeringsplan", status: "beantwoord" } },
    ],
  });
  const otherVision = await createVisionWithDraft(db, staffUser.id, region.id);
  const otherVersionId = (await getDraft(db, otherVision.id))!.id;
  await publishDraft(db, staffUser.id, region.id, otherVision.id, { label: "eerste concept", isDefinitive: false, round: null });
  const elsewhere = await insertReaction(db, {
    visionId: otherVision.id,
    versionId: otherVersionId,
    roundId: null,
    organisationId: council.id,
    code: council.code,
    firstNumber: 9,
    points: [{ text: "Een punt over een andere visie." }],
  });
  return {
    region,
    regionOrganisation,
    municipality,
    council,
    panel,
    vision,
    versionId,
    roundId: roundId!,
    sectionKey,
    versionSections,
    advies,
    anonymous,
    letter,
    otherVision,
    elsewhere,
    staff: await viewerForUser(staffUser.id),
    member: await viewerForUser(memberUser.id),
    memberUser,
    griffieUser,
    publishAnswers: async (at = new Date("2026-04-01T10:00:00Z")) => {
      await db.update(consultationRounds).set({ answersPublishedAt: at }).where(eq(consultationRounds.id, roundId!));
    },
  };
}

/** Staff of another region (for 404-style refusals). */
export async function otherRegionStaff(db: Db) {
  const { regionOrganisation } = await createRegionRecord(db);
  const user = await createUserRecord(db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_admin" }] });
  return viewerForUser(user.id);
}
