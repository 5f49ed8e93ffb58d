import { and, eq } from "drizzle-orm";
import { reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { Db } from "~/lib/db.server";
import { saveResponseLetter, transitionResponseLetter } from "~/letters/response-letters.server";
import { getResponseLetterTemplate } from "~/letters/templates.server";
import type { SeededOrganisations } from "./organisations";

export interface LettersDemoInput {
  organisations: SeededOrganisations;
  visions: { visionId: string; firstRoundId: string };
}

async function reactionOf(db: Db, roundId: string, organisationId: string) {
  const [row] = await db
    .select({ id: reactions.id })
    .from(reactions)
    .where(
      and(
        eq(reactions.roundId, roundId),
        eq(reactions.organisationId, organisationId),
        eq(reactions.status, "submitted"),
      ),
    );
  if (!row) throw new Error(`demo: no submitted reaction of ${organisationId}`);
  return row.id;
}

/**
 * Antwoordbrieven, through the letter functions the pages use (runs after seedAnswers, which
 * answers every point): the ASDV advies was addressed to the college of Vlaardingen, so its letter
 * is sent by burgemeester en wethouders of Vlaardingen; it is vastgesteld (PDF and DOCX made) and
 * verzonden (e-mail with the PDF in the outbox). Enver's letter waits for approval. The Nota van
 * beantwoording and the rode draad document are made on request from the answers.
 */
export async function seedLetters(db: Db, demo: LettersDemoInput) {
  const orgs = demo.organisations;
  const editor = await viewerForUser(orgs.users["regioredactie@example.org"]!);
  const admin = await viewerForUser(orgs.users["regiobeheer@example.org"]!);
  const visionId = demo.visions.visionId;
  const template = await getResponseLetterTemplate(db, orgs.regionId);
  const advies = await reactionOf(db, demo.visions.firstRoundId, orgs.advisoryCouncilId);
  const reactie = await reactionOf(db, demo.visions.firstRoundId, orgs.providerId);

  const asdvDraft = await saveResponseLetter(db, editor, visionId, advies, {
    revision: 0,
    letterNumber: "2051140",
    subject: "",
    handledBy: "Ruben Redactie, Jeugdhulp Rijnmond",
    letterDate: "2026-01-15",
    signatoryNames: ["drs. E. Stolk", "E.F.A. Zevenbergen"],
    signatoryTitles: ["de secretaris", "de burgemeester"],
    introduction: template.introduction,
    closing: template.closing,
  });
  const asdvReview = await transitionResponseLetter(
    db,
    editor,
    visionId,
    advies,
    { revision: asdvDraft.revision, to: "ter_goedkeuring" },
    new Date("2026-01-13T10:00:00Z"),
  );
  const asdvFixed = await transitionResponseLetter(
    db,
    admin,
    visionId,
    advies,
    { revision: asdvReview.revision, to: "vastgesteld" },
    new Date("2026-01-14T10:00:00Z"),
  );
  const asdvSent = await transitionResponseLetter(
    db,
    admin,
    visionId,
    advies,
    { revision: asdvFixed.revision, to: "verzonden" },
    new Date("2026-01-15T09:00:00Z"),
  );

  const envDraft = await saveResponseLetter(db, editor, visionId, reactie, {
    revision: 0,
    letterNumber: "GRJR-2026-0012",
    subject: "",
    handledBy: "Ruben Redactie",
    letterDate: "",
    signatoryNames: ["Ria Regiobeheer"],
    signatoryTitles: ["secretaris Jeugdhulp Rijnmond"],
    introduction: template.introduction,
    closing: template.closing,
  });
  const envReview = await transitionResponseLetter(
    db,
    editor,
    visionId,
    reactie,
    { revision: envDraft.revision, to: "ter_goedkeuring" },
    new Date("2026-01-16T10:00:00Z"),
  );

  return { asdvLetterId: asdvSent.id, asdvReactionId: advies, envLetterId: envReview.id, envReactionId: reactie };
}
