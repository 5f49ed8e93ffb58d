import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { answers, auditEvents, consultationRounds, pointThemes } from "~db/schema";
import {
  AnswerError,
  assignPoints,
  bulkAnswer,
  parseRichTextInput,
  publishAnswers,
  reuseAnswer,
  reuseGroupOf,
  saveAnswer,
  signOffAnswer,
} from "~/answers/answers.server";
import { similarPoints } from "~/answers/similar.server";
import { createTheme } from "~/answers/themes.server";
import { viewerForUser } from "~/auth/guards.server";
import { listSections } from "~/visions/visions.server";
import type { Database } from "~/lib/db.server";
import { createRegionRecord, createUserRecord } from "../factories";
import { buildAnsweringScenario, type AnsweringScenario } from "../factories/answers";
import { doc } from "../factories/visions";
import { useTestDatabase } from "../setup/db";

let database: Database;
let s: AnsweringScenario;

beforeAll(async () => {
  database = await useTestDatabase();
  s = await buildAnsweringScenario(database.db, [
    {
      code: "ASDW",
      points: [
        { text: "De wachtlijst voor specialistische jeugdhulp is te lang; gezinnen wachten maanden.", sections: ["Nabij"] },
        { text: "Investeer in preventie en opvoedondersteuning voor ouders.", kind: "wijzigingsvoorstel", sections: ["Onze ambitie"] },
        { text: "Leg de casusregie bij de lokale teams.", sections: ["Casusregie"] },
        { text: "Betrek jongeren bij de uitvoering.", sections: ["Inleiding"] },
      ],
    },
    {
      code: "ENV",
      type: "aanbieder",
      points: [
        { text: "Lange wachtlijsten voor specialistische jeugdhulp ontstaan door personeelstekort.", sections: ["Nabij"] },
        { text: "Wij steunen preventie en opvoedondersteuning in de wijk.", kind: "steun", sections: ["Onze ambitie"] },
      ],
    },
  ]);
});

async function answerOf(reference: string) {
  const [row] = await database.db.select().from(answers).where(eq(answers.pointId, s.point(reference).id));
  return row ?? null;
}

async function auditCount() {
  const [row] = await database.db.select({ n: count() }).from(auditEvents);
  return row!.n;
}

