// The benchmark's large-region generator, at a small scale: the data it writes is real to the app
// (the pages' own functions read it consistently), and the triage speed-ups keep exact totals.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { parseTriageFilters } from "~/answers/schema.server";
import { listTriage, rowsOf, triageFilterOptions } from "~/answers/triage.server";
import { traceability, traceableOrganisations } from "~/implementation/traceability.server";
import type { Database } from "~/lib/db.server";
import { useTestDatabase } from "../setup/db";
import type { LargeRegion } from "../perf/large-region";
import { findLargeRegion, generateLargeRegion } from "../perf/large-region";

let database: Database;
let region: LargeRegion;
const filters = (input: Record<string, string> = {}) => parseTriageFilters(new URLSearchParams(input));

beforeAll(async () => {
  database = await useTestDatabase();
  region = await generateLargeRegion(database.db, { scale: 0.01, staffPassword: "bench-herleidbaar-2026" });
}, 120_000);

describe("the large-region generator", () => {
  test("writes 13 municipalities, 60 sections in two published versions, reactions, points, actions, letters and the two named organisations", async () => {
    expect(region.counts).toMatchObject({ municipalities: 13, sections: 60, reactions: 20, points: 18 * 10 + 200 + 20, actions: 20, letters: 10 });
    const [versions] = rowsOf<{ published: number; definitive: number }>(
      await database.db.execute(sql`select count(*) filter (where status = 'published')::int as published, count(*) filter (where is_definitive)::int as definitive
        from vision_versions where vision_id = ${region.visionId}`),
    );
    expect(versions).toEqual({ published: 2, definitive: 1 });
    const found = await findLargeRegion(database.db);
    expect(found).toMatchObject({ visionId: region.visionId, traceOrganisationId: region.traceOrganisationId, letterReactionId: region.letterReactionId });
  });

  test("its search vectors and bodies are real: a Dutch search finds points, and every body is a Tiptap document", async () => {
    const result = await listTriage(database.db, region.visionId, filters({ q: "wachtlijsten" }), region.staffId);
    expect(result.total).toBeGreaterThan(0);
    const [bad] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from points where vision_id = ${region.visionId} and body->>'type' <> 'doc'`));
    expect(bad!.n).toBe(0);
  });

  test("public traceability of ADV200 shows its 200 points with answers, and lists it with 200 points", async () => {
    const rows = await traceability(database.db, region.visionId, region.traceOrganisationId, true);
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.answer === null || r.answer.html.length > 0)).toBe(true);
    expect(rows.some((r) => r.actions.length > 0)).toBe(true);
    const organisations = await traceableOrganisations(database.db, region.visionId, true);
    expect(organisations.find((o) => o.code === region.traceOrganisationCode)?.points).toBe(200);
  });
});

describe("triage totals without a count for the last page", () => {
  test("the total is exact on a full page, on the last partial page and on an empty page past the end", async () => {
    const all = region.counts.points!; // 400 = 13 pages of 30 and 10 on page 14
    for (const page of [1, 13, 14, 15]) {
      const result = await listTriage(database.db, region.visionId, filters(), region.staffId, page, 30);
      expect(result.total, `pagina ${page}`).toBe(all);
      expect(result.rows).toHaveLength(page <= 13 ? 30 : page === 14 ? 10 : 0);
    }
  });

  test("a filter with fewer matches than a page gives exactly that many as the total, and none gives 0", async () => {
    const few = await listTriage(database.db, region.visionId, filters({ organisatie: region.traceOrganisationId, status: "vastgesteld" }), region.staffId, 1, 500);
    const [{ n }] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from points p join reactions r on r.id = p.reaction_id join answers a on a.point_id = p.id
        where r.organisation_id = ${region.traceOrganisationId} and a.status = 'vastgesteld'`),
    ) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    expect(few.rows).toHaveLength(n);
    expect(few.total).toBe(n);
    const none = await listTriage(database.db, region.visionId, filters({ q: "xylofoonzzz" }), region.staffId);
    expect(none).toMatchObject({ total: 0, rows: [] });
  });

  test("the section filter offers each anchored section once, in document order", async () => {
    const options = await triageFilterOptions(database.db, region.visionId);
    const expected = rowsOf<{ key: string }>(
      await database.db.execute(sql`select s.key from sections s where s.version_id = ${region.firstVersionId}
        and exists (select 1 from point_anchors pa where pa.section_key = s.key) order by s.position`),
    ).map((r) => r.key);
    expect(options.sections.map((s) => s.key)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  });
});
