import type { JSONContent } from "@tiptap/core";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { adoptionRequests, adoptions, memberships, organisations, regions, users, visions, visionVersions } from "~db/schema";
import type { Viewer } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import { docFromPlainText, plainTextOf, validateRichText } from "~/editor/validate.server";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { readStoredFile, storeFile } from "~/lib/files.server";
import { queueMessage } from "~/lib/outbox.server";
import type { LetterDocument } from "~/letters/letter-model";
import { buildAdoptionLetter } from "./aanbiedingsbrief";
import { AdoptionError } from "./adoptions.server";
import { isMemberOn } from "./in-force";
import { AdoptionRequestSchema, type AdoptionRequestInput } from "./schema.server";

export type AdoptionRequestRow = typeof adoptionRequests.$inferSelect;

/** Renders a letter as PDF and DOCX (the letters capability's renderers; tests may pass their own). */
export interface LetterRenderers {
  pdf(document: LetterDocument): Promise<Uint8Array>;
  docx(document: LetterDocument): Promise<Uint8Array>;
}

async function staffVision(db: Db, viewer: Viewer, visionId: string) {
  const [vision] = await db.select().from(visions).where(eq(visions.id, visionId));
  if (!vision || !isStaff(viewer, vision.regionId)) throw new AdoptionError("Alleen medewerkers van de regio kunnen een aanbiedingsbrief opstellen.", "forbidden");
  return vision;
}

async function definitivePublished(db: Db, visionId: string, versionId: string) {
  const [version] = await db.select().from(visionVersions).where(eq(visionVersions.id, versionId));
  if (!version || version.visionId !== visionId || version.status !== "published" || !version.isDefinitive) {
    throw new AdoptionError("Alleen een gepubliceerde definitieve versie kan ter vaststelling worden aangeboden. Publiceer eerst de definitieve versie.");
  }
  return version;
}

/** Creates the aanbiedingsbrief, or changes it while it has not been sent. */
export async function saveAdoptionRequest(db: Db, viewer: Viewer, visionId: string, input: AdoptionRequestInput, requestId: string | null = null) {
  const parsed = AdoptionRequestSchema.safeParse(input);
  if (!parsed.success) throw new AdoptionError(parsed.error.issues.map((i) => i.message));
  const value = parsed.data;
  const vision = await staffVision(db, viewer, visionId);
  await definitivePublished(db, vision.id, value.versionId);
  if (value.deadline < value.letterDate) throw new AdoptionError("De uiterste datum voor het raadsbesluit ligt vóór de datum van de brief.");
  const body = validateRichText(docFromPlainText(value.body));
  if (!body.ok) throw new AdoptionError(`De tekst van de brief: ${body.message}`);
  const values = {
    versionId: value.versionId,
    deadline: value.deadline,
    letterDate: value.letterDate,
    letterNumber: value.letterNumber,
    body: body.doc,
    signedByName: value.signedByName,
  };
  return db.transaction(async (tx) => {
    let row: AdoptionRequestRow | undefined;
    if (requestId) {
      const [existing] = await tx.select().from(adoptionRequests).where(eq(adoptionRequests.id, requestId));
      if (!existing || existing.versionId !== value.versionId) {
        const [version] = existing ? await tx.select().from(visionVersions).where(eq(visionVersions.id, existing.versionId)) : [];
        if (!existing || version?.visionId !== vision.id) throw new AdoptionError("Deze aanbiedingsbrief bestaat niet.");
      }
      if (existing.sentAt) throw new AdoptionError("Deze aanbiedingsbrief is al verzonden en kan niet meer worden gewijzigd.");
      [row] = await tx.update(adoptionRequests).set(values).where(eq(adoptionRequests.id, requestId)).returning();
    } else {
      [row] = await tx
        .insert(adoptionRequests)
        .values({ ...values, createdById: viewer.user.id })
        .returning();
    }
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: vision.regionId,
      action: requestId ? "adoption_request.update" : "adoption_request.create",
      entityType: "adoption_request",
      entityId: row!.id,
      after: { ...values, body: plainTextOf(body.doc).slice(0, 500) },
    });
    return row!;
  });
}

/** The request with its visie and version, when it belongs to this visie. */
export async function getAdoptionRequest(db: Db, visionId: string, requestId: string) {
  const [row] = await db
    .select({ request: adoptionRequests, version: visionVersions })
    .from(adoptionRequests)
    .innerJoin(visionVersions, eq(visionVersions.id, adoptionRequests.versionId))
    .where(and(eq(adoptionRequests.id, requestId), eq(visionVersions.visionId, visionId)));
  return row ?? null;
}

export interface SentAdoptionRequest {
  id: string;
  letterNumber: string | null;
  letterDate: string | null;
  deadline: string;
  sentAt: Date;
  versionLabel: string;
  pdfFileId: string | null;
  docxFileId: string | null;
  municipalities: number;
}

