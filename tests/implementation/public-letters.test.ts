import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { organisations, reactions, regions, responseLetters, visions } from "~db/schema";
import { publishAnswers } from "~/answers/answers.server";
import { publicLettersOfOrganisation } from "~/letters/public-letters.server";
import { saveResponseLetter, transitionResponseLetter } from "~/letters/response-letters.server";
import type { Database } from "~/lib/db.server";
import { readStoredFile } from "~/lib/files.server";
import * as letterRoute from "~/routes/visies.$regionSlug.$visionSlug.herleidbaarheid_.antwoordbrief.$reactionId_.$bestand";
import * as pageRoute from "~/routes/visies.$regionSlug.$visionSlug.herleidbaarheid";
import { answerPoints, letterForm, letterScenario, type LetterScenario } from "../factories/letters";
import { useTestDatabase } from "../setup/db";
import { getRequest, run, testContext } from "../setup/requests";

let database: Database;
let s: LetterScenario;
let slugs: { regionSlug: string; visionSlug: string };

async function letterRow(reactionId: string) {
  const [row] = await database.db.select().from(responseLetters).where(eq(responseLetters.reactionId, reactionId));
  return row!;
}

/** Saves the letter and takes it to `until` through the real workflow. */
async function letterUntil(reactionId: string, until: "vastgesteld" | "verzonden") {
  await saveResponseLetter(database.db, s.editor, s.vision.id, reactionId, letterForm());
  await transitionResponseLetter(database.db, s.admin, s.vision.id, reactionId, { revision: (await letterRow(reactionId)).revision, to: "vastgesteld" });
  if (until === "verzonden") {
    await transitionResponseLetter(database.db, s.admin, s.vision.id, reactionId, { revision: (await letterRow(reactionId)).revision, to: "verzonden" }, new Date("2026-06-12T14:00:00Z"));
  }
}

async function download(reactionId: string) {
  const { response } = await run(() =>
    letterRoute.loader({ request: getRequest(`/visies/${slugs.regionSlug}/${slugs.visionSlug}/herleidbaarheid/antwoordbrief/${reactionId}/antwoordbrief.pdf`), params: { ...slugs, reactionId, bestand: "antwoordbrief.pdf" }, context: testContext() }),
  );
  return response!;
}

async function publicPage(code: string) {
  const { data } = await run(() =>
    pageRoute.loader({ request: getRequest(`/visies/${slugs.regionSlug}/${slugs.visionSlug}/herleidbaarheid?organisatie=${code}`), params: slugs, context: testContext() }),
  );
  return data!;
}

beforeAll(async () => {
  database = await useTestDatabase();
  s = await letterScenario(database.db);
  const [row] = await database.db
    .select({ regionSlug: regions.slug, visionSlug: visions.slug })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(eq(visions.id, s.vision.id));
  slugs = row!;
  await answerPoints(database.db, await s.pointsOf("ADV"));
  await answerPoints(database.db, await s.pointsOf("AAN"));
  // The adviesraad's letter is sent; the provider's is vastgesteld but not sent.
  await letterUntil(s.reactionIds.ADV!, "verzonden");
  await letterUntil(s.reactionIds.AAN!, "vastgesteld");
}, 120_000);

describe("a sent antwoordbrief is published with the reaction", () => {
  test("before staff publish the round's answers, the sent letter is not public", async () => {
    expect((await download(s.reactionIds.ADV!)).status).toBe(404);
    expect(await publicLettersOfOrganisation(database.db, s.vision.id, s.organisations.ADV!.id)).toEqual([]);
  });

  test("once the answers are published, the public page links the sent letter and the link serves its stored PDF", async () => {
    await publishAnswers(database.db, s.admin, s.scope, s.roundId, new Date("2026-06-20T10:00:00Z"));
    const page = await publicPage("ADV");
    expect(page.letters).toEqual([{ reactionId: s.reactionIds.ADV!, kind: "advies", letterNumber: "2051077", sentAt: "2026-06-12T14:00:00.000Z" }]);

    const response = await download(s.reactionIds.ADV!);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/application\/pdf/);
    const stored = await readStoredFile(database.db, (await letterRow(s.reactionIds.ADV!)).pdfFileId!);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(stored!.content))).toBe(true);
  });

  test("a letter that was not sent stays private, even when the reaction's answers are public", async () => {
    expect((await letterRow(s.reactionIds.AAN!)).status).toBe("vastgesteld");
    expect((await download(s.reactionIds.AAN!)).status).toBe(404);
    expect((await publicPage("AAN")).letters).toEqual([]);
  });

  test("an anonymous reaction, or one published without the organisation's name, does not publish its letter", async () => {
    const reactionId = s.reactionIds.ADV!;
    try {
      await database.db.update(reactions).set({ publicationChoice: "anoniem" }).where(eq(reactions.id, reactionId));
      expect((await download(reactionId)).status).toBe(404);
      await database.db.update(reactions).set({ publicationChoice: "met_naam", isAnonymous: true }).where(eq(reactions.id, reactionId));
      expect((await download(reactionId)).status).toBe(404);
      expect(await publicLettersOfOrganisation(database.db, s.vision.id, s.organisations.ADV!.id)).toEqual([]);
    } finally {
      await database.db.update(reactions).set({ publicationChoice: null, isAnonymous: false }).where(eq(reactions.id, reactionId));
    }
    expect((await download(reactionId)).status).toBe(200);
  });

  test("the letter to a group of ervaringsdeskundigen is never published", async () => {
    const organisationId = s.organisations.ADV!.id;
    const [before] = await database.db.select({ type: organisations.type }).from(organisations).where(eq(organisations.id, organisationId));
    try {
      await database.db.update(organisations).set({ type: "ervaringsdeskundigen" }).where(eq(organisations.id, organisationId));
      expect((await download(s.reactionIds.ADV!)).status).toBe(404);
      expect(await publicLettersOfOrganisation(database.db, s.vision.id, organisationId)).toEqual([]);
    } finally {
      await database.db.update(organisations).set({ type: before!.type }).where(eq(organisations.id, organisationId));
    }
  });

  test("a reaction id that is not a uuid, or under a visie slug that does not exist, is a 404", async () => {
    const { response } = await run(() =>
      letterRoute.loader({ request: getRequest("/x"), params: { ...slugs, reactionId: "niet-een-id", bestand: "antwoordbrief.pdf" }, context: testContext() }),
    );
    expect(response!.status).toBe(404);
    const other = await run(() =>
      letterRoute.loader({ request: getRequest("/x"), params: { regionSlug: slugs.regionSlug, visionSlug: "bestaat-niet", reactionId: s.reactionIds.ADV!, bestand: "antwoordbrief.pdf" }, context: testContext() }),
    );
    expect(other.response!.status).toBe(404);
  });
});
