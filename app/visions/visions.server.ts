import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, lt } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import {
  consultationRounds,
  memberships,
  organisations,
  reactions,
  regions,
  roundInvitees,
  sections,
  users,
  visions,
  visionVersions,
} from "~db/schema";
import { renderRichTextToHtml } from "~/editor/render.server";
import { plainTextOf } from "~/editor/plain-text";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { isUniqueViolation } from "~/lib/errors.server";
import { queueMessage } from "~/lib/outbox.server";
import { resolveAnchorsForVersion } from "~/reactions/anchor-carryover.server";
import type { ImportedSection } from "./sections-model";
import { flattenSections } from "./sections-model";
import { compareVersions } from "./diff";

export type VisionRow = typeof visions.$inferSelect;
export type VersionRow = typeof visionVersions.$inferSelect;
export type SectionRow = typeof sections.$inferSelect;

export class VisionError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function listVisions(db: Db, regionId: string) {
  return db.select().from(visions).where(eq(visions.regionId, regionId)).orderBy(desc(visions.createdAt));
}

/** Only within the region: another region's visie is not found. */
export async function getVision(db: Db, regionId: string, visionId: string) {
  const [row] = await db
    .select()
    .from(visions)
    .where(and(eq(visions.id, visionId), eq(visions.regionId, regionId)));
  return row ?? null;
}

export async function listVersions(db: Db, visionId: string) {
  return db.select().from(visionVersions).where(eq(visionVersions.visionId, visionId)).orderBy(asc(visionVersions.number));
}

export async function getDraft(db: Db, visionId: string) {
  const [row] = await db
    .select()
    .from(visionVersions)
    .where(and(eq(visionVersions.visionId, visionId), eq(visionVersions.status, "draft")));
  return row ?? null;
}

export async function listSections(db: Db, versionId: string) {
  return db.select().from(sections).where(eq(sections.versionId, versionId)).orderBy(asc(sections.position));
}

export async function createVision(db: Db, actorId: string, regionId: string, input: { title: string; slug: string }) {
  try {
    return await db.transaction(async (tx) => {
      const [vision] = await tx.insert(visions).values({ regionId, title: input.title, slug: input.slug }).returning();
      const [draft] = await tx
        .insert(visionVersions)
        .values({ visionId: vision!.id, number: 1, label: "concept", status: "draft" })
        .returning();
      await writeAudit(tx, { actorId, regionId, action: "vision.create", entityType: "vision", entityId: vision!.id, after: { vision, draft } });
      return { ok: true as const, vision: vision! };
    });
  } catch (error) {
    if (isUniqueViolation(error) === "visions_region_slug_idx") {
      return { ok: false as const, field: "slug", message: "Deze webadresnaam is al in gebruik voor een andere visie." };
    }
    throw error;
  }
}

/** The one editable draft; created from the latest published version (same section keys) when none exists. */
export async function ensureDraft(db: Db, actorId: string, regionId: string, visionId: string) {
  const existing = await getDraft(db, visionId);
  if (existing) return existing;
  return db.transaction(async (tx) => {
    const versions = await listVersions(tx, visionId);
    const latest = versions.at(-1);
    const [draft] = await tx
      .insert(visionVersions)
      .values({ visionId, number: (latest?.number ?? 0) + 1, label: "concept", status: "draft", basedOnId: latest?.id ?? null })
      .returning();
    if (latest) {
      const source = await listSections(tx, latest.id);
      if (source.length > 0) {
        await tx.insert(sections).values(
          source.map((s) => ({
            versionId: draft!.id,
            key: s.key,
            parentKey: s.parentKey,
            position: s.position,
            kind: s.kind,
            number: s.number,
            title: s.title,
            content: s.content,
            plainText: s.plainText,
          })),
        );
      }
    }
    await writeAudit(tx, { actorId, regionId, action: "version.create_draft", entityType: "vision_version", entityId: draft!.id, after: { number: draft!.number, basedOn: latest?.number ?? null } });
    return draft!;
  });
}