async function changedNabij() {
  const sections = await listSections(database.db, s.secondVersionId!);
  const nabij = sections.find((x) => x.title === "Nabij")!;
  return { versionId: s.secondVersionId!, sectionKey: nabij.key };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AnswerError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("answering a point", () => {
  test("saving text and disposition makes the answer 'beantwoord', with who and when, audited", async () => {
    const before = await auditCount();
    const saved = await saveAnswer(database.db, s.editor, s.scope, s.point("ASDW-4").id, { revision: 0, body: doc("Jongeren praten mee via het jongerenpanel."), disposition: "meegenomen_in_uitvoeringsplan" });
    expect(saved).toMatchObject({ status: "beantwoord", disposition: "meegenomen_in_uitvoeringsplan", answeredById: s.editorUser.id, revision: 1 });
    expect(await auditCount()).toBe(before + 1);
  });

  test("a form based on an older revision is a conflict and overwrites nothing", async () => {
    const id = s.point("ASDW-3").id;
    await saveAnswer(database.db, s.editor, s.scope, id, { revision: 0, body: doc("Eerste versie."), disposition: "niet_overgenomen" });
    await saveAnswer(database.db, s.admin, s.scope, id, { revision: 1, body: doc("Tweede versie van een collega."), disposition: "niet_overgenomen" });
    const error = await refusal(saveAnswer(database.db, s.editor, s.scope, id, { revision: 1, body: doc("Verouderde versie."), disposition: "voor_kennisgeving" }));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/intussen gewijzigd/);
    const row = await answerOf("ASDW-3");
    expect(row).toMatchObject({ revision: 2, disposition: "niet_overgenomen" });
    expect(JSON.stringify(row!.body)).toContain("Tweede versie");
  });

  test("creating the first answer twice from two stale forms: the second is a conflict", async () => {
    const id = s.point("ENV-2").id;
    await saveAnswer(database.db, s.editor, s.scope, id, { revision: 0, body: doc("Dank voor uw steun."), disposition: "voor_kennisgeving" });
    const error = await refusal(saveAnswer(database.db, s.admin, s.scope, id, { revision: 0, body: doc("Ander antwoord."), disposition: "voor_kennisgeving" }));
    expect(error.code).toBe("conflict");
  });

  test("'overgenomen' without a changed section is refused in Dutch and writes nothing", async () => {
    const before = await auditCount();
    const error = await refusal(saveAnswer(database.db, s.editor, s.scope, s.point("ASDW-1").id, { revision: 0, body: doc("Wij passen de visie aan."), disposition: "overgenomen" }));
    expect(error.message).toMatch(/gewijzigd onderdeel/);
    expect(await answerOf("ASDW-1")).toBeNull();
    expect(await auditCount()).toBe(before);
  });

  test("'overgenomen' with a section of the version reacted on (not a later one) is refused", async () => {
    const error = await refusal(
      saveAnswer(database.db, s.editor, s.scope, s.point("ASDW-1").id, { revision: 0, body: doc("Aangepast."), disposition: "overgenomen", changedSection: { versionId: s.firstVersionId, sectionKey: s.sectionKey("Nabij") } }),
    );
    expect(error.message).toMatch(/latere versie/);
    expect(await answerOf("ASDW-1")).toBeNull();
  });

  test("'overgenomen' stores the changed section and the version it appears in", async () => {
    const changed = await changedNabij();
    const saved = await saveAnswer(database.db, s.editor, s.scope, s.point("ASDW-1").id, { revision: 0, body: doc("De visie is aangepast: één vast aanspreekpunt."), disposition: "overgenomen", changedSection: changed });
    expect(saved).toMatchObject({ changedSectionKey: changed.sectionKey, changedVersionId: changed.versionId, status: "beantwoord" });
  });

  test("markup or script in an answer is refused with a Dutch message", () => {
    const typed = parseRichTextInput({ text: "Zie <script>alert(1)</script> hier" });
    expect(typed).toMatchObject({ ok: false });
    expect(!typed.ok && typed.message).toMatch(/HTML-code of scripts/);
    const unknownNode = parseRichTextInput({ json: JSON.stringify({ type: "doc", content: [{ type: "html", attrs: { html: "<img onerror=x>" } }] }) });
    expect(unknownNode).toMatchObject({ ok: false });
    const badLink = parseRichTextInput({ json: JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "klik", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] }) });
    expect(badLink).toMatchObject({ ok: false });
    expect(parseRichTextInput({ text: "Wachttijd < 4 weken en > 2 dagen" })).toMatchObject({ ok: true });
  });

  test("only staff of the visie's region may answer", async () => {
    const other = await createRegionRecord(database.db);
    const outsider = await createUserRecord(database.db, { memberships: [{ organisationId: other.regionOrganisation.id, role: "staff_admin" }] });
    const error = await refusal(saveAnswer(database.db, await viewerForUser(outsider.id), s.scope, s.point("ASDW-2").id, { revision: 0, body: doc("x"), disposition: "voor_kennisgeving" }));
    expect(error.code).toBe("forbidden");
    const member = await viewerForUser(s.organisations.ASDW!.userId);
    expect((await refusal(saveAnswer(database.db, member, s.scope, s.point("ASDW-2").id, { revision: 0, body: doc("x"), disposition: "voor_kennisgeving" }))).code).toBe("forbidden");
    // A point id of another visie, even through this region's visie scope, is not found.
    const otherScenario = await buildAnsweringScenario(database.db, [{ code: "OTH", points: [{ text: "Elders.", sections: ["Nabij"] }] }], { secondVersion: false });
    expect((await refusal(saveAnswer(database.db, s.editor, s.scope, otherScenario.point("OTH-1").id, { revision: 0, body: doc("x"), disposition: "voor_kennisgeving" }))).code).toBe("not-found");
    expect(await answerOf("ASDW-2")).toBeNull();
  });
});

