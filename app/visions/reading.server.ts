import { and, asc, desc, eq } from "drizzle-orm";
import { regions, sections, visions, visionVersions } from "~db/schema";
import type { Db } from "~/lib/db.server";
import { compareVersions, renderDiffHtml, summariseChanges } from "./diff";

/** A published version for the public reading view; drafts are never returned. */
export async function findPublishedVersion(db: Db, regionSlug: string, visionSlug: string, number: number | null) {
  const [vision] = await db
    .select({ id: visions.id, title: visions.title, slug: visions.slug, regionId: visions.regionId, regionName: regions.name, regionSlug: regions.slug })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(and(eq(regions.slug, regionSlug), eq(visions.slug, visionSlug)));
  if (!vision) return null;
  const versions = await db
    .select({ id: visionVersions.id, number: visionVersions.number, label: visionVersions.label, publishedAt: visionVersions.publishedAt, isDefinitive: visionVersions.isDefinitive })
    .from(visionVersions)
    .where(and(eq(visionVersions.visionId, vision.id), eq(visionVersions.status, "published")))
    .orderBy(desc(visionVersions.number));
  const version = number === null ? versions[0] : versions.find((v) => v.number === number);
  if (!version) return null;
  return { vision, version, versions };
}

/** The columns every view of a version's structure needs. */
const sectionOutline = {
  key: sections.key,
  parentKey: sections.parentKey,
  position: sections.position,
  kind: sections.kind,
  number: sections.number,
  title: sections.title,
};

/** A version's sections for the reading page, in order: no plain text (the compare view's input). */
export async function readingSections(db: Db, versionId: string) {
  return db
    .select({ ...sectionOutline, html: sections.contentHtml })
    .from(sections)
    .where(eq(sections.versionId, versionId))
    .orderBy(asc(sections.position));
}

/** A version's sections for the compare view: plain text, no HTML (the diff is of text only). */
async function comparisonSections(db: Db, versionId: string) {
  return db
    .select({ ...sectionOutline, plainText: sections.plainText })
    .from(sections)
    .where(eq(sections.versionId, versionId))
    .orderBy(asc(sections.position));
}

/** Depth of each section from its parent chain, for headings and the table of contents. */
export function withDepth<S extends { key: string; parentKey: string | null }>(rows: S[]): Array<S & { depth: number }> {
  const depth = new Map<string, number>();
  return rows.map((row) => {
    const d = row.parentKey ? (depth.get(row.parentKey) ?? 0) + 1 : 1;
    depth.set(row.key, d);
    return { ...row, depth: d };
  });
}

// Published versions never change, so a comparison is computed once per pair of versions.
const comparisonCache = new Map<string, Promise<Comparison>>();
const COMPARISON_CACHE_SIZE = 64;

type Comparison = Awaited<ReturnType<typeof computeComparison>>;

export function compareForReaders(db: Db, olderVersionId: string, newerVersionId: string): Promise<Comparison> {
  const key = `${olderVersionId}:${newerVersionId}`;
  let cached = comparisonCache.get(key);
  if (!cached) {
    cached = computeComparison(db, olderVersionId, newerVersionId);
    cached.catch(() => comparisonCache.delete(key));
    comparisonCache.set(key, cached);
    if (comparisonCache.size > COMPARISON_CACHE_SIZE) comparisonCache.delete(comparisonCache.keys().next().value!);
  }
  return cached;
}

async function computeComparison(db: Db, olderVersionId: string, newerVersionId: string) {
  const [older, newer] = await Promise.all([comparisonSections(db, olderVersionId), comparisonSections(db, newerVersionId)]);
  const changes = compareVersions(older, newer);
  return {
    summary: summariseChanges(changes),
    changes: changes.map((change) => ({
      key: change.key,
      status: change.status,
      moved: change.moved,
      number: (change.newer ?? change.older)?.number ?? null,
      kind: (change.newer ?? change.older)?.kind ?? "paragraaf",
      title: (change.newer ?? change.older)?.title ?? "",
      titleHtml: change.titleChanged ? renderDiffHtml(change.titleDiff) : null,
      textHtml: change.status === "changed" ? renderDiffHtml(change.textDiff) : null,
    })),
  };
}
