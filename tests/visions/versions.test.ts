import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, outboxMessages, roundInvitees, sections, visionVersions } from "~db/schema";
import type { Database } from "~/lib/db.server";
import * as importRoute from "~/routes/beheer.visies.$visionId.importeren";
import * as staffVisionRoute from "~/routes/beheer.visies.$visionId._index";
import * as editSectionRoute from "~/routes/beheer.visies.$visionId.onderdelen.$sectionKey";
import * as readingRoute from "~/routes/visies.$regionSlug.$visionSlug._index";
import * as compareRoute from "~/routes/visies.$regionSlug.$visionSlug.vergelijken";
import { moveSection, renumberDraft, updateSection } from "~/visions/sections.server";
import { renderStoredEmail } from "~/email/render.server";
import { ensureDraft, extendDeadline, getDraft, listSections, publishDraft, VisionError } from "~/visions/visions.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord, sessionFor } from "../factories";
import { createVisionWithDraft, doc } from "../factories/visions";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

async function staffRegion() {
  const { region, regionOrganisation } = await createRegionRecord(database.db);
  const staff = await createUserRecord(database.db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const { cookie } = await sessionFor(database.db, staff.id);
  return { region, staff, cookie };
}

describe("versions and publication", () => {
  test("publishing freezes the version: it can be neither published again nor edited", async () => {
    const { region, staff } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const draft = (await getDraft(database.db, vision.id))!;
    const [first] = await listSections(database.db, draft.id);
    await publishDraft(database.db, staff.id, region.id, vision.id, { label: "eerste concept", isDefinitive: false, round: null });
    await expect(publishDraft(database.db, staff.id, region.id, vision.id, { label: "definitief", isDefinitive: true, round: null })).rejects.toThrow(VisionError);
    await expect(
      updateSection(database.db, staff.id, region.id, vision.id, first!.key, { title: "Anders", kind: "hoofdstuk", number: null, content: doc("x"), revision: draft.revision + 1 }),
    ).rejects.toThrow(/geen concept/);
    const [published] = await database.db.select().from(visionVersions).where(eq(visionVersions.id, draft.id));
    expect(published?.status).toBe("published");
    const [stored] = await database.db.select().from(sections).where(eq(sections.id, first!.id));
    expect(stored?.title).toBe("Inleiding");
    expect(stored?.contentHtml).toContain("<p>Jeugdigen groeien zo veel mogelijk thuis op.</p>");
  });

  test("a new draft keeps every section's stable key", async () => {
    const { region, staff } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const v1 = (await getDraft(database.db, vision.id))!;
    await publishDraft(database.db, staff.id, region.id, vision.id, { label: "eerste concept", isDefinitive: false, round: null });
    const v2 = await ensureDraft(database.db, staff.id, region.id, vision.id);
    expect(v2.number).toBe(2);
    const keys1 = (await listSections(database.db, v1.id)).map((s) => s.key);
    const keys2 = (await listSections(database.db, v2.id)).map((s) => s.key);
    expect(keys2).toEqual(keys1);
  });

  test("a stale edit is a conflict, never a silent overwrite", async () => {
    const { region, staff } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const draft = (await getDraft(database.db, vision.id))!;
    const [first] = await listSections(database.db, draft.id);
    const input = { title: "Inleiding", kind: "hoofdstuk" as const, number: null, content: doc("Eerste bewerking."), revision: draft.revision };
    await updateSection(database.db, staff.id, region.id, vision.id, first!.key, input);
    await expect(updateSection(database.db, staff.id, region.id, vision.id, first!.key, { ...input, content: doc("Tweede, op oude versie.") })).rejects.toThrow(/intussen gewijzigd/);
    const [stored] = await database.db.select().from(sections).where(eq(sections.id, first!.id));
    expect(JSON.stringify(stored?.content)).toContain("Eerste bewerking.");
  });

  test("publishing with a round invites organisations: adviesaanvraag per member in the outbox, audited", async () => {
    const { region, staff } = await staffRegion();
    const council = await createOrganisationRecord(database.db, region.id, { type: "adviesraad" });
    const member = await createUserRecord(database.db, { memberships: [{ organisationId: council.id, role: "member" }] });
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const { roundId } = await publishDraft(database.db, staff.id, region.id, vision.id, {
      label: "eerste concept",
      isDefinitive: false,
      round: { opensAt: new Date("2026-01-01"), closesAt: new Date("2026-02-01"), visibility: "invited", acceptsLate: false, invitees: [council.id], reference: "ADV-2026-1" },
    });
    const invitees = await database.db.select().from(roundInvitees).where(eq(roundInvitees.roundId, roundId!));
    expect(invitees).toMatchObject([{ organisationId: council.id, adviceRequestReference: "ADV-2026-1" }]);
    const messages = await database.db.select().from(outboxMessages).where(and(eq(outboxMessages.template, "adviesaanvraag"), eq(outboxMessages.toAddress, member.email)));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.subject).toContain("ADV-2026-1");
    expect((await renderStoredEmail(messages[0]!.template, messages[0]!.payload)).text).toContain("ADV-2026-1");
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, roundId!), eq(auditEvents.action, "round.open")))).toHaveLength(1);
  });

  test("inviting another region's organisation is refused and nothing is published", async () => {
    const { region, staff } = await staffRegion();
    const other = await createRegionRecord(database.db);
    const foreign = await createOrganisationRecord(database.db, other.region.id);
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    await expect(
      publishDraft(database.db, staff.id, region.id, vision.id, {
        label: "eerste concept",
        isDefinitive: false,
        round: { opensAt: new Date("2026-01-01"), closesAt: new Date("2026-02-01"), visibility: "invited", acceptsLate: false, invitees: [foreign.id] },
      }),
    ).rejects.toThrow(/deze regio/);
    expect((await getDraft(database.db, vision.id))?.status).toBe("draft");
  });

  test("the deadline can be extended (audited) but not shortened", async () => {
    const { region, staff } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const { roundId } = await publishDraft(database.db, staff.id, region.id, vision.id, {
      label: "eerste concept",
      isDefinitive: false,
      round: { opensAt: new Date("2026-01-01"), closesAt: new Date("2026-02-01"), visibility: "registered", acceptsLate: false, invitees: [] },
    });
    await expect(extendDeadline(database.db, staff.id, region.id, vision.id, roundId!, new Date("2026-01-15"))).rejects.toThrow(/later/);
    await extendDeadline(database.db, staff.id, region.id, vision.id, roundId!, new Date("2026-03-01"));
    const [audit] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, roundId!), eq(auditEvents.action, "round.extend_deadline")));
    expect(audit?.before).toMatchObject({ closesAt: "2026-02-01T00:00:00.000Z" });
  });

  test("sections move by keyboard-operable steps and renumber", async () => {
    const { region, staff } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const draft = (await getDraft(database.db, vision.id))!;
    const before = await listSections(database.db, draft.id);
    const ambition = before.find((s) => s.title === "Onze ambitie")!;
    await moveSection(database.db, staff.id, region.id, vision.id, ambition.key, "up");
    const nabij = before.find((s) => s.title === "Nabij")!;
    await moveSection(database.db, staff.id, region.id, vision.id, nabij.key, "out");
    await renumberDraft(database.db, staff.id, region.id, vision.id);
    const after = await listSections(database.db, draft.id);
    expect(after.map((s) => [s.title, s.parentKey === null, s.number])).toEqual([
      ["Onze ambitie", true, "1"],
      ["Nabij", true, "1.1"],
      ["Inleiding", true, null],
      ["Casusregie", true, null],
    ]);
    await expect(moveSection(database.db, staff.id, region.id, vision.id, ambition.key, "up")).rejects.toThrow(/bovenaan/);
  });
});

