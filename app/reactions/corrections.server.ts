/**
 * Corrections (issue 5): a submitted reaction is corrected by a new revision linked to it
 * (`reactions.corrects_id`). The correction starts as a draft copy (metadata, texts, points with
 * their anchors, signatories) that the organisation edits and autosaves like any draft; submitting
 * it supersedes the reaction it corrects. The older revision stays on record, with its points and
 * references, and both pages show the link.
 *
 * Point references: the unique index (vision_id, reference) holds for every revision, and the older
 * revision keeps its references (answers, letters and permalinks may already cite them), so the
 * correction's points get the organisation's next free references (ASDV-10 …). Which point replaces
 * which is recorded in the `reaction.correct` audit event and shown on the correction ("vervangt
 * ASDV-3").
 *
 * Submitting the correction sets the older revision to `superseded` (later withdrawing the
 * correction withdraws the reaction; the older revision does not come back), so every list of
 * submitted reactions and their points (triage, nota, letters, traceability, open data) shows only
 * the newest revision without a condition of its own.
 */
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { auditEvents, consultationRounds, pointAnchors, points, reactions, reactionSignatories } from "~db/schema";
import type { Viewer } from "~/auth/roles";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { getReactionForViewer, nextReferences, ReactionError, roundState } from "./reactions.server";

export interface RevisionTrace {
  /** The older revision this reaction corrects. */
  corrects: { id: string; submittedAt: Date | null } | null;
  /** The newer revision that corrects this one (a draft only for the organisation's members). */
  correctedBy: { id: string; status: (typeof reactions.$inferSelect)["status"]; submittedAt: Date | null } | null;
  /** Point id → the reference of the point it replaces in the older revision. */
  replaces: Record<string, string>;
}

/** Both directions of the link, for the reaction page (three small indexed queries). */
export async function revisionTrace(db: Db, reaction: { id: string; correctsId: string | null }): Promise<RevisionTrace> {
  const [older, newer, created] = await Promise.all([
    reaction.correctsId
      ? db.select({ id: reactions.id, submittedAt: reactions.submittedAt }).from(reactions).where(eq(reactions.id, reaction.correctsId))
      : Promise.resolve([]),
    db
      .select({ id: reactions.id, status: reactions.status, submittedAt: reactions.submittedAt })
      .from(reactions)
      .where(eq(reactions.correctsId, reaction.id))
      .orderBy(asc(reactions.createdAt)),
    reaction.correctsId
      ? db
          .select({ after: auditEvents.after })
          .from(auditEvents)
          .where(and(eq(auditEvents.entityType, "reaction"), eq(auditEvents.entityId, reaction.id), eq(auditEvents.action, "reaction.correct")))
      : Promise.resolve([]),
  ]);
  const mapping = z.object({ replaces: z.record(z.string(), z.string()) }).safeParse(created[0]?.after);
  return {
    corrects: older[0] ?? null,
    correctedBy: newer.at(-1) ?? null,
    replaces: mapping.success ? mapping.data.replaces : {},
  };
}

/**
 * "Corrigeren": a member of the organisation starts a correction of its submitted reaction while
 * the round is open (or accepts late reactions). One transaction: the draft copy, its points (new
 * references, same numbers, kinds, texts and anchors), its signatories and the audit event. Only one
 * correction at a time, and only of the newest revision.
 */
