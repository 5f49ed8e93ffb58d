import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { adoptionRequests, adoptions, files, memberships, organisations, points, reactions, regions, users, visions, visionVersions } from "~db/schema";
import type { Viewer } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { readStoredFile, storeFile } from "~/lib/files.server";
import { queueMessage } from "~/lib/outbox.server";
import { inForceStatus, isMemberOn, type DecisionOutcome, type InForceResult, type MunicipalityStatus } from "./in-force";
import { canRecordAdoption, isGriffieOf } from "./permissions";
import { MAX_DECISION_FILE_BYTES } from "./options";
import { DecisionSchema, type DecisionInput } from "./schema.server";

export class AdoptionError extends Error {
  readonly messages: string[];
  constructor(
    message: string | string[],
    readonly code: "invalid" | "conflict" | "forbidden" = "invalid",
  ) {
    const list = Array.isArray(message) ? message : [message];
    super(list.join(" "));
    this.messages = list;
  }
}

export type AdoptionRow = typeof adoptions.$inferSelect;

/** Today's calendar date in the Netherlands (yyyy-mm-dd): deadlines and council dates are Dutch dates. */
export function todayIso(now = new Date()): string {
  return dutchCalendarDate.format(now);
}

// Building an Intl formatter costs ~0.3 ms; this one serves every request.
const dutchCalendarDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

type VersionRow = typeof visionVersions.$inferSelect;

/** The version the municipalities are asked to adopt: the newest published definitive one. */
export function targetVersionOf(versions: Pick<VersionRow, "id" | "label" | "number" | "status" | "isDefinitive">[]) {
  const published = versions.filter((v) => v.status === "published" && v.isDefinitive).sort((a, b) => b.number - a.number);
  return published[0] ?? null;
}

/**
 * Everything the adoption board, the public status page and the e-mails need, in a handful of
 * queries: the member municipalities (at `asOf`, plus any with a record), their adoption records,
 * the aanbiedingsbrief and the van-kracht status with reasons.
 */
export async function loadAdoptionOverview(db: Db, visionId: string, asOf: string) {
  const [vision] = await db
    .select({ id: visions.id, title: visions.title, slug: visions.slug, regionId: visions.regionId, regionName: regions.name, regionSlug: regions.slug })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(eq(visions.id, visionId));
  if (!vision) return null;
  const [versionRows, municipalityRows, adoptionRows, requestRows] = await Promise.all([
    db.select().from(visionVersions).where(eq(visionVersions.visionId, visionId)).orderBy(asc(visionVersions.number)),
    db
      .select({ id: organisations.id, name: organisations.name, code: organisations.code, memberFrom: organisations.memberFrom, memberUntil: organisations.memberUntil })
      .from(organisations)
      .where(and(eq(organisations.regionId, vision.regionId), eq(organisations.type, "gemeente")))
      .orderBy(asc(organisations.name)),
    db
      .select({
        adoption: adoptions,
        fileName: files.filename,
        letterReference: reactions.reference,
        letterDate: reactions.letterDate,
        letterPoints: sql<number>`(select count(*) from ${points} where ${points.reactionId} = ${adoptions.councilLetterId})`,
        recordedBy: users.name,
      })
      .from(adoptions)
      .leftJoin(files, eq(files.id, adoptions.decisionFileId))
      .leftJoin(reactions, eq(reactions.id, adoptions.councilLetterId))
      .leftJoin(users, eq(users.id, adoptions.recordedById))
      .where(eq(adoptions.visionId, visionId)),
    db
      .select()
      .from(adoptionRequests)
      .innerJoin(visionVersions, eq(visionVersions.id, adoptionRequests.versionId))
      .where(eq(visionVersions.visionId, visionId))
      .orderBy(desc(adoptionRequests.createdAt)),
  ]);
  const target = targetVersionOf(versionRows);
  const versionLabels = Object.fromEntries(versionRows.map((v) => [v.id, v.label]));
  const byMunicipality = new Map(adoptionRows.map((r) => [r.adoption.municipalityId, r]));
  const status: InForceResult = inForceStatus({
    target: target ? { id: target.id, label: target.label, isDefinitive: target.isDefinitive, isPublished: target.status === "published" } : null,
    municipalities: municipalityRows,
    adoptions: adoptionRows.map((r) => ({
      municipalityId: r.adoption.municipalityId,
      versionId: r.adoption.versionId,
      outcome: r.adoption.outcome,
      councilDate: r.adoption.councilDate,
    })),
    versionLabels,
    asOf,
  });
  const statusOf = new Map<string, MunicipalityStatus>(status.required.map((s) => [s.municipalityId, s]));
  const sentRequest = requestRows.find((r) => r.adoption_requests.sentAt !== null)?.adoption_requests ?? null;
  const deadline = sentRequest?.deadline ?? null;
  const shown = municipalityRows.filter((m) => isMemberOn(m, asOf) || byMunicipality.has(m.id) || statusOf.has(m.id));
  const rows = shown.map((m) => {
    const record = byMunicipality.get(m.id) ?? null;
    const state = statusOf.get(m.id) ?? null;
    const adopted = state?.state === "adopted";
    return {
      municipality: m,
      isMember: isMemberOn(m, asOf),
      adoption: record?.adoption ?? null,
      versionLabel: record?.adoption.versionId ? (versionLabels[record.adoption.versionId] ?? null) : null,
      decisionFileName: record?.fileName ?? null,
      councilLetter: record?.adoption.councilLetterId
        ? { id: record.adoption.councilLetterId, reference: record.letterReference, letterDate: record.letterDate, points: Number(record.letterPoints) }
        : null,
      recordedBy: record?.recordedBy ?? null,
      required: !!state,
      state: state?.state ?? null,
      reason: state?.reason ?? null,
      overdue: !!deadline && !adopted && !!state && deadline < asOf,
    };
  });
  return {
    vision,
    versions: versionRows,
    publishedVersions: versionRows.filter((v) => v.status === "published"),
    target,
    requests: requestRows.map((r) => r.adoption_requests),
    sentRequest,
    deadline,
    rows,
    status,
    adoptedCount: status.required.filter((s) => s.state === "adopted").length,
    requiredCount: status.required.length,
  };
}