function sectionRowsFromImport(versionId: string, tree: ImportedSection[]) {
  const keys = new Map<ImportedSection, string>();
  return flattenSections(tree).map((flat, position) => {
    const key = randomUUID();
    keys.set(flat.section, key);
    return {
      versionId,
      key,
      parentKey: flat.parent ? keys.get(flat.parent)! : null,
      position,
      kind: flat.section.kind,
      number: flat.section.number,
      title: flat.section.title.slice(0, 300),
      content: flat.section.content,
      plainText: plainTextOf(flat.section.content),
    };
  });
}

/**
 * Saves an imported section tree as the vision's draft: replaces the sections of the draft, or
 * creates a new draft version. Every section content has been validated by the importer.
 */
export async function saveImportAsDraft(
  db: Db,
  actorId: string,
  regionId: string,
  visionId: string,
  tree: ImportedSection[],
  source: { filename: string; format: string },
) {
  const draft = await ensureDraft(db, actorId, regionId, visionId);
  return db.transaction(async (tx) => {
    const removed = await tx.delete(sections).where(eq(sections.versionId, draft.id)).returning({ id: sections.id });
    const rows = sectionRowsFromImport(draft.id, tree);
    if (rows.length > 0) await tx.insert(sections).values(rows);
    await tx
      .update(visionVersions)
      .set({ revision: draft.revision + 1 })
      .where(eq(visionVersions.id, draft.id));
    await writeAudit(tx, {
      actorId,
      regionId,
      action: "version.import",
      entityType: "vision_version",
      entityId: draft.id,
      before: { sections: removed.length },
      after: { sections: rows.length, ...source },
    });
    return { versionId: draft.id, sections: rows.length };
  });
}

export interface RoundInput {
  opensAt: Date;
  closesAt: Date;
  visibility: "invited" | "registered";
  acceptsLate: boolean;
  invitees: string[];
  reference?: string;
  message?: string;
}

/**
 * Publishing freezes the draft for good: its sections are rendered to HTML once (they never
 * change again), and optionally a consultation round opens with an adviesaanvraag per invited
 * organisation, each with an e-mail in the outbox, all in one transaction.
 */
export async function publishDraft(
  db: Db,
  actorId: string,
  regionId: string,
  visionId: string,
  input: { label: string; isDefinitive: boolean; round: RoundInput | null },
  now = new Date(),
) {
  const vision = await getVision(db, regionId, visionId);
  if (!vision) throw new VisionError("Visie niet gevonden.");
  const draft = await getDraft(db, visionId);
  if (!draft) throw new VisionError("Er is geen concept om te publiceren: deze versie is al gepubliceerd.");
  const draftSections = await listSections(db, draft.id);
  if (draftSections.length === 0) throw new VisionError("Een lege versie kan niet worden gepubliceerd. Voeg eerst onderdelen toe of importeer een document.");
  if (input.round?.invitees.length) {
    const invited = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.regionId, regionId), inArray(organisations.id, input.round.invitees)));
    if (invited.length !== new Set(input.round.invitees).size) throw new VisionError("Kies alleen organisaties van deze regio.", "invitees");
  }
  const rendered = draftSections.map((s) => ({ id: s.id, html: renderRichTextToHtml(s.content as JSONContent), plainText: plainTextOf(s.content as JSONContent) }));
  return db.transaction(async (tx) => {
    // The status condition makes a double publish (two tabs, a retried request) fail safely.
    const [published] = await tx
      .update(visionVersions)
      .set({ status: "published", label: input.label, isDefinitive: input.isDefinitive, publishedAt: now, publishedById: actorId })
      .where(and(eq(visionVersions.id, draft.id), eq(visionVersions.status, "draft")))
      .returning();
    if (!published) throw new VisionError("Deze versie is al gepubliceerd.");
    for (const section of rendered) {
      await tx.update(sections).set({ contentHtml: section.html, plainText: section.plainText }).where(eq(sections.id, section.id));
    }
    await writeAudit(tx, {
      actorId,
      regionId,
      action: "version.publish",
      entityType: "vision_version",
      entityId: published.id,
      before: { status: "draft" },
      after: { status: "published", label: input.label, number: published.number, sections: rendered.length },
    });
    // Every earlier point's passage is looked for again in this version.
    await resolveAnchorsForVersion(tx, visionId, published.id);
    let roundId: string | null = null;
    if (input.round) roundId = await openRound(tx, actorId, regionId, vision, published, input.round, now);
    await queueNewVersionNotices(tx, regionId, vision, published, now);
    return { version: published, roundId };
  });
}

