import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { adoptionRequests, adoptions, outboxMessages } from "~db/schema";
import type { Database } from "~/lib/db.server";
import { sessionFor } from "../factories";
import { adoptionScenario } from "../factories/adoptions";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

describe("pages of the adoption", () => {
  test("staff compose the aanbiedingsbrief on its page, see the preview, and send it: one adoption per member and e-mails with the PDF", async () => {
    const s = await adoptionScenario(database.db);
    const route = await import("~/routes/beheer.visies.$visionId.vaststelling_.aanbiedingsbrief");
    const url = `/beheer/visies/${s.vision.id}/vaststelling/aanbiedingsbrief`;
    const params = { visionId: s.vision.id };
    const cookie = (await sessionFor(database.db, s.users.staff.id)).cookie;

    const empty = await run(() => route.loader({ request: getRequest(url, cookie), params, context: testContext() }));
    expect(empty.data!.current).toBeNull();
    expect(empty.data!.target).toMatchObject({ label: "definitief" });
    expect(empty.data!.defaults.body).toContain("Pas als alle 3 gemeenteraden");

    const form = { intent: "opslaan", versionId: s.versions.definitive.id, letterDate: "2026-01-08", letterNumber: "26U0000412", deadline: "2026-07-01", body: "Hierbij bieden wij u de visie aan.", signedByName: "W. Struijk\nvoorzitter" };
    const bad = await run(() => route.action({ request: postRequest(url, { ...form, versionId: s.versions.draft.id }, cookie), params, context: testContext() }));
    expect(bad.data).toEqual({ errors: ["Alleen een gepubliceerde definitieve versie kan ter vaststelling worden aangeboden. Publiceer eerst de definitieve versie."] });
    expect(await database.db.select().from(adoptionRequests).where(eq(adoptionRequests.versionId, s.versions.draft.id))).toHaveLength(0);

    const saved = await run(() => route.action({ request: postRequest(url, form, cookie), params, context: testContext() }));
    expect(saved.response!.status).toBe(302);
    const preview = await run(() => route.loader({ request: getRequest(url, cookie), params, context: testContext() }));
    expect(preview.data!.preview).toMatchObject({ recipient: "Aan alle colleges van de 3 regiogemeenten", municipalities: ["Noordstad", "Oostdorp", "Zuidwaard"], reference: "26U0000412" });
    expect(preview.data!.preview!.facts).toContainEqual({ label: "Graag een raadsbesluit uiterlijk op", value: "1 juli 2026" });

    const sent = await run(() => route.action({ request: postRequest(url, { intent: "verzenden", requestId: preview.data!.current!.id }, cookie), params, context: testContext() }));
    expect(sent.response!.headers.get("Location")).toBe(`/beheer/visies/${s.vision.id}/vaststelling?verzonden=1`);
    expect(await database.db.select().from(adoptions).where(eq(adoptions.visionId, s.vision.id))).toHaveLength(3);
    const mails = await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "aanbiedingsbrief"));
    expect(mails.filter((m) => m.regionId === s.region.id)).toHaveLength(3);
  }, 60_000);

  test("the griffie's pages list the visie and record its own council's decision without JavaScript (plain POST, redirect)", async () => {
    const s = await adoptionScenario(database.db);
    const cookie = (await sessionFor(database.db, s.users.griffie.id)).cookie;
    const index = await import("~/routes/gemeente.vaststelling._index");
    const list = await run(() => index.loader({ request: getRequest("/gemeente/vaststelling", cookie), params: {}, context: testContext() }));
    expect(list.data!.municipalities).toMatchObject([{ name: "Noordstad", visions: [{ id: s.vision.id, outcome: null }] }]);

    const page = await import("~/routes/gemeente.vaststelling.$visionId");
    const url = `/gemeente/vaststelling/${s.vision.id}`;
    const params = { visionId: s.vision.id };
    const form = new URLSearchParams({
      intent: "besluit",
      revision: "0",
      versionId: s.versions.definitive.id,
      collegeDate: "2026-03-31",
      councilDate: "2026-06-12",
      outcome: "vastgesteld",
    });
    form.append("itemText", "De regiovisie vast te stellen.");
    form.append("itemOutcome", "vastgesteld");
    form.append("itemText", "");
    form.append("itemOutcome", "");
    const request = new Request(`http://localhost${url}`, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: cookie } });
    const result = await run(() => page.action({ request, params, context: testContext() }));
    expect(result.response!.headers.get("Location")).toBe(`${url}?opgeslagen=besluit`);
    const after = await run(() => page.loader({ request: getRequest(`${url}?opgeslagen=besluit`, cookie), params, context: testContext() }));
    expect(after.data!.page.adoption).toMatchObject({ outcome: "vastgesteld", councilDate: "2026-06-12", revision: 1, items: [{ text: "De regiovisie vast te stellen.", outcome: "vastgesteld" }] });

    const contact = (await sessionFor(database.db, s.users.contact.id)).cookie;
    expect((await run(() => page.loader({ request: getRequest(url, contact), params, context: testContext() }))).response!.status).toBe(404);
  });
});

describe("reactiebrief from Word", () => {
  test("a .docx of the Vlaardingen letter uploaded on the decision page becomes the reactiebrief with four points; a non-Word file is refused", async () => {
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const { Document, Packer, Paragraph } = await import("docx");
    const lines = readFileSync(path.resolve("tests/fixtures/seeds/001_33a8688e64a59d40.txt"), "utf8").split("\n");
    const letter = lines.slice(lines.findIndex((l) => l.startsWith("Datum 12 juni 2026")));
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: letter.map((line) => new Paragraph(line)) }] }));

    const s = await adoptionScenario(database.db);
    const route = await import("~/routes/beheer.visies.$visionId.vaststelling_.$municipalityId");
    const params = { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id };
    const url = `/beheer/visies/${s.vision.id}/vaststelling/${s.municipalities.noordstad.id}`;
    const cookie = (await sessionFor(database.db, s.users.staff.id)).cookie;
    const upload = (content: Uint8Array, name: string) => {
      const form = new FormData();
      form.set("intent", "reactiebrief");
      form.set("text", "");
      form.set("document", new File([Buffer.from(content)], name));
      return new Request(`http://localhost${url}`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: "http://localhost" } });
    };
    const refused = await run(() => route.action({ request: upload(new TextEncoder().encode("geen word"), "brief.docx"), params, context: testContext() }));
    expect(refused.data).toEqual({ intent: "reactiebrief", errors: ["Dit bestand is geen Word-document (.docx)."] });

    const done = await run(() => route.action({ request: upload(new Uint8Array(bytes), "brief.docx"), params, context: testContext() }));
    expect(done.response!.status).toBe(302);
    const page = await run(() => route.loader({ request: getRequest(url, cookie), params, context: testContext() }));
    expect(page.data!.page.councilLetter).toMatchObject({ letterNumber: "2051077", replyReference: "2051071", letterDate: "2026-06-12" });
    expect(page.data!.page.councilLetter!.points.map((p) => p.reference)).toEqual(["NRD-1", "NRD-2", "NRD-3", "NRD-4"]);
  }, 90_000);
});