describe("pages", () => {
  test("another region's visie answers 404 on every staff page", async () => {
    const { region, staff } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const other = await staffRegion();
    const params = { visionId: vision.id };
    const page = await run(() => staffVisionRoute.loader({ request: getRequest(`/beheer/visies/${vision.id}`, other.cookie), context: testContext(), params }));
    expect(page.response?.status).toBe(404);
    const act = await run(() => staffVisionRoute.action({ request: postRequest(`/beheer/visies/${vision.id}`, { intent: "renumber" }, other.cookie), context: testContext(), params }));
    expect(act.response?.status).toBe(404);
  });

  test("invalid editor JSON is refused with a Dutch message and nothing changes", async () => {
    const { region, staff, cookie } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const draft = (await getDraft(database.db, vision.id))!;
    const [first] = await listSections(database.db, draft.id);
    const params = { visionId: vision.id, sectionKey: first!.key };
    const bad = [
      '{"type":"doc","content":[{"type":"script","text":"x"}]}',
      '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"klik","marks":[{"type":"link","attrs":{"href":"javascript:alert(1)"}}]}]}]}',
      "niet eens json",
    ];
    for (const contentJson of bad) {
      const { data } = await run(() =>
        editSectionRoute.action({
          request: postRequest(`/x`, { title: "Inleiding", kind: "hoofdstuk", number: "", contentJson, revision: String(draft.revision) }, cookie),
          context: testContext(),
          params,
        }),
      );
      expect((data as { errors: string[] }).errors[0]).toMatch(/[a-z]/);
    }
    const [stored] = await database.db.select().from(sections).where(eq(sections.id, first!.id));
    expect(JSON.stringify(stored?.content)).toContain("Jeugdigen groeien");
  });

  test("importing a non-DOCX renamed to .docx is refused and writes nothing", async () => {
    const { region, staff, cookie } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const form = new FormData();
    form.set("document", new File([new TextEncoder().encode("dit is geen word-bestand")], "visie.docx"));
    const request = new Request(`http://localhost/beheer/visies/${vision.id}/importeren`, { method: "POST", body: form, headers: { Cookie: cookie } });
    const { data } = await run(() => importRoute.action({ request, context: testContext(), params: { visionId: vision.id } }));
    expect(data).toMatchObject({ step: "upload" });
    expect((data as { error: string }).error).toContain("geen Word-document");
    const draft = (await getDraft(database.db, vision.id))!;
    expect(await listSections(database.db, draft.id)).toHaveLength(4);
  });

  test("a pasted text becomes a preview, and saving it replaces the draft", async () => {
    const { region, staff, cookie } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const form = new FormData();
    form.set("text", "1 INLEIDING\n\nDit is de inleiding van de visie.\n\n2 AMBITIE\n\nWij willen dat kinderen thuis opgroeien.\n\nBegrippenlijst\n\nBegrip\tOmschrijving\nJeugdwet\tDe wet over jeugdhulp.\n");
    const upload = new Request(`http://localhost/x`, { method: "POST", body: form, headers: { Cookie: cookie } });
    const preview = await run(() => importRoute.action({ request: upload, context: testContext(), params: { visionId: vision.id } }));
    const data = preview.data as { step: string; tree: string; rows: Array<{ title: string; kind: string }> };
    expect(data.step).toBe("preview");
    expect(data.rows.map((r) => r.kind)).toContain("begrip");
    const save = await run(() =>
      importRoute.action({ request: postRequest("/x", { tree: data.tree, filename: "geplakt", format: "text", op: "save" }, cookie), context: testContext(), params: { visionId: vision.id } }),
    );
    expect(save.response?.status).toBe(302);
    const draft = (await getDraft(database.db, vision.id))!;
    const titles = (await listSections(database.db, draft.id)).map((s) => s.title);
    expect(titles).toContain("Jeugdwet");
    expect(titles).not.toContain("Casusregie");
  });

  test("a tampered preview is refused", async () => {
    const { region, staff, cookie } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const tree = JSON.stringify([{ kind: "hoofdstuk", number: null, title: "X", content: { type: "doc", content: [{ type: "iframe" }] }, children: [] }]);
    const { data } = await run(() => importRoute.action({ request: postRequest("/x", { tree, op: "save" }, cookie), context: testContext(), params: { visionId: vision.id } }));
    expect(data).toMatchObject({ step: "upload" });
  });

  test("readers see published versions only, with a compare view between them", async () => {
    const { region, staff } = await staffRegion();
    const vision = await createVisionWithDraft(database.db, staff.id, region.id);
    const params = { regionSlug: region.slug, visionSlug: vision.slug };
    const unpublished = await run(() => readingRoute.loader({ request: getRequest(`/visies/${region.slug}/${vision.slug}`), context: testContext(), params }));
    expect(unpublished.response?.status).toBe(404);
    await publishDraft(database.db, staff.id, region.id, vision.id, { label: "eerste concept", isDefinitive: false, round: null });
    const v2 = await ensureDraft(database.db, staff.id, region.id, vision.id);
    const inleiding = (await listSections(database.db, v2.id)).find((s) => s.title === "Inleiding")!;
    await updateSection(database.db, staff.id, region.id, vision.id, inleiding.key, {
      title: "Inleiding",
      kind: "hoofdstuk",
      number: null,
      content: doc("Jeugdigen groeien zo veel mogelijk thuis en veilig op."),
      revision: v2.revision,
    });
    await publishDraft(database.db, staff.id, region.id, vision.id, { label: "definitief", isDefinitive: true, round: null });
    const reading = await run(() => readingRoute.loader({ request: getRequest(`/visies/${region.slug}/${vision.slug}`), context: testContext(), params }));
    const page = reading.data as { title: string; html: string };
    expect(page.title).toContain("(definitief)");
    expect(page.html).toContain("thuis en veilig op");
    const compare = await run(() => compareRoute.loader({ request: getRequest(`/visies/x/y/vergelijken?van=1&naar=2`), context: testContext(), params }));
    const { html } = compare.data as { html: string };
    expect(html).toContain("1 gewijzigd, 0 nieuw, 0 verwijderd");
    const changed = html.slice(html.indexOf('<section class="change change--changed"'));
    expect(changed).toMatch(/<h2[^>]*>Inleiding<\/h2>/);
    expect(changed).toContain("<ins>");
  });
});
