import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { answers, consultationRounds, points, reactions, sections, themes, users } from "~db/schema";
import { demoAnswers } from "~db/seed/answers";
import { seedDemo } from "~db/seed/demo";
import { themeCounts } from "~/answers/themes.server";
import type { Database } from "~/lib/db.server";
import { useTestDatabase } from "../setup/db";

let database: Database;

beforeAll(async () => {
  database = await useTestDatabase();
  await seedDemo(database.db, "demo-wachtwoord-voor-test");
}, 200_000);

async function roundAnswers() {
  return database.db
    .select({ reference: points.reference, answer: answers, roundId: reactions.roundId })
    .from(points)
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .leftJoin(answers, eq(answers.pointId, points.id))
    .where(eq(reactions.status, "submitted"));
}

describe("demo answers", () => {
  test("every point of the first concept's round is answered (ASDV 9, Enver 2, Jongerenpanel 3)", async () => {
    const rows = (await roundAnswers()).filter((r) => r.roundId);
    expect(rows.map((r) => r.reference.split("-")[0]).sort()).toEqual([...Array(9).fill("ASDV"), "ENV", "ENV", "JPR", "JPR", "JPR"]);
    for (const row of rows) expect(["beantwoord", "vastgesteld"], row.reference).toContain(row.answer?.status);
    expect(new Set(rows.map((r) => r.answer!.disposition)).size).toBe(5);
  });

  test("overgenomen answers point to the changed section in the definitive version", async () => {
    const rows = (await roundAnswers()).filter((r) => r.answer?.disposition === "overgenomen");
    expect(rows.map((r) => r.reference).sort()).toEqual(["ASDV-1", "ASDV-2", "ENV-1", "JPR-3"]);
    for (const row of rows) {
      const [section] = await database.db.select().from(sections).where(eq(sections.versionId, row.answer!.changedVersionId!));
      expect(section, row.reference).toBeDefined();
      const changed = await database.db.select({ title: sections.title }).from(sections).where(eq(sections.key, row.answer!.changedSectionKey!));
      expect(changed.map((c) => c.title)).toContain(row.reference === "ASDV-2" ? "Nabij" : "Samenhangende ondersteuning");
    }
  });

  test("regioredactie's answers are signed off by regiobeheer; ENV-1 reuses the answer to ASDV-1", async () => {
    const [editor] = await database.db.select().from(users).where(eq(users.email, "regioredactie@example.org"));
    const [admin] = await database.db.select().from(users).where(eq(users.email, "regiobeheer@example.org"));
    const rows = (await roundAnswers()).filter((r) => r.roundId);
    for (const row of rows.filter((r) => r.answer!.answeredById === editor!.id)) {
      expect(row.answer, row.reference).toMatchObject({ status: "vastgesteld", reviewedById: admin!.id });
    }
    const byAdmin = rows.filter((r) => r.answer!.answeredById === admin!.id).map((r) => r.reference).sort();
    expect(byAdmin).toEqual(demoAnswers.filter((a) => a.byAdmin).map((a) => a.reference).sort());
    const env1 = rows.find((r) => r.reference === "ENV-1")!.answer!;
    const asdv1 = rows.find((r) => r.reference === "ASDV-1")!.answer!;
    expect(env1.reusedFromId).toBe(asdv1.id);
  });

  test("four themes with summaries group the points, and the round's answers are published", async () => {
    const list = await database.db.select().from(themes);
    expect(list.map((t) => t.title).sort()).toEqual(["Betrokkenheid van het sociale netwerk en partners", "Casusregie en lokale teams", "Preventie en opvoedondersteuning", "Wachttijden en toegang"]);
    for (const theme of list) expect(theme.summary).not.toBeNull();
    const counts = await themeCounts(database.db, list[0]!.visionId);
    expect(counts.byDisposition.length).toBeGreaterThan(0);
    const rounds = await database.db.select().from(consultationRounds);
    expect(rounds.filter((r) => r.answersPublishedAt).map((r) => r.answersPublishedAt!.toISOString())).toEqual(["2025-12-19T13:00:00.000Z"]);
  });
});