export type AdoptionOverview = NonNullable<Awaited<ReturnType<typeof loadAdoptionOverview>>>;

/** The public status page: any published visie, by its slugs; drafts and unknown slugs are null. */
export async function loadPublicAdoptionStatus(db: Db, regionSlug: string, visionSlug: string, asOf: string) {
  const [row] = await db
    .select({ id: visions.id })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(
      and(
        eq(regions.slug, regionSlug),
        eq(visions.slug, visionSlug),
        sql`exists (select 1 from ${visionVersions} where ${visionVersions.visionId} = ${visions.id} and ${visionVersions.status} = 'published')`,
      ),
    );
  if (!row) return null;
  return loadAdoptionOverview(db, row.id, asOf);
}

export async function recordingContext(db: Db, viewer: Viewer, visionId: string, municipalityId: string) {
  const [vision] = await db.select().from(visions).where(eq(visions.id, visionId));
  if (!vision) throw new AdoptionError("Deze visie bestaat niet.", "forbidden");
  const [municipality] = await db.select().from(organisations).where(eq(organisations.id, municipalityId));
  if (!municipality || municipality.regionId !== vision.regionId || municipality.type !== "gemeente") {
    throw new AdoptionError("Deze gemeente hoort niet bij de regio van deze visie. U kunt alleen een besluit vastleggen voor een lidgemeente.");
  }
  if (!canRecordAdoption(viewer, vision.regionId, municipalityId)) {
    throw new AdoptionError("Alleen de griffie van deze gemeente of de regio kan dit besluit vastleggen.", "forbidden");
  }
  return { vision, municipality, onBehalf: !isGriffieOf(viewer, municipalityId) };
}

const conflictMessage = "Iemand anders heeft dit besluit intussen gewijzigd. De nieuwe gegevens staan nu in het formulier; controleer ze en sla opnieuw op.";

/** Region staff who hear about council decisions (one query). */
async function staffRecipients(tx: Db, regionId: string) {
  return tx
    .selectDistinct({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(organisations.regionId, regionId), inArray(memberships.role, ["staff_editor", "staff_admin"])));
}

