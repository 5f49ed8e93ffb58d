import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { answers, themes } from "~db/schema";
import type { Database } from "~/lib/db.server";
import * as pointRoute from "~/routes/beheer.visies.$visionId.beantwoorden.$pointRef";
import * as triageRoute from "~/routes/beheer.visies.$visionId.beantwoorden._index";
import * as themesRoute from "~/routes/beheer.visies.$visionId.themas";
import { sessionFor } from "../factories";
import { buildAnsweringScenario, type AnsweringScenario } from "../factories/answers";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

let database: Database;
let s: AnsweringScenario;
let other: AnsweringScenario;
let editorCookie: string;
let otherStaffCookie: string;

beforeAll(async () => {
  database = await useTestDatabase();
  s = await buildAnsweringScenario(database.db, [
    { code: "ASDW", points: [{ text: "De wachtlijsten zijn te lang.", sections: ["Nabij"] }, { text: "Meer preventie.", sections: ["Onze ambitie"] }] },
    { code: "ENV", type: "aanbieder", points: [{ text: "Wachtlijst door personeelstekort.", sections: ["Nabij"] }] },
  ]);
  other = await buildAnsweringScenario(database.db, [{ code: "OTH", points: [{ text: "Punt van een andere regio.", sections: ["Nabij"] }] }], { secondVersion: false });
  editorCookie = (await sessionFor(database.db, s.editorUser.id)).cookie;
  otherStaffCookie = (await sessionFor(database.db, other.adminUser.id)).cookie;
});

const pointUrl = (reference: string) => `/beheer/visies/${s.vision.id}/beantwoorden/${reference}`;

async function answerOf(reference: string) {
  const [row] = await database.db.select().from(answers).where(eq(answers.pointId, s.point(reference).id));
  return row ?? null;
}

