import { eq } from "drizzle-orm";
import { points, reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { OrganisationType } from "~/auth/roles";
import type { Db } from "~/lib/db.server";
import { applyLetterImport, setSignatories, startReaction, submitReaction } from "~/reactions/reactions.server";
import type { PointKind } from "~/reactions/options";
import { getDraft, listSections, publishDraft, ensureDraft } from "~/visions/visions.server";
import { updateSection } from "~/visions/sections.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "./index";
import { createVisionWithDraft, doc } from "./visions";

export interface ScenarioPoint {
  text: string;
  kind?: PointKind;
  /** Section titles of the version reacted on (Inleiding, Onze ambitie, Nabij, Casusregie); none: a general point. */
  sections?: string[];
}

export interface ScenarioReaction {
  code: string;
  type?: OrganisationType;
  name?: string;
  points: ScenarioPoint[];
  late?: boolean;
  /** Left as a filled-in draft: the test submits it later with `submitDraft(code)`. */
  draft?: boolean;
}

const SUBMITTED = new Date("2026-03-02T10:00:00Z");

/**
 * A region with a staff editor and a staff admin, a visie published as "eerste concept" with a
 * round (test sections: Inleiding, Onze ambitie › Nabij, Casusregie), submitted reactions with
 * anchored points built through the reaction functions, and a later version 2 in which "Nabij"
 * was changed (for "overgenomen").
 */
export async function buildAnsweringScenario(db: Db, reactionSpecs: ScenarioReaction[], options: { secondVersion?: boolean } = {}) {
  const { region, regionOrganisation } = await createRegionRecord(db);
  const editorUser = await createUserRecord(db, { name: "Eva Redacteur", memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const adminUser = await createUserRecord(db, { name: "Bram Beheerder", memberships: [{ organisationId: regionOrganisation.id, role: "staff_admin" }] });
  const vision = await createVisionWithDraft(db, editorUser.id, region.id);
  const firstVersionId = (await getDraft(db, vision.id))!.id;
  const organisationsByCode: Record<string, { id: string; name: string; userId: string }> = {};
  for (const spec of reactionSpecs) {
    const organisation = await createOrganisationRecord(db, region.id, { type: spec.type ?? "adviesraad", code: spec.code, name: spec.name ?? `Organisatie ${spec.code}` });
    const signatory = await createUserRecord(db, { memberships: [{ organisationId: organisation.id, role: "signatory" }] });
    organisationsByCode[spec.code] = { id: organisation.id, name: organisation.name, userId: signatory.id };
  }
  const published = await publishDraft(
    db,
    editorUser.id,
    region.id,
    vision.id,
    {
      label: "eerste concept",
      isDefinitive: false,
      round: {
        opensAt: new Date("2026-02-01"),
        closesAt: new Date("2026-03-05"),
        visibility: "invited",
        acceptsLate: true,
        invitees: Object.values(organisationsByCode).map((o) => o.id),
        reference: "ADV-1",
      },
    },
    new Date("2026-02-01"),
  );
  const roundId = published.roundId!;
  const firstSections = await listSections(db, firstVersionId);
  const sectionKey = (title: string) => {
    const found = firstSections.find((s) => s.title === title);
    if (!found) throw new Error(`no section ${title}`);
    return found.key;
  };
  const reactionIds: Record<string, string> = {};
  const drafts: Record<string, () => Promise<void>> = {};
  for (const spec of reactionSpecs) {
    const organisation = organisationsByCode[spec.code]!;
    const viewer = await viewerForUser(organisation.userId);
    const at = spec.late ? new Date("2026-03-08T10:00:00Z") : new Date("2026-03-01T10:00:00Z");
    const reaction = await startReaction(db, viewer, { roundId, organisationId: organisation.id }, at);
    await applyLetterImport(db, viewer, reaction.id, {
      metadata: { place: "Westerhaven", letterDate: "2026-03-01", reference: null, theirReference: "ADV-1", subject: "Reactie" },
      introduction: "Inleiding.",
      conclusion: "Slot.",
      points: spec.points.map((p) => ({ text: p.text, kind: p.kind ?? "aandachtspunt", sectionKeys: (p.sections ?? []).map(sectionKey), general: !p.sections?.length })),
    });
    await setSignatories(db, viewer, reaction.id, [organisation.userId]);
    const submit = async () => {
      const [row] = await db.select({ revision: reactions.revision }).from(reactions).where(eq(reactions.id, reaction.id));
      await submitReaction(db, viewer, reaction.id, { revision: row!.revision, submissionKey: `scenario-${reaction.id}` }, spec.late ? new Date("2026-03-08T10:00:00Z") : SUBMITTED);
    };
    if (spec.draft) drafts[spec.code] = submit;
    else await submit();
    reactionIds[spec.code] = reaction.id;
  }
  let secondVersionId: string | null = null;
  if (options.secondVersion !== false) {
    await ensureDraft(db, editorUser.id, region.id, vision.id);
    const draft = (await getDraft(db, vision.id))!;
    const nabij = (await listSections(db, draft.id)).find((s) => s.title === "Nabij")!;
    await updateSection(db, editorUser.id, region.id, vision.id, nabij.key, {
      title: "Nabij",
      kind: nabij.kind,
      number: nabij.number,
      content: doc("Hulp dichtbij het gezin, met één vast aanspreekpunt."),
      revision: draft.revision,
    });
    const second = await publishDraft(db, editorUser.id, region.id, vision.id, { label: "definitief", isDefinitive: true, round: null }, new Date("2026-04-01"));
    secondVersionId = second.version.id;
  }
  const allPoints = await db.select().from(points).where(eq(points.visionId, vision.id));
  /** Submits a reaction built with `draft: true`, as its signatory would. */
  const submitDraft = async (code: string) => {
    const submit = drafts[code];
    if (!submit) throw new Error(`no draft ${code}`);
    delete drafts[code];
    await submit();
  };
  const point = (reference: string) => {
    const found = allPoints.find((p) => p.reference === reference);
    if (!found) throw new Error(`no point ${reference}`);
    return found;
  };
  return {
    region,
    regionOrganisation,
    vision: { id: vision.id, regionId: region.id, title: vision.title },
    scope: { id: vision.id, regionId: region.id },
    roundId,
    firstVersionId,
    secondVersionId,
    sectionKey,
    organisations: organisationsByCode,
    reactionIds,
    editor: await viewerForUser(editorUser.id),
    admin: await viewerForUser(adminUser.id),
    editorUser,
    adminUser,
    point,
    points: allPoints,
    submitDraft,
  };
}

export type AnsweringScenario = Awaited<ReturnType<typeof buildAnsweringScenario>>;