const changeLabels: Record<string, string> = { changed: "Gewijzigd", added: "Nieuw onderdeel", removed: "Verwijderd", moved: "Verplaatst" };

/**
 * "Nieuwe versie gepubliceerd": everyone in an organisation that reacted on this visie hears what
 * changed since the previous published version (a notification: it follows their digest choice).
 */
async function queueNewVersionNotices(tx: Db, regionId: string, vision: VisionRow, version: VersionRow, now: Date) {
  const [previous] = await tx
    .select({ id: visionVersions.id, number: visionVersions.number })
    .from(visionVersions)
    .where(and(eq(visionVersions.visionId, vision.id), eq(visionVersions.status, "published"), lt(visionVersions.number, version.number)))
    .orderBy(desc(visionVersions.number))
    .limit(1);
  if (!previous) return;
  const recipients = await tx
    .selectDistinct({ userId: users.id, email: users.email, name: users.name })
    .from(reactions)
    .innerJoin(memberships, eq(memberships.organisationId, reactions.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(reactions.visionId, vision.id), eq(reactions.status, "submitted")));
  if (recipients.length === 0) return;
  const sectionColumns = { key: sections.key, parentKey: sections.parentKey, position: sections.position, kind: sections.kind, number: sections.number, title: sections.title, plainText: sections.plainText };
  const [older, newer, region] = await Promise.all([
    tx.select(sectionColumns).from(sections).where(eq(sections.versionId, previous.id)),
    tx.select(sectionColumns).from(sections).where(eq(sections.versionId, version.id)),
    tx.select({ name: regions.name, slug: regions.slug }).from(regions).where(eq(regions.id, regionId)).then((rows) => rows[0]!),
  ]);
  const changes = compareVersions(older, newer).filter((c) => c.status !== "unchanged");
  const summary = changes.slice(0, 20).map((c) => {
    const section = c.newer ?? c.older!;
    return { section: `${section.number ? `${section.number} ` : ""}${section.title}`.slice(0, 200), change: changeLabels[c.status] ?? "Gewijzigd" };
  });
  const link = `${appUrl()}/visies/${region.slug}/${vision.slug}/vergelijken?van=${previous.number}&naar=${version.number}`;
  for (const recipient of recipients) {
    await queueMessage(tx, {
      regionId,
      template: "nieuwe-versie",
      to: { address: recipient.email, name: recipient.name },
      recipientUserId: recipient.userId,
      data: {
        recipientName: recipient.name,
        regionName: region.name,
        visionTitle: vision.title,
        versionLabel: version.label,
        publishedAt: now,
        changes: summary,
        changeCount: changes.length,
        link,
      },
      idempotencyKey: `new-version:${version.id}:${recipient.email}`,
    });
  }
}

async function openRound(tx: Db, actorId: string, regionId: string, vision: VisionRow, version: VersionRow, input: RoundInput, now: Date) {
  const [round] = await tx
    .insert(consultationRounds)
    .values({ versionId: version.id, opensAt: input.opensAt, closesAt: input.closesAt, visibility: input.visibility, acceptsLate: input.acceptsLate })
    .returning();
  const [regionOrganisation] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.regionId, regionId), eq(organisations.type, "regio")));
  for (const organisationId of input.invitees) {
    await tx.insert(roundInvitees).values({
      roundId: round!.id,
      organisationId,
      requestedById: regionOrganisation?.id ?? null,
      adviceRequestReference: input.reference ?? null,
      adviceRequestDate: now,
      message: input.message ?? null,
    });
  }
  await writeAudit(tx, {
    actorId,
    regionId,
    action: "round.open",
    entityType: "consultation_round",
    entityId: round!.id,
    after: { ...round, invitees: input.invitees, reference: input.reference ?? null },
  });
  await queueAdviceRequests(tx, regionId, vision, version, round!, input, regionOrganisation?.name ?? "de regio");
  return round!.id;
}

