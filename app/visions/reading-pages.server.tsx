import { renderToStaticMarkup } from "react-dom/server";
import { formatDate } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { memoByDataVersion } from "~/lib/data-version.server";
import { pointsBehindChanges, type PointBehindChange } from "./changelog.server";
import { ComparisonView } from "./ComparisonView";
import { ReadingArticle, type ReadingSectionView } from "./ReadingArticle";
import { compareForReaders, findPublishedVersion, readingSections, withDepth } from "./reading.server";

/*
 * The public reading and compare pages are the same for every anonymous reader until the data
 * changes, so their data and their static HTML are memoised by data version
 * (app/lib/data-version.server.ts): a request costs one small query (the data version) instead of
 * the page's queries and the rendering of 60 sections or thousands of points behind changes.
 * Keys name everything a value depends on: region and vision slug, the requested version numbers
 * and, for the compare page, whether points with answers not yet public are included (staff).
 */

/** A published version with its sections, and the article's HTML for readers without extras. */
export function readingPage(regionSlug: string, visionSlug: string, number: number | null) {
  return memoByDataVersion(`visions:reading\u0000${regionSlug}\u0000${visionSlug}\u0000${number ?? ""}`, async () => {
    const found = await findPublishedVersion(db(), regionSlug, visionSlug, number);
    if (!found) return null;
    const sections: ReadingSectionView[] = withDepth(await readingSections(db(), found.version.id)).map((s) => ({
      key: s.key,
      depth: s.depth,
      kind: s.kind,
      number: s.number,
      title: s.title,
      html: s.html ?? "",
    }));
    const version = { ...found.version, publishedAt: found.version.publishedAt ? formatDate(found.version.publishedAt) : "" };
    const versions = found.versions.map((v) => ({ number: v.number, label: v.label }));
    const html = renderToStaticMarkup(<ReadingArticle vision={found.vision} version={version} versions={versions} sections={sections} drafts={[]} pointCounts={{}} />);
    return { vision: found.vision, version, versions, sections, html };
  });
}

function noCauses(): Promise<Record<string, PointBehindChange[]>> {
  return Promise.resolve({});
}

/**
 * The comparison between two published versions (the older one defaults to the version before the
 * newer one), with the points behind each change and the page's HTML. `includeUnpublished` (staff
 * of the region) also lists points whose answers are not public yet. Null when either is missing.
 */
export function comparisonPage(regionSlug: string, visionSlug: string, from: number | null, to: number | null, { includeUnpublished }: { includeUnpublished: boolean }) {
  const key = `visions:compare\u0000${regionSlug}\u0000${visionSlug}\u0000${from ?? ""}\u0000${to ?? ""}\u0000${includeUnpublished ? "staff" : "public"}`;
  return memoByDataVersion(key, async () => {
    const newer = await findPublishedVersion(db(), regionSlug, visionSlug, to);
    if (!newer) return null;
    const olderNumber = from ?? newer.versions.find((v) => v.number < newer.version.number)?.number ?? null;
    const older = olderNumber === null ? null : newer.versions.find((v) => v.number === olderNumber);
    if (!older) return null;
    const [comparison, causes] = await Promise.all([
      compareForReaders(db(), older.id, newer.version.id),
      older.number < newer.version.number ? pointsBehindChanges(db(), newer.vision.id, older.number, newer.version.number, { includeUnpublished }) : noCauses(),
    ]);
    const page = {
      vision: newer.vision,
      versions: newer.versions.map((v) => ({ number: v.number, label: v.label })),
      older: { number: older.number, label: older.label },
      newer: { number: newer.version.number, label: newer.version.label },
      summary: comparison.summary,
      changes: comparison.changes,
      causes,
    };
    // Only what the loader needs is kept: the memo sizes its values by serialising them.
    return { title: newer.vision.title, regionId: newer.vision.regionId, html: renderToStaticMarkup(<ComparisonView {...page} />) };
  });
}
