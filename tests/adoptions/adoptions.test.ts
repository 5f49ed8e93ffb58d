import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { adoptionRequests, adoptions, auditEvents, files, outboxAttachments, outboxMessages, points, reactions } from "~db/schema";
import { saveAdoptionRequest, sendAdoptionRequest } from "~/adoptions/adoption-requests.server";
import { AdoptionError, attachDecisionFile, loadAdoptionOverview, recordDecision } from "~/adoptions/adoptions.server";
import { importCouncilLetter } from "~/adoptions/council-letters.server";
import { letterRenderers } from "~/adoptions/render.server";
import type { Database } from "~/lib/db.server";
import { adoptionScenario, decision, fakeRenderers, pdfBytes, type AdoptionScenario } from "../factories/adoptions";
import { sessionFor } from "../factories";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

const TODAY = "2026-07-15";
const NOW = new Date(`${TODAY}T10:00:00Z`);

function requestInput(s: AdoptionScenario, overrides: Record<string, string> = {}) {
  return {
    versionId: s.versions.definitive.id,
    deadline: "2026-07-01",
    letterDate: "2026-01-05",
    letterNumber: "26U0001",
    body: "Hierbij bieden wij u de regiovisie aan.\n\nWij verzoeken u uiterlijk 1 juli 2026 de visie te laten vaststellen.",
    signedByName: "W. Struijk\nvoorzitter stuurgroep",
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<AdoptionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdoptionError);
  return error as AdoptionError;
}

async function counts() {
  const db = database.db;
  return {
    adoptions: (await db.select().from(adoptions)).length,
    audit: (await db.select().from(auditEvents)).length,
    outbox: (await db.select().from(outboxMessages)).length,
    files: (await db.select({ id: files.id }).from(files)).length,
    reactions: (await db.select({ id: reactions.id }).from(reactions)).length,
  };
}

describe("aanbiedingsbrief", () => {
  test("sending it starts an adoption record per member municipality and e-mails every contact and griffie the PDF, with one audit event", async () => {
    const s = await adoptionScenario(database.db);
    const draft = await saveAdoptionRequest(database.db, s.viewers.staff, s.vision.id, requestInput(s));
    expect(draft.sentAt).toBeNull();
    const sent = await sendAdoptionRequest(database.db, s.viewers.staff, s.vision.id, draft.id, letterRenderers, NOW);
    expect(sent).toMatchObject({ municipalities: 3, recipients: 3 });

    const rows = await database.db.select().from(adoptions).where(eq(adoptions.visionId, s.vision.id));
    const m = s.municipalities;
    // Westhoek merged away in 2022: not asked in 2026.
    expect(rows.map((r) => r.municipalityId).sort()).toEqual([m.noordstad.id, m.oostdorp.id, m.zuidwaard.id].sort());
    expect(rows.every((r) => r.adoptionRequestId === draft.id && r.versionId === s.versions.definitive.id && r.outcome === null)).toBe(true);

    const [request] = await database.db.select().from(adoptionRequests).where(eq(adoptionRequests.id, draft.id));
    expect(request!.sentAt).not.toBeNull();
    const [pdf] = await database.db.select().from(files).where(eq(files.id, request!.pdfFileId!));
    expect(Buffer.from(pdf!.content).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const [docx] = await database.db.select().from(files).where(eq(files.id, request!.docxFileId!));
    expect(Buffer.from(docx!.content).subarray(0, 2).toString("latin1")).toBe("PK");

    const messages = await database.db.select().from(outboxMessages).where(and(eq(outboxMessages.template, "aanbiedingsbrief"), eq(outboxMessages.regionId, s.region.id)));
    expect(messages.map((msg) => msg.toAddress).sort()).toEqual([s.users.griffie.email, s.users.contact.email, s.users.griffieOost.email].sort());
    for (const message of messages) {
      const attachments = await database.db.select().from(outboxAttachments).where(eq(outboxAttachments.messageId, message.id));
      expect(attachments).toHaveLength(1);
      expect(attachments[0]!.contentType).toBe("application/pdf");
      expect(Buffer.from(attachments[0]!.content).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "adoption_request.send"), eq(auditEvents.entityId, draft.id)));
    expect(audit).toHaveLength(1);

    const before = await counts();
    const again = await refusal(sendAdoptionRequest(database.db, s.viewers.staff, s.vision.id, draft.id, fakeRenderers, NOW));
    expect(again.message).toMatch(/al verzonden/);
    expect(await counts()).toEqual(before);
  });

  test("offering an unpublished or non-definitive version is refused and writes nothing", async () => {
    const s = await adoptionScenario(database.db);
    const before = await counts();
    for (const versionId of [s.versions.draft.id, s.versions.first.id]) {
      const error = await refusal(saveAdoptionRequest(database.db, s.viewers.staff, s.vision.id, requestInput(s, { versionId })));
      expect(error.message).toMatch(/gepubliceerde definitieve versie/);
    }
    const late = await refusal(saveAdoptionRequest(database.db, s.viewers.staff, s.vision.id, requestInput(s, { deadline: "2025-12-01" })));
    expect(late.message).toMatch(/vóór de datum van de brief/);
    expect(await counts()).toEqual(before);
  });

  test("a griffie cannot compose or send an aanbiedingsbrief", async () => {
    const s = await adoptionScenario(database.db);
    const error = await refusal(saveAdoptionRequest(database.db, s.viewers.griffie, s.vision.id, requestInput(s)));
    expect(error.code).toBe("forbidden");
  });
});