async function queueAdviceRequests(
  tx: Db,
  regionId: string,
  vision: VisionRow,
  version: VersionRow,
  round: typeof consultationRounds.$inferSelect,
  input: RoundInput,
  regionName: string,
) {
  if (input.invitees.length === 0) return;
  const [region] = await tx.select().from(regions).where(eq(regions.id, regionId));
  const recipients = await tx
    .select({ organisationId: memberships.organisationId, organisationName: organisations.name, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(inArray(memberships.organisationId, input.invitees));
  const link = `${appUrl()}/visies/${region!.slug}/${vision.slug}?versie=${version.number}`;
  for (const recipient of recipients) {
    await queueMessage(tx, {
      regionId,
      template: "adviesaanvraag",
      to: { address: recipient.email, name: recipient.name },
      data: {
        recipientName: recipient.name,
        organisationName: recipient.organisationName,
        regionName,
        requestedByName: regionName,
        visionTitle: vision.title,
        versionLabel: version.label,
        closesAt: round.closesAt,
        reference: input.reference ?? undefined,
        requestDate: round.opensAt,
        message: input.message ?? undefined,
        link,
      },
      idempotencyKey: `advice-request:${round.id}:${recipient.organisationId}:${recipient.email}`,
    });
  }
}

export async function listRounds(db: Db, visionId: string) {
  return db
    .select({
      id: consultationRounds.id,
      versionId: consultationRounds.versionId,
      versionLabel: visionVersions.label,
      versionNumber: visionVersions.number,
      opensAt: consultationRounds.opensAt,
      closesAt: consultationRounds.closesAt,
      visibility: consultationRounds.visibility,
      acceptsLate: consultationRounds.acceptsLate,
    })
    .from(consultationRounds)
    .innerJoin(visionVersions, eq(visionVersions.id, consultationRounds.versionId))
    .where(eq(visionVersions.visionId, visionId))
    .orderBy(asc(consultationRounds.opensAt));
}

export async function listRoundInvitees(db: Db, roundIds: string[]) {
  if (roundIds.length === 0) return [];
  return db
    .select({ roundId: roundInvitees.roundId, organisationId: organisations.id, name: organisations.name, reference: roundInvitees.adviceRequestReference })
    .from(roundInvitees)
    .innerJoin(organisations, eq(organisations.id, roundInvitees.organisationId))
    .where(inArray(roundInvitees.roundId, roundIds))
    .orderBy(asc(organisations.name));
}

/** Staff may extend the reactietermijn (audited); shortening it is not allowed. */
export async function extendDeadline(db: Db, actorId: string, regionId: string, visionId: string, roundId: string, closesAt: Date) {
  const [round] = await db
    .select({ round: consultationRounds })
    .from(consultationRounds)
    .innerJoin(visionVersions, eq(visionVersions.id, consultationRounds.versionId))
    .innerJoin(visions, eq(visions.id, visionVersions.visionId))
    .where(and(eq(consultationRounds.id, roundId), eq(visions.id, visionId), eq(visions.regionId, regionId)));
  if (!round) throw new VisionError("Consultatieronde niet gevonden.");
  if (closesAt <= round.round.closesAt) throw new VisionError("De nieuwe einddatum moet later zijn dan de huidige.", "closesAt");
  await db.transaction(async (tx) => {
    await tx.update(consultationRounds).set({ closesAt }).where(eq(consultationRounds.id, roundId));
    await writeAudit(tx, {
      actorId,
      regionId,
      action: "round.extend_deadline",
      entityType: "consultation_round",
      entityId: roundId,
      before: { closesAt: round.round.closesAt },
      after: { closesAt },
    });
  });
}

export async function listInvitableOrganisations(db: Db, regionId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(and(eq(organisations.regionId, regionId), inArray(organisations.type, ["adviesraad", "aanbieder", "ervaringsdeskundigen", "ketenpartner", "clientenraad", "gemeente"])))
    .orderBy(asc(organisations.type), asc(organisations.name));
}

/** Public: every published version of every vision, newest first. */
export async function listPublishedVisions(db: Db) {
  return db
    .select({
      regionSlug: regions.slug,
      regionName: regions.name,
      visionSlug: visions.slug,
      title: visions.title,
      versionNumber: visionVersions.number,
      label: visionVersions.label,
      publishedAt: visionVersions.publishedAt,
    })
    .from(visionVersions)
    .innerJoin(visions, eq(visions.id, visionVersions.visionId))
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(and(eq(visionVersions.status, "published"), isNotNull(visionVersions.publishedAt)))
    .orderBy(asc(regions.name), asc(visions.title), desc(visionVersions.number));
}