describe("answering pages", () => {
  test("the triage list answers the GET filter form: search with highlighting, filter state kept for paging", async () => {
    const url = `/beheer/visies/${s.vision.id}/beantwoorden?q=wachtlijsten&soort=aandachtspunt`;
    const { data } = await run(() => triageRoute.loader({ request: getRequest(url, editorCookie), params: { visionId: s.vision.id }, context: testContext() }));
    const rows = data!.rowsHtml.split("</tr>").filter((row) => row.includes("<tr"));
    expect(rows.map((row) => />([A-Z]+-\d+)<\/a>/.exec(row)?.[1])).toEqual(["ASDW-1", "ENV-1"]);
    expect(rows[0]).toMatch(/<mark>wachtlijst/i);
    expect(data!.query).toBe("q=wachtlijsten&soort=aandachtspunt");
  });

  test("staff of another region get 404 for the visie's triage list, a point page and the themes", async () => {
    const triage = await run(() => triageRoute.loader({ request: getRequest(`/beheer/visies/${s.vision.id}/beantwoorden`, otherStaffCookie), params: { visionId: s.vision.id }, context: testContext() }));
    expect(triage.response?.status).toBe(404);
    const point = await run(() => pointRoute.loader({ request: getRequest(pointUrl("ASDW-1"), otherStaffCookie), params: { visionId: s.vision.id, pointRef: "ASDW-1" }, context: testContext() }));
    expect(point.response?.status).toBe(404);
    const answer = await run(() =>
      pointRoute.action({ request: postRequest(pointUrl("ASDW-1"), { revision: "0", body: "Antwoord", disposition: "voor_kennisgeving" }, otherStaffCookie), params: { visionId: s.vision.id, pointRef: "ASDW-1" }, context: testContext() }),
    );
    expect(answer.response?.status).toBe(404);
    expect(await answerOf("ASDW-1")).toBeNull();
    // A point of the other region through this region's visie: 404 as well.
    const crossed = await run(() => pointRoute.loader({ request: getRequest(pointUrl("OTH-1"), editorCookie), params: { visionId: s.vision.id, pointRef: "OTH-1" }, context: testContext() }));
    expect(crossed.response?.status).toBe(404);
  });

  test("the point page shows the point beside its section and saves an answer (redirect after POST)", async () => {
    const { data } = await run(() => pointRoute.loader({ request: getRequest(pointUrl("ASDW-1"), editorCookie), params: { visionId: s.vision.id, pointRef: "ASDW-1" }, context: testContext() }));
    expect(data!.point.html).toContain("wachtlijsten");
    expect(data!.anchors.map((a) => a.title)).toEqual(["1.1 Nabij"]);
    expect(data!.similar.map((x) => x.reference)).toContain("ENV-1");
    const saved = await run(() =>
      pointRoute.action({
        request: postRequest(pointUrl("ASDW-1"), { intent: "opslaan", revision: "0", body: "Wij pakken de wachtlijsten aan.", disposition: "meegenomen_in_uitvoeringsplan", changedSection: "", assigneeId: "" }, editorCookie),
        params: { visionId: s.vision.id, pointRef: "ASDW-1" },
        context: testContext(),
      }),
    );
    expect(saved.response?.status).toBe(302);
    expect(saved.response?.headers.get("Location")).toBe(`${pointUrl("ASDW-1")}?gedaan=opgeslagen`);
    expect(await answerOf("ASDW-1")).toMatchObject({ status: "beantwoord", revision: 1 });
  });

  test("a stale form gets the Dutch conflict message with the unsaved text back", async () => {
    const result = await run(() =>
      pointRoute.action({
        request: postRequest(pointUrl("ASDW-1"), { intent: "opslaan", revision: "0", body: "Mijn verouderde tekst.", disposition: "voor_kennisgeving" }, editorCookie),
        params: { visionId: s.vision.id, pointRef: "ASDW-1" },
        context: testContext(),
      }),
    );
    expect(result.data).toMatchObject({ conflict: true, unsavedText: "Mijn verouderde tekst." });
    expect(result.data!.errors[0]).toMatch(/intussen gewijzigd/);
    expect(await answerOf("ASDW-1")).toMatchObject({ disposition: "meegenomen_in_uitvoeringsplan", revision: 1 });
  });

  test("bad input is refused in Dutch: overgenomen without a changed section, script in the answer", async () => {
    const post = (fields: Record<string, string>) =>
      run(() => pointRoute.action({ request: postRequest(pointUrl("ASDW-2"), fields, editorCookie), params: { visionId: s.vision.id, pointRef: "ASDW-2" }, context: testContext() }));
    const noSection = await post({ intent: "opslaan", revision: "0", body: "Overgenomen.", disposition: "overgenomen" });
    expect(noSection.data!.errors[0]).toMatch(/gewijzigd onderdeel/);
    const script = await post({ intent: "opslaan", revision: "0", body: "<script>alert('x')</script>", disposition: "voor_kennisgeving" });
    expect(script.data!.errors[0]).toMatch(/HTML-code/);
    const badSection = await post({ intent: "opslaan", revision: "0", body: "x", disposition: "overgenomen", changedSection: "geen-onderdeel" });
    expect(badSection.data!.errors[0]).toMatch(/Kies een gewijzigd onderdeel/);
    expect(await answerOf("ASDW-2")).toBeNull();
  });

  test("bulk form: checked points are assigned, and the filter state comes back after the redirect", async () => {
    const listUrl = `/beheer/visies/${s.vision.id}/beantwoorden?q=wachtlijsten`;
    const rowOf = async (reference: string) => {
      const { data } = await run(() => triageRoute.loader({ request: getRequest(listUrl, editorCookie), params: { visionId: s.vision.id }, context: testContext() }));
      return data!.rowsHtml.split("</tr>").find((row) => row.includes(`>${reference}</a>`)) ?? "";
    };
    // Seen once before the change: the list's HTML is memoised until the data changes.
    expect(await rowOf("ENV-1")).not.toContain(s.adminUser.name);
    const body = new URLSearchParams({ intent: "bulk-assign", assigneeId: s.adminUser.id, terug: "status=nieuw" });
    body.append("punt", s.point("ASDW-2").id);
    body.append("punt", s.point("ENV-1").id);
    const request = new Request(`http://localhost/beheer/visies/${s.vision.id}/beantwoorden`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: editorCookie },
    });
    const result = await run(() => triageRoute.action({ request, params: { visionId: s.vision.id }, context: testContext() }));
    expect(result.response?.headers.get("Location")).toBe(`/beheer/visies/${s.vision.id}/beantwoorden?status=nieuw&gedaan=bulk-assign&aantal=2`);
    expect(await answerOf("ENV-1")).toMatchObject({ assigneeId: s.adminUser.id, status: "in_behandeling" });
    expect(await rowOf("ENV-1")).toContain(s.adminUser.name);
    const none = await run(() => triageRoute.action({ request: postRequest(`/beheer/visies/${s.vision.id}/beantwoorden`, { intent: "bulk-assign", assigneeId: "" }, editorCookie), params: { visionId: s.vision.id }, context: testContext() }));
    expect(none.data).toEqual({ error: "Vink eerst een of meer punten aan." });
  });

  test("themes page: creating a theme redirects to it; a markup summary is refused", async () => {
    const created = await run(() => themesRoute.action({ request: postRequest(`/beheer/visies/${s.vision.id}/themas`, { intent: "aanmaken", title: "Wachtlijsten", summary: "Twee organisaties." }, editorCookie), params: { visionId: s.vision.id }, context: testContext() }));
    const [theme] = await database.db.select().from(themes).where(eq(themes.visionId, s.vision.id));
    expect(created.response?.headers.get("Location")).toBe(`/beheer/visies/${s.vision.id}/themas?thema=${theme!.id}`);
    const refused = await run(() => themesRoute.action({ request: postRequest(`/beheer/visies/${s.vision.id}/themas`, { intent: "aanmaken", title: "Ander", summary: "<b>vet</b>" }, editorCookie), params: { visionId: s.vision.id }, context: testContext() }));
    expect(refused.data!.error).toMatch(/HTML-code/);
    const { data } = await run(() => themesRoute.loader({ request: getRequest(`/beheer/visies/${s.vision.id}/themas?thema=${theme!.id}`, editorCookie), params: { visionId: s.vision.id }, context: testContext() }));
    expect(data!.selected?.title).toBe("Wachtlijsten");
    expect(data!.suggestions.map((x) => x.word)).not.toContain("wachtlijsten");
  });
});