/**
 * Records (or corrects) a council's raadsvoorstel and raadsbesluit. The griffie records its own
 * municipality; staff may record on its behalf (audited as such). Optimistic locking on revision;
 * one transaction with the audit event and the notification to the region's staff.
 */
export async function recordDecision(db: Db, viewer: Viewer, input: { visionId: string; municipalityId: string; decision: DecisionInput }, now = new Date()) {
  const parsed = DecisionSchema.safeParse(input.decision);
  if (!parsed.success) throw new AdoptionError(parsed.error.issues.map((i) => i.message));
  const value = parsed.data;
  const { vision, municipality, onBehalf } = await recordingContext(db, viewer, input.visionId, input.municipalityId);
  const [version] = await db.select().from(visionVersions).where(eq(visionVersions.id, value.versionId));
  if (!version || version.visionId !== vision.id || version.status !== "published") {
    throw new AdoptionError("U kunt alleen een gepubliceerde versie van deze visie vaststellen. Deze versie is niet gepubliceerd.");
  }
  const asOf = todayIso(now);
  const before = await loadAdoptionOverview(db, vision.id, asOf);
  const result = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(adoptions)
      .where(and(eq(adoptions.visionId, vision.id), eq(adoptions.municipalityId, municipality.id)));
    const values = {
      versionId: value.versionId,
      proposalNumber: value.proposalNumber,
      collegeDate: value.collegeDate,
      portfolioHolder: value.portfolioHolder,
      decisionItems: value.items,
      committeeDate: value.committeeDate,
      councilDate: value.councilDate,
      decisionNumber: value.decisionNumber,
      outcome: value.outcome,
      recordedById: viewer.user.id,
      decidedAt: value.outcome ? (existing?.outcome === value.outcome && existing.decidedAt ? existing.decidedAt : now) : null,
      updatedAt: now,
    };
    let row: AdoptionRow | undefined;
    if (existing) {
      if (existing.revision !== value.revision) throw new AdoptionError(conflictMessage, "conflict");
      [row] = await tx
        .update(adoptions)
        .set({ ...values, revision: sql`${adoptions.revision} + 1` })
        .where(and(eq(adoptions.id, existing.id), eq(adoptions.revision, value.revision)))
        .returning();
    } else {
      if (value.revision !== 0) throw new AdoptionError(conflictMessage, "conflict");
      [row] = await tx
        .insert(adoptions)
        .values({ visionId: vision.id, municipalityId: municipality.id, ...values })
        .onConflictDoNothing()
        .returning();
    }
    if (!row) throw new AdoptionError(conflictMessage, "conflict");
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: vision.regionId,
      action: "adoption.record",
      entityType: "adoption",
      entityId: row.id,
      before: existing ? pick(existing) : null,
      after: { ...pick(row), municipality: municipality.name, ...(onBehalf ? { onBehalfOf: municipality.name } : {}) },
    });
    const decisionChanged = !!row.outcome && (existing?.outcome !== row.outcome || existing?.councilDate !== row.councilDate || existing?.versionId !== row.versionId);
    if (decisionChanged) await notifyStaff(tx, { vision, municipalityName: municipality.name, row, versionLabel: version.label, wasInForce: before?.status.inForce ?? false, asOf });
    return row;
  });
  return { adoption: result, onBehalf };
}

function pick(row: AdoptionRow) {
  return {
    versionId: row.versionId,
    proposalNumber: row.proposalNumber,
    collegeDate: row.collegeDate,
    portfolioHolder: row.portfolioHolder,
    decisionItems: row.decisionItems,
    committeeDate: row.committeeDate,
    councilDate: row.councilDate,
    decisionNumber: row.decisionNumber,
    outcome: row.outcome,
    decisionFileId: row.decisionFileId,
    councilLetterId: row.councilLetterId,
    revision: row.revision,
  };
}

