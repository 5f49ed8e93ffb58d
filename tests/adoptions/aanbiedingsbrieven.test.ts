import { beforeAll, describe, expect, test } from "vitest";
import { saveAdoptionRequest, sendAdoptionRequest, sentAdoptionRequests } from "~/adoptions/adoption-requests.server";
import type { Database } from "~/lib/db.server";
import { storeFile } from "~/lib/files.server";
import { sessionFor } from "../factories";
import { adoptionScenario, fakeRenderers, pdfBytes, type AdoptionScenario } from "../factories/adoptions";
import { useTestDatabase } from "../setup/db";
import { getRequest, run, testContext } from "../setup/requests";

let database: Database;
let s: AdoptionScenario;
let older: Awaited<ReturnType<typeof saveAdoptionRequest>>;
let newer: Awaited<ReturnType<typeof saveAdoptionRequest>>;

const body = "Hierbij bieden wij u de regiovisie aan.";

beforeAll(async () => {
  database = await useTestDatabase();
  s = await adoptionScenario(database.db);
  // A first letter in 2022, when Westhoek was still a member and Zuidwaard not yet (merger of 2023) ...
  older = await saveAdoptionRequest(database.db, s.viewers.staff, s.vision.id, { versionId: s.versions.definitive.id, letterDate: "2022-06-01", deadline: "2022-12-01", letterNumber: "22U0100", body });
  await sendAdoptionRequest(database.db, s.viewers.staff, s.vision.id, older.id, fakeRenderers, new Date("2022-06-02T09:00:00Z"));
  // ... and a second one, sent later, to the members of 2026.
  newer = await saveAdoptionRequest(database.db, s.viewers.staff, s.vision.id, { versionId: s.versions.definitive.id, letterDate: "2026-01-08", deadline: "2026-07-01", letterNumber: "26U0412", body });
  await sendAdoptionRequest(database.db, s.viewers.staff, s.vision.id, newer.id, fakeRenderers, new Date("2026-01-09T09:00:00Z"));
  // A draft that is never sent is nobody's aanbiedingsbrief.
  await saveAdoptionRequest(database.db, s.viewers.staff, s.vision.id, { versionId: s.versions.definitive.id, letterDate: "2026-02-01", deadline: "2026-08-01", letterNumber: "26U9999", body });
}, 60_000);

describe("every aanbiedingsbrief, not only the newest", () => {
  test("a municipality gets every aanbiedingsbrief sent while it was a member, newest first; drafts never", async () => {
    const m = s.municipalities;
    const numbers = async (municipalityId: string | null) => (await sentAdoptionRequests(database.db, s.vision.id, municipalityId)).map((r) => r.letterNumber);
    expect(await numbers(null)).toEqual(["26U0412", "22U0100"]);
    expect(await numbers(m.noordstad.id)).toEqual(["26U0412", "22U0100"]);
    expect(await numbers(m.zuidwaard.id)).toEqual(["26U0412"]);
    expect(await numbers(m.westhoek.id)).toEqual(["22U0100"]);
  });

  test("the board lists every sent aanbiedingsbrief with date, kenmerk, number of municipalities and both files", async () => {
    const route = await import("~/routes/beheer.visies.$visionId.vaststelling");
    const cookie = (await sessionFor(database.db, s.users.staff.id)).cookie;
    const { data } = await run(() => route.loader({ request: getRequest(`/beheer/visies/${s.vision.id}/vaststelling`, cookie), params: { visionId: s.vision.id }, context: testContext() }));
    expect(data!.sentRequests).toMatchObject([
      { letterNumber: "26U0412", letterDate: "2026-01-08", deadline: "2026-07-01", sentAt: "2026-01-09T09:00:00.000Z", municipalities: 3, pdfFileId: expect.any(String), docxFileId: expect.any(String) },
      { letterNumber: "22U0100", letterDate: "2022-06-01", sentAt: "2022-06-02T09:00:00.000Z", municipalities: 3, pdfFileId: expect.any(String) },
    ]);
    // The newest still sets the deadline shown above the board.
    expect(data!.deadline).toBe("2026-07-01");
  });

  test("the municipality's record, for staff and for its griffie, lists the letters sent to it, newest first", async () => {
    const staffRoute = await import("~/routes/beheer.visies.$visionId.vaststelling_.$municipalityId");
    const staffCookie = (await sessionFor(database.db, s.users.staff.id)).cookie;
    const zuidwaard = await run(() =>
      staffRoute.loader({
        request: getRequest(`/beheer/visies/${s.vision.id}/vaststelling/${s.municipalities.zuidwaard.id}`, staffCookie),
        params: { visionId: s.vision.id, municipalityId: s.municipalities.zuidwaard.id },
        context: testContext(),
      }),
    );
    expect(zuidwaard.data!.page.adoptionRequests.map((r) => r.letterNumber)).toEqual(["26U0412"]);

    const griffieRoute = await import("~/routes/gemeente.vaststelling.$visionId");
    const griffieCookie = (await sessionFor(database.db, s.users.griffie.id)).cookie;
    const own = await run(() => griffieRoute.loader({ request: getRequest(`/gemeente/vaststelling/${s.vision.id}`, griffieCookie), params: { visionId: s.vision.id }, context: testContext() }));
    expect(own.data!.page.adoptionRequests.map((r) => [r.letterNumber, r.sentAt])).toEqual([
      ["26U0412", "2026-01-09T09:00:00.000Z"],
      ["22U0100", "2022-06-02T09:00:00.000Z"],
    ]);
  });

  test("the griffie downloads any aanbiedingsbrief sent to its municipality, and no other file", async () => {
    const fileRoute = await import("~/routes/gemeente.vaststelling_.$visionId.bestanden.$fileId.$bestand");
    const griffieCookie = (await sessionFor(database.db, s.users.griffie.id)).cookie;
    const [latest, first] = await sentAdoptionRequests(database.db, s.vision.id, s.municipalities.noordstad.id);
    const download = (fileId: string, cookie = griffieCookie, bestand = "aanbiedingsbrief.pdf") =>
      run(() =>
        fileRoute.loader({
          request: getRequest(`/gemeente/vaststelling/${s.vision.id}/bestanden/${fileId}/${bestand}`, cookie),
          params: { visionId: s.vision.id, fileId, bestand },
          context: testContext(),
        }),
      );
    for (const [fileId, bestand] of [[first!.pdfFileId!, "aanbiedingsbrief.pdf"], [latest!.docxFileId!, "aanbiedingsbrief.docx"]] as const) {
      const { response } = await download(fileId, griffieCookie, bestand);
      expect(response!.status).toBe(200);
      expect(response!.headers.get("Content-Disposition")).toMatch(/attachment/);
    }
    const pdf = (await download(first!.pdfFileId!)).response!;
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // A name with another extension than the file's, or not on the list, is a 404.
    expect((await download(first!.pdfFileId!, griffieCookie, "aanbiedingsbrief.docx")).response!.status).toBe(404);
    expect((await download(first!.pdfFileId!, griffieCookie, "raadsbesluit.pdf")).response!.status).toBe(404);

    // Another file of the region (a raadsbesluit, say) is not an aanbiedingsbrief: 404.
    const other = await storeFile(database.db, { regionId: s.region.id, filename: "raadsbesluit.pdf", mime: "application/pdf", bytes: pdfBytes(), createdById: s.users.staff.id });
    expect((await download(other)).response!.status).toBe(404);
    // Staff use the beheer route; for them this griffie route is a 404.
    expect((await download(first!.pdfFileId!, (await sessionFor(database.db, s.users.staff.id)).cookie)).response!.status).toBe(404);
  });
});
