import { and, asc, eq, isNull, lt, notInArray, sql } from "drizzle-orm";
import { answers, implementationActionPoints, implementationActions, organisations, points, reactions } from "~db/schema";
import type { Db } from "~/lib/db.server";

/**
 * The gaps report (staff): points answered "meegenomen in uitvoeringsplan" that no action takes up,
 * and actions past their end date that are neither gereed nor vervallen. One query each.
 */
export async function gapsReport(db: Db, visionId: string, today = new Date().toISOString().slice(0, 10)) {
  const [unlinked, overdue] = await Promise.all([
    db
      .select({
        id: points.id,
        reference: points.reference,
        text: points.plainText,
        organisation: organisations.name,
        answerStatus: answers.status,
      })
      .from(answers)
      .innerJoin(points, eq(points.id, answers.pointId))
      .innerJoin(reactions, eq(reactions.id, points.reactionId))
      .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
      .leftJoin(implementationActionPoints, eq(implementationActionPoints.pointId, points.id))
      .where(
        and(
          eq(points.visionId, visionId),
          eq(answers.disposition, "meegenomen_in_uitvoeringsplan"),
          eq(reactions.status, "submitted"),
          isNull(implementationActionPoints.actionId),
        ),
      )
      .orderBy(asc(points.reference)),
    db
      .select({
        id: implementationActions.id,
        reference: implementationActions.reference,
        title: implementationActions.title,
        status: implementationActions.status,
        progress: implementationActions.progress,
        endsOn: implementationActions.endsOn,
        owner: organisations.name,
        daysLate: sql<number>`(${today}::date - ${implementationActions.endsOn})::int`,
      })
      .from(implementationActions)
      .leftJoin(organisations, eq(organisations.id, implementationActions.ownerOrganisationId))
      .where(
        and(
          eq(implementationActions.visionId, visionId),
          lt(implementationActions.endsOn, today),
          notInArray(implementationActions.status, ["gereed", "vervallen"]),
        ),
      )
      .orderBy(asc(implementationActions.endsOn), asc(implementationActions.reference)),
  ]);
  return { unlinked, overdue: overdue.map((o) => ({ ...o, daysLate: Number(o.daysLate) })) };
}
