import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { regions } from "~db/schema";
import { createAction, linkPoint, recordActionUpdate } from "~/implementation/implementation-actions.server";
import type { Database } from "~/lib/db.server";
import * as publicPlanRoute from "~/routes/visies.$regionSlug.$visionSlug.uitvoering";
import { implementationScenario } from "../factories/implementation";
import { useTestDatabase } from "../setup/db";
import { getRequest, run, testContext } from "../setup/requests";

let database: Database;
let s: Awaited<ReturnType<typeof implementationScenario>>;
let publicParams: { regionSlug: string; visionSlug: string };
beforeAll(async () => {
  database = await useTestDatabase();
  s = await implementationScenario(database.db);
  const [region] = await database.db.select().from(regions).where(eq(regions.id, s.region.id));
  publicParams = { regionSlug: region!.slug, visionSlug: s.vision.slug };
});

async function plan(query = "") {
  const { data, response } = await run(() => publicPlanRoute.loader({ request: getRequest(`/x${query}`), params: publicParams, context: testContext() }));
  if (!data) throw new Error(`status ${response?.status}`);
  return data;
}

describe("public uitvoeringsplan, memoised per data version", () => {
  test("a new action, its status, its latest update and its published points show on the very next request", async () => {
    expect(await plan()).toMatchObject({ total: 0, rows: [], counts: {} });

    const created = await createAction(database.db, s.staff, s.vision.id, { title: "Wachttijden in beeld", sectionKeys: [s.sectionKey] });
    if (!created.ok) throw new Error(created.message);
    await linkPoint(database.db, s.staff, created.action.id, { pointReference: s.advies.points[0]!.reference });
    const listed = await plan();
    expect(listed).toMatchObject({ total: 1, counts: { gepland: 1 } });
    expect(listed.rows[0]).toMatchObject({ reference: created.action.reference, status: "gepland", pointCount: 0, latestUpdate: null });

    const updated = await recordActionUpdate(database.db, s.staff, created.action.id, { status: "loopt", progress: "40", on: "2026-05-01", text: "De eerste wijken doen mee." });
    if (!updated.ok) throw new Error(updated.message);
    await s.publishAnswers();
    const after = await plan();
    expect(after).toMatchObject({ total: 1, counts: { loopt: 1 } });
    expect(after.rows[0]).toMatchObject({ status: "loopt", progress: 40, pointCount: 1, latestUpdate: { on: "2026-05-01", text: "De eerste wijken doen mee." } });

    expect(await plan("?status=gepland")).toMatchObject({ total: 0, rows: [], status: "gepland" });
    expect(await plan("?status=loopt")).toMatchObject({ total: 1, status: "loopt" });
  });
});
