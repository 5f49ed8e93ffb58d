import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { files, jobs, memberships, organisations, reactions, responseLetters, users } from "~db/schema";
import { isStaff, isStaffAdmin, isMemberOf, type Viewer } from "~/auth/roles";
import { enqueueJob, registerJobHandler } from "~/email/jobs.server";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { readStoredFile, storeFile } from "~/lib/files.server";
import { queueMessage } from "~/lib/outbox.server";
import { withoutNul, z } from "~/lib/zod.server";
import type { LetterStatus } from "./labels";
import type { LetterDocument } from "./letter-model";
import { renderDocx, renderPdf } from "./render.server";
import {
  buildResponseLetter,
  isAnswered,
  letterTexts,
  loadLetterContext,
  type LetterContext,
  type LetterRow,
} from "./response-letter-model.server";
import { checkPlaceholders, TemplateError } from "./templates.server";

/**
 * Antwoordbrieven: one per reaction, workflow concept → ter goedkeuring → vastgesteld → verzonden.
 * Vastgesteld only when every point of the reaction is answered; it freezes the letter model
 * (snapshot) and renders PDF and DOCX into the file store. Verzonden queues the e-mail with the PDF
 * in the same transaction and makes the letter immutable. Every change checks the revision
 * (optimistic locking) and is audited in its own transaction.
 */

export class LetterError extends Error {
  constructor(
    message: string,
    readonly code: "invalid" | "conflict" | "forbidden" | "sent" | "unanswered" = "invalid",
  ) {
    super(message);
  }
}

export const PDF_MIME = "application/pdf";
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const SENT_MESSAGE = "Deze brief is verzonden en kan niet meer worden gewijzigd.";
const CONFLICT_MESSAGE =
  "Iemand anders heeft deze brief intussen gewijzigd. Laad de pagina opnieuw en probeer het nog eens.";

function assertStaff(viewer: Viewer, regionId: string) {
  if (!isStaff(viewer, regionId))
    throw new LetterError("Alleen regiomedewerkers kunnen antwoordbrieven opstellen.", "forbidden");
}

async function contextOrThrow(db: Db, visionId: string, reactionId: string): Promise<LetterContext> {
  const ctx = await loadLetterContext(db, visionId, reactionId);
  if (!ctx) throw new LetterError("Deze reactie bestaat niet of is niet ingediend.", "invalid");
  return ctx;
}

const oneLine = (label: string, max: number) =>
  z
    .string()
    .overwrite(withoutNul)
    .trim()
    .max(max, `${label} is te lang (hooguit ${max} tekens).`)
    .refine((v) => !/[\r\n]/.test(v), `${label} mag maar één regel zijn.`);

export const letterInput = z.object({
  revision: z.coerce.number().int().min(0, "Ongeldige versie van de brief."),
  letterNumber: oneLine("Het briefnummer", 60),
  subject: oneLine("Het onderwerp", 200),
  handledBy: oneLine("Behandeld door", 120),
  letterDate: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "Vul de datum in als jjjj-mm-dd.")
    .default(""),
  signatoryNames: z
    .array(oneLine("De naam van de ondertekenaar", 120))
    .max(3, "Hooguit drie ondertekenaars.")
    .default([]),
  signatoryTitles: z.array(oneLine("De functie van de ondertekenaar", 120)).max(3).default([]),
  introduction: z
    .string()
    .overwrite(withoutNul)
    .trim()
    .min(1, "Vul de inleiding in.")
    .max(5000, "De inleiding is te lang (hooguit 5000 tekens)."),
  closing: z.string().overwrite(withoutNul).trim().min(1, "Vul het slot in.").max(5000, "Het slot is te lang (hooguit 5000 tekens)."),
});
export type LetterInput = z.input<typeof letterInput>;

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "Controleer de invoer.";
}