describe("recording decisions", () => {
  test("the griffie records its own municipality, and the region's staff are told through the outbox", async () => {
    const s = await adoptionScenario(database.db);
    const { adoption, onBehalf } = await recordDecision(database.db, s.viewers.griffie, { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id, decision: decision(s.versions.definitive.id) }, NOW);
    expect(onBehalf).toBe(false);
    expect(adoption).toMatchObject({
      outcome: "vastgesteld",
      proposalNumber: "2051053",
      collegeDate: "2026-03-31",
      councilDate: "2026-06-12",
      recordedById: s.users.griffie.id,
      revision: 1,
    });
    expect(adoption.decisionItems).toHaveLength(2);
    const notices = await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "besluit-geregistreerd"));
    const toStaff = notices.filter((n) => n.toAddress === s.users.staff.email);
    expect(toStaff).toHaveLength(1);
    expect(toStaff[0]!.payload).toMatchObject({ municipalityName: "Noordstad", decision: "vastgesteld", adoptedCount: 1, totalCount: 3 });
  });

  test("a griffie cannot record another municipality's decision; nothing is written", async () => {
    const s = await adoptionScenario(database.db);
    const before = await counts();
    const error = await refusal(recordDecision(database.db, s.viewers.griffie, { visionId: s.vision.id, municipalityId: s.municipalities.oostdorp.id, decision: decision(s.versions.definitive.id) }, NOW));
    expect(error.code).toBe("forbidden");
    const contact = await refusal(recordDecision(database.db, s.viewers.contact, { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id, decision: decision(s.versions.definitive.id) }, NOW));
    expect(contact.code).toBe("forbidden");
    expect(await counts()).toEqual(before);
  });

  test("staff may record on the municipality's behalf; the audit event says so", async () => {
    const s = await adoptionScenario(database.db);
    const { adoption, onBehalf } = await recordDecision(database.db, s.viewers.staff, { visionId: s.vision.id, municipalityId: s.municipalities.oostdorp.id, decision: decision(s.versions.definitive.id) }, NOW);
    expect(onBehalf).toBe(true);
    expect(adoption.recordedById).toBe(s.users.staff.id);
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "adoption.record"), eq(auditEvents.entityId, adoption.id)));
    expect(event!.actorId).toBe(s.users.staff.id);
    expect(event!.after).toMatchObject({ onBehalfOf: "Oostdorp", outcome: "vastgesteld" });
  });

  test("a decision for a municipality outside the region, or an organisation that is no municipality, is refused", async () => {
    const s = await adoptionScenario(database.db);
    const before = await counts();
    for (const municipalityId of [s.foreign.id, s.provider.id]) {
      const error = await refusal(recordDecision(database.db, s.viewers.staff, { visionId: s.vision.id, municipalityId, decision: decision(s.versions.definitive.id) }, NOW));
      expect(error.message).toMatch(/hoort niet bij de regio/);
    }
    const otherStaff = await refusal(recordDecision(database.db, s.viewers.otherStaff, { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id, decision: decision(s.versions.definitive.id) }, NOW));
    expect(otherStaff.code).toBe("forbidden");
    expect(await counts()).toEqual(before);
  });

  test("adopting an unpublished version is refused", async () => {
    const s = await adoptionScenario(database.db);
    const before = await counts();
    const error = await refusal(recordDecision(database.db, s.viewers.griffie, { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id, decision: decision(s.versions.draft.id) }, NOW));
    expect(error.message).toMatch(/niet gepubliceerd/);
    expect(await counts()).toEqual(before);
  });

  test("a raadsvergadering before the datum B&W, or a commissie outside B&W → raad, is refused with a Dutch message", async () => {
    const s = await adoptionScenario(database.db);
    const before = await counts();
    const record = (overrides: Record<string, unknown>) =>
      refusal(recordDecision(database.db, s.viewers.griffie, { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id, decision: decision(s.versions.definitive.id, overrides) }, NOW));
    expect((await record({ councilDate: "2026-03-01", committeeDate: "" })).messages).toEqual([
      "De raadsvergadering kan niet vóór het collegebesluit (datum B&W) liggen. Controleer de data.",
    ]);
    expect((await record({ committeeDate: "2026-07-01" })).messages).toEqual(["De commissie kan niet ná de raadsvergadering liggen."]);
    expect((await record({ committeeDate: "2026-03-01" })).messages).toEqual(["De commissie kan niet vóór het collegebesluit (datum B&W) liggen."]);
    expect((await record({ councilDate: "", committeeDate: "" })).messages).toEqual(["Vul de datum van de raadsvergadering in bij een besluit."]);
    expect(await counts()).toEqual(before);
  });

  test("a save based on an older revision is refused (optimistic locking)", async () => {
    const s = await adoptionScenario(database.db);
    const input = { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id };
    await recordDecision(database.db, s.viewers.griffie, { ...input, decision: decision(s.versions.definitive.id, { outcome: "" }) }, NOW);
    await recordDecision(database.db, s.viewers.staff, { ...input, decision: decision(s.versions.definitive.id, { revision: 1, outcome: "aangehouden" }) }, NOW);
    const error = await refusal(recordDecision(database.db, s.viewers.griffie, { ...input, decision: decision(s.versions.definitive.id, { revision: 1 }) }, NOW));
    expect(error.code).toBe("conflict");
    const [row] = await database.db.select().from(adoptions).where(and(eq(adoptions.visionId, s.vision.id), eq(adoptions.municipalityId, s.municipalities.noordstad.id)));
    expect(row).toMatchObject({ outcome: "aangehouden", revision: 2 });
  });
});

