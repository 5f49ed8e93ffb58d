import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, implementationActionPoints, implementationActions, implementationActionUpdates, outboxMessages } from "~db/schema";
import { parseCsv } from "~/implementation/csv";
import { gapsReport } from "~/implementation/gaps.server";
import {
  actionDetail,
  createAction,
  exportActionsCsv,
  importActionsCsv,
  linkPoint,
  listActions,
  recordActionUpdate,
  unlinkPoint,
  updateAction,
} from "~/implementation/implementation-actions.server";
import { openData, openDataCsv } from "~/implementation/open-data.server";
import { traceability, traceableOrganisations, traceabilityCsv } from "~/implementation/traceability.server";
import type { Database } from "~/lib/db.server";
import { implementationScenario, otherRegionStaff } from "../factories/implementation";
import { useTestDatabase } from "../setup/db";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

type Scenario = Awaited<ReturnType<typeof implementationScenario>>;

async function newAction(s: Scenario, overrides: Record<string, unknown> = {}) {
  const result = await createAction(database.db, s.staff, s.vision.id, {
    title: "Wachttijden per aanbieder openbaar maken",
    description: "Elke maand de wachttijden publiceren.",
    ownerOrganisationId: s.regionOrganisation.id,
    startsOn: "2026-03-01",
    endsOn: "2026-12-31",
    sectionKeys: [s.sectionKey],
    ...overrides,
  });
  if (!result.ok) throw new Error(result.message);
  return result.action;
}

async function actionCount(visionId: string) {
  const [row] = await database.db.select({ n: count() }).from(implementationActions).where(eq(implementationActions.visionId, visionId));
  return row!.n;
}

describe("actions", () => {
  test("creating actions gives them the next reference U-01, U-02 with their sections and an audit entry", async () => {
    const s = await implementationScenario(database.db);
    const first = await newAction(s);
    const second = await newAction(s, { title: "Tweede actie" });
    expect([first.reference, second.reference]).toEqual(["U-01", "U-02"]);
    const detail = await actionDetail(database.db, s.vision.id, { id: first.id }, false);
    expect(detail!.sections.map((x) => x.title)).toEqual(["Onze ambitie"]);
    expect(detail!.owner).toBe(s.regionOrganisation.name);
    const audits = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, first.id), eq(auditEvents.action, "implementation_action.create")));
    expect(audits).toHaveLength(1);
  });

  test("an end date before the start date is refused in Dutch and nothing is written", async () => {
    const s = await implementationScenario(database.db);
    const result = await createAction(database.db, s.staff, s.vision.id, { title: "Verkeerde data", startsOn: "2026-06-01", endsOn: "2026-05-01" });
    expect(result).toMatchObject({ ok: false, message: "De einddatum kan niet voor de startdatum liggen.", field: "endsOn" });
    expect(await actionCount(s.vision.id)).toBe(0);
  });

  test("a section that is not in the visie's latest published version, or an owner of another region, is refused", async () => {
    const s = await implementationScenario(database.db);
    const otherSection = s.versionSections[0]!.key.replace(/^.{8}/, "00000000");
    expect(await createAction(database.db, s.staff, s.vision.id, { title: "X", sectionKeys: [otherSection] })).toMatchObject({ ok: false, field: "sectionKeys" });
    const other = await implementationScenario(database.db);
    expect(await createAction(database.db, s.staff, s.vision.id, { title: "X", ownerOrganisationId: other.council.id })).toMatchObject({
      ok: false,
      message: "Kies een eigenaar uit de organisaties van deze regio.",
    });
    expect(await actionCount(s.vision.id)).toBe(0);
  });

  test("staff of another region cannot create, change or link anything", async () => {
    const s = await implementationScenario(database.db);
    const action = await newAction(s);
    const outsider = await otherRegionStaff(database.db);
    expect(await createAction(database.db, outsider, s.vision.id, { title: "Inbraak" })).toMatchObject({ ok: false });
    expect(await updateAction(database.db, outsider, action.id, { title: "Inbraak" })).toMatchObject({ ok: false });
    expect(await recordActionUpdate(database.db, outsider, action.id, { status: "gereed", progress: 100, on: "2026-04-01", text: "klaar" })).toMatchObject({ ok: false });
    expect(await linkPoint(database.db, outsider, action.id, { pointReference: s.advies.points[0]!.reference })).toMatchObject({ ok: false });
    expect(await actionCount(s.vision.id)).toBe(1);
    const [row] = await database.db.select().from(implementationActions).where(eq(implementationActions.id, action.id));
    expect(row).toMatchObject({ title: action.title, status: "gepland", progress: 0 });
  });
});

