import { and, eq, inArray } from "drizzle-orm";
import { anchorResolutions, pointAnchors, points, sections } from "~db/schema";
import type { Db } from "~/lib/db.server";
import { resolveQuotes } from "./anchors";

/**
 * When a version is published, every anchor of the visie's points is looked for again in it: a
 * quoted passage exactly, then by its prefix and suffix, then approximately; a section-only anchor
 * by its stable key. Runs in the publication's transaction.
 */
export async function resolveAnchorsForVersion(tx: Db, visionId: string, versionId: string) {
  const anchors = await tx
    .select({ id: pointAnchors.id, sectionKey: pointAnchors.sectionKey, exact: pointAnchors.exact, prefix: pointAnchors.prefix, suffix: pointAnchors.suffix, start: pointAnchors.positionStart, end: pointAnchors.positionEnd })
    .from(pointAnchors)
    .innerJoin(points, eq(points.id, pointAnchors.pointId))
    .where(eq(points.visionId, visionId));
  if (anchors.length === 0) return 0;
  const keys = [...new Set(anchors.map((a) => a.sectionKey))];
  const newSections = await tx
    .select({ key: sections.key, plainText: sections.plainText })
    .from(sections)
    .where(and(eq(sections.versionId, versionId), inArray(sections.key, keys)));
  const textByKey = new Map(newSections.map((s) => [s.key, s.plainText]));
  const rows: Array<typeof anchorResolutions.$inferInsert> = [];
  for (const key of keys) {
    const group = anchors.filter((a) => a.sectionKey === key);
    const text = textByKey.get(key);
    if (text === undefined) {
      for (const anchor of group) rows.push({ anchorId: anchor.id, versionId, state: "removed" });
      continue;
    }
    const quoted = group.filter((a) => a.exact);
    const resolutions = resolveQuotes(
      quoted.map((a) => ({ exact: a.exact!, prefix: a.prefix, suffix: a.suffix, start: a.start, end: a.end })),
      text,
    );
    quoted.forEach((anchor, index) => {
      const resolution = resolutions[index]!;
      rows.push({ anchorId: anchor.id, versionId, state: resolution.state, foundText: resolution.foundText ?? null, positionStart: resolution.start ?? null, positionEnd: resolution.end ?? null });
    });
    for (const anchor of group.filter((a) => !a.exact)) rows.push({ anchorId: anchor.id, versionId, state: "section" });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(anchorResolutions).values(rows.slice(i, i + 500)).onConflictDoNothing();
  }
  return rows.length;
}
