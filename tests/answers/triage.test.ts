import { beforeAll, describe, expect, test } from "vitest";
import { assignPoints, saveAnswer } from "~/answers/answers.server";
import { parseTriageFilters, type TriageFilterInput } from "~/answers/schema.server";
import { createTheme } from "~/answers/themes.server";
import { triagePageFacts } from "~/answers/triage-page.server";
import { listTriage, organisationFilterText, splitHighlight } from "~/answers/triage.server";
import type { Database } from "~/lib/db.server";
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
      type: "adviesraad",
      name: "Adviesraad Westerhaven",
      points: [
        { text: "De wachtlijst voor specialistische jeugdhulp is te lang.", kind: "aandachtspunt", sections: ["Nabij"] },
        { text: "Hoe wordt het advies van jongeren meegenomen?", kind: "vraag", sections: ["Inleiding"] },
        { text: "Investeer in preventie en opvoedondersteuning voor ouders.", kind: "wijzigingsvoorstel", sections: ["Onze ambitie"] },
      ],
    },
    {
      code: "ENV",
      type: "aanbieder",
      name: "Jeugdhulp Aanbieder",
      points: [
        { text: "Wachtlijsten ontstaan door een tekort aan personeel bij aanbieders.", kind: "aandachtspunt", sections: ["Nabij"] },
        { text: "Wij steunen de casusregie bij lokale teams.", kind: "steun", sections: ["Casusregie"] },
      ],
    },
    { code: "JPR", type: "ervaringsdeskundigen", name: "Jongerenpanel", late: true, points: [{ text: "Ik wil zelf meepraten over mijn hulp en over adviezen.", kind: "aandachtspunt" }] },
  ]);
});

function filters(input: Record<string, string> = {}): TriageFilterInput {
  return parseTriageFilters(new URLSearchParams(input));
}

async function references(input: Record<string, string> = {}, page = 1, pageSize = 50) {
  const result = await listTriage(database.db, s.vision.id, filters(input), s.editor.user.id, page, pageSize);
  return result.rows.map((r) => r.reference);
}

