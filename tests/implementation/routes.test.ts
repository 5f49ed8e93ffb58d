import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { implementationActions, regions } from "~db/schema";
import { createAction, linkPoint } from "~/implementation/implementation-actions.server";
import type { Database } from "~/lib/db.server";
import * as staffPlan from "~/routes/beheer.visies.$visionId.uitvoering";
import * as staffAction from "~/routes/beheer.visies.$visionId.uitvoering_.$actionId";
import * as staffImport from "~/routes/beheer.visies.$visionId.uitvoering_.importeren";
import * as staffDownload from "~/routes/beheer.visies.$visionId.uitvoering_.herleidbaarheid_.$bestand";
import * as publicAction from "~/routes/visies.$regionSlug.$visionSlug.uitvoering_.$actionReference";
import * as publicTrace from "~/routes/visies.$regionSlug.$visionSlug.herleidbaarheid";
import * as publicDownload from "~/routes/visies.$regionSlug.$visionSlug.herleidbaarheid_.$bestand";
import * as openDataFile from "~/routes/visies.$regionSlug.$visionSlug.open-data_.$bestand";
import * as oldOpenDataCsv from "~/routes/visies.$regionSlug.$visionSlug.open-data_.csv";
import { sessionFor } from "../factories";
import { implementationScenario } from "../factories/implementation";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

let database: Database;
let s: Awaited<ReturnType<typeof implementationScenario>>;
let staffCookie: string;
let publicParams: { regionSlug: string; visionSlug: string };
beforeAll(async () => {
  database = await useTestDatabase();
  s = await implementationScenario(database.db);
  staffCookie = (await sessionFor(database.db, s.staff.user.id)).cookie;
  const [region] = await database.db.select().from(regions).where(eq(regions.id, s.region.id));
  publicParams = { regionSlug: region!.slug, visionSlug: s.vision.slug };
});

const ctx = () => testContext();

