import type { JSONContent } from "@tiptap/core";
import { and, asc, eq, gt, inArray, ne, or, sql } from "drizzle-orm";
import {
  answers,
  consultationRounds,
  memberships,
  organisations,
  pointAnchors,
  points,
  reactions,
  sections,
  users,
  visionVersions,
} from "~db/schema";
import type { Viewer } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import { docFromPlainText, plainTextOf, validateRichText } from "~/editor/validate.server";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { isUniqueViolation } from "~/lib/errors.server";
import type { AnswerStatus, Disposition } from "./labels";

export class AnswerError extends Error {
  constructor(
    message: string,
    readonly code: "invalid" | "conflict" | "not-found" | "forbidden" = "invalid",
  ) {
    super(message);
  }
}

export type AnswerRow = typeof answers.$inferSelect;

interface VisionScope {
  id: string;
  regionId: string;
}

function requireStaffOf(viewer: Viewer, vision: VisionScope) {
  if (!isStaff(viewer, vision.regionId)) throw new AnswerError("Alleen medewerkers van de regio kunnen punten beantwoorden.", "forbidden");
}

/** Markup typed into the plain textarea ("<script>", "<b>") is refused rather than stored as text that looks like HTML. */
const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>/i;

/**
 * Rich text from the answer form: Tiptap JSON from the editor (validated against the shared
 * schema) or the textarea's plain text. Markup is refused with a Dutch message.
 */
export function parseRichTextInput(input: { text?: string; json?: string }, label = "het antwoord"): { ok: true; doc: JSONContent; plainText: string } | { ok: false; message: string } {
  let doc: unknown;
  if (input.json) {
    try {
      doc = JSON.parse(input.json);
    } catch {
      return { ok: false, message: "De tekst uit de editor kon niet worden gelezen. Probeer het opnieuw." };
    }
  } else {
    doc = docFromPlainText(input.text ?? "");
  }
  const checked = validateRichText(doc);
  if (!checked.ok) return { ok: false, message: checked.message };
  const plainText = plainTextOf(checked.doc);
  if (MARKUP.test(plainText)) return { ok: false, message: `Gebruik geen HTML-code of scripts in ${label}; schrijf gewone tekst en gebruik de opmaakknoppen.` };
  return { ok: true, doc: checked.doc, plainText };
}

/** A submitted point of the visie by its reference (ASDV-3), with its reaction, organisation and answer; null for anything else. */
export async function getPointForStaff(db: Db, visionId: string, reference: string) {
  const [row] = await db
    .select({ point: points, reaction: reactions, organisation: organisations, answer: answers })
    .from(points)
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .leftJoin(answers, eq(answers.pointId, points.id))
    .where(and(eq(points.visionId, visionId), eq(points.reference, reference), eq(reactions.status, "submitted")));
  return row ?? null;
}

async function loadPointsOfVision(db: Db, visionId: string, pointIds: string[]) {
  const unique = [...new Set(pointIds)];
  const rows = await db
    .select({ id: points.id, reference: points.reference, versionId: reactions.versionId, answer: answers })
    .from(points)
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .leftJoin(answers, eq(answers.pointId, points.id))
    .where(and(eq(points.visionId, visionId), inArray(points.id, unique), eq(reactions.status, "submitted")));
  if (rows.length !== unique.length) throw new AnswerError("Een of meer punten horen niet bij deze visie. Er is niets gewijzigd.", "not-found");
  return rows;
}

/** Names of people (who answered, who signed off), in one query. */
export async function userNames(db: Db, ids: Array<string | null | undefined>) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Staff (editors and admins) of the region, for the assignee choice. */
export async function listStaffOfRegion(db: Db, regionId: string) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(organisations.regionId, regionId), inArray(memberships.role, ["staff_editor", "staff_admin"])))
    .orderBy(asc(users.name));
}

async function requireAssignee(db: Db, regionId: string, assigneeId: string | null | undefined) {
  if (!assigneeId) return null;
  const staff = await listStaffOfRegion(db, regionId);
  if (!staff.some((s) => s.id === assigneeId)) throw new AnswerError("Kies een medewerker van de regio om het punt aan toe te wijzen.");
  return assigneeId;
}

