import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "~/lib/db.server";
import * as pointRoute from "~/routes/beheer.visies.$visionId.beantwoorden.$pointRef";
import { sessionFor } from "../factories";
import { buildAnsweringScenario, type AnsweringScenario } from "../factories/answers";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

// The answering page computes its data (similar points above all) once per data version: these
// tests fail when a change does not reach the next view of the page.

let database: Database;
let s: AnsweringScenario;
let editorCookie: string;

beforeAll(async () => {
  database = await useTestDatabase();
  s = await buildAnsweringScenario(database.db, [
    { code: "ASDW", points: [{ text: "De wachtlijsten voor jeugdhulp zijn te lang.", sections: ["Nabij"] }] },
    { code: "ENV", type: "aanbieder", points: [{ text: "Wachtlijsten voor jeugdhulp door personeelstekort.", sections: ["Nabij"] }] },
    { code: "LAAT", type: "aanbieder", draft: true, points: [{ text: "Wachtlijsten voor specialistische jeugdhulp worden langer.", sections: ["Casusregie"] }] },
  ]);
  editorCookie = (await sessionFor(database.db, s.editorUser.id)).cookie;
});

const pointUrl = (reference: string) => `/beheer/visies/${s.vision.id}/beantwoorden/${reference}`;

async function pointPage(reference: string) {
  const { data } = await run(() => pointRoute.loader({ request: getRequest(pointUrl(reference), editorCookie), params: { visionId: s.vision.id, pointRef: reference }, context: testContext() }));
  return data!;
}

describe("the answering page follows changes", () => {
  test("while nothing changes, the page's data is computed once and reused", async () => {
    const first = await pointPage("ASDW-1");
    const second = await pointPage("ASDW-1");
    expect(second.similar).toBe(first.similar);
    expect(second.similar.map((p) => p.reference)).toEqual(["ENV-1"]);
  });

  test("a similar point submitted after the page was shown appears on the next view", async () => {
    expect((await pointPage("ASDW-1")).similar.map((p) => p.reference)).not.toContain("LAAT-1");
    await s.submitDraft("LAAT");
    const similar = (await pointPage("ASDW-1")).similar;
    expect(similar.map((p) => p.reference)).toContain("LAAT-1");
    expect(similar.find((p) => p.reference === "LAAT-1")!.sharedWords).toEqual(expect.arrayContaining(["wachtlijsten", "jeugdhulp"]));
  });

  test("a saved answer shows on the next view of its page and as reusable on a similar point's page", async () => {
    expect((await pointPage("ASDW-1")).answer).toBeNull();
    expect((await pointPage("ENV-1")).similar.find((p) => p.reference === "ASDW-1")!.answer).toBeNull();
    const saved = await run(() =>
      pointRoute.action({
        request: postRequest(pointUrl("ASDW-1"), { intent: "opslaan", revision: "0", body: "Wij pakken de wachtlijsten aan.", disposition: "voor_kennisgeving", changedSection: "", assigneeId: "" }, editorCookie),
        params: { visionId: s.vision.id, pointRef: "ASDW-1" },
        context: testContext(),
      }),
    );
    expect(saved.response?.status).toBe(302);
    const page = await pointPage("ASDW-1");
    expect(page.answer).toMatchObject({ status: "beantwoord", revision: 1, answeredBy: "Eva Redacteur" });
    expect(page.answerText).toBe("Wij pakken de wachtlijsten aan.");
    const fromEnv = (await pointPage("ENV-1")).similar.find((p) => p.reference === "ASDW-1")!;
    expect(fromEnv.answer).toMatchObject({ status: "beantwoord", disposition: "voor_kennisgeving", excerpt: "Wij pakken de wachtlijsten aan." });
  });
});