describe("updates log and notifications", () => {
  test("progress over 100 is refused in Dutch and writes no update, status or e-mail", async () => {
    const s = await implementationScenario(database.db);
    const action = await newAction(s);
    await linkPoint(database.db, s.staff, action.id, { pointReference: s.advies.points[0]!.reference });
    const result = await recordActionUpdate(database.db, s.staff, action.id, { status: "loopt", progress: "120", on: "2026-04-01", text: "Gestart" });
    expect(result).toMatchObject({ ok: false, message: "De voortgang kan niet hoger zijn dan 100%.", field: "progress" });
    const [row] = await database.db.select().from(implementationActions).where(eq(implementationActions.id, action.id));
    expect(row).toMatchObject({ status: "gepland", progress: 0 });
    expect(await database.db.select().from(implementationActionUpdates).where(eq(implementationActionUpdates.actionId, action.id))).toHaveLength(0);
    expect(await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "uitvoeringsplan-update"))).toHaveLength(0);
  });

  test("a status change writes a dated update and e-mails the members of each organisation whose points are linked", async () => {
    const s = await implementationScenario(database.db);
    const action = await newAction(s);
    await linkPoint(database.db, s.staff, action.id, { pointReference: s.advies.points[0]!.reference });
    await linkPoint(database.db, s.staff, action.id, { pointReference: s.advies.points[2]!.reference });
    await linkPoint(database.db, s.staff, action.id, { pointReference: s.letter.points[0]!.reference });
    const result = await recordActionUpdate(database.db, s.staff, action.id, { status: "loopt", progress: "30", on: "2026-04-01", text: "De eerste cijfers staan online." });
    expect(result).toEqual({ ok: true, notified: 2 });
    const log = await database.db.select().from(implementationActionUpdates).where(eq(implementationActionUpdates.actionId, action.id));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ on: "2026-04-01", status: "loopt", progress: 30, text: "De eerste cijfers staan online." });
    const mails = await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "uitvoeringsplan-update"));
    const byAddress = Object.fromEntries(mails.map((m) => [m.toAddress, m.payload as { pointReferences: string[]; statusLabel: string; link: string }]));
    expect(byAddress[s.memberUser.email]).toMatchObject({ statusLabel: "loopt", pointReferences: [s.advies.points[0]!.reference, s.advies.points[2]!.reference] });
    expect(byAddress[s.griffieUser.email]).toMatchObject({ pointReferences: [s.letter.points[0]!.reference] });
    expect(byAddress[s.memberUser.email]!.link).toContain(`/uitvoering/${action.reference}`);

    // Progress only (same status): logged, no e-mail.
    const again = await recordActionUpdate(database.db, s.staff, action.id, { status: "loopt", progress: "60", on: "2026-05-01", text: "Meer cijfers." });
    expect(again).toEqual({ ok: true, notified: 0 });
    expect(await database.db.select().from(implementationActionUpdates).where(eq(implementationActionUpdates.actionId, action.id))).toHaveLength(2);
    expect(await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "uitvoeringsplan-update"))).toHaveLength(2);
  });
});