describe("staff pages", () => {
  test("creating an action through the form redirects to its page; a bad form answers in Dutch and writes nothing", async () => {
    const base = `/beheer/visies/${s.vision.id}/uitvoering`;
    const params = { visionId: s.vision.id };
    const bad = await run(() => staffPlan.action({ request: postRequest(base, { title: "Verkeerd", startsOn: "2026-05-02", endsOn: "2026-05-01" }, staffCookie), params, context: ctx() }));
    expect(bad.data).toMatchObject({ error: "De einddatum kan niet voor de startdatum liggen.", field: "endsOn" });
    expect(await database.db.select().from(implementationActions).where(eq(implementationActions.visionId, s.vision.id))).toHaveLength(0);

    const ok = await run(() => staffPlan.action({ request: postRequest(base, { title: "Jongerenwerk in de wijk", sectionKeys: s.sectionKey, startsOn: "2026-05-01" }, staffCookie), params, context: ctx() }));
    expect(ok.response?.status).toBe(302);
    const [row] = await database.db.select().from(implementationActions).where(eq(implementationActions.visionId, s.vision.id));
    expect(ok.response!.headers.get("Location")).toBe(`${base}/${row!.id}?aangemaakt=1`);

    const tooMuch = await run(() =>
      staffAction.action({
        request: postRequest(`${base}/${row!.id}`, { intent: "update", status: "loopt", progress: "101", on: "2026-06-01", text: "x" }, staffCookie),
        params: { visionId: s.vision.id, actionId: row!.id },
        context: ctx(),
      }),
    );
    expect(tooMuch.data).toMatchObject({ intent: "update", error: "De voortgang kan niet hoger zijn dan 100%." });
    const crossVision = await run(() =>
      staffAction.action({
        request: postRequest(`${base}/${row!.id}`, { intent: "link", pointReference: s.elsewhere.points[0]!.reference }, staffCookie),
        params: { visionId: s.vision.id, actionId: row!.id },
        context: ctx(),
      }),
    );
    expect(crossVision.data).toMatchObject({ intent: "link", error: expect.stringContaining("andere visie") });
    const page = await run(() => staffAction.loader({ request: getRequest(`${base}/${row!.id}`, staffCookie), params: { visionId: s.vision.id, actionId: row!.id }, context: ctx() }));
    expect(page.data).toMatchObject({ action: { reference: "U-01", progress: 0, points: [], sections: ["1 Onze ambitie"] } });
  });

  test("the CSV import takes a multipart upload and refuses a file over the size limit", async () => {
    const url = `http://localhost/beheer/visies/${s.vision.id}/uitvoering/importeren`;
    const upload = (content: string) => {
      const form = new FormData();
      form.set("bestand", new File([content], "acties.csv", { type: "text/csv" }));
      return new Request(url, { method: "POST", body: form, headers: { Cookie: staffCookie, Origin: "http://localhost" } });
    };
    const good = await run(() => staffImport.action({ request: upload("kenmerk;titel;status;voortgang\n;Geïmporteerde actie;gepland;0\n"), params: { visionId: s.vision.id }, context: ctx() }));
    expect(good.data).toMatchObject({ ok: true, created: [expect.stringMatching(/^U-\d+$/)] });
    const big = await run(() => staffImport.action({ request: upload("kenmerk;titel;status\n" + ";x;gepland\n".repeat(150_000)), params: { visionId: s.vision.id }, context: ctx() }));
    expect(big.data).toMatchObject({ ok: false, message: expect.stringContaining("te groot") });
  });

  test("staff download the full traceability as PDF", async () => {
    const { response } = await run(() =>
      staffDownload.loader({ request: getRequest(`/x?organisatie=${s.council.id}`, staffCookie), params: { visionId: s.vision.id, bestand: "herleidbaarheid.pdf" }, context: ctx() }),
    );
    expect(response?.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await response!.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("public pages", () => {
  test("a visitor without an account follows the published points to the action, and sees nothing before publication", async () => {
    const created = await createAction(database.db, s.staff, s.vision.id, { title: "Herleidbaar uitvoeringsprogramma", sectionKeys: [s.sectionKey] });
    if (!created.ok) throw new Error(created.message);
    await linkPoint(database.db, s.staff, created.action.id, { pointReference: s.letter.points[0]!.reference });
    await linkPoint(database.db, s.staff, created.action.id, { pointReference: s.advies.points[0]!.reference });
    const trace = (code: string) => run(() => publicTrace.loader({ request: getRequest(`/x?organisatie=${code}`), params: publicParams, context: ctx() }));
    // The page's points arrive as rendered list items: one <li id="punt-…"> per point, action links by reference.
    const pointsOn = (html: string) => [...html.matchAll(/<li class="trace-list__item" id="punt-([^"]+)">/g)].map((m) => m[1]);

    const before = await trace(s.council.code);
    expect(before.data).toMatchObject({ points: 0, itemsHtml: "" });
    const letter = await trace(s.municipality.code);
    expect(letter.data!.points).toBe(1);
    expect(pointsOn(letter.data!.itemsHtml)).toEqual([s.letter.points[0]!.reference]);
    const reference = [...letter.data!.itemsHtml.matchAll(/\/uitvoering\/(U-\d+)"/g)].map((m) => m[1]).find((r) => r === created.action.reference)!;
    const page = await run(() => publicAction.loader({ request: getRequest(`/x`), params: { ...publicParams, actionReference: reference }, context: ctx() }));
    expect((page.data as { action: { points: Array<{ reference: string }> } }).action.points.map((p) => p.reference)).toEqual([s.letter.points[0]!.reference]);

    await s.publishAnswers();
    expect(pointsOn((await trace(s.council.code)).data!.itemsHtml)).toContain(s.advies.points[0]!.reference);
    expect((await trace(s.panel.code)).data).toMatchObject({ points: 0, itemsHtml: "" });
    expect((await trace("GEENORG")).response?.status).toBe(404);

    const csv = await run(() => publicDownload.loader({ request: getRequest(`/x?organisatie=${s.council.code}`), params: { ...publicParams, bestand: "herleidbaarheid.csv" }, context: ctx() }));
    expect(await csv.response!.text()).toContain(s.advies.points[0]!.reference);
  });

  test("open data as JSON and CSV, with field descriptions and without anonymous organisations", async () => {
    const json = await run(() => openDataFile.loader({ request: getRequest("/x"), params: { ...publicParams, bestand: "open-data.json" }, context: ctx() }));
    const body = (await json.response!.json()) as { velden: Record<string, unknown>; punten: Array<{ organisatie: string | null }> };
    expect(Object.keys(body.velden)).toEqual(["punten", "antwoorden", "besluiten", "acties"]);
    expect(JSON.stringify(body)).not.toContain(s.panel.name);
    const csv = await run(() => openDataFile.loader({ request: getRequest("/x"), params: { ...publicParams, bestand: "acties.csv" }, context: ctx() }));
    const bytes = Buffer.from(await csv.response!.arrayBuffer());
    // The UTF-8 byte order mark first (Excel reads the file as UTF-8), then the documented columns.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8").split("\r\n")[0]).toBe("kenmerk;titel;status;voortgang;start;eind;eigenaar;punten");
    const unknown = await run(() => openDataFile.loader({ request: getRequest("/x"), params: { ...publicParams, bestand: "wachtwoorden.csv" }, context: ctx() }));
    expect(unknown.response?.status).toBe(404);
    // The old address, used by scripts, redirects permanently; without a known set to the open-data page.
    const old = await run(() => oldOpenDataCsv.loader({ request: getRequest("/x?gegevens=acties"), params: publicParams, context: ctx() }));
    expect(old.response?.status).toBe(301);
    expect(old.response?.headers.get("Location")).toBe(`/visies/${publicParams.regionSlug}/${publicParams.visionSlug}/open-data/acties.csv`);
    const oldUnknown = await run(() => oldOpenDataCsv.loader({ request: getRequest("/x?gegevens=wachtwoorden"), params: publicParams, context: ctx() }));
    expect(oldUnknown.response?.headers.get("Location")).toBe(`/visies/${publicParams.regionSlug}/${publicParams.visionSlug}/open-data`);
  });
});
