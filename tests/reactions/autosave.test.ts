// Autosave speed (issue 5): a save writes only what changed, and unchanged texts are not re-validated.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, pointAnchors, points, reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { Database } from "~/lib/db.server";
import { operationOf, saveReaction, startReaction } from "~/reactions/reactions.server";
import type { SaveReactionInput } from "~/reactions/schema.server";
import { getDraft, listSections, publishDraft } from "~/visions/visions.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "../factories";
import { createVisionWithDraft } from "../factories/visions";
import { useTestDatabase } from "../setup/db";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

const OPEN = new Date("2026-03-01T10:00:00Z");
const POINTS = 30;

type PointForm = SaveReactionInput["points"][number];

async function thirtyPointDraft() {
  const { region, regionOrganisation } = await createRegionRecord(database.db);
  const staff = await createUserRecord(database.db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const council = await createOrganisationRecord(database.db, region.id, { type: "adviesraad" });
  const user = await createUserRecord(database.db, { memberships: [{ organisationId: council.id, role: "member" }] });
  const member = await viewerForUser(user.id);
  const vision = await createVisionWithDraft(database.db, staff.id, region.id);
  const versionId = (await getDraft(database.db, vision.id))!.id;
  const { roundId } = await publishDraft(database.db, staff.id, region.id, vision.id, {
    label: "eerste concept",
    isDefinitive: false,
    round: { opensAt: new Date("2026-02-01"), closesAt: new Date("2026-04-01"), visibility: "invited", acceptsLate: false, invitees: [council.id], reference: "ADV-1" },
  });
  const section = (await listSections(database.db, versionId))[0]!;
  const reaction = await startReaction(database.db, member, { roundId: roundId!, organisationId: council.id }, OPEN);
  const quote = section.plainText.slice(0, 20);
  const form = async (pointsForm: PointForm[], intent = "autosave"): Promise<SaveReactionInput> => ({
    revision: (await database.db.select().from(reactions).where(eq(reactions.id, reaction.id)))[0]!.revision,
    addressedToId: reaction.addressedToId!,
    place: "Vlaardingen",
    letterDate: "2026-03-01",
    reference: null,
    theirReference: "ADV-1",
    subject: "Advies",
    introduction: "Inleiding.",
    conclusion: "Tot slot.",
    signatories: [],
    points: pointsForm,
    intent,
  });
  const rows = () => database.db.select().from(points).where(eq(points.reactionId, reaction.id)).orderBy(points.number);
  const sent = (list: Array<{ id: string }>, text: (i: number) => string): PointForm[] =>
    list.map((p, i) => ({ id: p.id, kind: "aandachtspunt", body: text(i), sectionKeys: [section.key], quote: i === 0 ? quote : null, general: undefined }));
  for (let i = 0; i < POINTS; i++) {
    await saveReaction(database.db, member, reaction.id, await form(sent(await rows(), (n) => `Punt ${n + 1}.`), "add-point"), operationOf("add-point"));
  }
  await saveReaction(database.db, member, reaction.id, await form(sent(await rows(), (n) => `Punt ${n + 1}.`), "save"));
  return { member, reaction, section, form, rows, sent };
}

async function lastSaveAudit(reactionId: string) {
  const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, reactionId), eq(auditEvents.action, "reaction.save")));
  return events.sort((a, b) => (a.after as { revision: number }).revision - (b.after as { revision: number }).revision).at(-1)!.after as { changedPoints: number };
}

describe("autosave of a 30-point reaction", () => {
  test("an autosave writes only the point that changed; the other points and all anchors stay as they were", async () => {
    const d = await thirtyPointDraft();
    const before = await d.rows();
    const anchorsBefore = await database.db.select().from(pointAnchors).innerJoin(points, eq(points.id, pointAnchors.pointId)).where(eq(points.reactionId, d.reaction.id));
    await saveReaction(database.db, d.member, d.reaction.id, await d.form(d.sent(before, (n) => (n === 7 ? "Punt 8, aangepast." : `Punt ${n + 1}.`))));
    expect(await lastSaveAudit(d.reaction.id)).toMatchObject({ changedPoints: 1 });
    const after = await d.rows();
    expect(after.map((p) => p.plainText)).toEqual(before.map((p, i) => (i === 7 ? "Punt 8, aangepast." : p.plainText)));
    const anchorsAfter = await database.db.select().from(pointAnchors).innerJoin(points, eq(points.id, pointAnchors.pointId)).where(eq(points.reactionId, d.reaction.id));
    expect(anchorsAfter.map((a) => a.point_anchors.id).sort()).toEqual(anchorsBefore.map((a) => a.point_anchors.id).sort());

    // Saving the same letter again changes no point at all.
    await saveReaction(database.db, d.member, d.reaction.id, await d.form(d.sent(after, (n) => after[n]!.plainText)));
    expect(await lastSaveAudit(d.reaction.id)).toMatchObject({ changedPoints: 0 });
  });

  test("editor JSON with its keys in another order than stored counts as unchanged", async () => {
    const d = await thirtyPointDraft();
    const rows = await d.rows();
    // jsonb stores "type" before "content"; the editor may send them the other way round.
    const reordered = (body: unknown) => JSON.stringify(body, ["content", "text", "type"]);
    expect(reordered(rows[0]!.body)).toMatch(/^\{"content":/);
    const form = d.sent(rows, (n) => rows[n]!.plainText).map((p, i) => ({ ...p, body: undefined, bodyJson: reordered(rows[i]!.body) }));
    await saveReaction(database.db, d.member, d.reaction.id, await d.form(form));
    expect(await lastSaveAudit(d.reaction.id)).toMatchObject({ changedPoints: 0 });
  });

  test("moving a point renumbers both points in one save", async () => {
    const d = await thirtyPointDraft();
    const rows = await d.rows();
    await saveReaction(database.db, d.member, d.reaction.id, await d.form(d.sent(rows, (n) => rows[n]!.plainText), "move:4:down"), operationOf("move:4:down"));
    expect(await lastSaveAudit(d.reaction.id)).toMatchObject({ changedPoints: 2 });
    const after = await d.rows();
    expect(after.slice(3, 7).map((p) => p.plainText)).toEqual(["Punt 4.", "Punt 6.", "Punt 5.", "Punt 7."]);
  });

  test("a changed point with invalid editor JSON or a quote not in the section is refused and nothing is written", async () => {
    const d = await thirtyPointDraft();
    const rows = await d.rows();
    const base = d.sent(rows, (n) => rows[n]!.plainText);
    const badJson = base.map((p, i) => (i === 3 ? { ...p, body: undefined, bodyJson: JSON.stringify({ type: "doc", content: [{ type: "script", text: "x" }] }) } : p));
    await expect(saveReaction(database.db, d.member, d.reaction.id, await d.form(badJson))).rejects.toThrow(/punt 4/);
    const badQuote = base.map((p, i) => (i === 5 ? { ...p, quote: "Dit staat nergens in de visie" } : p));
    await expect(saveReaction(database.db, d.member, d.reaction.id, await d.form(badQuote))).rejects.toThrow(/citaat bij punt 6/);
    expect((await d.rows()).map((p) => [p.id, p.plainText, p.number])).toEqual(rows.map((p) => [p.id, p.plainText, p.number]));
  });
});