/** Sections of later versions of the visie (published or draft) that an "overgenomen" answer can point to. */
export async function changedSectionOptions(db: Db, visionId: string, afterVersionId: string) {
  const [reactedOn] = await db.select({ number: visionVersions.number }).from(visionVersions).where(eq(visionVersions.id, afterVersionId));
  if (!reactedOn) return [];
  return db
    .select({
      versionId: visionVersions.id,
      versionLabel: visionVersions.label,
      versionNumber: visionVersions.number,
      sectionKey: sections.key,
      number: sections.number,
      title: sections.title,
    })
    .from(sections)
    .innerJoin(visionVersions, eq(visionVersions.id, sections.versionId))
    .where(and(eq(visionVersions.visionId, visionId), gt(visionVersions.number, reactedOn.number)))
    .orderBy(asc(visionVersions.number), asc(sections.position));
}

async function checkChangedSection(db: Db, visionId: string, reactedVersionId: string, disposition: Disposition | undefined, changed: { versionId: string; sectionKey: string } | undefined) {
  if (disposition === "overgenomen" && !changed) {
    throw new AnswerError("Bij ‘overgenomen’ hoort een gewijzigd onderdeel: kies het onderdeel in de nieuwe versie waarin de visie is aangepast.");
  }
  if (!changed || (disposition !== "overgenomen" && disposition !== "deels_overgenomen")) return null;
  const options = await changedSectionOptions(db, visionId, reactedVersionId);
  if (!options.some((o) => o.versionId === changed.versionId && o.sectionKey === changed.sectionKey)) {
    throw new AnswerError("Het gekozen gewijzigde onderdeel hoort niet bij een latere versie van deze visie.");
  }
  return changed;
}

export interface SaveAnswerInput {
  /** The revision the form was based on; 0 when there was no answer yet. */
  revision: number;
  body: JSONContent;
  disposition?: Disposition;
  changedSection?: { versionId: string; sectionKey: string };
  assigneeId?: string;
  /** Points whose answers reuse this one and should follow this edit. */
  alsoUpdate?: string[];
}

function statusFor(hasText: boolean, disposition: Disposition | undefined | null, assigneeId: string | null): AnswerStatus {
  if (hasText && disposition) return "beantwoord";
  if (hasText || disposition || assigneeId) return "in_behandeling";
  return "nieuw";
}

/**
 * Saves the answer to one point with optimistic locking: a form based on an older revision is a
 * conflict and nothing is written. Text and disposition make it "beantwoord"; changing a
 * vastgesteld answer sends it back to "beantwoord" (the sign-off is cleared).
 */
export async function saveAnswer(db: Db, viewer: Viewer, vision: VisionScope, pointId: string, input: SaveAnswerInput, now = new Date()) {
  requireStaffOf(viewer, vision);
  const [target] = await loadPointsOfVision(db, vision.id, [pointId]);
  const changed = await checkChangedSection(db, vision.id, target!.versionId, input.disposition, input.changedSection);
  const assigneeId = await requireAssignee(db, vision.regionId, input.assigneeId);
  const hasText = plainTextOf(input.body).trim().length > 0;
  const existing = target!.answer;
  if ((existing?.revision ?? 0) !== input.revision) {
    throw new AnswerError("Iemand anders heeft dit antwoord intussen gewijzigd. Uw versie is niet opgeslagen; bekijk het huidige antwoord en voer uw wijziging opnieuw in.", "conflict");
  }
  const contentChanged =
    !existing ||
    JSON.stringify(existing.body) !== JSON.stringify(input.body) ||
    existing.disposition !== (input.disposition ?? null) ||
    (existing.changedSectionKey ?? null) !== (changed?.sectionKey ?? null);
  let status = statusFor(hasText, input.disposition, assigneeId);
  if (existing?.status === "vastgesteld" && !contentChanged) status = "vastgesteld";
  const values = {
    body: input.body,
    disposition: input.disposition ?? null,
    changedSectionKey: changed?.sectionKey ?? null,
    changedVersionId: changed?.versionId ?? null,
    assigneeId,
    status,
    ...(status === "vastgesteld" ? {} : { reviewedById: null, reviewedAt: null }),
    ...(contentChanged && hasText ? { answeredById: viewer.user.id, answeredAt: now } : {}),
    updatedAt: now,
  };
  const followers = input.alsoUpdate?.length ? await reuseGroupOf(db, vision.id, existing) : [];
  const toUpdate = followers.filter((f) => input.alsoUpdate!.includes(f.pointId));
  if (input.alsoUpdate?.length && toUpdate.length !== input.alsoUpdate.length) {
    throw new AnswerError("Een of meer punten gebruiken dit antwoord niet (meer). Er is niets gewijzigd.", "conflict");
  }
  try {
    return await db.transaction(async (tx) => {
      let saved: AnswerRow | undefined;
      if (existing) {
        [saved] = await tx
          .update(answers)
          .set({ ...values, revision: sql`${answers.revision} + 1` })
          .where(and(eq(answers.id, existing.id), eq(answers.revision, input.revision)))
          .returning();
        if (!saved) throw new AnswerError("Iemand anders heeft dit antwoord intussen gewijzigd. Uw versie is niet opgeslagen; bekijk het huidige antwoord en voer uw wijziging opnieuw in.", "conflict");
      } else {
        [saved] = await tx.insert(answers).values({ pointId, ...values }).returning();
      }
      await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "answer.save", entityType: "answer", entityId: saved!.id, before: existing ?? undefined, after: saved });
      for (const follower of toUpdate) {
        const [updated] = await tx
          .update(answers)
          .set({
            body: input.body,
            disposition: input.disposition ?? null,
            changedSectionKey: changed?.sectionKey ?? null,
            changedVersionId: changed?.versionId ?? null,
            status: hasText && input.disposition ? "beantwoord" : "in_behandeling",
            reviewedById: null,
            reviewedAt: null,
            answeredById: viewer.user.id,
            answeredAt: now,
            updatedAt: now,
            revision: sql`${answers.revision} + 1`,
          })
          .where(eq(answers.id, follower.answerId))
          .returning();
        await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "answer.follow-reused", entityType: "answer", entityId: follower.answerId, after: { ...updated, followed: saved!.id } });
      }
      return saved!;
    });
  } catch (error) {
    // Two people creating the first answer at the same moment: one wins, the other is a conflict.
    if (isUniqueViolation(error)) throw new AnswerError("Iemand anders heeft dit punt intussen beantwoord. Uw versie is niet opgeslagen.", "conflict");
    throw error;
  }
}