async function notifyStaff(
  tx: Db,
  input: { vision: typeof visions.$inferSelect; municipalityName: string; row: AdoptionRow; versionLabel: string; wasInForce: boolean; asOf: string },
) {
  const after = await loadAdoptionOverview(tx, input.vision.id, input.asOf);
  if (!after) return;
  const [region] = await tx.select().from(regions).where(eq(regions.id, input.vision.regionId));
  const link = `${appUrl()}/beheer/visies/${input.vision.id}/vaststelling`;
  const recipients = await staffRecipients(tx, input.vision.regionId);
  for (const person of recipients) {
    await queueMessage(tx, {
      regionId: input.vision.regionId,
      template: "besluit-geregistreerd",
      to: { address: person.email, name: person.name },
      recipientUserId: person.id,
      data: {
        recipientName: person.name,
        regionName: region!.name,
        municipalityName: input.municipalityName,
        visionTitle: input.vision.title,
        versionLabel: input.versionLabel,
        decision: input.row.outcome as DecisionOutcome,
        decidedAt: new Date(`${input.row.councilDate}T12:00:00Z`),
        adoptedCount: after.adoptedCount,
        totalCount: Math.max(1, after.requiredCount),
        link,
      },
      idempotencyKey: `besluit:${input.row.id}:${input.row.revision}:${person.id}`,
    });
    if (after.status.inForce && !input.wasInForce) {
      await queueMessage(tx, {
        regionId: input.vision.regionId,
        template: "visie-van-kracht",
        to: { address: person.email, name: person.name },
        recipientUserId: person.id,
        data: {
          recipientName: person.name,
          regionName: region!.name,
          visionTitle: input.vision.title,
          versionLabel: after.target?.label ?? input.versionLabel,
          effectiveAt: new Date(`${after.status.effectiveDate}T12:00:00Z`),
          municipalityCount: Math.max(1, after.requiredCount),
          link: `${appUrl()}/visies/${region!.slug}/${input.vision.slug}/vaststelling`,
        },
        idempotencyKey: `van-kracht:${input.vision.id}:${after.status.effectiveDate}:${person.id}`,
      });
    }
  }
}

export function isPdf(bytes: Uint8Array) {
  return bytes.byteLength >= 5 && Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";
}

/** The raadsbesluit as a PDF (checked by its first bytes and size), stored with the adoption record. */
export async function attachDecisionFile(
  db: Db,
  viewer: Viewer,
  input: { visionId: string; municipalityId: string; revision: number; filename: string; bytes: Uint8Array },
) {
  if (input.bytes.byteLength === 0) throw new AdoptionError("Kies het raadsbesluit als PDF-bestand.");
  if (input.bytes.byteLength > MAX_DECISION_FILE_BYTES) throw new AdoptionError("Het raadsbesluit is te groot (hoogstens 10 MB).");
  if (!isPdf(input.bytes)) throw new AdoptionError("Het raadsbesluit moet een PDF-bestand zijn. Dit bestand is geen PDF.");
  const { vision, municipality, onBehalf } = await recordingContext(db, viewer, input.visionId, input.municipalityId);
  const filename = (input.filename.replace(/[\\/]/g, "_").trim() || "raadsbesluit.pdf").slice(0, 200);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(adoptions).where(and(eq(adoptions.visionId, vision.id), eq(adoptions.municipalityId, municipality.id)));
    if (!existing) throw new AdoptionError("Leg eerst het raadsvoorstel vast; daarna kunt u het raadsbesluit toevoegen.");
    if (existing.revision !== input.revision) throw new AdoptionError(conflictMessage, "conflict");
    const fileId = await storeFile(tx, {
      regionId: vision.regionId,
      filename: filename.toLowerCase().endsWith(".pdf") ? filename : `${filename}.pdf`,
      mime: "application/pdf",
      bytes: input.bytes,
      createdById: viewer.user.id,
    });
    const [row] = await tx
      .update(adoptions)
      .set({ decisionFileId: fileId, revision: sql`${adoptions.revision} + 1`, updatedAt: new Date() })
      .where(and(eq(adoptions.id, existing.id), eq(adoptions.revision, input.revision)))
      .returning();
    if (!row) throw new AdoptionError(conflictMessage, "conflict");
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: vision.regionId,
      action: "adoption.decision_file",
      entityType: "adoption",
      entityId: row.id,
      before: { decisionFileId: existing.decisionFileId },
      after: { decisionFileId: fileId, filename, size: input.bytes.byteLength, ...(onBehalf ? { onBehalfOf: municipality.name } : {}) },
    });
    return row;
  });
}

