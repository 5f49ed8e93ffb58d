import { beforeAll, describe, expect, test } from "vitest";
import { createTheme, pointsOfTheme, THEME_POINTS_PAGE_SIZE } from "~/answers/themes.server";
import type { Database } from "~/lib/db.server";
import * as themesRoute from "~/routes/beheer.visies.$visionId.themas";
import { sessionFor } from "../factories";
import { buildAnsweringScenario, type AnsweringScenario } from "../factories/answers";
import { useTestDatabase } from "../setup/db";
import { getRequest, run, testContext } from "../setup/requests";

let database: Database;
let s: AnsweringScenario;
let themeId: string;
let cookie: string;

const ASDW_POINTS = 30;
const ENV_POINTS = 25;
/** Every point of the theme in page order: organisation code, then point number. */
const allReferences = [
  ...Array.from({ length: ASDW_POINTS }, (_, i) => `ASDW-${i + 1}`),
  ...Array.from({ length: ENV_POINTS }, (_, i) => `ENV-${i + 1}`),
];

beforeAll(async () => {
  database = await useTestDatabase();
  s = await buildAnsweringScenario(database.db, [
    { code: "ENV", type: "aanbieder", points: Array.from({ length: ENV_POINTS }, (_, i) => ({ text: `Wachtlijst bij de aanbieder, punt ${i + 1}.`, sections: ["Nabij"] })) },
    { code: "ASDW", points: Array.from({ length: ASDW_POINTS }, (_, i) => ({ text: `Wachtlijsten in de jeugdhulp, punt ${i + 1}.`, sections: ["Nabij"] })) },
  ]);
  const theme = await createTheme(database.db, s.editor, s.scope, { title: "Wachtlijsten", summary: null, pointIds: allReferences.map((r) => s.point(r).id) });
  themeId = theme.id;
  cookie = (await sessionFor(database.db, s.editorUser.id)).cookie;
}, 120_000);

async function themePage(search: string) {
  const { data } = await run(() =>
    themesRoute.loader({ request: getRequest(`/beheer/visies/${s.vision.id}/themas?thema=${themeId}${search}`, cookie), params: { visionId: s.vision.id }, context: testContext() }),
  );
  return data!.selected!;
}

describe("the points list of a theme is paginated", () => {
  test("the theme page shows the first 50 points with the total, and page 2 the rest, in order and without overlap", async () => {
    expect(THEME_POINTS_PAGE_SIZE).toBe(50);
    const first = await themePage("");
    expect(first).toMatchObject({ total: ASDW_POINTS + ENV_POINTS, page: 1, pageSize: 50 });
    expect(first.points.map((p) => p.reference)).toEqual(allReferences.slice(0, 50));
    const second = await themePage("&pagina=2");
    expect(second).toMatchObject({ total: ASDW_POINTS + ENV_POINTS, page: 2 });
    expect(second.points.map((p) => p.reference)).toEqual(allReferences.slice(50));
    expect(second.points[0]).toMatchObject({ organisation: "Organisatie ENV", excerpt: expect.stringContaining("Wachtlijst bij de aanbieder") });
  });

  test("a page number that is not a number shows page 1; a page past the end is empty but keeps the total", async () => {
    const garbage = await themePage("&pagina=abc");
    expect(garbage.page).toBe(1);
    expect(garbage.points).toHaveLength(50);
    const beyond = await themePage("&pagina=9");
    expect(beyond.points).toEqual([]);
    expect(beyond.total).toBe(ASDW_POINTS + ENV_POINTS);
  });

  test("smaller pages walk the whole theme exactly once", async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 6; page++) {
      const result = await pointsOfTheme(database.db, themeId, page, 10);
      expect(result.total).toBe(ASDW_POINTS + ENV_POINTS);
      seen.push(...result.rows.map((r) => r.reference));
    }
    expect(seen).toEqual(allReferences);
  });
});