/**
 * The answers sharing text with this one through reuse: those reusing it, and when it is itself a
 * reused copy, its source and the other copies. The list of "where else it is used".
 */
export async function reuseGroupOf(db: Db, visionId: string, answer: Pick<AnswerRow, "id" | "reusedFromId"> | null | undefined) {
  if (!answer) return [];
  const root = answer.reusedFromId ?? answer.id;
  const rows = await db
    .select({ answerId: answers.id, pointId: points.id, reference: points.reference, organisation: organisations.name, status: answers.status })
    .from(answers)
    .innerJoin(points, eq(points.id, answers.pointId))
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .where(and(eq(points.visionId, visionId), or(eq(answers.id, root), eq(answers.reusedFromId, root)), ne(answers.id, answer.id)))
    .orderBy(asc(points.reference));
  return rows;
}

/** "Vaststellen": a second staff member signs off an answer; whoever answered cannot sign off their own answer. */
export async function signOffAnswer(db: Db, viewer: Viewer, vision: VisionScope, pointId: string, input: { revision: number }, now = new Date()) {
  requireStaffOf(viewer, vision);
  const [target] = await loadPointsOfVision(db, vision.id, [pointId]);
  const existing = target!.answer;
  if (!existing || existing.status !== "beantwoord") throw new AnswerError("Alleen een beantwoord punt kan worden vastgesteld.");
  if (existing.revision !== input.revision) throw new AnswerError("Het antwoord is intussen gewijzigd. Lees het opnieuw voordat u het vaststelt.", "conflict");
  if (existing.answeredById === viewer.user.id) throw new AnswerError("Een andere medewerker dan degene die het antwoord schreef moet het vaststellen (vier-ogenprincipe).", "forbidden");
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(answers)
      .set({ status: "vastgesteld", reviewedById: viewer.user.id, reviewedAt: now, updatedAt: now, revision: sql`${answers.revision} + 1` })
      .where(and(eq(answers.id, existing.id), eq(answers.revision, input.revision)))
      .returning();
    if (!saved) throw new AnswerError("Het antwoord is intussen gewijzigd. Lees het opnieuw voordat u het vaststelt.", "conflict");
    await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "answer.sign-off", entityType: "answer", entityId: saved.id, before: { status: existing.status }, after: { status: saved.status, reviewedById: viewer.user.id } });
    return saved;
  });
}

/**
 * "Gebruik dit antwoord": copies another point's answer (text, disposition, changed section) to
 * this point, remembering the source (the first answer of the group) in reused_from_id.
 */