describe("links between points and actions", () => {
  test("a point of another visie is refused with a Dutch message, by reference and by id, and nothing is linked", async () => {
    const s = await implementationScenario(database.db);
    const action = await newAction(s);
    const byReference = await linkPoint(database.db, s.staff, action.id, { pointReference: s.elsewhere.points[0]!.reference });
    expect(byReference).toMatchObject({ ok: false, message: expect.stringContaining("hoort bij een andere visie") });
    const byId = await linkPoint(database.db, s.staff, action.id, { pointId: s.elsewhere.points[0]!.id });
    expect(byId).toMatchObject({ ok: false, message: expect.stringContaining("hoort bij een andere visie") });
    expect(await database.db.select().from(implementationActionPoints).where(eq(implementationActionPoints.actionId, action.id))).toHaveLength(0);
  });

  test("advies and reactiebrief points link (lower-case reference accepted, twice is once) and unlink", async () => {
    const s = await implementationScenario(database.db);
    const action = await newAction(s);
    expect(await linkPoint(database.db, s.staff, action.id, { pointReference: s.advies.points[1]!.reference.toLowerCase() })).toMatchObject({ ok: true });
    expect(await linkPoint(database.db, s.staff, action.id, { pointReference: s.advies.points[1]!.reference })).toMatchObject({ ok: true });
    expect(await linkPoint(database.db, s.staff, action.id, { pointReference: s.letter.points[1]!.reference })).toMatchObject({ ok: true });
    expect(await linkPoint(database.db, s.staff, action.id, { pointReference: "BESTAATNIET-1" })).toMatchObject({ ok: false, message: expect.stringContaining("bestaat niet") });
    let detail = await actionDetail(database.db, s.vision.id, { id: action.id }, false);
    expect(detail!.points.map((p) => p.reference).sort()).toEqual([s.advies.points[1]!.reference, s.letter.points[1]!.reference].sort());
    expect(await unlinkPoint(database.db, s.staff, action.id, s.advies.points[1]!.id)).toEqual({ ok: true });
    detail = await actionDetail(database.db, s.vision.id, { id: action.id }, false);
    expect(detail!.points.map((p) => p.reference)).toEqual([s.letter.points[1]!.reference]);
  });
});

describe("CSV export and import", () => {
  test("an exported plan imports back unchanged, and an edited file updates by reference and creates new actions", async () => {
    const s = await implementationScenario(database.db);
    await newAction(s, { title: "=HYPERLINK(\"http://kwaad.example\")" });
    await newAction(s, { title: "Jongerenwerk versterken", sectionKeys: [] });
    const csv = await exportActionsCsv(database.db, s.vision.id);
    expect(csv.startsWith("\uFEFFkenmerk;titel;")).toBe(true);
    expect(csv).toContain("'=HYPERLINK");

    const roundTrip = await importActionsCsv(database.db, s.staff, s.vision.id, csv);
    expect(roundTrip).toEqual({ ok: true, created: [], updated: ["U-01", "U-02"] });
    expect(await exportActionsCsv(database.db, s.vision.id)).toBe(csv);

    const edited = csv.replace("Jongerenwerk versterken;", "Jongerenwerk in elke wijk;").replace(/;gepland;0;;(\r\n)?$/, ";loopt;40;;$1") + "\r\n;Nieuwe actie;Uitleg;;2026-01-01;2026-02-01;gepland;0;Onze ambitie;\r\n";
    const result = await importActionsCsv(database.db, s.staff, s.vision.id, edited);
    expect(result).toEqual({ ok: true, created: ["U-03"], updated: ["U-01", "U-02"] });
    const list = await listActions(database.db, s.vision.id, { page: 1, publicOnly: false });
    expect(list.rows.map((r) => [r.reference, r.title, r.status, r.progress])).toEqual([
      ["U-01", "=HYPERLINK(\"http://kwaad.example\")", "gepland", 0],
      ["U-02", "Jongerenwerk in elke wijk", "loopt", 40],
      ["U-03", "Nieuwe actie", "gepland", 0],
    ]);
    expect(list.rows[2]!.sections.map((x) => x.title)).toEqual(["Onze ambitie"]);
    expect(list.rows[1]!.latestUpdate).toMatchObject({ text: "Bijgewerkt via CSV-import." });
  });

  test("a file with one bad row is refused with a Dutch message per line and writes nothing", async () => {
    const s = await implementationScenario(database.db);
    await newAction(s);
    const before = await exportActionsCsv(database.db, s.vision.id);
    const bad = [
      "kenmerk;titel;omschrijving;eigenaar;start;eind;status;voortgang;bouwstenen",
      "U-01;Gewijzigd;;;2026-01-01;2026-12-31;loopt;50;",
      ";Te veel voortgang;;;;;loopt;150;",
      ";Verkeerde data;;;2026-05-01;2026-04-01;gepland;0;",
      ";Onbekende eigenaar;;XYZ;;;klaar;0;Bestaat niet",
    ].join("\n");
    const result = await importActionsCsv(database.db, s.staff, s.vision.id, bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/niets geïmporteerd: 3 regels/);
    expect(result.errors[0]).toMatch(/^Regel 3: .*100%/);
    expect(result.errors[1]).toMatch(/^Regel 4: .*einddatum ligt voor de startdatum/);
    expect(result.errors[2]).toMatch(/^Regel 5: .*status/);
    expect(await exportActionsCsv(database.db, s.vision.id)).toBe(before);
  });

  test("the CSV parser reads quoted cells with semicolons, quotes and line breaks", () => {
    const rows = parseCsv('\uFEFFa;b\r\n"x;y";"he zei ""ja""\r\nen ging"\r\n');
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x;y", 'he zei "ja"\r\nen ging'] },
    ]);
  });
});

