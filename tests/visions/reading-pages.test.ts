import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { answers, consultationRounds, pointAnchors, points, reactions } from "~db/schema";
import type { Database } from "~/lib/db.server";
import * as readingRoute from "~/routes/visies.$regionSlug.$visionSlug._index";
import * as compareRoute from "~/routes/visies.$regionSlug.$visionSlug.vergelijken";
import { updateSection } from "~/visions/sections.server";
import { ensureDraft, getDraft, listSections, publishDraft } from "~/visions/visions.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord, sessionFor } from "../factories";
import { createVisionWithDraft, doc } from "../factories/visions";
import { useTestDatabase } from "../setup/db";
import { getRequest, run, testContext } from "../setup/requests";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

/**
 * v1 consulted; a council's submitted point ADV-1 taken over ("overgenomen") in v2's first section,
 * anchored to it; the answers not yet public. A member of the council, and staff, can log in.
 */
async function consultedVision() {
  const db = database.db;
  const { region, regionOrganisation } = await createRegionRecord(db);
  const staff = await createUserRecord(db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const council = await createOrganisationRecord(db, region.id, { type: "adviesraad", code: "ADV" });
  const member = await createUserRecord(db, { memberships: [{ organisationId: council.id, role: "member" }] });
  const vision = await createVisionWithDraft(db, staff.id, region.id);
  const v1 = (await getDraft(db, vision.id))!;
  const { roundId } = await publishDraft(db, staff.id, region.id, vision.id, {
    label: "eerste concept",
    isDefinitive: false,
    round: { opensAt: new Date("2026-02-01"), closesAt: new Date("2026-04-01"), visibility: "invited", acceptsLate: false, invitees: [council.id], reference: "ADV-1" },
  });
  const [reaction] = await db
    .insert(reactions)
    .values({ visionId: vision.id, roundId, versionId: v1.id, organisationId: council.id, kind: "advies", status: "submitted", submittedAt: new Date() })
    .returning();
  const [point] = await db
    .insert(points)
    .values({ reactionId: reaction!.id, visionId: vision.id, number: 1, reference: "ADV-1", kind: "wijzigingsvoorstel", body: doc("Noem het sociale netwerk."), plainText: "Noem het sociale netwerk." })
    .returning();
  const v2 = await ensureDraft(db, staff.id, region.id, vision.id);
  const first = (await listSections(db, v2.id))[0]!;
  await updateSection(db, staff.id, region.id, vision.id, first.key, { title: first.title, kind: first.kind, number: first.number, content: doc("Het sociale netwerk telt mee."), revision: v2.revision });
  await publishDraft(db, staff.id, region.id, vision.id, { label: "definitief", isDefinitive: true, round: null });
  const changed = (await listSections(db, v2.id))[0]!;
  await db.insert(pointAnchors).values({ pointId: point!.id, sectionKey: changed.key, versionId: v1.id });
  await db.insert(answers).values({ pointId: point!.id, disposition: "overgenomen", changedSectionKey: changed.key, changedVersionId: v2.id, status: "vastgesteld" });
  const params = { regionSlug: region.slug, visionSlug: vision.slug };
  return { region, vision, params, staffId: staff.id, roundId: roundId!, council, v2, changedKey: changed.key, staffCookie: (await sessionFor(db, staff.id)).cookie, memberCookie: (await sessionFor(db, member.id)).cookie };
}

async function comparePage(params: Record<string, string>, cookie?: string) {
  const { data } = await run(() => compareRoute.loader({ request: getRequest(`/visies/${params.regionSlug}/${params.visionSlug}/vergelijken?van=1&naar=2`, cookie), context: testContext(), params }));
  return data as { title: string; html: string };
}

async function readingPage(params: Record<string, string>, cookie?: string) {
  const { data } = await run(() => readingRoute.loader({ request: getRequest(`/visies/${params.regionSlug}/${params.visionSlug}`, cookie), context: testContext(), params }));
  return data as { html: string | null; drafts: unknown[]; article: { sections: Array<{ key: string }>; drafts: Array<{ id: string }>; pointCounts: Record<string, number> } | null };
}

describe("the compare page follows the data", () => {
  test("a point behind a change appears for readers as soon as the answers are published, not from a stale page", async () => {
    const { params, roundId } = await consultedVision();
    const before = await comparePage(params);
    expect(before.html).toContain("1 gewijzigd");
    expect(before.html).not.toContain("Aangepast naar aanleiding van");

    await database.db.update(consultationRounds).set({ answersPublishedAt: new Date() }).where(eq(consultationRounds.id, roundId));
    const after = await comparePage(params);
    expect(after.html).toContain("Aangepast naar aanleiding van:");
    expect(after.html).toContain("<strong>ADV-1</strong>");
    expect(after.html).not.toContain("nog niet openbaar");
  });

  test("the region's staff see the point before the answers are public, marked as not public; readers on the same data do not", async () => {
    const { params, staffCookie } = await consultedVision();
    const staff = await comparePage(params, staffCookie);
    expect(staff.html).toContain("<strong>ADV-1</strong>");
    expect(staff.html).toContain("antwoord nog niet openbaar, alleen zichtbaar voor de regio");
    const reader = await comparePage(params);
    expect(reader.html).not.toContain("ADV-1");
  });

  test("an unknown version is not found", async () => {
    const { params } = await consultedVision();
    const { response } = await run(() => compareRoute.loader({ request: getRequest(`/x?van=1&naar=7`), context: testContext(), params }));
    expect(response?.status).toBe(404);
  });
});

describe("the reading page", () => {
  test("readers get the article as static HTML; a member with a draft reaction gets quote buttons rendered live", async () => {
    const { params, council, v2, vision, memberCookie, changedKey } = await consultedVision();
    const reader = await readingPage(params);
    expect(reader.article).toBeNull();
    expect(reader.html).toContain(`id="onderdeel-${changedKey}"`);

    const [draft] = await database.db.insert(reactions).values({ visionId: vision.id, versionId: v2.id, organisationId: council.id, kind: "advies", status: "draft" }).returning();
    const member = await readingPage(params, memberCookie);
    expect(member.html).toBeNull();
    expect(member.drafts).toHaveLength(1);
    expect(member.article?.drafts.map((d) => d.id)).toEqual([draft!.id]);
    expect(member.article?.sections.map((s) => s.key)).toContain(changedKey);
  });

  test("the region's staff see how many points refer to each section", async () => {
    const { params, staffCookie, changedKey } = await consultedVision();
    const staff = await readingPage(params, staffCookie);
    expect(staff.html).toBeNull();
    expect(staff.article?.pointCounts).toEqual({ [changedKey]: 1 });
  });

  test("a version published after the page was first read is shown at once", async () => {
    const { params, region, vision, staffId } = await consultedVision();
    expect((await readingPage(params)).html).toContain("versie 2: definitief");
    await ensureDraft(database.db, staffId, region.id, vision.id);
    await publishDraft(database.db, staffId, region.id, vision.id, { label: "herzien", isDefinitive: false, round: null });
    const after = await readingPage(params);
    expect(after.html).toContain("versie 3: herzien");
    expect(after.html).toContain("vergelijken?van=2&amp;naar=3");
  });
});