/** Saves the letter's own texts and metadata; creates the letter on its first save (revision 0). */
export async function saveResponseLetter(
  db: Db,
  viewer: Viewer,
  visionId: string,
  reactionId: string,
  raw: unknown,
): Promise<LetterRow> {
  const ctx = await contextOrThrow(db, visionId, reactionId);
  assertStaff(viewer, ctx.region.id);
  const parsed = letterInput.safeParse(raw);
  if (!parsed.success) throw new LetterError(firstIssue(parsed.error));
  const input = parsed.data;
  const existing = ctx.letter;
  if (existing?.status === "verzonden") throw new LetterError(SENT_MESSAGE, "sent");
  if (existing?.status === "vastgesteld")
    throw new LetterError("Deze brief is vastgesteld. Zet hem eerst terug naar concept om hem te wijzigen.", "invalid");
  try {
    checkPlaceholders("De inleiding", input.introduction);
    checkPlaceholders("Het slot", input.closing);
  } catch (error) {
    if (error instanceof TemplateError) throw new LetterError(error.message);
    throw error;
  }
  const signatories = input.signatoryNames
    .map((name, i) => ({ name, title: input.signatoryTitles[i] ?? "" }))
    .filter((s) => s.name.length > 0);
  const values = {
    letterNumber: input.letterNumber || null,
    subject: input.subject || null,
    handledBy: input.handledBy || null,
    letterDate: input.letterDate ? new Date(`${input.letterDate}T12:00:00Z`) : null,
    signedByName: signatories.length ? signatories.map((s) => s.name).join("\n") : null,
    signedByTitle: signatories.length ? signatories.map((s) => s.title).join("\n") : null,
    introduction: { kind: "plain", text: input.introduction },
    closing: { kind: "plain", text: input.closing },
    senderOrganisationId: ctx.sender.organisationId,
    updatedAt: new Date(),
  };
  return db.transaction(async (tx) => {
    let row: LetterRow | undefined;
    if (!existing) {
      if (input.revision !== 0) throw new LetterError(CONFLICT_MESSAGE, "conflict");
      [row] = await tx
        .insert(responseLetters)
        .values({ reactionId, ...values })
        .onConflictDoNothing()
        .returning();
    } else {
      [row] = await tx
        .update(responseLetters)
        .set({ ...values, revision: existing.revision + 1 })
        .where(
          and(
            eq(responseLetters.id, existing.id),
            eq(responseLetters.revision, input.revision),
            inArray(responseLetters.status, ["concept", "ter_goedkeuring"]),
          ),
        )
        .returning();
    }
    if (!row) throw new LetterError(CONFLICT_MESSAGE, "conflict");
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: ctx.region.id,
      action: existing ? "response_letter.update" : "response_letter.create",
      entityType: "response_letter",
      entityId: row.id,
      before: existing
        ? {
            letterNumber: existing.letterNumber,
            subject: existing.subject,
            signedByName: existing.signedByName,
            revision: existing.revision,
          }
        : null,
      after: {
        letterNumber: row.letterNumber,
        subject: row.subject,
        signedByName: row.signedByName,
        revision: row.revision,
      },
    });
    return row;
  });
}

export const transitionInput = z.object({
  revision: z.coerce.number().int().min(1, "Ongeldige versie van de brief."),
  to: z.enum(["concept", "ter_goedkeuring", "vastgesteld", "verzonden"], { message: "Onbekende stap voor de brief." }),
});

/** Which steps are allowed from a status, and who may take them. */
const transitions: Record<LetterStatus, Partial<Record<LetterStatus, "staff" | "admin">>> = {
  concept: { ter_goedkeuring: "staff", vastgesteld: "admin" },
  ter_goedkeuring: { concept: "staff", vastgesteld: "admin" },
  vastgesteld: { verzonden: "admin", concept: "admin" },
  verzonden: {},
};

export function allowedTransitions(status: LetterStatus, viewer: Viewer, regionId: string): LetterStatus[] {
  return (Object.entries(transitions[status]) as [LetterStatus, "staff" | "admin"][])
    .filter(([, who]) => (who === "admin" ? isStaffAdmin(viewer, regionId) : isStaff(viewer, regionId)))
    .map(([to]) => to);
}

/** Points of the reaction without an answer that counts (beantwoord or vastgesteld). */
export function unansweredReferences(ctx: LetterContext): string[] {
  return ctx.points.filter((p) => !isAnswered(p)).map((p) => p.reference);
}

export function fileNameFor(doc: LetterDocument, organisationCode: string, ext: "pdf" | "docx"): string {
  const number = doc.references.letterNumber ? `-${doc.references.letterNumber.replace(/[^A-Za-z0-9-]+/g, "-")}` : "";
  return `antwoordbrief-${organisationCode.toLowerCase()}${number}.${ext}`;
}