/** The date that decides who an aanbiedingsbrief went to (as adoptionLetterDocument uses it). */
const addressedOn = sql`coalesce(${adoptionRequests.letterDate}, ${adoptionRequests.deadline})`;

/**
 * Every aanbiedingsbrief of the visie that was sent, newest first (one query over
 * adoption_requests_version_idx). With a municipality: only those sent to it, i.e. it was a member
 * of the region on the letter's date, the rule sendAdoptionRequest addresses them by.
 */
export async function sentAdoptionRequests(db: Db, visionId: string, municipalityId: string | null = null): Promise<SentAdoptionRequest[]> {
  const base = db
    .select({
      id: adoptionRequests.id,
      letterNumber: adoptionRequests.letterNumber,
      letterDate: adoptionRequests.letterDate,
      deadline: adoptionRequests.deadline,
      sentAt: adoptionRequests.sentAt,
      versionLabel: visionVersions.label,
      pdfFileId: adoptionRequests.pdfFileId,
      docxFileId: adoptionRequests.docxFileId,
      /** How many municipalities of the region were members on the letter's date (it went to them). */
      municipalities: sql<number>`(select count(*)::int from organisations m join visions v on v.region_id = m.region_id
        where v.id = ${visionVersions.visionId} and m.type = 'gemeente'
          and (m.member_from is null or m.member_from <= ${addressedOn}) and (m.member_until is null or ${addressedOn} <= m.member_until))`,
    })
    .from(adoptionRequests)
    .innerJoin(visionVersions, eq(visionVersions.id, adoptionRequests.versionId));
  const sent = and(eq(visionVersions.visionId, visionId), isNotNull(adoptionRequests.sentAt));
  const rows = municipalityId
    ? await base
        .innerJoin(organisations, eq(organisations.id, municipalityId))
        .where(
          and(
            sent,
            eq(organisations.type, "gemeente"),
            sql`(${organisations.memberFrom} is null or ${organisations.memberFrom} <= ${addressedOn})`,
            sql`(${organisations.memberUntil} is null or ${addressedOn} <= ${organisations.memberUntil})`,
          ),
        )
        .orderBy(desc(adoptionRequests.sentAt), desc(adoptionRequests.createdAt))
    : await base.where(sent).orderBy(desc(adoptionRequests.sentAt), desc(adoptionRequests.createdAt));
  return rows.map((r) => ({ ...r, sentAt: r.sentAt!, municipalities: Number(r.municipalities) }));
}

/** A PDF or DOCX of an aanbiedingsbrief of this visie that was sent to this municipality, or null. */
export async function findSentAdoptionRequestFile(db: Db, visionId: string, municipalityId: string, fileId: string) {
  const requests = await sentAdoptionRequests(db, visionId, municipalityId);
  if (!requests.some((r) => r.pdfFileId === fileId || r.docxFileId === fileId)) return null;
  return readStoredFile(db, fileId);
}

/** Member municipalities on a date, by name. */
async function membersOn(db: Db, regionId: string, date: string) {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, memberFrom: organisations.memberFrom, memberUntil: organisations.memberUntil })
    .from(organisations)
    .where(and(eq(organisations.regionId, regionId), eq(organisations.type, "gemeente")))
    .orderBy(asc(organisations.name));
  return rows.filter((m) => isMemberOn(m, date));
}

/** The print model of the aanbiedingsbrief (used for the preview, the PDF and the DOCX). */
export async function adoptionLetterDocument(db: Db, request: AdoptionRequestRow) {
  const [context] = await db
    .select({ vision: visions, version: visionVersions, region: regions })
    .from(visionVersions)
    .innerJoin(visions, eq(visions.id, visionVersions.visionId))
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(eq(visionVersions.id, request.versionId));
  const { vision, version, region } = context!;
  const [regionOrganisation] = await db
    .select({ postalAddress: organisations.postalAddress })
    .from(organisations)
    .where(and(eq(organisations.regionId, region.id), eq(organisations.type, "regio")));
  const letterDate = request.letterDate ?? request.deadline;
  const municipalities = await membersOn(db, region.id, letterDate);
  return {
    vision,
    version,
    region,
    municipalities,
    document: buildAdoptionLetter({
      regionName: region.name,
      regionAddress: regionOrganisation?.postalAddress ?? null,
      visionTitle: vision.title,
      versionLabel: version.label,
      municipalities: municipalities.map((m) => m.name),
      letterDate,
      letterNumber: request.letterNumber,
      deadline: request.deadline,
      body: (request.body as JSONContent | null) ?? docFromPlainText(""),
      signedByName: request.signedByName,
    }),
  };
}

