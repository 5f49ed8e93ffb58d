import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { files, outboxAttachments, outboxMessages, responseLetters } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import type { LetterDocument } from "~/letters/letter-model";
import { renderPdf } from "~/letters/pdf.server";
import { buildResponseReport, buildThreadReport, pickRound } from "~/letters/response-report.server";
import type { Database } from "~/lib/db.server";
import { useTestDatabase } from "../setup/db";
import * as publicLetterRoute from "~/routes/visies.$regionSlug.$visionSlug.herleidbaarheid_.antwoordbrief.$reactionId_.$bestand";
import * as publicTraceabilityRoute from "~/routes/visies.$regionSlug.$visionSlug.herleidbaarheid";
import { getRequest, run, testContext } from "../setup/requests";
import { readDocx, readPdf, squash } from "./render-helpers";

let database: Database;
let demo: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  database = await useTestDatabase();
  demo = await seedDemo(database.db, "demo-wachtwoord-voor-test");
}, 240_000);

describe("demo antwoordbrieven", () => {
  test("the ASDV advies's letter is sent by the college of Vlaardingen, with a PDF and a DOCX holding every point", async () => {
    if (!demo.seeded) throw new Error("demo not seeded");
    const [letter] = await database.db
      .select()
      .from(responseLetters)
      .where(eq(responseLetters.id, demo.letters.asdvLetterId));
    expect(letter!.status).toBe("verzonden");
    expect(letter!.sentAt).toEqual(new Date("2026-01-15T09:00:00Z"));
    const snapshot = letter!.snapshot as LetterDocument;
    expect(snapshot.sender.name).toBe("Gemeente Vlaardingen");
    expect(snapshot.signatures[0]!.onBehalfOf).toBe("Burgemeester en wethouders van Vlaardingen,");
    const [pdf] = await database.db.select().from(files).where(eq(files.id, letter!.pdfFileId!));
    const [docx] = await database.db.select().from(files).where(eq(files.id, letter!.docxFileId!));
    const pdfText = squash((await readPdf(new Uint8Array(pdf!.content))).text);
    const docxText = squash((await readDocx(new Uint8Array(docx!.content))).text);
    const references = snapshot.body
      .flatMap((b) => (b.type === "heading" ? [/Punt (ASDV-\d+)/.exec(b.text)?.[1]] : []))
      .filter(Boolean) as string[];
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const reference of references) {
      expect(pdfText).toContain(squash(`Punt ${reference}`));
      expect(docxText).toContain(squash(`Punt ${reference}`));
    }
    expect(pdfText).not.toContain(squash("nog geen antwoord"));
    const messages = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.template, "antwoordbrief-verzonden"));
    expect(messages.length).toBeGreaterThan(0);
    const attachments = await database.db
      .select()
      .from(outboxAttachments)
      .where(eq(outboxAttachments.messageId, messages[0]!.id));
    expect(attachments.map((a) => a.contentType)).toEqual(["application/pdf"]);
  });

  test("Enver's letter waits for approval", async () => {
    if (!demo.seeded) throw new Error("demo not seeded");
    const [letter] = await database.db
      .select()
      .from(responseLetters)
      .where(eq(responseLetters.id, demo.letters.envLetterId));
    expect(letter!.status).toBe("ter_goedkeuring");
  });

  test("the sent ASDV letter is published with its reaction: the public page links it and the link serves the stored PDF; Enver's unsent letter is not", async () => {
    if (!demo.seeded) throw new Error("demo not seeded");
    const params = { regionSlug: "rijnmond", visionSlug: "regiovisie-2026-2030" };
    const base = `/visies/${params.regionSlug}/${params.visionSlug}/herleidbaarheid`;
    const page = await run(() => publicTraceabilityRoute.loader({ request: getRequest(`${base}?organisatie=ASDV`), params, context: testContext() }));
    const [letter] = await database.db.select().from(responseLetters).where(eq(responseLetters.id, demo.letters.asdvLetterId));
    expect(page.data!.letters).toEqual([expect.objectContaining({ reactionId: letter!.reactionId, kind: "advies", sentAt: "2026-01-15T09:00:00.000Z" })]);
    const download = await run(() => publicLetterRoute.loader({ request: getRequest(`${base}/antwoordbrief/${letter!.reactionId}/antwoordbrief.pdf`), params: { ...params, reactionId: letter!.reactionId, bestand: "antwoordbrief.pdf" }, context: testContext() }));
    expect(download.response!.status).toBe(200);
    const [pdf] = await database.db.select().from(files).where(eq(files.id, letter!.pdfFileId!));
    expect(Buffer.from(await download.response!.arrayBuffer()).equals(Buffer.from(pdf!.content))).toBe(true);

    const [envLetter] = await database.db.select().from(responseLetters).where(eq(responseLetters.id, demo.letters.envLetterId));
    const refused = await run(() => publicLetterRoute.loader({ request: getRequest(`${base}/antwoordbrief/${envLetter!.reactionId}/antwoordbrief.pdf`), params: { ...params, reactionId: envLetter!.reactionId, bestand: "antwoordbrief.pdf" }, context: testContext() }));
    expect(refused.response!.status).toBe(404);
  });

  test("the round's Nota van beantwoording and rode draad document can be made, with every point and the themes", async () => {
    if (!demo.seeded) throw new Error("demo not seeded");
    const visionId = demo.visions.visionId;
    const round = (await pickRound(database.db, visionId, demo.visions.firstRoundId))!;
    const nota = await buildResponseReport(database.db, visionId, round, "onderdeel");
    const text = squash((await readPdf(await renderPdf(nota))).text);
    for (const reference of ["ASDV-1", "ENV-1", "JPR-1"]) expect(text).toContain(squash(reference));
    const thread = await buildThreadReport(database.db, visionId, round);
    const themes = thread.body.filter((b) => b.type === "heading" && b.level === 2);
    expect(themes.length).toBeGreaterThanOrEqual(3);
  });
});