/** One municipality's record and the choices its form needs. */
export async function loadDecisionForm(db: Db, visionId: string, municipalityId: string) {
  const [vision] = await db.select().from(visions).where(eq(visions.id, visionId));
  const [municipality] = await db.select().from(organisations).where(eq(organisations.id, municipalityId));
  if (!vision || !municipality || municipality.regionId !== vision.regionId || municipality.type !== "gemeente") return null;
  const [versionRows, [record]] = await Promise.all([
    db.select().from(visionVersions).where(and(eq(visionVersions.visionId, visionId), eq(visionVersions.status, "published"))).orderBy(desc(visionVersions.number)),
    db
      .select({ adoption: adoptions, fileName: files.filename, deadline: adoptionRequests.deadline })
      .from(adoptions)
      .leftJoin(files, eq(files.id, adoptions.decisionFileId))
      .leftJoin(adoptionRequests, eq(adoptionRequests.id, adoptions.adoptionRequestId))
      .where(and(eq(adoptions.visionId, visionId), eq(adoptions.municipalityId, municipalityId))),
  ]);
  const letterPoints = record?.adoption.councilLetterId
    ? await db
        .select({ id: points.id, reference: points.reference, plainText: points.plainText })
        .from(points)
        .where(eq(points.reactionId, record.adoption.councilLetterId))
        .orderBy(asc(points.number))
    : [];
  const [councilLetter] = record?.adoption.councilLetterId
    ? await db.select().from(reactions).where(eq(reactions.id, record.adoption.councilLetterId))
    : [];
  return {
    vision,
    municipality,
    versions: versionRows,
    target: targetVersionOf(versionRows),
    adoption: record?.adoption ?? null,
    decisionFileName: record?.fileName ?? null,
    deadline: record?.deadline ?? null,
    councilLetter: councilLetter ? { ...councilLetter, points: letterPoints } : null,
  };
}

/** A file of this visie's adoption (raadsbesluit or aanbiedingsbrief), for staff of its region. */
export async function findAdoptionFile(db: Db, visionId: string, fileId: string) {
  const [decision] = await db
    .select({ id: adoptions.id })
    .from(adoptions)
    .where(and(eq(adoptions.visionId, visionId), eq(adoptions.decisionFileId, fileId)));
  const [letter] = decision
    ? [null]
    : await db
        .select({ id: adoptionRequests.id })
        .from(adoptionRequests)
        .innerJoin(visionVersions, eq(visionVersions.id, adoptionRequests.versionId))
        .where(and(eq(visionVersions.visionId, visionId), or(eq(adoptionRequests.pdfFileId, fileId), eq(adoptionRequests.docxFileId, fileId))));
  if (!decision && !letter) return null;
  return readStoredFile(db, fileId);
}

/** The griffie's overview: the visies of its region with a published version and its own record. */
export async function listVisionsForMunicipality(db: Db, municipalityId: string) {
  const [municipality] = await db.select().from(organisations).where(eq(organisations.id, municipalityId));
  if (!municipality) return [];
  const rows = await db
    .select({ id: visions.id, title: visions.title, outcome: adoptions.outcome, councilDate: adoptions.councilDate, deadline: adoptionRequests.deadline })
    .from(visions)
    .leftJoin(adoptions, and(eq(adoptions.visionId, visions.id), eq(adoptions.municipalityId, municipalityId)))
    .leftJoin(adoptionRequests, eq(adoptionRequests.id, adoptions.adoptionRequestId))
    .where(
      and(
        eq(visions.regionId, municipality.regionId),
        sql`exists (select 1 from ${visionVersions} where ${visionVersions.visionId} = ${visions.id} and ${visionVersions.status} = 'published')`,
      ),
    )
    .orderBy(asc(visions.title));
  return rows;
}

/** Staff or the municipality's own griffie may see its record page. */
export function canSeeDecision(viewer: Viewer, regionId: string, municipalityId: string) {
  return isStaff(viewer, regionId) || isGriffieOf(viewer, municipalityId);
}