describe("traceability and the publication rule", () => {
  test("staff see every point with answer, changed section and actions; the public sees nothing before publication", async () => {
    const s = await implementationScenario(database.db);
    const action = await newAction(s);
    await linkPoint(database.db, s.staff, action.id, { pointReference: s.advies.points[1]!.reference });
    const staffRows = await traceability(database.db, s.vision.id, s.council.id, false);
    expect(staffRows.map((r) => r.reference)).toEqual(s.advies.points.map((p) => p.reference));
    expect(staffRows[1]).toMatchObject({
      answer: { dispositionLabel: "overgenomen", text: "We hebben de ambitie aangevuld." },
      changedSection: { title: "Onze ambitie", versionLabel: "definitief" },
      actions: [{ reference: "U-01", status: "gepland", progress: 0 }],
    });
    expect(await traceability(database.db, s.vision.id, s.council.id, true)).toEqual([]);
    expect((await traceableOrganisations(database.db, s.vision.id, true)).map((o) => o.id)).not.toContain(s.council.id);
    expect(traceabilityCsv(staffRows)).toContain("Onze ambitie");
  });

  test("after the round's answers are published the public sees the advies; a reactiebrief point only once its answer is vastgesteld; anonymous reactions never by organisation", async () => {
    const s = await implementationScenario(database.db);
    await s.publishAnswers();
    const publicAdvies = await traceability(database.db, s.vision.id, s.council.id, true);
    expect(publicAdvies.map((r) => r.reference)).toEqual(s.advies.points.map((p) => p.reference));
    const publicLetter = await traceability(database.db, s.vision.id, s.municipality.id, true);
    expect(publicLetter.map((r) => r.reference)).toEqual([s.letter.points[0]!.reference]);
    expect(await traceability(database.db, s.vision.id, s.panel.id, true)).toEqual([]);
    const organisations = (await traceableOrganisations(database.db, s.vision.id, true)).map((o) => o.name);
    expect(organisations).toEqual(expect.arrayContaining([s.council.name, s.municipality.name]));
    expect(organisations).not.toContain(s.panel.name);
  });

  test("the public action page shows only published points, and an anonymous one without reference or organisation", async () => {
    const s = await implementationScenario(database.db);
    const action = await newAction(s);
    for (const p of [s.advies.points[0]!, s.letter.points[1]!, s.anonymous.points[0]!]) await linkPoint(database.db, s.staff, action.id, { pointId: p.id });
    expect((await actionDetail(database.db, s.vision.id, { reference: "u-01" }, true))!.points).toEqual([]);
    await s.publishAnswers();
    const detail = await actionDetail(database.db, s.vision.id, { reference: "U-01" }, true);
    expect(detail!.points.map((p) => [p.reference, p.organisation])).toEqual(
      expect.arrayContaining([
        [s.advies.points[0]!.reference, s.council.name],
        ["", "Anonieme inzender"],
      ]),
    );
    expect(detail!.points).toHaveLength(2);
    expect(JSON.stringify(detail)).not.toContain(s.panel.name);
    const list = await listActions(database.db, s.vision.id, { page: 1, publicOnly: true });
    expect(list.rows[0]!.pointCount).toBe(2);
  });
});

