import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { answers, organisations, points, reactions, visionVersions } from "~db/schema";
import { publicPointCondition } from "~/implementation/implementation-actions.server";
import type { Db } from "~/lib/db.server";

export interface PointBehindChange {
  reference: string;
  organisation: string;
  disposition: "overgenomen" | "deels_overgenomen";
  /** False while the answer is not public yet; only staff see such points. */
  isPublic: boolean;
}

/**
 * The changelog's link from a change to the points that caused it: answers "overgenomen" (or
 * "deels overgenomen") that name a changed section in a version after `olderNumber` up to and
 * including `newerNumber`. Keyed by section key. One query.
 */
export async function pointsBehindChanges(
  db: Db,
  visionId: string,
  olderNumber: number,
  newerNumber: number,
  { includeUnpublished }: { includeUnpublished: boolean },
): Promise<Record<string, PointBehindChange[]>> {
  // The same publication rule as traceability and open data.
  const isPublic = sql<boolean>`${publicPointCondition}`;
  const rows = await db
    .select({
      sectionKey: answers.changedSectionKey,
      reference: points.reference,
      organisation: organisations.name,
      isAnonymous: reactions.isAnonymous,
      publicationChoice: reactions.publicationChoice,
      disposition: answers.disposition,
      isPublic,
    })
    .from(answers)
    .innerJoin(visionVersions, eq(visionVersions.id, answers.changedVersionId))
    .innerJoin(points, eq(points.id, answers.pointId))
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .where(
      and(
        eq(visionVersions.visionId, visionId),
        gt(visionVersions.number, olderNumber),
        lte(visionVersions.number, newerNumber),
        inArray(answers.disposition, ["overgenomen", "deels_overgenomen"]),
        eq(reactions.status, "submitted"),
        includeUnpublished ? undefined : isPublic,
      ),
    )
    .orderBy(asc(points.reference));
  const bySection: Record<string, PointBehindChange[]> = {};
  for (const row of rows) {
    if (!row.sectionKey) continue;
    const anonymous = row.isAnonymous || row.publicationChoice === "anoniem";
    (bySection[row.sectionKey] ??= []).push({
      reference: anonymous ? "" : row.reference,
      organisation: anonymous ? "Anonieme inzender" : row.organisation,
      disposition: row.disposition as PointBehindChange["disposition"],
      isPublic: row.isPublic,
    });
  }
  return bySection;
}
