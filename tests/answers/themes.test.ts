import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, pointThemes, themes } from "~db/schema";
import { AnswerError, saveAnswer } from "~/answers/answers.server";
import { addPointsToTheme, createTheme, deleteTheme, listThemes, removePointFromTheme, themeCounts, themeSuggestions, updateTheme } from "~/answers/themes.server";
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
      points: [
        { text: "De wachtlijsten in de jeugdhulp zijn te lang.", sections: ["Nabij"] },
        { text: "Versterk het sociale netwerk rond het gezin.", sections: ["Onze ambitie"] },
      ],
    },
    { code: "ENV", type: "aanbieder", points: [{ text: "Door de wachtlijst krijgen gezinnen te laat hulp.", sections: ["Nabij"] }, { text: "Casusregie werkt alleen met genoeg tijd.", sections: ["Casusregie"] }] },
    { code: "JPR", type: "ervaringsdeskundigen", points: [{ text: "Ik stond op een wachtlijst en kreeg geen hulp.", sections: ["Inleiding"] }] },
  ]);
});

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AnswerError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("themes (rode draad)", () => {
  test("suggestions are words used by at least two organisations, as written, with the points they would group", async () => {
    const suggestions = await themeSuggestions(database.db, s.vision.id);
    const waiting = suggestions.find((x) => x.word.startsWith("wachtlijst"));
    expect(waiting).toBeDefined();
    expect(waiting!.organisations).toBe(3);
    expect(waiting!.points.map((p) => p.reference)).toEqual(["ASDW-1", "ENV-1", "JPR-1"]);
    expect(suggestions[0]!.word).toBe(waiting!.word);
    // "netwerk" occurs for one organisation only: no suggestion.
    expect(suggestions.some((x) => x.word.startsWith("netwerk"))).toBe(false);
  });

  test("create, rename with a summary, add and remove points; all audited", async () => {
    const [before] = await database.db.select({ n: count() }).from(auditEvents);
    const theme = await createTheme(database.db, s.editor, s.scope, { title: "Wachtlijsten en toegang", summary: null, pointIds: [s.point("ASDW-1").id, s.point("ENV-1").id] });
    await addPointsToTheme(database.db, s.editor, s.scope, theme.id, [s.point("JPR-1").id]);
    await updateTheme(database.db, s.admin, s.scope, theme.id, { title: "Wachtlijsten", summary: doc("Drie organisaties noemen de wachtlijsten.") });
    await removePointFromTheme(database.db, s.editor, s.scope, theme.id, s.point("JPR-1").id);
    const listed = (await listThemes(database.db, s.vision.id)).find((t) => t.id === theme.id)!;
    expect(listed).toMatchObject({ title: "Wachtlijsten", points: 2 });
    expect(JSON.stringify(listed.summary)).toContain("Drie organisaties");
    const [after] = await database.db.select({ n: count() }).from(auditEvents);
    expect(after!.n - before!.n).toBe(4);
    // Once a theme covers the word, it is no longer suggested.
    expect((await themeSuggestions(database.db, s.vision.id)).some((x) => x.word.startsWith("wachtlijst"))).toBe(false);
  });

  test("a duplicate theme name is refused in Dutch", async () => {
    await createTheme(database.db, s.editor, s.scope, { title: "Sociaal netwerk", summary: null });
    const error = await refusal(createTheme(database.db, s.editor, s.scope, { title: "Sociaal netwerk", summary: null }));
    expect(error.message).toMatch(/al een thema met deze naam/);
  });

  test("counts per theme per section, per organisation type and per disposition", async () => {
    const theme = await createTheme(database.db, s.editor, s.scope, { title: "Tellen", summary: null, pointIds: [s.point("ASDW-1").id, s.point("ENV-1").id, s.point("JPR-1").id, s.point("ENV-2").id] });
    await saveAnswer(database.db, s.editor, s.scope, s.point("ENV-2").id, { revision: 0, body: doc("Dat nemen we mee."), disposition: "meegenomen_in_uitvoeringsplan" });
    const counts = await themeCounts(database.db, s.vision.id);
    const of = (list: typeof counts.bySection) => Object.fromEntries(list.filter((c) => c.themeId === theme.id).map((c) => [c.label, c.count]));
    expect(of(counts.bySection)).toEqual({ "1.1 Nabij": 2, Inleiding: 1, Casusregie: 1 });
    expect(of(counts.byOrganisationType)).toEqual({ adviesraad: 1, aanbieder: 2, ervaringsdeskundigen: 1 });
    expect(of(counts.byDisposition)).toEqual({ nog_niet: 3, meegenomen_in_uitvoeringsplan: 1 });
  });

  test("deleting a theme removes its point links, not the points", async () => {
    const theme = await createTheme(database.db, s.editor, s.scope, { title: "Weg ermee", summary: null, pointIds: [s.point("ASDW-2").id] });
    await deleteTheme(database.db, s.editor, s.scope, theme.id);
    expect(await database.db.select().from(themes).where(eq(themes.id, theme.id))).toEqual([]);
    expect(await database.db.select().from(pointThemes).where(eq(pointThemes.themeId, theme.id))).toEqual([]);
    expect(s.point("ASDW-2")).toBeDefined();
  });

  test("a theme of another visie cannot be changed through this visie", async () => {
    const other = await buildAnsweringScenario(database.db, [{ code: "OTH", points: [{ text: "Elders.", sections: ["Nabij"] }] }], { secondVersion: false });
    const theme = await createTheme(database.db, other.editor, other.scope, { title: "Elders", summary: null });
    expect((await refusal(deleteTheme(database.db, s.editor, s.scope, theme.id))).code).toBe("not-found");
    expect((await refusal(updateTheme(database.db, s.editor, s.scope, theme.id, { title: "Gekaapt", summary: null }))).code).toBe("not-found");
    expect((await refusal(createTheme(database.db, s.editor, s.scope, { title: "Mix", summary: null, pointIds: [other.point("OTH-1").id] }))).code).toBe("not-found");
    expect((await refusal(createTheme(database.db, other.editor, s.scope, { title: "Niet van mij", summary: null }))).code).toBe("forbidden");
  });
});
