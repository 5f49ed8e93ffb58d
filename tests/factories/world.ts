import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { points, reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { MembershipRole, Viewer } from "~/auth/roles";
import type { Db } from "~/lib/db.server";
import { queueMessage } from "~/lib/outbox.server";
import { inviteToOrganisation } from "~/organisations/invitations.server";
import { operationOf, saveReaction, setSignatories, startReaction, submitReaction } from "~/reactions/reactions.server";
import type { SaveReactionInput } from "~/reactions/schema.server";
import { addSection } from "~/visions/sections.server";
import {
  createVision,
  ensureDraft,
  getDraft,
  listSections,
  publishDraft,
  saveImportAsDraft,
} from "~/visions/visions.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord, sessionFor } from "./index";
import { createVisionWithDraft, section } from "./visions";

/** The roles of the access-control matrix, in the order of issue 9. */
export const worldRoles = [
  "anonymous",
  "otherOrganisationMember",
  "member",
  "signatory",
  "municipalStaff",
  "griffie",
  "staffOtherRegion",
  "staffEditor",
  "staffAdmin",
  "platformAdmin",
] as const;

export type WorldRole = (typeof worldRoles)[number];

/** Human names for test titles. */
export const worldRoleLabels: Record<WorldRole, string> = {
  anonymous: "anonymous",
  otherOrganisationMember: "member of another organisation",
  member: "member",
  signatory: "signatory",
  municipalStaff: "municipal staff",
  griffie: "griffie",
  staffOtherRegion: "staff admin of region B",
  staffEditor: "staff editor of region A",
  staffAdmin: "staff admin of region A",
  platformAdmin: "platform admin",
};

/**
 * Strings that exist in exactly one resource, so a response can be searched for a leak. Each one
 * may only ever reach the roles listed in `secretAudiences`.
 */
export const worldSecrets = {
  /** Title of a section that exists only in visie A's draft (version 3). */
  draftSectionTitle: "Onderdeel dat alleen in het concept staat",
  /** Title of visie B, which has never been published. */
  unpublishedVisionTitle: "Oostlandse visie die nog niemand mag zien",
  /** Text of the one point of the adviesraad's draft reaction. */
  draftPointText: "Conceptpunt van de adviesraad dat nog niet is ingediend",
  /** Text of the one point of the adviesraad's submitted advies. */
  submittedPointText: "Ingediend punt over de wachtlijsten in Westerhaven",
  /** Name of the organisation in region B. */
  otherRegionOrganisationName: "Stichting Jeugdnetwerk Oostland",
  /** Subject and body of a message in region A's outbox (the postvak of its staff admins). */
  regionAMessage: "Bericht uit het postvak van Westerhaven",
  /** Subject and body of a message in region B's outbox. */
  regionBMessage: "Bericht uit het postvak van Oostland",
} as const;

export type WorldSecret = keyof typeof worldSecrets;

export const secretAudiences: Record<WorldSecret, readonly WorldRole[]> = {
  draftSectionTitle: ["staffEditor", "staffAdmin"],
  unpublishedVisionTitle: ["staffOtherRegion"],
  draftPointText: ["member", "signatory"],
  submittedPointText: ["member", "signatory", "municipalStaff", "staffEditor", "staffAdmin"],
  otherRegionOrganisationName: ["staffOtherRegion"],
  regionAMessage: ["staffAdmin"],
  regionBMessage: ["staffOtherRegion"],
};

const DAY = 24 * 60 * 60 * 1000;

function saveInput(
  addressedToId: string,
  revision: number,
  pointsInput: SaveReactionInput["points"],
  intent = "save",
): SaveReactionInput {
  return {
    revision,
    addressedToId,
    place: "Westerhaven",
    letterDate: new Date().toISOString().slice(0, 10),
    reference: null,
    theirReference: "ADV-WERELD",
    subject: null,
    introduction: "Inleiding.",
    conclusion: "Slot.",
    signatories: [],
    points: pointsInput,
    intent,
  };
}

async function currentRevision(db: Db, reactionId: string) {
  const [row] = await db.select({ revision: reactions.revision }).from(reactions).where(eq(reactions.id, reactionId));
  return row!.revision;
}

/** A draft reaction with one anchored point (and the chair as signatory), built through the server functions. */
async function draftWithPoint(
  db: Db,
  author: Viewer,
  chair: Viewer,
  roundId: string,
  organisationId: string,
  sectionKey: string,
  text: string,
  at = new Date(),
) {
  const reaction = await startReaction(db, author, { roundId, organisationId }, at);
  await saveReaction(
    db,
    author,
    reaction.id,
    saveInput(reaction.addressedToId!, await currentRevision(db, reaction.id), [], "add-point"),
    operationOf("add-point"),
  );
  const [point] = await db.select().from(points).where(eq(points.reactionId, reaction.id));
  await saveReaction(
    db,
    author,
    reaction.id,
    saveInput(reaction.addressedToId!, await currentRevision(db, reaction.id), [
      { id: point!.id, kind: "aandachtspunt", body: text, sectionKeys: [sectionKey], quote: null, general: undefined },
    ]),
  );
  await setSignatories(db, author, reaction.id, [chair.user.id]);
  return reaction;
}

/**
 * The world of the access-control matrix, on a fresh database:
 *
 * - region A (regio organisation, gemeente Westerhaven, the adviesraad of Westerhaven whose college
 *   is that gemeente, an aanbieder) and region B (regio organisation and one other organisation);
 * - one user per role of issue 9 (anonymous has none), each with a session cookie;
 * - in region A a visie with two published versions, each with a consultation round that invited
 *   the adviesraad (round 1 only the invitees, closed yesterday; round 2 open to every registered
 *   organisation of the region), and a draft (version 3) with a section of its own; a submitted
 *   advies of the adviesraad in round 1 and a draft advies in round 2 (the aanbieder has not
 *   reacted to either);
 *   an open invitation to the aanbieder; a formatted message in each region's outbox;
 * - in region B an unpublished visie (draft only).
 */
export async function buildWorld(db: Db) {
  const now = Date.now();
  const suffix = randomUUID().slice(0, 6);
  const a = await createRegionRecord(db, { name: `Jeugdregio Westerhaven ${suffix}`, slug: `westerhaven-${suffix}` });
  const b = await createRegionRecord(db, { name: `Jeugdregio Oostland ${suffix}`, slug: `oostland-${suffix}` });
  const gemeente = await createOrganisationRecord(db, a.region.id, {
    type: "gemeente",
    name: "Gemeente Westerhaven",
    code: "WSTH",
  });
  const adviesraad = await createOrganisationRecord(db, a.region.id, {
    type: "adviesraad",
    name: "Adviesraad Sociaal Domein Westerhaven",
    code: "ASDW",
    municipalityId: gemeente.id,
  });
  const aanbieder = await createOrganisationRecord(db, a.region.id, {
    type: "aanbieder",
    name: "Jeugdhulp Aanbieder Westerhaven",
    code: "JAW",
  });
  const otherRegionOrganisation = await createOrganisationRecord(db, b.region.id, {
    type: "aanbieder",
    name: worldSecrets.otherRegionOrganisationName,
    code: "SJO",
  });

  const user = (
    name: string,
    memberships: Array<{ organisationId: string; role: MembershipRole }>,
    isPlatformAdmin = false,
  ) =>
    createUserRecord(db, {
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, "-")}-${suffix}@example.org`,
      memberships,
      isPlatformAdmin,
    });
  const users = {
    otherOrganisationMember: await user("Lid Aanbieder", [{ organisationId: aanbieder.id, role: "member" }]),
    member: await user("Lid Adviesraad", [{ organisationId: adviesraad.id, role: "member" }]),
    signatory: await user("Voorzitter Adviesraad", [{ organisationId: adviesraad.id, role: "signatory" }]),
    municipalStaff: await user("Contactambtenaar Westerhaven", [
      { organisationId: gemeente.id, role: "municipal_staff" },
    ]),
    griffie: await user("Griffier Westerhaven", [{ organisationId: gemeente.id, role: "griffie" }]),
    staffOtherRegion: await user("Beheerder Oostland", [
      { organisationId: b.regionOrganisation.id, role: "staff_admin" },
    ]),
    staffEditor: await user("Redacteur Westerhaven", [
      { organisationId: a.regionOrganisation.id, role: "staff_editor" },
    ]),
    staffAdmin: await user("Beheerder Westerhaven", [{ organisationId: a.regionOrganisation.id, role: "staff_admin" }]),
    platformAdmin: await user("Platformbeheerder", [], true),
  } satisfies Record<Exclude<WorldRole, "anonymous">, unknown>;
  const viewers = Object.fromEntries(
    await Promise.all(Object.entries(users).map(async ([role, u]) => [role, await viewerForUser(u.id)])),
  ) as Record<keyof typeof users, Viewer>;

  // Visie A: version 1 and 2 published with a round each (the adviesraad invited), version 3 a draft.
  const editor = users.staffEditor.id;
  const vision = await createVisionWithDraft(db, editor, a.region.id, `visie-${suffix}`);
  const round = (reference: string, visibility: "invited" | "registered", closed = false) => ({
    opensAt: new Date(now - 30 * DAY),
    closesAt: new Date(closed ? now - DAY : now + 30 * DAY),
    visibility,
    acceptsLate: false,
    invitees: [adviesraad.id],
    reference,
  });
  const v1 = (await getDraft(db, vision.id))!;
  const first = await publishDraft(db, editor, a.region.id, vision.id, {
    label: "eerste concept",
    isDefinitive: false,
    round: round("ADV-WERELD-1", "invited", true),
  });
  await ensureDraft(db, editor, a.region.id, vision.id);
  const second = await publishDraft(db, editor, a.region.id, vision.id, {
    label: "aangepast concept",
    isDefinitive: false,
    round: round("ADV-WERELD-2", "registered"),
  });
  const draftVersion = await ensureDraft(db, editor, a.region.id, vision.id);
  await addSection(db, editor, a.region.id, vision.id, { title: worldSecrets.draftSectionTitle, kind: "hoofdstuk" });
  const publishedSections = await listSections(db, v1.id);
  const draftSections = await listSections(db, draftVersion.id);
  const draftOnlySection = draftSections.find((s) => s.title === worldSecrets.draftSectionTitle)!;

  // The adviesraad's advies on version 1 was submitted while round 1 was open (it closed yesterday,
  // so the advies can no longer be withdrawn and no matrix POST can change it); its advies on
  // version 2 is still a draft.
  const anchor = publishedSections[0]!.key;
  const duringRound1 = new Date(now - 2 * DAY);
  const submitted = await draftWithPoint(
    db,
    viewers.member,
    viewers.signatory,
    first.roundId!,
    adviesraad.id,
    anchor,
    worldSecrets.submittedPointText,
    duringRound1,
  );
  await submitReaction(
    db,
    viewers.member,
    submitted.id,
    { revision: await currentRevision(db, submitted.id), submissionKey: `wereld-${suffix}-ingediend` },
    duringRound1,
  );
  const draftReaction = await draftWithPoint(
    db,
    viewers.member,
    viewers.signatory,
    second.roundId!,
    adviesraad.id,
    anchor,
    worldSecrets.draftPointText,
  );

  // Visie B in region B: never published.
  const hidden = await createVision(db, users.staffOtherRegion.id, b.region.id, {
    title: worldSecrets.unpublishedVisionTitle,
    slug: `oostland-visie-${suffix}`,
  });
  if (!hidden.ok) throw new Error(hidden.message);
  await saveImportAsDraft(
    db,
    users.staffOtherRegion.id,
    b.region.id,
    hidden.vision.id,
    [section("hoofdstuk", "Oostland", "Nog niet openbaar.")],
    {
      filename: "oostland.txt",
      format: "text",
    },
  );
  const hiddenSections = await listSections(db, (await getDraft(db, hidden.vision.id))!.id);

  // An open invitation of a new person to the aanbieder (its token is the credential of /uitnodiging/$token).
  const invited = await inviteToOrganisation(db, users.staffAdmin.id, aanbieder, {
    name: "Nieuwe Collega",
    email: `nieuwe-collega-${suffix}@example.org`,
    role: "member",
  });
  if (!invited.ok) throw new Error(invited.message);
  const invitationToken = invited.link.split("/uitnodiging/")[1]!;

  // A formatted message in each region's outbox.
  const message = async (regionId: string, text: string) => {
    const row = await queueMessage(db, {
      regionId,
      template: "wereld",
      to: { address: `ontvanger-${suffix}@example.org`, name: "Ontvanger" },
      subject: text,
      text,
      html: `<p>${text}</p>`,
      idempotencyKey: `wereld:${regionId}`,
    });
    if (!row) throw new Error("message not queued");
    return row;
  };
  const messages = {
    regionA: await message(a.region.id, worldSecrets.regionAMessage),
    regionB: await message(b.region.id, worldSecrets.regionBMessage),
  };

  const sessions = Object.fromEntries(
    await Promise.all(Object.entries(users).map(async ([role, u]) => [role, (await sessionFor(db, u.id)).cookie])),
  ) as Record<keyof typeof users, string>;

  return {
    regionA: a.region,
    regionB: b.region,
    organisations: {
      regionA: a.regionOrganisation,
      regionB: b.regionOrganisation,
      gemeente,
      adviesraad,
      aanbieder,
      otherRegion: otherRegionOrganisation,
    },
    users,
    viewers,
    /** A Cookie header per logged-in role (anonymous: none). */
    sessions,
    /** A fresh session for the role, for requests that may end it (uitloggen). */
    async freshSession(role: WorldRole): Promise<string | undefined> {
      if (role === "anonymous") return undefined;
      return (await sessionFor(db, users[role].id)).cookie;
    },
    vision: {
      ...vision,
      regionSlug: a.region.slug,
      publishedNumbers: [first.version.number, second.version.number],
      draftNumber: draftVersion.number,
      rounds: [first.roundId!, second.roundId!],
      /** A section key present in every version. */
      sectionKey: anchor,
      /** A section key present only in the draft. */
      draftOnlySectionKey: draftOnlySection.key,
    },
    otherRegionVision: { ...hidden.vision, regionSlug: b.region.slug, sectionKey: hiddenSections[0]!.key },
    reactions: { draft: draftReaction, submitted },
    invitation: { token: invitationToken, id: invited.invitationId },
    /** Outbox message ids (with an HTML body) per region. */
    messages,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