describe("sign-off (vaststellen)", () => {
  test("the person who answered cannot sign off; another staff member can", async () => {
    const id = s.point("ASDW-4").id;
    const current = (await answerOf("ASDW-4"))!;
    const error = await refusal(signOffAnswer(database.db, s.editor, s.scope, id, { revision: current.revision }));
    expect(error.message).toMatch(/andere medewerker/);
    const signed = await signOffAnswer(database.db, s.admin, s.scope, id, { revision: current.revision });
    expect(signed).toMatchObject({ status: "vastgesteld", reviewedById: s.adminUser.id });
    expect(signed.reviewedAt).toBeInstanceOf(Date);
  });

  test("editing a vastgesteld answer sends it back to beantwoord; saving it unchanged keeps it vastgesteld", async () => {
    const id = s.point("ASDW-4").id;
    const signed = (await answerOf("ASDW-4"))!;
    const kept = await saveAnswer(database.db, s.editor, s.scope, id, { revision: signed.revision, body: signed.body as never, disposition: signed.disposition!, assigneeId: s.editorUser.id });
    expect(kept.status).toBe("vastgesteld");
    const edited = await saveAnswer(database.db, s.editor, s.scope, id, { revision: kept.revision, body: doc("Jongeren praten mee via het jongerenpanel en de cliëntenraad."), disposition: "meegenomen_in_uitvoeringsplan" });
    expect(edited).toMatchObject({ status: "beantwoord", reviewedById: null, reviewedAt: null });
  });

  test("a point that is not answered cannot be signed off", async () => {
    const error = await refusal(signOffAnswer(database.db, s.admin, s.scope, s.point("ENV-1").id, { revision: 1 }));
    expect(error.message).toMatch(/beantwoord punt/);
  });
});

describe("similar points and reuse", () => {
  test("similar points share the section and words, and say why", async () => {
    const similar = await similarPoints(database.db, s.vision.id, s.point("ASDW-1").id);
    const env1 = similar.find((p) => p.reference === "ENV-1");
    expect(env1).toBeDefined();
    expect(env1!.sharedSections).toEqual(["1.1 Nabij"]);
    expect(env1!.sharedWords).toEqual(expect.arrayContaining(["wachtlijst", "jeugdhulp", "specialistische"]));
    expect(similar[0]!.reference).toBe("ENV-1");
    const preventie = await similarPoints(database.db, s.vision.id, s.point("ASDW-2").id);
    expect(preventie[0]).toMatchObject({ reference: "ENV-2", sharedSections: ["1 Onze ambitie"] });
    expect(preventie[0]!.sharedWords).toEqual(expect.arrayContaining(["preventie", "opvoedondersteuning"]));
  });

  test("'gebruik dit antwoord' copies text and disposition and records the source; the source shows where else it is used", async () => {
    const source = (await answerOf("ASDW-1"))!;
    const reused = await reuseAnswer(database.db, s.editor, s.scope, s.point("ENV-1").id, { sourceAnswerId: source.id, revision: 0 });
    expect(reused).toMatchObject({ reusedFromId: source.id, disposition: "overgenomen", changedSectionKey: source.changedSectionKey, status: "beantwoord" });
    expect(reused.body).toEqual(source.body);
    const elsewhere = await reuseGroupOf(database.db, s.vision.id, source);
    expect(elsewhere.map((e) => e.reference)).toEqual(["ENV-1"]);
    const fromCopy = await reuseGroupOf(database.db, s.vision.id, reused);
    expect(fromCopy.map((e) => e.reference)).toEqual(["ASDW-1"]);
  });

  test("editing a reused answer can update the points that use it too, in the same transaction", async () => {
    const source = (await answerOf("ASDW-1"))!;
    const copyBefore = (await answerOf("ENV-1"))!;
    await saveAnswer(database.db, s.admin, s.scope, s.point("ASDW-1").id, {
      revision: source.revision,
      body: doc("De visie is aangepast: één vast aanspreekpunt per gezin."),
      disposition: "overgenomen",
      changedSection: { versionId: source.changedVersionId!, sectionKey: source.changedSectionKey! },
      alsoUpdate: [s.point("ENV-1").id],
    });
    const copy = (await answerOf("ENV-1"))!;
    expect(JSON.stringify(copy.body)).toContain("per gezin");
    expect(copy.revision).toBe(copyBefore.revision + 1);
  });

  test("asking to update a point that does not reuse the answer is refused and nothing changes", async () => {
    const source = (await answerOf("ASDW-1"))!;
    const error = await refusal(
      saveAnswer(database.db, s.admin, s.scope, s.point("ASDW-1").id, {
        revision: source.revision,
        body: doc("Nog een wijziging."),
        disposition: "overgenomen",
        changedSection: { versionId: source.changedVersionId!, sectionKey: source.changedSectionKey! },
        alsoUpdate: [s.point("ASDW-3").id],
      }),
    );
    expect(error.code).toBe("conflict");
    expect((await answerOf("ASDW-1"))!.revision).toBe(source.revision);
  });
});

