import { nextReferences } from "~/reactions/reactions.server";
import { and, eq, sql } from "drizzle-orm";
import { adoptions, organisations, pointAnchors, points, reactions, reactionSignatories, visionVersions } from "~db/schema";
import type { Viewer } from "~/auth/roles";
import { docFromPlainText, plainTextOf, validateRichText } from "~/editor/validate.server";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { isUniqueViolation } from "~/lib/errors.server";
import { proposeLetterImport } from "~/reactions/letter-import.server";
import { MAX_POINTS } from "~/reactions/options";
import { AdoptionError, recordingContext, targetVersionOf } from "./adoptions.server";
import { MAX_COUNCIL_LETTER_CHARS } from "./options";

/**
 * A council's reactiebrief (typed, pasted or from Word) becomes a reaction of kind reactiebrief on
 * the definitive version: no round, from the municipality, addressed to the region, submitted at
 * once, its points numbered with the municipality's code (VLA-1 …) so they enter the same triage,
 * answers and traceability as every other point. It is linked from the municipality's adoption.
 * Uses the letter importer (briefnummer and the number to quote in a reply are kept apart).
 */
export async function importCouncilLetter(db: Db, viewer: Viewer, input: { visionId: string; municipalityId: string; text: string }, now = new Date()) {
  const text = input.text.trim();
  if (!text) throw new AdoptionError("Plak of typ de tekst van de reactiebrief, of kies een Word-bestand.");
  if (text.length > MAX_COUNCIL_LETTER_CHARS) throw new AdoptionError(`De brief mag hoogstens ${MAX_COUNCIL_LETTER_CHARS} tekens lang zijn.`);
  const { vision, municipality, onBehalf } = await recordingContext(db, viewer, input.visionId, input.municipalityId);
  const versions = await db.select().from(visionVersions).where(eq(visionVersions.visionId, vision.id));
  const target = targetVersionOf(versions);
  if (!target) throw new AdoptionError("Er is nog geen definitieve versie gepubliceerd; een reactiebrief hoort bij de definitieve versie.");
  const [existing] = await db.select().from(adoptions).where(and(eq(adoptions.visionId, vision.id), eq(adoptions.municipalityId, municipality.id)));
  if (existing?.councilLetterId) throw new AdoptionError("Voor deze gemeente is al een reactiebrief vastgelegd.");

  const proposal = await proposeLetterImport(db, target.id, text);
  let found = proposal.points.filter((p) => p.text.trim() !== "");
  if (found.length === 0) {
    // Typed without a letter's shape: every paragraph is a point (anchors are suggested the same way).
    const typed = await proposeLetterImport(db, target.id, `Wij vragen aandacht voor de onderstaande punten.\n\n${text}`);
    found = typed.points.filter((p) => p.text.trim() !== "");
  }
  if (found.length === 0) {
    throw new AdoptionError("In deze brief zijn geen punten gevonden. Zet elk punt in een eigen alinea na de inleiding, of nummer de punten (1., 2., …).");
  }
  if (found.length > MAX_POINTS) throw new AdoptionError(`Een reactiebrief heeft hoogstens ${MAX_POINTS} punten.`);
  const bodies = found.map((p, index) => {
    const checked = validateRichText(docFromPlainText(p.text));
    if (!checked.ok) throw new AdoptionError(`Punt ${index + 1}: ${checked.message}`);
    return checked.doc;
  });
  const introduction = validateRichText(docFromPlainText(proposal.letter.introduction));
  const conclusion = validateRichText(docFromPlainText(proposal.letter.conclusion));
  if (!introduction.ok || !conclusion.ok) throw new AdoptionError("De inleiding of het slot van de brief is te lang.");
  const [regionOrganisation] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.regionId, vision.regionId), eq(organisations.type, "regio")));
  const metadata = proposal.letter.metadata;

  try {
    return await db.transaction(async (tx) => {
      const [letter] = await tx
        .insert(reactions)
        .values({
          visionId: vision.id,
          roundId: null,
          versionId: target.id,
          organisationId: municipality.id,
          kind: "reactiebrief",
          addressedToId: regionOrganisation?.id ?? null,
          place: metadata.place ?? municipality.name,
          letterDate: metadata.letterDate,
          reference: metadata.letterNumber ?? metadata.reference,
          theirReference: metadata.theirReference,
          replyReference: metadata.replyReference,
          subject: metadata.subject ?? `Reactiebrief ${vision.title}`,
          introduction: introduction.doc,
          conclusion: conclusion.doc,
          status: "submitted",
          submittedAt: now,
          submittedById: viewer.user.id,
          submissionKey: `reactiebrief-${vision.id}-${municipality.id}`,
        })
        .returning();
      for (const [position, signatory] of metadata.signatories.entries()) {
        await tx.insert(reactionSignatories).values({ reactionId: letter!.id, userId: null, name: signatory.name, title: signatory.title, position });
      }
      const references = await nextReferences(tx, vision.id, municipality.code, found.length);
      const created: Array<{ id: string; reference: string }> = [];
      for (const [index, point] of found.entries()) {
        const anchor = point.suggestions[0];
        const [row] = await tx
          .insert(points)
          .values({
            reactionId: letter!.id,
            visionId: vision.id,
            number: index + 1,
            reference: references[index]!,
            kind: point.kind,
            body: bodies[index]!,
            plainText: plainTextOf(bodies[index]!),
            isGeneral: !anchor,
          })
          .returning({ id: points.id, reference: points.reference });
        if (anchor) await tx.insert(pointAnchors).values({ pointId: row!.id, sectionKey: anchor.key, versionId: target.id });
        created.push(row!);
      }
      if (existing) {
        await tx
          .update(adoptions)
          .set({ councilLetterId: letter!.id, revision: sql`${adoptions.revision} + 1`, updatedAt: now })
          .where(eq(adoptions.id, existing.id));
      } else {
        await tx.insert(adoptions).values({ visionId: vision.id, municipalityId: municipality.id, versionId: target.id, councilLetterId: letter!.id, recordedById: viewer.user.id });
      }
      await writeAudit(tx, {
        actorId: viewer.user.id,
        regionId: vision.regionId,
        action: "council_letter.import",
        entityType: "reaction",
        entityId: letter!.id,
        after: {
          municipality: municipality.name,
          letterDate: metadata.letterDate,
          letterNumber: metadata.letterNumber,
          replyReference: metadata.replyReference,
          points: created.map((p) => p.reference),
          ...(onBehalf ? { onBehalfOf: municipality.name } : {}),
        },
      });
      return { reaction: letter!, points: created };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AdoptionError("Voor deze gemeente is al een reactiebrief vastgelegd.");
    throw error;
  }
}