export async function reuseAnswer(db: Db, viewer: Viewer, vision: VisionScope, pointId: string, input: { sourceAnswerId: string; revision: number }, now = new Date()) {
  requireStaffOf(viewer, vision);
  const [source] = await db
    .select({ answer: answers })
    .from(answers)
    .innerJoin(points, eq(points.id, answers.pointId))
    .where(and(eq(answers.id, input.sourceAnswerId), eq(points.visionId, vision.id)));
  if (!source || !source.answer.disposition || !source.answer.body) throw new AnswerError("Dit antwoord kan niet worden hergebruikt: het is niet (meer) beantwoord.", "not-found");
  if (source.answer.pointId === pointId) throw new AnswerError("Een antwoord kan niet voor hetzelfde punt worden hergebruikt.");
  const [target] = await loadPointsOfVision(db, vision.id, [pointId]);
  const existing = target!.answer;
  if ((existing?.revision ?? 0) !== input.revision) throw new AnswerError("Iemand anders heeft dit antwoord intussen gewijzigd. Er is niets overgenomen.", "conflict");
  const values = {
    body: source.answer.body,
    disposition: source.answer.disposition,
    changedSectionKey: source.answer.changedSectionKey,
    changedVersionId: source.answer.changedVersionId,
    reusedFromId: source.answer.reusedFromId ?? source.answer.id,
    status: "beantwoord" as const,
    reviewedById: null,
    reviewedAt: null,
    answeredById: viewer.user.id,
    answeredAt: now,
    updatedAt: now,
  };
  try {
    return await db.transaction(async (tx) => {
      const [saved] = existing
        ? await tx
            .update(answers)
            .set({ ...values, revision: sql`${answers.revision} + 1` })
            .where(and(eq(answers.id, existing.id), eq(answers.revision, input.revision)))
            .returning()
        : await tx.insert(answers).values({ pointId, ...values }).returning();
      if (!saved) throw new AnswerError("Iemand anders heeft dit antwoord intussen gewijzigd. Er is niets overgenomen.", "conflict");
      await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "answer.reuse", entityType: "answer", entityId: saved.id, before: existing ?? undefined, after: saved });
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AnswerError("Iemand anders heeft dit punt intussen beantwoord. Er is niets overgenomen.", "conflict");
    throw error;
  }
}

/** Bulk: assign the checked points to a staff member (or to nobody). */
export async function assignPoints(db: Db, viewer: Viewer, vision: VisionScope, pointIds: string[], assigneeId: string | null, now = new Date()) {
  requireStaffOf(viewer, vision);
  const rows = await loadPointsOfVision(db, vision.id, pointIds);
  const assignee = await requireAssignee(db, vision.regionId, assigneeId);
  await db.transaction(async (tx) => {
    const missing = rows.filter((r) => !r.answer).map((r) => ({ pointId: r.id, assigneeId: assignee, status: (assignee ? "in_behandeling" : "nieuw") as AnswerStatus, updatedAt: now }));
    if (missing.length) await tx.insert(answers).values(missing).onConflictDoNothing();
    const existing = rows.filter((r) => r.answer).map((r) => r.answer!.id);
    if (existing.length) {
      await tx
        .update(answers)
        .set({
          assigneeId: assignee,
          status: sql`case when ${answers.status} = 'nieuw' and ${assignee}::uuid is not null then 'in_behandeling'::answer_status else ${answers.status} end`,
          updatedAt: now,
          revision: sql`${answers.revision} + 1`,
        })
        .where(inArray(answers.id, existing));
    }
    await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "answer.bulk-assign", entityType: "vision", entityId: vision.id, after: { assigneeId: assignee, points: rows.map((r) => r.reference) } });
  });
  return rows.length;
}

/**
 * Bulk: answer the checked points with the same text and disposition. The first point (in
 * reference order) gets the answer; the others reuse it (reused_from_id), so later edits can
 * follow. A vastgesteld answer among them goes back to "beantwoord".
 */
