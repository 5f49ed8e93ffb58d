import { and, desc, eq, sql } from "drizzle-orm";
import { organisations, points, reactions, responseLetters } from "~db/schema";
import { publicPointCondition } from "~/implementation/implementation-actions.server";
import type { Db } from "~/lib/db.server";
import { readStoredFile } from "~/lib/files.server";

/**
 * The publication rule for an antwoordbrief: it is public exactly when
 * 1. it was sent (status verzonden, with its stored PDF rendered from the frozen snapshot), and
 * 2. every point of its reaction is public under the same rule as the answers
 *    (publicPointCondition: a submitted reaction whose round's answers staff published, or, for a
 *    reaction outside a round such as a reactiebrief, every point's answer vastgesteld), and
 * 3. the reaction is published under the organisation's name (not anonymous, publication choice
 *    not "anoniem": the letter names the organisation and quotes its points), and
 * 4. the organisation is not a group of ervaringsdeskundigen (a jongerenpanel's letter answers
 *    personal experiences; it stays with the panel, its points still appear anonymised elsewhere).
 * Unsent letters, concept and vastgesteld letters, and letters of a withdrawn reaction never are.
 */
export const publicLetterCondition = and(
  eq(responseLetters.status, "verzonden"),
  sql`${responseLetters.sentAt} is not null and ${responseLetters.pdfFileId} is not null`,
  eq(reactions.status, "submitted"),
  sql`not ${reactions.isAnonymous} and coalesce(${reactions.publicationChoice}::text, '') <> 'anoniem'`,
  sql`${organisations.type} <> 'ervaringsdeskundigen'`,
  sql`exists (select 1 from ${points} where ${points.reactionId} = ${reactions.id})`,
  sql`not exists (select 1 from ${points} where ${points.reactionId} = ${reactions.id} and not ${publicPointCondition})`,
)!;

export interface PublicLetter {
  reactionId: string;
  kind: "advies" | "reactie" | "reactiebrief";
  letterNumber: string | null;
  sentAt: Date;
}

/** The public antwoordbrieven to one organisation on one visie, newest first (one query). */
export async function publicLettersOfOrganisation(db: Db, visionId: string, organisationId: string): Promise<PublicLetter[]> {
  const rows = await db
    .select({ reactionId: reactions.id, kind: reactions.kind, letterNumber: responseLetters.letterNumber, sentAt: responseLetters.sentAt })
    .from(responseLetters)
    .innerJoin(reactions, eq(reactions.id, responseLetters.reactionId))
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .where(and(eq(reactions.visionId, visionId), eq(reactions.organisationId, organisationId), publicLetterCondition))
    .orderBy(desc(responseLetters.sentAt));
  return rows.map((r) => ({ ...r, sentAt: r.sentAt! }));
}

/** The sent PDF of the antwoordbrief to this reaction of this visie when it is public; otherwise null. */
export async function publicLetterFile(db: Db, visionId: string, reactionId: string) {
  const [row] = await db
    .select({ pdfFileId: responseLetters.pdfFileId })
    .from(responseLetters)
    .innerJoin(reactions, eq(reactions.id, responseLetters.reactionId))
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .where(and(eq(reactions.id, reactionId), eq(reactions.visionId, visionId), publicLetterCondition));
  if (!row?.pdfFileId) return null;
  return readStoredFile(db, row.pdfFileId);
}