/** Moves the letter one step in its workflow. */
export async function transitionResponseLetter(
  db: Db,
  viewer: Viewer,
  visionId: string,
  reactionId: string,
  raw: unknown,
  now: Date = new Date(),
): Promise<LetterRow> {
  const ctx = await contextOrThrow(db, visionId, reactionId);
  assertStaff(viewer, ctx.region.id);
  const parsed = transitionInput.safeParse(raw);
  if (!parsed.success) throw new LetterError(firstIssue(parsed.error));
  const { revision, to } = parsed.data;
  const letter = ctx.letter;
  if (!letter) throw new LetterError("Sla de brief eerst op.");
  if (letter.status === "verzonden") throw new LetterError(SENT_MESSAGE, "sent");
  if (letter.revision !== revision) throw new LetterError(CONFLICT_MESSAGE, "conflict");
  const who = transitions[letter.status][to];
  if (!who)
    throw new LetterError(
      `Een brief met status ${letter.status.replace("_", " ")} kan niet naar ${to.replace("_", " ")}.`,
    );
  if (who === "admin" && !isStaffAdmin(viewer, ctx.region.id)) {
    throw new LetterError(
      to === "vastgesteld"
        ? "Alleen een regiobeheerder kan een brief vaststellen."
        : "Alleen een regiobeheerder kan deze stap zetten.",
      "forbidden",
    );
  }

  if (to === "vastgesteld") return fixLetter(db, viewer, ctx, letter, now);
  if (to === "verzonden") return sendLetter(db, viewer, ctx, letter, now);

  return db.transaction(async (tx) => {
    const back = letter.status === "vastgesteld";
    const [row] = await tx
      .update(responseLetters)
      .set({
        status: to,
        revision: letter.revision + 1,
        updatedAt: now,
        ...(back ? { snapshot: null, pdfFileId: null, docxFileId: null, approvedAt: null, approvedById: null } : {}),
      })
      .where(
        and(
          eq(responseLetters.id, letter.id),
          eq(responseLetters.revision, revision),
          eq(responseLetters.status, letter.status),
        ),
      )
      .returning();
    if (!row) throw new LetterError(CONFLICT_MESSAGE, "conflict");
    if (back) {
      const old = [letter.pdfFileId, letter.docxFileId].filter((id): id is string => !!id);
      if (old.length) await tx.delete(files).where(inArray(files.id, old));
    }
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: ctx.region.id,
      action: `response_letter.${to}`,
      entityType: "response_letter",
      entityId: letter.id,
      before: { status: letter.status, revision: letter.revision },
      after: { status: row.status, revision: row.revision },
    });
    return row;
  });
}

async function fixLetter(db: Db, viewer: Viewer, ctx: LetterContext, letter: LetterRow, now: Date): Promise<LetterRow> {
  const missing = unansweredReferences(ctx);
  if (missing.length > 0) {
    throw new LetterError(
      `De brief kan nog niet worden vastgesteld: ${missing.length === 1 ? "punt" : "de punten"} ${missing.join(", ")} ${missing.length === 1 ? "heeft" : "hebben"} nog geen antwoord (beantwoord of vastgesteld).`,
      "unanswered",
    );
  }
  if (!letter.signedByName?.trim()) throw new LetterError("Kies eerst wie de brief ondertekent.");
  if (!letter.letterNumber?.trim()) throw new LetterError("Vul eerst een briefnummer in.");
  const letterDate = letter.letterDate ?? now;
  const doc = buildResponseLetter({ ...ctx, letter: { ...letter, letterDate } }, await letterTexts(db, ctx), now);
  const [pdf, docx] = await Promise.all([renderPdf(doc), renderDocx(doc)]);
  return db.transaction(async (tx) => {
    const pdfFileId = await storeFile(tx, {
      regionId: ctx.region.id,
      filename: fileNameFor(doc, ctx.organisation.code, "pdf"),
      mime: PDF_MIME,
      bytes: pdf,
      createdById: viewer.user.id,
    });
    const docxFileId = await storeFile(tx, {
      regionId: ctx.region.id,
      filename: fileNameFor(doc, ctx.organisation.code, "docx"),
      mime: DOCX_MIME,
      bytes: docx,
      createdById: viewer.user.id,
    });
    const [row] = await tx
      .update(responseLetters)
      .set({
        status: "vastgesteld",
        snapshot: doc,
        pdfFileId,
        docxFileId,
        letterDate,
        approvedById: viewer.user.id,
        approvedAt: now,
        revision: letter.revision + 1,
        updatedAt: now,
      })
      .where(
        and(
          eq(responseLetters.id, letter.id),
          eq(responseLetters.revision, letter.revision),
          eq(responseLetters.status, letter.status),
        ),
      )
      .returning();
    if (!row) throw new LetterError(CONFLICT_MESSAGE, "conflict");
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: ctx.region.id,
      action: "response_letter.vastgesteld",
      entityType: "response_letter",
      entityId: letter.id,
      before: { status: letter.status, revision: letter.revision },
      after: {
        status: "vastgesteld",
        revision: row.revision,
        pdfFileId,
        docxFileId,
        points: ctx.points.map((p) => p.reference),
      },
    });
    return row;
  });
}