export async function bulkAnswer(
  db: Db,
  viewer: Viewer,
  vision: VisionScope,
  input: { pointIds: string[]; body: JSONContent; disposition: Disposition; changedSection?: { versionId: string; sectionKey: string } },
  now = new Date(),
) {
  requireStaffOf(viewer, vision);
  const rows = (await loadPointsOfVision(db, vision.id, input.pointIds)).sort((a, b) => a.reference.localeCompare(b.reference, "nl", { numeric: true }));
  if (!plainTextOf(input.body).trim()) throw new AnswerError("Vul een antwoord in.");
  const versionIds = new Set(rows.map((r) => r.versionId));
  for (const versionId of versionIds) await checkChangedSection(db, vision.id, versionId, input.disposition, input.changedSection);
  const changed = input.disposition === "overgenomen" || input.disposition === "deels_overgenomen" ? input.changedSection : undefined;
  return db.transaction(async (tx) => {
    let firstId: string | null = null;
    for (const row of rows) {
      const values: Partial<typeof answers.$inferInsert> = {
        body: input.body,
        disposition: input.disposition,
        changedSectionKey: changed?.sectionKey ?? null,
        changedVersionId: changed?.versionId ?? null,
        status: "beantwoord" as const,
        reviewedById: null,
        reviewedAt: null,
        answeredById: viewer.user.id,
        answeredAt: now,
        updatedAt: now,
        reusedFromId: firstId,
      };
      const [saved]: AnswerRow[] = row.answer
        ? await tx
            .update(answers)
            .set({ ...values, revision: sql`${answers.revision} + 1` })
            .where(eq(answers.id, row.answer.id))
            .returning()
        : await tx
            .insert(answers)
            .values({ pointId: row.id, ...values })
            .onConflictDoUpdate({ target: answers.pointId, set: { ...values, revision: sql`${answers.revision} + 1` } })
            .returning();
      firstId ??= saved!.id;
    }
    await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "answer.bulk-answer", entityType: "vision", entityId: vision.id, after: { disposition: input.disposition, points: rows.map((r) => r.reference), firstAnswerId: firstId } });
    return rows.length;
  });
}

/** Rounds of the visie with how many of their points are still open, for the publish control. */
export async function roundsWithProgress(db: Db, visionId: string) {
  return db
    .select({
      id: consultationRounds.id,
      versionLabel: visionVersions.label,
      answersPublishedAt: consultationRounds.answersPublishedAt,
      total: sql<number>`(select count(*) from ${points} p join ${reactions} r on r.id = p.reaction_id where r.round_id = ${consultationRounds.id} and r.status = 'submitted')`.mapWith(Number),
      open: sql<number>`(select count(*) from ${points} p join ${reactions} r on r.id = p.reaction_id left join ${answers} a on a.point_id = p.id where r.round_id = ${consultationRounds.id} and r.status = 'submitted' and coalesce(a.status::text, 'nieuw') not in ('beantwoord', 'vastgesteld'))`.mapWith(Number),
    })
    .from(consultationRounds)
    .innerJoin(visionVersions, eq(visionVersions.id, consultationRounds.versionId))
    .where(eq(visionVersions.visionId, visionId))
    .orderBy(asc(visionVersions.number));
}

/**
 * Publishes the answers of a round (the public pages show them from then on). Only when every
 * point of every submitted reaction of the round is beantwoord or vastgesteld.
 */
export async function publishAnswers(db: Db, viewer: Viewer, vision: VisionScope, roundId: string, now = new Date()) {
  requireStaffOf(viewer, vision);
  const round = (await roundsWithProgress(db, vision.id)).find((r) => r.id === roundId);
  if (!round) throw new AnswerError("Deze consultatieronde hoort niet bij deze visie.", "not-found");
  if (round.answersPublishedAt) throw new AnswerError("De antwoorden van deze ronde zijn al gepubliceerd.");
  if (round.open > 0) {
    throw new AnswerError(`De antwoorden kunnen nog niet worden gepubliceerd: ${round.open} ${round.open === 1 ? "punt is" : "punten zijn"} nog niet beantwoord.`);
  }
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(consultationRounds)
      .set({ answersPublishedAt: now })
      .where(and(eq(consultationRounds.id, roundId), sql`${consultationRounds.answersPublishedAt} is null`))
      .returning();
    if (!saved) throw new AnswerError("De antwoorden van deze ronde zijn al gepubliceerd.", "conflict");
    await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "answers.publish", entityType: "consultation_round", entityId: roundId, after: { answersPublishedAt: now, points: round.total } });
    return saved;
  });
}

/** The anchors of a point with the section (title, stored HTML) of the version reacted on. */
export async function anchorsWithSections(db: Db, pointId: string) {
  return db
    .select({
      sectionKey: pointAnchors.sectionKey,
      exact: pointAnchors.exact,
      prefix: pointAnchors.prefix,
      suffix: pointAnchors.suffix,
      title: sections.title,
      number: sections.number,
      kind: sections.kind,
      contentHtml: sections.contentHtml,
      plainText: sections.plainText,
    })
    .from(pointAnchors)
    .leftJoin(sections, and(eq(sections.versionId, pointAnchors.versionId), eq(sections.key, pointAnchors.sectionKey)))
    .where(eq(pointAnchors.pointId, pointId))
    .orderBy(asc(sections.position));
}

