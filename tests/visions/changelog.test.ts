import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { answers, consultationRounds, memberships, outboxMessages, points, reactions, users } from "~db/schema";
import { renderStoredEmail } from "~/email/render.server";
import type { Database } from "~/lib/db.server";
import { pointsBehindChanges } from "~/visions/changelog.server";
import { ensureDraft, getDraft, listSections, publishDraft } from "~/visions/visions.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "../factories";
import { createVisionWithDraft, doc } from "../factories/visions";
import { useTestDatabase } from "../setup/db";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

/** v1 consulted with a round; one submitted reaction with two points; v2 published after it. */
async function consultedVision() {
  const db = database.db;
  const { region, regionOrganisation } = await createRegionRecord(db);
  const staff = await createUserRecord(db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const council = await createOrganisationRecord(db, region.id, { type: "adviesraad", code: "ADV" });
  await createUserRecord(db, { memberships: [{ organisationId: council.id, role: "member" }] });
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
  const [taken, rejected] = await db
    .insert(points)
    .values([
      { reactionId: reaction!.id, visionId: vision.id, number: 1, reference: "ADV-1", kind: "wijzigingsvoorstel", body: doc("Noem het sociale netwerk."), plainText: "Noem het sociale netwerk." },
      { reactionId: reaction!.id, visionId: vision.id, number: 2, reference: "ADV-2", kind: "bezwaar", body: doc("Schrap de ambitie."), plainText: "Schrap de ambitie." },
    ])
    .returning();
  const v2 = await ensureDraft(db, staff.id, region.id, vision.id);
  await publishDraft(db, staff.id, region.id, vision.id, { label: "definitief", isDefinitive: true, round: null });
  const changed = (await listSections(db, v2.id))[0]!;
  await db.insert(answers).values([
    { pointId: taken!.id, disposition: "overgenomen", changedSectionKey: changed.key, changedVersionId: v2.id, status: "vastgesteld" },
    { pointId: rejected!.id, disposition: "niet_overgenomen", status: "vastgesteld" },
  ]);
  return { vision, roundId: roundId!, reaction: reaction!, changedKey: changed.key };
}

describe("a new version is announced", () => {
  test("members of every organisation that reacted hear of the new version, with what changed and a link to the comparison", async () => {
    const { vision, reaction } = await consultedVision();
    const members = await database.db.select({ email: users.email }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.organisationId, reaction.organisationId));
    const notices = await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "nieuwe-versie"));
    const mine = notices.filter((n) => members.some((m) => m.email === n.toAddress));
    expect(mine).toHaveLength(members.length);
    const rendered = await renderStoredEmail(mine[0]!.template, mine[0]!.payload);
    expect(rendered.text).toContain("definitief");
    expect(rendered.text).toContain(`/${vision.slug}/vergelijken?van=1&naar=2`);
  });
});

describe("changelog: a change links to the points that caused it", () => {
  test("only answers 'overgenomen' with a changed section in the newer version are listed, once the answers are public", async () => {
    const { vision, roundId, changedKey } = await consultedVision();
    expect(await pointsBehindChanges(database.db, vision.id, 1, 2, { includeUnpublished: false })).toEqual({});

    await database.db.update(consultationRounds).set({ answersPublishedAt: new Date() }).where(eq(consultationRounds.id, roundId));
    const causes = await pointsBehindChanges(database.db, vision.id, 1, 2, { includeUnpublished: false });
    expect(Object.keys(causes)).toEqual([changedKey]);
    expect(causes[changedKey]).toEqual([{ reference: "ADV-1", organisation: expect.any(String), disposition: "overgenomen", isPublic: true }]);
  });

  test("staff see the points behind a change before the answers are public, marked as not public", async () => {
    const { vision, changedKey } = await consultedVision();
    const causes = await pointsBehindChanges(database.db, vision.id, 1, 2, { includeUnpublished: true });
    expect(causes[changedKey]?.map((p) => [p.reference, p.isPublic])).toEqual([["ADV-1", false]]);
  });

  test("a change outside the compared range of versions is not listed", async () => {
    const { vision, roundId } = await consultedVision();
    await database.db.update(consultationRounds).set({ answersPublishedAt: new Date() }).where(eq(consultationRounds.id, roundId));
    expect(await pointsBehindChanges(database.db, vision.id, 2, 2, { includeUnpublished: true })).toEqual({});
  });

  test("an anonymous reaction's point is shown without its organisation or reference", async () => {
    const { vision, roundId, reaction, changedKey } = await consultedVision();
    await database.db.update(consultationRounds).set({ answersPublishedAt: new Date() }).where(eq(consultationRounds.id, roundId));
    await database.db.update(reactions).set({ publicationChoice: "anoniem" }).where(eq(reactions.id, reaction.id));
    const causes = await pointsBehindChanges(database.db, vision.id, 1, 2, { includeUnpublished: false });
    expect(causes[changedKey]).toEqual([{ reference: "", organisation: "Anonieme inzender", disposition: "overgenomen", isPublic: true }]);
  });
});