function fileSlug(text: string) {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "brief"
  );
}

/**
 * Sends the aanbiedingsbrief: renders it (PDF and DOCX, stored as files), starts an adoption record
 * for every member municipality from it, and queues one e-mail with the PDF to every municipal
 * contact and griffie of those municipalities, all in one transaction with the audit event.
 */
export async function sendAdoptionRequest(db: Db, viewer: Viewer, visionId: string, requestId: string, renderers: LetterRenderers, now = new Date()) {
  const vision = await staffVision(db, viewer, visionId);
  const found = await getAdoptionRequest(db, vision.id, requestId);
  if (!found) throw new AdoptionError("Deze aanbiedingsbrief bestaat niet.");
  if (found.request.sentAt) throw new AdoptionError("Deze aanbiedingsbrief is al verzonden.");
  await definitivePublished(db, vision.id, found.version.id);
  const letter = await adoptionLetterDocument(db, found.request);
  if (letter.municipalities.length === 0) throw new AdoptionError("De regio heeft op de datum van de brief geen lidgemeenten.");
  const [pdf, docx] = await Promise.all([renderers.pdf(letter.document), renderers.docx(letter.document)]);
  const baseName = `aanbiedingsbrief-${fileSlug(vision.title)}`;
  return db.transaction(async (tx) => {
    const pdfFileId = await storeFile(tx, { regionId: vision.regionId, filename: `${baseName}.pdf`, mime: "application/pdf", bytes: pdf, createdById: viewer.user.id });
    const docxFileId = await storeFile(tx, {
      regionId: vision.regionId,
      filename: `${baseName}.docx`,
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: docx,
      createdById: viewer.user.id,
    });
    const [sent] = await tx
      .update(adoptionRequests)
      .set({ sentAt: now, pdfFileId, docxFileId })
      .where(and(eq(adoptionRequests.id, requestId), isNull(adoptionRequests.sentAt)))
      .returning();
    if (!sent) throw new AdoptionError("Deze aanbiedingsbrief is al verzonden.");

    const municipalityIds = letter.municipalities.map((m) => m.id);
    const existing = await tx
      .select({ id: adoptions.id, municipalityId: adoptions.municipalityId, outcome: adoptions.outcome })
      .from(adoptions)
      .where(and(eq(adoptions.visionId, vision.id), inArray(adoptions.municipalityId, municipalityIds)));
    const missing = municipalityIds.filter((id) => !existing.some((e) => e.municipalityId === id));
    if (missing.length > 0) {
      await tx
        .insert(adoptions)
        .values(missing.map((municipalityId) => ({ visionId: vision.id, municipalityId, adoptionRequestId: requestId, versionId: found.version.id })));
    }
    const open = existing.filter((e) => e.outcome === null).map((e) => e.id);
    if (open.length > 0) {
      await tx.update(adoptions).set({ adoptionRequestId: requestId, versionId: found.version.id, updatedAt: now }).where(inArray(adoptions.id, open));
    }

    const recipients = await tx
      .select({ userId: users.id, email: users.email, name: users.name, municipalityId: memberships.organisationId, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(inArray(memberships.organisationId, municipalityIds), inArray(memberships.role, ["municipal_staff", "griffie"])));
    const attachment = { filename: `${baseName}.pdf`, contentType: "application/pdf", content: pdf };
    for (const person of recipients) {
      const municipality = letter.municipalities.find((m) => m.id === person.municipalityId)!;
      await queueMessage(tx, {
        regionId: vision.regionId,
        template: "aanbiedingsbrief",
        to: { address: person.email, name: person.name },
        recipientUserId: person.userId,
        data: {
          recipientName: person.name,
          municipalityName: `gemeente ${municipality.name}`,
          regionName: letter.region.name,
          visionTitle: vision.title,
          versionLabel: found.version.label,
          deadline: new Date(`${sent.deadline}T12:00:00Z`),
          reference: sent.letterNumber ?? undefined,
          attachmentName: attachment.filename,
          // The griffie records the decision; the contactambtenaar follows the public status.
          link: person.role === "griffie" ? `${appUrl()}/gemeente/vaststelling/${vision.id}` : `${appUrl()}/visies/${letter.region.slug}/${vision.slug}/vaststelling`,
        },
        attachments: [attachment],
        idempotencyKey: `aanbiedingsbrief:${requestId}:${person.userId}:${person.municipalityId}`,
      });
    }
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: vision.regionId,
      action: "adoption_request.send",
      entityType: "adoption_request",
      entityId: requestId,
      after: { sentAt: now, municipalities: letter.municipalities.map((m) => m.name), recipients: recipients.length, pdfFileId, docxFileId },
    });
    return { request: sent, municipalities: letter.municipalities.length, recipients: recipients.length };
  });
}