describe("raadsbesluit upload", () => {
  test("a file that is not a PDF is refused; a PDF is stored and staff can download it", async () => {
    const s = await adoptionScenario(database.db);
    const input = { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id };
    const { adoption } = await recordDecision(database.db, s.viewers.griffie, { ...input, decision: decision(s.versions.definitive.id) }, NOW);
    const before = await counts();
    const notPdf = await refusal(attachDecisionFile(database.db, s.viewers.griffie, { ...input, revision: adoption.revision, filename: "besluit.pdf", bytes: new TextEncoder().encode("<html>geen pdf</html>") }));
    expect(notPdf.message).toBe("Het raadsbesluit moet een PDF-bestand zijn. Dit bestand is geen PDF.");
    const tooBig = new Uint8Array(10 * 1024 * 1024 + 1);
    tooBig.set(pdfBytes());
    expect((await refusal(attachDecisionFile(database.db, s.viewers.griffie, { ...input, revision: adoption.revision, filename: "groot.pdf", bytes: tooBig }))).message).toMatch(/te groot/);
    expect(await counts()).toEqual(before);

    const stored = await attachDecisionFile(database.db, s.viewers.griffie, { ...input, revision: adoption.revision, filename: "Raadsbesluit Noordstad.pdf", bytes: pdfBytes() });
    expect(stored.decisionFileId).not.toBeNull();

    const route = await import("~/routes/beheer.visies.$visionId.vaststelling_.bestanden.$fileId.$bestand");
    const params = { visionId: s.vision.id, fileId: stored.decisionFileId!, bestand: "raadsbesluit.pdf" };
    const url = `/beheer/visies/${s.vision.id}/vaststelling/bestanden/${stored.decisionFileId}/raadsbesluit.pdf`;
    const staffCookie = (await sessionFor(database.db, s.users.staff.id)).cookie;
    const ok = await run(() => route.loader({ request: getRequest(url, staffCookie), params, context: testContext() }));
    expect(ok.response!.status).toBe(200);
    expect(ok.response!.headers.get("Content-Type")).toBe("application/pdf");
    const otherCookie = (await sessionFor(database.db, s.users.otherStaff.id)).cookie;
    const denied = await run(() => route.loader({ request: getRequest(url, otherCookie), params, context: testContext() }));
    expect(denied.response!.status).toBe(404);
    // The name must carry the file's extension: the PDF is not served as a Word file.
    const asDocx = await run(() => route.loader({ request: getRequest(url, staffCookie), params: { ...params, bestand: "aanbiedingsbrief.docx" }, context: testContext() }));
    expect(asDocx.response!.status).toBe(404);
  });

  test("the upload goes through the decision page as a multipart form, and a non-PDF gets the Dutch message", async () => {
    const s = await adoptionScenario(database.db);
    const input = { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id };
    const { adoption } = await recordDecision(database.db, s.viewers.griffie, { ...input, decision: decision(s.versions.definitive.id) }, NOW);
    const route = await import("~/routes/gemeente.vaststelling.$visionId");
    const cookie = (await sessionFor(database.db, s.users.griffie.id)).cookie;
    const upload = (bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.set("intent", "raadsbesluit");
      form.set("revision", String(adoption.revision));
      form.set("decisionFile", new File([Buffer.from(bytes)], name, { type: "application/pdf" }));
      return new Request(`http://localhost/gemeente/vaststelling/${s.vision.id}`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: "http://localhost" } });
    };
    const refused = await run(() => route.action({ request: upload(new TextEncoder().encode("GIF89a"), "besluit.pdf"), params: { visionId: s.vision.id }, context: testContext() }));
    expect(refused.data).toEqual({ intent: "raadsbesluit", errors: ["Het raadsbesluit moet een PDF-bestand zijn. Dit bestand is geen PDF."] });
    const accepted = await run(() => route.action({ request: upload(pdfBytes(), "besluit.pdf"), params: { visionId: s.vision.id }, context: testContext() }));
    expect(accepted.response!.status).toBe(302);
    const [row] = await database.db.select().from(adoptions).where(eq(adoptions.id, adoption.id));
    expect(row!.decisionFileId).not.toBeNull();
  });
});