async function sendLetter(
  db: Db,
  viewer: Viewer,
  ctx: LetterContext,
  letter: LetterRow,
  now: Date,
): Promise<LetterRow> {
  if (!letter.snapshot || !letter.pdfFileId)
    throw new LetterError("Stel de brief eerst vast; dan wordt de PDF gemaakt.");
  const pdf = await readStoredFile(db, letter.pdfFileId);
  if (!pdf)
    throw new LetterError("De PDF van deze brief ontbreekt. Zet de brief terug naar concept en stel hem opnieuw vast.");
  const recipients = await db
    .selectDistinct({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, ctx.organisation.id), inArray(memberships.role, ["member", "signatory"])))
    .orderBy(asc(users.email));
  const doc = letter.snapshot as LetterDocument;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(responseLetters)
      .set({
        status: "verzonden",
        sentAt: now,
        sentById: viewer.user.id,
        revision: letter.revision + 1,
        updatedAt: now,
      })
      .where(
        and(
          eq(responseLetters.id, letter.id),
          eq(responseLetters.revision, letter.revision),
          eq(responseLetters.status, "vastgesteld"),
        ),
      )
      .returning();
    if (!row) throw new LetterError(CONFLICT_MESSAGE, "conflict");
    const link = `${appUrl()}/beheer/visies/${ctx.vision.id}/brieven/${ctx.reaction.id}/antwoordbrief.pdf`;
    for (const recipient of recipients) {
      await queueMessage(tx, {
        regionId: ctx.region.id,
        template: "antwoordbrief-verzonden",
        to: { address: recipient.email, name: recipient.name },
        recipientUserId: recipient.id,
        data: {
          recipientName: recipient.name,
          organisationName: ctx.organisation.name,
          regionName: ctx.region.name,
          senderName: ctx.sender.isCollege
            ? `Het college van B en W van ${ctx.sender.name.replace(/^Gemeente /, "")}`
            : ctx.sender.name,
          visionTitle: ctx.vision.title,
          letterDate: (letter.letterDate ?? now).toISOString(),
          letterReference: doc.references.letterNumber ?? undefined,
          theirReference: doc.references.theirReference ?? undefined,
          attachmentName: pdf.filename,
          link,
        },
        attachments: [{ filename: pdf.filename, contentType: PDF_MIME, content: new Uint8Array(pdf.content) }],
        idempotencyKey: `antwoordbrief:${letter.id}:${recipient.email}`,
      });
    }
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: ctx.region.id,
      action: "response_letter.verzonden",
      entityType: "response_letter",
      entityId: letter.id,
      before: { status: letter.status, revision: letter.revision },
      after: { status: "verzonden", revision: row.revision, sentAt: now, recipients: recipients.map((r) => r.email) },
    });
    return row;
  });
}

export type LetterFormat = "pdf" | "docx";

/**
 * The letter as a file. A vastgesteld or sent letter is served from its stored files (rendered from
 * the frozen snapshot); a concept is rendered on the fly for staff. Staff of the region always; the
 * reacting organisation's members once the letter is sent. Anyone else: null (404).
 */