describe("gaps report", () => {
  test("lists points answered 'meegenomen in uitvoeringsplan' without an action, and overdue actions that are not gereed or vervallen", async () => {
    const s = await implementationScenario(database.db);
    const overdue = await newAction(s, { title: "Te laat", startsOn: "2026-01-01", endsOn: "2026-03-01" });
    const done = await newAction(s, { title: "Op tijd klaar", startsOn: "2026-01-01", endsOn: "2026-03-01" });
    await newAction(s, { title: "Nog niet aan de beurt", endsOn: "2026-12-31", startsOn: "2026-01-01" });
    await recordActionUpdate(database.db, s.staff, done.id, { status: "gereed", progress: 100, on: "2026-02-28", text: "Klaar" });
    await linkPoint(database.db, s.staff, overdue.id, { pointReference: s.advies.points[0]!.reference });
    const report = await gapsReport(database.db, s.vision.id, "2026-04-01");
    expect(report.unlinked.map((p) => p.reference).sort()).toEqual(
      [s.advies.points[2]!.reference, s.anonymous.points[0]!.reference, s.letter.points[0]!.reference, s.letter.points[1]!.reference].sort(),
    );
    expect(report.overdue.map((a) => [a.reference, a.daysLate])).toEqual([[overdue.reference, 31]]);
  });
});

describe("open data", () => {
  test("publishes only published points and answers, hides anonymous organisations, and orders rows stably", async () => {
    const s = await implementationScenario(database.db);
    const action = await newAction(s);
    await linkPoint(database.db, s.staff, action.id, { pointReference: s.letter.points[1]!.reference });
    await linkPoint(database.db, s.staff, action.id, { pointReference: s.advies.points[0]!.reference });
    const before = await openData(database.db, s.vision.id);
    expect(before.punten.map((p) => p.kenmerk)).toEqual([s.letter.points[0]!.reference]);
    expect(before.acties).toEqual([expect.objectContaining({ kenmerk: "U-01", punten: "" })]);
    await s.publishAnswers();
    const after = await openData(database.db, s.vision.id);
    expect(after.punten).toHaveLength(5);
    const anonymous = after.punten.find((p) => p.punt_id === s.anonymous.points[0]!.id)!;
    expect(anonymous).toMatchObject({ kenmerk: null, organisatie: null });
    expect(JSON.stringify(after)).not.toContain(s.panel.name);
    expect(after.antwoorden.find((a) => a.punt_id === s.advies.points[1]!.id)).toMatchObject({ afweging: "overgenomen", gewijzigd_onderdeel: "1 Onze ambitie", in_versie: "definitief" });
    expect(after.acties[0]!.punten).toBe(s.advies.points[0]!.reference);
    expect([...after.punten.map((p) => p.punt_id)]).toEqual([...after.punten.map((p) => p.punt_id)].sort());
    expect(openDataCsv(after, "punten").split("\r\n")[0]).toBe("\uFEFFpunt_id;kenmerk;organisatie;soort_reactie;soort_punt;brief_datum;tekst");
    expect(await openData(database.db, s.vision.id)).toEqual(after);
  });
});
