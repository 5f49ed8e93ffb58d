import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { responseLetters } from "~db/schema";
import * as letterPage from "~/routes/beheer.visies.$visionId.brieven_.$reactionId";
import * as letterFile from "~/routes/beheer.visies.$visionId.brieven_.$reactionId_.$bestand";
import * as oldLetterFile from "~/routes/beheer.visies.$visionId.brieven_.bestand.$reactionId";
import * as notaFile from "~/routes/beheer.visies.$visionId.nota_.$bestand";
import type { Database } from "~/lib/db.server";
import { sessionFor } from "../factories";
import { answerPoints, letterScenario, type LetterScenario } from "../factories/letters";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

let database: Database;
let s: LetterScenario;
let staffCookie: string;
let adminCookie: string;
let memberCookie: string;

beforeAll(async () => {
  database = await useTestDatabase();
  s = await letterScenario(database.db);
  staffCookie = (await sessionFor(database.db, s.editorUser.id)).cookie;
  adminCookie = (await sessionFor(database.db, s.adminUser.id)).cookie;
  memberCookie = (await sessionFor(database.db, s.memberUser.id)).cookie;
});

function letterParams() {
  return { visionId: s.vision.id, reactionId: s.reactionIds.ADV! };
}

function form(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
  return body;
}

function post(path: string, fields: Record<string, string | string[]>, cookie: string) {
  const request = postRequest(path, {}, cookie);
  return new Request(request.url, { method: "POST", headers: request.headers, body: form(fields) });
}

describe("letter page (no JavaScript needed)", () => {
  const path = () => `/beheer/visies/${s.vision.id}/brieven/${s.reactionIds.ADV}`;

  test("saving with an unknown placeholder answers 400 with the Dutch message and keeps the typed text; nothing is written", async () => {
    const fields = {
      intent: "opslaan",
      revision: "0",
      letterNumber: "2051077",
      subject: "",
      handledBy: "",
      letterDate: "",
      signatoryName: ["A. Ondertekenaar", ""],
      signatoryTitle: ["secretaris", ""],
      introduction: "Beste {voornaam},",
      closing: "Groet",
    };
    const result = await run(() =>
      letterPage.action({ request: post(path(), fields, staffCookie), params: letterParams(), context: testContext() }),
    );
    const data = result.data as unknown as {
      data: { error: string; values: { introduction: string } };
      init: { status: number };
    };
    expect(data.init.status).toBe(400);
    expect(data.data.error).toMatch(/onbekende plaatshouder: \{voornaam\}/);
    expect(data.data.values.introduction).toBe("Beste {voornaam},");
    expect(
      await database.db.select().from(responseLetters).where(eq(responseLetters.reactionId, s.reactionIds.ADV!)),
    ).toEqual([]);
  });

  test("saving redirects back to the page (POST/redirect/GET) and the page shows the letter with every point", async () => {
    const fields = {
      intent: "opslaan",
      revision: "0",
      letterNumber: "2051077",
      subject: "",
      handledBy: "",
      letterDate: "2026-06-12",
      signatoryName: ["A. Ondertekenaar"],
      signatoryTitle: ["secretaris"],
      introduction: "Dank voor uw advies.",
      closing: "Met vragen kunt u terecht bij {regio}.",
    };
    const result = await run(() =>
      letterPage.action({ request: post(path(), fields, staffCookie), params: letterParams(), context: testContext() }),
    );
    expect(result.response?.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe(`${path()}?opgeslagen=1`);
    const page = await run(() =>
      letterPage.loader({ request: getRequest(path(), staffCookie), params: letterParams(), context: testContext() }),
    );
    const json = JSON.stringify(page.data);
    for (const p of await s.pointsOf("ADV")) expect(json).toContain(p.plainText);
    expect(json).toContain(`Met vragen kunt u terecht bij ${s.region.name}.`);
  });

  test("a staff editor's 'vaststellen' is refused with a Dutch message", async () => {
    await answerPoints(database.db, await s.pointsOf("ADV"));
    const [row] = await database.db
      .select()
      .from(responseLetters)
      .where(eq(responseLetters.reactionId, s.reactionIds.ADV!));
    const result = await run(() =>
      letterPage.action({
        request: post(path(), { intent: "stap", to: "vastgesteld", revision: String(row!.revision) }, staffCookie),
        params: letterParams(),
        context: testContext(),
      }),
    );
    expect((result.data as unknown as { data: { error: string } }).data.error).toMatch(/Alleen een regiobeheerder/);
  });
});

describe("downloads", () => {
  test("staff get the concept as PDF and DOCX with the right content types; the organisation's member gets 404 until it is sent", async () => {
    const path = `/beheer/visies/${s.vision.id}/brieven/${s.reactionIds.ADV}`;
    const pdf = await run(() =>
      letterFile.loader({
        request: getRequest(`${path}/antwoordbrief.pdf`, staffCookie),
        params: { ...letterParams(), bestand: "antwoordbrief.pdf" },
        context: testContext(),
      }),
    );
    expect(pdf.response?.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.response?.headers.get("Content-Disposition")).toMatch(/antwoordbrief-adv-2051077-concept\.pdf/);
    const docx = await run(() =>
      letterFile.loader({
        request: getRequest(`${path}/antwoordbrief.docx`, adminCookie),
        params: { ...letterParams(), bestand: "antwoordbrief.docx" },
        context: testContext(),
      }),
    );
    expect(docx.response?.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const member = await run(() =>
      letterFile.loader({
        request: getRequest(`${path}/antwoordbrief.pdf`, memberCookie),
        params: { ...letterParams(), bestand: "antwoordbrief.pdf" },
        context: testContext(),
      }),
    );
    expect(member.response?.status).toBe(404);
    const otherName = await run(() =>
      letterFile.loader({
        request: getRequest(`${path}/antwoordbrief.html`, staffCookie),
        params: { ...letterParams(), bestand: "antwoordbrief.html" },
        context: testContext(),
      }),
    );
    expect(otherName.response?.status).toBe(404);
  });

  test("the old address of a letter in sent e-mails (…/brieven/bestand/:id?formaat=) redirects permanently to the file name", async () => {
    const old = `/beheer/visies/${s.vision.id}/brieven/bestand/${s.reactionIds.ADV}`;
    for (const [query, name] of [["?formaat=docx", "antwoordbrief.docx"], ["?formaat=pdf", "antwoordbrief.pdf"], ["", "antwoordbrief.pdf"]] as const) {
      const { response } = await run(() =>
        oldLetterFile.loader({ request: getRequest(`${old}${query}`), params: letterParams(), context: testContext() }),
      );
      expect(response?.status).toBe(301);
      expect(response?.headers.get("Location")).toBe(`/beheer/visies/${s.vision.id}/brieven/${s.reactionIds.ADV}/${name}`);
    }
  });

  test("the Nota as CSV is served as UTF-8 CSV with a BOM", async () => {
    const result = await run(() =>
      notaFile.loader({
        request: getRequest(`/beheer/visies/${s.vision.id}/nota/nota-van-beantwoording.csv`, staffCookie),
        params: { visionId: s.vision.id, bestand: "nota-van-beantwoording.csv" },
        context: testContext(),
      }),
    );
    expect(result.response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await result.response!.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