describe("bulk actions", () => {
  test("bulk assign puts the points 'in behandeling' with the assignee", async () => {
    const scenario = await buildAnsweringScenario(database.db, [{ code: "BLK", points: [{ text: "Een.", sections: ["Nabij"] }, { text: "Twee.", sections: ["Nabij"] }, { text: "Drie.", sections: ["Inleiding"] }] }], { secondVersion: false });
    const ids = ["BLK-1", "BLK-2"].map((r) => scenario.point(r).id);
    expect(await assignPoints(database.db, scenario.editor, scenario.scope, ids, scenario.adminUser.id)).toBe(2);
    const rows = await database.db.select().from(answers).where(eq(answers.assigneeId, scenario.adminUser.id));
    expect(rows.map((r) => r.status)).toEqual(["in_behandeling", "in_behandeling"]);
    // Someone outside the region's staff cannot be assigned.
    const error = await refusal(assignPoints(database.db, scenario.editor, scenario.scope, ids, s.editorUser.id));
    expect(error.message).toMatch(/medewerker van de regio/);

    const theme = await createTheme(database.db, scenario.editor, scenario.scope, { title: "Nabijheid", summary: null });
    const { addPointsToTheme } = await import("~/answers/themes.server");
    await addPointsToTheme(database.db, scenario.editor, scenario.scope, theme.id, [...ids, ids[0]!]);
    const linked = await database.db.select().from(pointThemes).where(eq(pointThemes.themeId, theme.id));
    expect(linked).toHaveLength(2);

    const answered = await bulkAnswer(database.db, scenario.editor, scenario.scope, { pointIds: [scenario.point("BLK-3").id, ...ids], body: doc("Dank u wel."), disposition: "voor_kennisgeving" });
    expect(answered).toBe(3);
    const first = (await database.db.select().from(answers).where(eq(answers.pointId, scenario.point("BLK-1").id)))[0]!;
    const others = await database.db.select().from(answers).where(eq(answers.reusedFromId, first.id));
    expect(first).toMatchObject({ status: "beantwoord", reusedFromId: null, disposition: "voor_kennisgeving" });
    expect(others).toHaveLength(2);
  });

  test("a bulk selection with a point of another visie is refused as a whole", async () => {
    const scenario = await buildAnsweringScenario(database.db, [{ code: "BLX", points: [{ text: "Een.", sections: ["Nabij"] }] }], { secondVersion: false });
    const error = await refusal(assignPoints(database.db, s.editor, s.scope, [s.point("ASDW-2").id, scenario.point("BLX-1").id], s.adminUser.id));
    expect(error.code).toBe("not-found");
    expect(await answerOf("ASDW-2")).toBeNull();
  });
});

describe("publishing a round's answers", () => {
  test("is refused while a point is open, and sets answers_published_at once every point is answered (audited)", async () => {
    const open = await refusal(publishAnswers(database.db, s.editor, s.scope, s.roundId));
    expect(open.message).toMatch(/nog niet beantwoord/);
    const [round] = await database.db.select().from(consultationRounds).where(eq(consultationRounds.id, s.roundId));
    expect(round!.answersPublishedAt).toBeNull();
    await saveAnswer(database.db, s.editor, s.scope, s.point("ASDW-2").id, { revision: 0, body: doc("Preventie krijgt een plek in het uitvoeringsplan."), disposition: "meegenomen_in_uitvoeringsplan" });
    const published = await publishAnswers(database.db, s.editor, s.scope, s.roundId, new Date("2026-04-10T10:00:00Z"));
    expect(published.answersPublishedAt?.toISOString()).toBe("2026-04-10T10:00:00.000Z");
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "answers.publish"), eq(auditEvents.entityId, s.roundId)));
    expect(events).toHaveLength(1);
    expect((await refusal(publishAnswers(database.db, s.editor, s.scope, s.roundId))).message).toMatch(/al gepubliceerd/);
  });
});