export async function correctReaction(db: Db, viewer: Viewer, reactionId: string, now = new Date()) {
  const found = await getReactionForViewer(db, viewer, reactionId);
  if (!found) throw new ReactionError("Reactie niet gevonden.", "forbidden");
  const role = viewer.memberships.find((m) => m.organisationId === found.organisation.id)?.role;
  if (!found.isMember || (role !== "member" && role !== "signatory")) throw new ReactionError("Alleen leden van de organisatie die de reactie indiende kunnen hem corrigeren.", "forbidden");
  const old = found.reaction;
  if (old.status === "draft") throw new ReactionError("Dit is nog een concept. U hoeft het niet te corrigeren: u kunt het gewoon aanpassen.");
  if (old.status === "withdrawn") throw new ReactionError("Een ingetrokken reactie kan niet worden gecorrigeerd.");
  if (old.status === "superseded") throw new ReactionError("Deze reactie is al gecorrigeerd. Corrigeer de nieuwste versie.", "conflict");
  if (!old.roundId) throw new ReactionError("Alleen een reactie in een consultatieronde kan worden gecorrigeerd.");
  const [round] = await db.select().from(consultationRounds).where(eq(consultationRounds.id, old.roundId));
  const state = round ? roundState(round, now) : "closed";
  if (state !== "open" && state !== "late") throw new ReactionError("De reactietermijn is voorbij; corrigeren kan niet meer. Neem contact op met de regio.", "closed");

  return db.transaction(async (tx) => {
    // Lock the reaction being corrected: two members pressing "Corrigeren" at once make one correction.
    const [locked] = await tx.select({ id: reactions.id, status: reactions.status }).from(reactions).where(eq(reactions.id, old.id)).for("update");
    if (locked?.status !== "submitted") throw new ReactionError("Deze reactie is intussen ingetrokken.");
    const [existing] = await tx
      .select({ id: reactions.id, status: reactions.status })
      .from(reactions)
      .where(and(eq(reactions.correctsId, old.id), ne(reactions.status, "withdrawn")));
    if (existing?.status === "draft") throw new ReactionError("Er is al een correctie van deze reactie in bewerking. Maak die af; er kan maar één correctie tegelijk open staan.", "conflict");
    if (existing) throw new ReactionError("Deze reactie is al gecorrigeerd. Corrigeer de nieuwste versie.", "conflict");

    const [draft] = await tx
      .insert(reactions)
      .values({
        visionId: old.visionId,
        roundId: old.roundId,
        versionId: old.versionId,
        organisationId: old.organisationId,
        kind: old.kind,
        adviceKind: old.adviceKind,
        addressedToId: old.addressedToId,
        place: old.place,
        letterDate: old.letterDate,
        reference: old.reference,
        theirReference: old.theirReference,
        replyReference: old.replyReference,
        subject: old.subject,
        introduction: old.introduction,
        conclusion: old.conclusion,
        isAnonymous: old.isAnonymous,
        publicationChoice: old.publicationChoice,
        consentAt: old.consentAt,
        correctsId: old.id,
      })
      .returning();
    const oldPoints = await tx.select().from(points).where(eq(points.reactionId, old.id)).orderBy(asc(points.number));
    const replaces: Record<string, string> = {};
    if (oldPoints.length) {
      const references = await nextReferences(tx, old.visionId, found.organisation.code, oldPoints.length);
      const copies = await tx
        .insert(points)
        .values(
          oldPoints.map((p, i) => ({
            reactionId: draft!.id,
            visionId: p.visionId,
            number: p.number,
            reference: references[i]!,
            kind: p.kind,
            body: p.body,
            plainText: p.plainText,
            isGeneral: p.isGeneral,
          })),
        )
        .returning({ id: points.id, reference: points.reference });
      const newIdByOld = new Map<string, string>();
      for (const [i, copy] of copies.entries()) {
        // returning() gives rows in insert order; match by reference to be safe.
        const index = references.indexOf(copy.reference);
        newIdByOld.set(oldPoints[index === -1 ? i : index]!.id, copy.id);
        replaces[copy.id] = oldPoints[index === -1 ? i : index]!.reference;
      }
      const anchors = await tx.select().from(pointAnchors).where(inArray(pointAnchors.pointId, oldPoints.map((p) => p.id)));
      if (anchors.length) {
        await tx.insert(pointAnchors).values(
          anchors.map((a) => ({
            pointId: newIdByOld.get(a.pointId)!,
            sectionKey: a.sectionKey,
            versionId: a.versionId,
            exact: a.exact,
            prefix: a.prefix,
            suffix: a.suffix,
            positionStart: a.positionStart,
            positionEnd: a.positionEnd,
          })),
        );
      }
    }
    const signatories = await tx.select().from(reactionSignatories).where(eq(reactionSignatories.reactionId, old.id));
    if (signatories.length) {
      await tx.insert(reactionSignatories).values(signatories.map((s) => ({ reactionId: draft!.id, userId: s.userId, name: s.name, title: s.title, position: s.position })));
    }
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: found.vision.regionId,
      action: "reaction.correct",
      entityType: "reaction",
      entityId: draft!.id,
      after: { corrects: old.id, points: oldPoints.length, replaces },
    });
    return draft!;
  });
}

/**
 * "Correctie weggooien": a member of the organisation deletes its draft correction (with its points,
 * anchors and signatories, which cascade). It was never submitted, so nothing else refers to it;
 * the submitted reaction it corrects stays as it was and may be corrected or withdrawn again. The
 * audit event keeps who discarded which correction of which reaction.
 */
export async function discardCorrection(db: Db, viewer: Viewer, reactionId: string) {
  const found = await getReactionForViewer(db, viewer, reactionId);
  if (!found) throw new ReactionError("Reactie niet gevonden.", "forbidden");
  if (!found.canReact) throw new ReactionError("Alleen leden van de organisatie kunnen een correctie weggooien.", "forbidden");
  const draft = found.reaction;
  if (!draft.correctsId) throw new ReactionError("Dit is geen correctie. Een concept dat u niet indient, wordt niet meegenomen.");
  if (draft.status !== "draft") throw new ReactionError("Deze correctie is al ingediend; weggooien kan niet meer. Zolang de reactietermijn loopt, kunt u de reactie intrekken.");
  const correctsId = draft.correctsId;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(reactions)
      .where(and(eq(reactions.id, draft.id), eq(reactions.status, "draft")))
      .returning({ id: reactions.id });
    if (!row) throw new ReactionError("Deze correctie is intussen ingediend of al weggegooid.", "conflict");
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: found.vision.regionId,
      action: "reaction.correction.discard",
      entityType: "reaction",
      entityId: draft.id,
      before: { status: "draft", correctsId, revision: draft.revision },
      after: null,
    });
    return { correctsId };
  });
}