export async function letterFile(
  db: Db,
  viewer: Viewer,
  visionId: string,
  reactionId: string,
  format: LetterFormat,
  now = new Date(),
) {
  const ctx = await loadLetterContext(db, visionId, reactionId);
  if (!ctx) return null;
  const staff = isStaff(viewer, ctx.region.id);
  const member = isMemberOf(viewer, ctx.organisation.id) && ctx.letter?.status === "verzonden";
  if (!staff && !member) return null;
  const letter = ctx.letter;
  const fileId = format === "pdf" ? letter?.pdfFileId : letter?.docxFileId;
  if (letter && (letter.status === "vastgesteld" || letter.status === "verzonden") && fileId) {
    return readStoredFile(db, fileId);
  }
  if (!staff) return null;
  const doc = buildResponseLetter(ctx, await letterTexts(db, ctx), now);
  const bytes = format === "pdf" ? await renderPdf(doc) : await renderDocx(doc);
  const base = fileNameFor(doc, ctx.organisation.code, format).replace(/\.(pdf|docx)$/, "");
  return {
    filename: `${base}-concept.${format}`,
    mime: format === "pdf" ? PDF_MIME : DOCX_MIME,
    content: Buffer.from(bytes),
  };
}

/** Every submitted reaction of the visie with its letter status (one query), for the letters overview. */
export async function listLetters(db: Db, visionId: string, page: number, pageSize = 50) {
  const where = and(eq(reactions.visionId, visionId), eq(reactions.status, "submitted"));
  const [{ total }] = (await db
    .select({ total: sql<number>`count(*)::int` })
    .from(reactions)
    .where(where)) as [{ total: number }];
  const rows = await db
    .select({
      reactionId: reactions.id,
      kind: reactions.kind,
      reference: reactions.reference,
      submittedAt: reactions.submittedAt,
      organisation: organisations.name,
      organisationCode: organisations.code,
      letterId: responseLetters.id,
      status: responseLetters.status,
      letterNumber: responseLetters.letterNumber,
      sentAt: responseLetters.sentAt,
      pdfFileId: responseLetters.pdfFileId,
      points: sql<number>`(select count(*)::int from points p where p.reaction_id = ${reactions.id})`,
      answered: sql<number>`(select count(*)::int from points p join answers a on a.point_id = p.id where p.reaction_id = ${reactions.id} and a.status in ('beantwoord', 'vastgesteld'))`,
    })
    .from(reactions)
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .leftJoin(responseLetters, eq(responseLetters.reactionId, reactions.id))
    .where(where)
    .orderBy(asc(organisations.name), asc(reactions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [counts] = await db
    .select({
      fixed: sql<number>`count(*) filter (where ${responseLetters.status} = 'vastgesteld')::int`,
      sent: sql<number>`count(*) filter (where ${responseLetters.status} = 'verzonden')::int`,
    })
    .from(responseLetters)
    .innerJoin(reactions, eq(reactions.id, responseLetters.reactionId))
    .where(eq(reactions.visionId, visionId));
  return { rows, total, pageSize, fixed: counts?.fixed ?? 0, sent: counts?.sent ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// "Alle vastgestelde brieven renderen": a background job with progress.

export const RENDER_ALL_JOB = "letters.render-all";

const renderAllPayload = z.object({ visionId: z.uuid(), regionId: z.uuid(), actorId: z.uuid().nullable() });

/** Queues the job unless one for this visie is still waiting or running. Returns the job id. */
export async function queueRenderAll(
  db: Db,
  viewer: Viewer,
  regionId: string,
  visionId: string,
  now = new Date(),
): Promise<string> {
  assertStaff(viewer, regionId);
  const running = await latestRenderJob(db, visionId);
  if (running && (running.status === "queued" || running.status === "running" || running.status === "failed"))
    return running.id;
  return db.transaction(async (tx) => {
    const id = await enqueueJob(tx, {
      kind: RENDER_ALL_JOB,
      payload: { visionId, regionId, actorId: viewer.user.id },
      idempotencyKey: `${RENDER_ALL_JOB}:${visionId}:${now.getTime()}`,
      maxAttempts: 3,
    });
    if (!id) throw new LetterError("Het renderen is al aangevraagd.", "conflict");
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId,
      action: "response_letter.render_all_queued",
      entityType: "vision",
      entityId: visionId,
      after: { jobId: id },
    });
    return id;
  });
}

export async function latestRenderJob(db: Db, visionId: string) {
  const [row] = await db
    .select({
      id: jobs.id,
      status: jobs.status,
      progress: jobs.progress,
      total: jobs.total,
      lastError: jobs.lastError,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(and(eq(jobs.kind, RENDER_ALL_JOB), sql`${jobs.payload}->>'visionId' = ${visionId}`))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Re-renders the PDF and DOCX of every vastgesteld (not yet sent) letter of the visie from its
 * frozen snapshot, recording progress on the job. Idempotent: running it twice gives the same files.
 * Sent letters are never touched (immutable).
 */
export async function renderAllFixedLetters(db: Db, jobId: string, payload: unknown): Promise<{ rendered: number }> {
  const { visionId, regionId, actorId } = renderAllPayload.parse(payload);
  const letters = await db
    .select({
      id: responseLetters.id,
      revision: responseLetters.revision,
      snapshot: responseLetters.snapshot,
      pdfFileId: responseLetters.pdfFileId,
      docxFileId: responseLetters.docxFileId,
      code: organisations.code,
    })
    .from(responseLetters)
    .innerJoin(reactions, eq(reactions.id, responseLetters.reactionId))
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .where(
      and(
        eq(reactions.visionId, visionId),
        eq(responseLetters.status, "vastgesteld"),
        isNotNull(responseLetters.snapshot),
      ),
    )
    .orderBy(asc(responseLetters.id));
  await db.update(jobs).set({ total: letters.length, progress: 0 }).where(eq(jobs.id, jobId));
  let done = 0;
  let lastRenderMs = 0;
  for (const [index, letter] of letters.entries()) {
    const doc = letter.snapshot as LetterDocument;
    if (index > 0) await pauseForPages(lastRenderMs);
    const started = performance.now();
    // In the render worker thread (render.server.ts), so pages stay responsive meanwhile.
    const [pdf, docx] = await Promise.all([renderPdf(doc, { batch: true }), renderDocx(doc, { batch: true })]);
    lastRenderMs = performance.now() - started;
    await db.transaction(async (tx) => {
      const pdfFileId = await storeFile(tx, {
        regionId,
        filename: fileNameFor(doc, letter.code, "pdf"),
        mime: PDF_MIME,
        bytes: pdf,
        createdById: actorId,
      });
      const docxFileId = await storeFile(tx, {
        regionId,
        filename: fileNameFor(doc, letter.code, "docx"),
        mime: DOCX_MIME,
        bytes: docx,
        createdById: actorId,
      });
      const [row] = await tx
        .update(responseLetters)
        .set({ pdfFileId, docxFileId })
        .where(
          and(
            eq(responseLetters.id, letter.id),
            eq(responseLetters.status, "vastgesteld"),
            eq(responseLetters.revision, letter.revision),
          ),
        )
        .returning({ id: responseLetters.id });
      if (row) {
        const old = [letter.pdfFileId, letter.docxFileId].filter((id): id is string => !!id);
        if (old.length) await tx.delete(files).where(inArray(files.id, old));
      } else {
        // The letter changed meanwhile (sent or back to concept): keep its files, drop ours.
        await tx.delete(files).where(inArray(files.id, [pdfFileId, docxFileId]));
      }
      done++;
      await tx.update(jobs).set({ progress: done }).where(eq(jobs.id, jobId));
    });
  }
  await db
    .update(jobs)
    .set({ result: { rendered: done } })
    .where(eq(jobs.id, jobId));
  return { rendered: done };
}

/**
 * The render-all job renders at most a third of the time. Its worker thread runs at a lower
 * priority (render.server.ts), but on two cores a render running without pause still took CPU time
 * and cache from the pages: their p95 rose 1.5-2.3x. Pausing twice each render's time keeps that near
 * 1.7x; 500 letters take ~55 s instead of ~20 s (goal: 2 minutes).
 */
const JOB_RENDER_SHARE = 1 / 3;

function pauseForPages(renderMs: number) {
  return new Promise((resolve) => setTimeout(resolve, renderMs * (1 / JOB_RENDER_SHARE - 1)));
}

registerJobHandler(RENDER_ALL_JOB, async (payload, context) => {
  await renderAllFixedLetters(context.db, context.job.id, payload);
});