describe("the adoption board and van kracht", () => {
  test("niet van kracht with a reason per municipality; van kracht from the last council date once all three adopted", async () => {
    const s = await adoptionScenario(database.db);
    // A deadline long past, so the board (which judges against today) marks the late ones.
    const draft = await saveAdoptionRequest(database.db, s.viewers.staff, s.vision.id, requestInput(s, { deadline: "2026-01-10" }));
    await sendAdoptionRequest(database.db, s.viewers.staff, s.vision.id, draft.id, fakeRenderers, NOW);
    const m = s.municipalities;
    const record = (municipalityId: string, overrides: Record<string, unknown>) =>
      recordDecision(database.db, s.viewers.staff, { visionId: s.vision.id, municipalityId, decision: decision(s.versions.definitive.id, { revision: 1, ...overrides }) }, NOW);
    await record(m.noordstad.id, {});
    await record(m.oostdorp.id, { versionId: s.versions.first.id, councilDate: "2026-06-20" });

    const route = await import("~/routes/beheer.visies.$visionId.vaststelling");
    const cookie = (await sessionFor(database.db, s.users.staff.id)).cookie;
    const board = await run(() => route.loader({ request: getRequest(`/beheer/visies/${s.vision.id}/vaststelling`, cookie), params: { visionId: s.vision.id }, context: testContext() }));
    const data = board.data!;
    expect(data.status.inForce).toBe(false);
    expect(data.status.reasons).toEqual(["Oostdorp: heeft versie 'eerste concept' vastgesteld, niet 'definitief'", "Zuidwaard: nog geen besluit"]);
    expect(data.deadline).toBe("2026-01-10");
    // After the deadline, exactly the municipalities without a valid adoption are overdue (said in text, not colour).
    expect(data.rows.filter((r) => r.overdue).map((r) => r.name)).toEqual(["Oostdorp", "Zuidwaard"]);
    expect(data.rows.find((r) => r.name === "Noordstad")).toMatchObject({ proposalNumber: "2051053", collegeDate: "2026-03-31", outcome: "vastgesteld", versionLabel: "definitief" });

    await record(m.oostdorp.id, { revision: 2, councilDate: "2026-06-20" });
    await record(m.zuidwaard.id, { councilDate: "2026-06-30", outcome: "vastgesteld_met_amendement" });
    const overview = await loadAdoptionOverview(database.db, s.vision.id, TODAY);
    expect(overview!.status).toMatchObject({ inForce: true, effectiveDate: "2026-06-30" });
    const inForceMail = await database.db.select().from(outboxMessages).where(and(eq(outboxMessages.template, "visie-van-kracht"), eq(outboxMessages.toAddress, s.users.staff.email)));
    expect(inForceMail).toHaveLength(1);

    const other = (await sessionFor(database.db, s.users.otherStaff.id)).cookie;
    const hidden = await run(() => route.loader({ request: getRequest(`/beheer/visies/${s.vision.id}/vaststelling`, other), params: { visionId: s.vision.id }, context: testContext() }));
    expect(hidden.response!.status).toBe(404);
  });

  test("the public page shows each municipality's outcome without an account", async () => {
    const s = await adoptionScenario(database.db);
    await recordDecision(database.db, s.viewers.griffie, { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id, decision: decision(s.versions.definitive.id) }, NOW);
    const route = await import("~/routes/visies.$regionSlug.$visionSlug.vaststelling");
    const params = { regionSlug: s.region.slug, visionSlug: s.vision.slug };
    const page = await run(() => route.loader({ request: getRequest(`/visies/${s.region.slug}/${s.vision.slug}/vaststelling`), params, context: testContext() }));
    expect(page.data!.status.inForce).toBe(false);
    expect(page.data!.rows.map((r) => [r.name, r.outcome])).toEqual([
      ["Noordstad", "vastgesteld"],
      ["Oostdorp", null],
      ["Zuidwaard", null],
    ]);
  });

  test("staff of another region get 404 on the decision page of this region's municipality", async () => {
    const s = await adoptionScenario(database.db);
    const route = await import("~/routes/beheer.visies.$visionId.vaststelling_.$municipalityId");
    const params = { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id };
    const other = (await sessionFor(database.db, s.users.otherStaff.id)).cookie;
    const url = `/beheer/visies/${s.vision.id}/vaststelling/${s.municipalities.noordstad.id}`;
    expect((await run(() => route.loader({ request: getRequest(url, other), params, context: testContext() }))).response!.status).toBe(404);
    const post = await run(() => route.action({ request: postRequest(url, { intent: "besluit" }, other), params, context: testContext() }));
    expect(post.response!.status).toBe(404);
  });
});

