import type { Db } from "~/lib/db.server";
import { listVersions } from "~/visions/visions.server";
import { changedSectionOptions, listStaffOfRegion, roundsWithProgress } from "./answers.server";
import { memoOnAppDatabase, triageFilterOptions } from "./triage.server";

/**
 * What the triage page shows besides the list itself: the filter choices (rounds, sections, themes),
 * the region's staff, each round's answering progress and the sections an "overgenomen" answer can
 * point to. Counting the progress reads every point of a round, so the whole set is memoised while
 * the data is unchanged (data-version.server.ts): one statement per request instead of eight.
 */
export async function triagePageFacts(db: Db, visionId: string, regionId: string) {
  return memoOnAppDatabase(db, JSON.stringify(["triage-page", visionId, regionId]), async () => {
    const [options, staff, rounds, versions] = await Promise.all([
      triageFilterOptions(db, visionId),
      listStaffOfRegion(db, regionId),
      roundsWithProgress(db, visionId),
      listVersions(db, visionId),
    ]);
    const firstVersion = versions.find((v) => v.status === "published") ?? versions[0];
    const changedSections = firstVersion ? await changedSectionOptions(db, visionId, firstVersion.id) : [];
    return { options, staff, rounds, changedSections };
  });
}