describe("triage list", () => {
  test("lists every point of every submitted reaction of the visie, in reference order", async () => {
    expect(await references()).toEqual(["ASDW-1", "ASDW-2", "ASDW-3", "ENV-1", "ENV-2", "JPR-1"]);
  });

  test("filters by section (anchor section key)", async () => {
    expect(await references({ onderdeel: s.sectionKey("Nabij") })).toEqual(["ASDW-1", "ENV-1"]);
  });

  test("filters by point kind", async () => {
    expect(await references({ soort: "vraag" })).toEqual(["ASDW-2"]);
  });

  test("filters by organisation and by organisation type", async () => {
    expect(await references({ organisatie: s.organisations.ENV!.id })).toEqual(["ENV-1", "ENV-2"]);
    expect(await references({ type: "ervaringsdeskundigen" })).toEqual(["JPR-1"]);
  });

  test("filters by source: the round, or council reactiebrieven (none here)", async () => {
    expect(await references({ bron: s.roundId })).toHaveLength(6);
    expect(await references({ bron: "reactiebrief" })).toEqual([]);
  });

  test("filters by organisation from a text field: the code in any case, or any part of the name; % and _ are plain characters", async () => {
    expect(await references({ organisatie: "env" })).toEqual(["ENV-1", "ENV-2"]);
    expect(await references({ organisatie: "westerhaven" })).toEqual(["ASDW-1", "ASDW-2", "ASDW-3"]);
    expect(await references({ organisatie: "  Jongeren " })).toEqual(["JPR-1"]);
    expect(await references({ organisatie: "AS" })).toEqual([]); // a code matches whole, not its start
    expect(await references({ organisatie: "%" })).toEqual([]);
    expect(await references({ organisatie: "_" })).toEqual([]);
  });

  test("an organisation id from an older link still filters, and the field shows the organisation's code", async () => {
    expect(await organisationFilterText(database.db, s.organisations.ENV!.id)).toBe("ENV");
    expect(await organisationFilterText(database.db, "westerhaven")).toBe("westerhaven");
    expect(await organisationFilterText(database.db, undefined)).toBe("");
  });

  test("filters late reactions", async () => {
    expect(await references({ laat: "ja" })).toEqual(["JPR-1"]);
  });

  test("filters by theme", async () => {
    const theme = await createTheme(database.db, s.editor, s.scope, { title: "Wachtlijsten", summary: null, pointIds: [s.point("ASDW-1").id, s.point("ENV-1").id] });
    expect(await references({ thema: theme.id })).toEqual(["ASDW-1", "ENV-1"]);
  });

  test("filters by status and assignee, including 'aan mij' and 'niemand'", async () => {
    await assignPoints(database.db, s.editor, s.scope, [s.point("ENV-2").id], s.editorUser.id);
    await saveAnswer(database.db, s.admin, s.scope, s.point("ASDW-2").id, { revision: 0, body: doc("Jongeren praten mee via het jongerenpanel."), disposition: "voor_kennisgeving" });
    expect(await references({ status: "in_behandeling" })).toEqual(["ENV-2"]);
    expect(await references({ status: "beantwoord" })).toEqual(["ASDW-2"]);
    expect(await references({ status: "nieuw" })).toEqual(["ASDW-1", "ASDW-3", "ENV-1", "JPR-1"]);
    expect(await references({ toegewezen: "mij" })).toEqual(["ENV-2"]);
    expect(await references({ toegewezen: s.adminUser.id })).toEqual([]);
    expect(await references({ toegewezen: "niemand" })).not.toContain("ENV-2");
  });

  test("Dutch full-text search stems: 'wachtlijsten' finds 'wachtlijst', 'adviezen' finds 'advies'", async () => {
    expect(await references({ q: "wachtlijsten" })).toEqual(["ASDW-1", "ENV-1"]);
    expect(await references({ q: "adviezen" })).toEqual(["ASDW-2", "JPR-1"]);
    expect(await references({ q: "specialistische -personeel" })).toEqual(["ASDW-1"]);
  });

  test("a NUL character in the search is dropped, not a database error", async () => {
    expect(await references({ q: "wacht\u0000lijsten" })).toEqual(["ASDW-1", "ENV-1"]);
  });

  test("search hits are highlighted as text segments, never as HTML", async () => {
    const result = await listTriage(database.db, s.vision.id, filters({ q: "wachtlijsten" }), s.editor.user.id);
    const first = result.rows.find((r) => r.reference === "ASDW-1")!;
    expect(first.excerpt.filter((seg) => seg.hit).map((seg) => seg.text.toLowerCase())).toEqual(["wachtlijst"]);
    expect(first.excerpt.map((seg) => seg.text).join("")).toContain("voor specialistische jeugdhulp");
    expect(splitHighlight("a \u0002<b>\u0003 c")).toEqual([
      { text: "a ", hit: false },
      { text: "<b>", hit: true },
      { text: " c", hit: false },
    ]);
  });

  test("paginates with the total of the whole filtered list", async () => {
    const page1 = await listTriage(database.db, s.vision.id, filters(), s.editor.user.id, 1, 4);
    const page2 = await listTriage(database.db, s.vision.id, filters(), s.editor.user.id, 2, 4);
    expect(page1.total).toBe(6);
    expect(page1.rows.map((r) => r.reference)).toEqual(["ASDW-1", "ASDW-2", "ASDW-3", "ENV-1"]);
    expect(page2.rows.map((r) => r.reference)).toEqual(["ENV-2", "JPR-1"]);
    expect(page2.total).toBe(6);
  });

  test("sorts by organisation, status and section", async () => {
    expect((await references({ sorteer: "organisatie" }))[0]).toBe("ASDW-1");
    const byStatus = await references({ sorteer: "status" });
    expect(byStatus.slice(-2)).toEqual(["ENV-2", "ASDW-2"]);
    const bySection = await references({ sorteer: "onderdeel" });
    expect(bySection.indexOf("ASDW-2")).toBeLessThan(bySection.indexOf("ASDW-3"));
    expect(bySection.at(-1)).toBe("JPR-1");
  });

  test("malformed filter values in the URL are ignored rather than refused", () => {
    expect(filters({ status: "onzin", onderdeel: "geen-uuid", sorteer: "x" })).toMatchObject({ status: undefined, onderdeel: undefined, sorteer: "referentie" });
  });

  test("the memoised list, total and round progress follow the data: an answer saved after a first look shows on the next", async () => {
    const before = await listTriage(database.db, s.vision.id, filters({ status: "nieuw" }), s.editor.user.id);
    const factsBefore = await triagePageFacts(database.db, s.vision.id, s.scope.regionId);
    expect(before.rows.map((r) => r.reference)).toContain("JPR-1");
    // The same call again is served from the memo (same data version) and is equal.
    expect(await listTriage(database.db, s.vision.id, filters({ status: "nieuw" }), s.editor.user.id)).toEqual(before);
    await saveAnswer(database.db, s.admin, s.scope, s.point("JPR-1").id, { revision: 0, body: doc("Het jongerenpanel praat mee."), disposition: "voor_kennisgeving" });
    const after = await listTriage(database.db, s.vision.id, filters({ status: "nieuw" }), s.editor.user.id);
    expect(after.rows.map((r) => r.reference)).not.toContain("JPR-1");
    expect(after.total).toBe(before.total - 1);
    expect((await listTriage(database.db, s.vision.id, filters({ status: "beantwoord" }), s.editor.user.id)).rows.map((r) => r.reference)).toContain("JPR-1");
    const factsAfter = await triagePageFacts(database.db, s.vision.id, s.scope.regionId);
    expect(factsAfter.rounds[0]!.open).toBe(factsBefore.rounds[0]!.open - 1);
  });
});