describe("reactiebrief", () => {
  const seed = readFileSync(path.resolve("tests/fixtures/seeds/001_33a8688e64a59d40.txt"), "utf8").split("\n");
  const letterText = seed.slice(seed.findIndex((l) => l.startsWith("Datum 12 juni 2026"))).join("\n");

  test("the Vlaardingen letter of 12 juni 2026 becomes a reactiebrief with four referenced points, linked from the adoption", async () => {
    const s = await adoptionScenario(database.db);
    const result = await importCouncilLetter(database.db, s.viewers.griffie, { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id, text: letterText }, NOW);
    expect(result.reaction).toMatchObject({
      kind: "reactiebrief",
      roundId: null,
      versionId: s.versions.definitive.id,
      organisationId: s.municipalities.noordstad.id,
      addressedToId: s.regionOrganisation.id,
      status: "submitted",
      letterDate: "2026-06-12",
      reference: "2051077",
      replyReference: "2051071",
    });
    const rows = await database.db.select().from(points).where(eq(points.reactionId, result.reaction.id));
    expect(rows.map((p) => p.reference).sort()).toEqual(["NRD-1", "NRD-2", "NRD-3", "NRD-4"]);
    const text = rows.sort((a, b) => a.number - b.number).map((p) => p.plainText);
    expect(text[0]).toMatch(/herleidbaar terug in het uitvoeringsprogramma/);
    expect(text[1]).toMatch(/sociale netwerk/);
    expect(text[2]).toMatch(/schulden en spanningen/);
    expect(text[3]).toMatch(/domein overstijgend/);
    const [adoption] = await database.db.select().from(adoptions).where(and(eq(adoptions.visionId, s.vision.id), eq(adoptions.municipalityId, s.municipalities.noordstad.id)));
    expect(adoption!.councilLetterId).toBe(result.reaction.id);

    const before = await counts();
    const twice = await refusal(importCouncilLetter(database.db, s.viewers.griffie, { visionId: s.vision.id, municipalityId: s.municipalities.noordstad.id, text: letterText }, NOW));
    expect(twice.message).toMatch(/al een reactiebrief/);
    const other = await refusal(importCouncilLetter(database.db, s.viewers.griffie, { visionId: s.vision.id, municipalityId: s.municipalities.oostdorp.id, text: letterText }, NOW));
    expect(other.code).toBe("forbidden");
    expect(await counts()).toEqual(before);
  });
});

describe("reactiebrief typed by hand", () => {
  test("points typed one per paragraph become referenced points; an empty letter is refused", async () => {
    const s = await adoptionScenario(database.db);
    const typed = await importCouncilLetter(
      database.db,
      s.viewers.staff,
      { visionId: s.vision.id, municipalityId: s.municipalities.oostdorp.id, text: "Betrek het onderwijs bij de uitvoering.\n\nZorg voor korte wachttijden bij de jeugdbescherming." },
      NOW,
    );
    const rows = await database.db.select().from(points).where(eq(points.reactionId, typed.reaction.id));
    expect(rows.map((p) => p.reference).sort()).toEqual(["OST-1", "OST-2"]);
    const empty = await refusal(importCouncilLetter(database.db, s.viewers.staff, { visionId: s.vision.id, municipalityId: s.municipalities.zuidwaard.id, text: "   " }, NOW));
    expect(empty.message).toMatch(/Plak of typ de tekst/);
  });
});
