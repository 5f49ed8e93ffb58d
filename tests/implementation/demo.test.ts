import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { organisations, outboxMessages, regions, visions } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { gapsReport } from "~/implementation/gaps.server";
import { actionDetail, listActions } from "~/implementation/implementation-actions.server";
import { traceability, traceableOrganisations } from "~/implementation/traceability.server";
import type { Database } from "~/lib/db.server";
import { useTestDatabase } from "../setup/db";

let database: Database;
let visionId: string;
let regionId: string;
beforeAll(async () => {
  database = await useTestDatabase();
  await seedDemo(database.db, "demo-wachtwoord-voor-test");
  const [row] = await database.db
    .select({ id: visions.id, regionId: visions.regionId })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(and(eq(regions.slug, "rijnmond"), eq(visions.slug, "regiovisie-2026-2030")));
  visionId = row!.id;
  regionId = row!.regionId;
}, 180_000);

async function organisationByCode(code: string) {
  const [row] = await database.db.select().from(organisations).where(and(eq(organisations.regionId, regionId), eq(organisations.code, code)));
  return row!;
}

describe("demo uitvoeringsplan", () => {
  test("has about eight actions with mixed statuses, sections and dated updates", async () => {
    const list = await listActions(database.db, visionId, { page: 1, publicOnly: false });
    expect(list.total).toBeGreaterThanOrEqual(8);
    expect(new Set(list.rows.map((r) => r.status))).toEqual(new Set(["gepland", "loopt", "gereed", "vervallen"]));
    expect(list.rows.every((r) => r.sections.length > 0)).toBe(true);
    expect(list.rows.filter((r) => r.latestUpdate).length).toBeGreaterThanOrEqual(4);
  });

  test("Vlaardingen's reactiebrief points VLA-1..4 are public and each leads to an action", async () => {
    const vlaardingen = await organisationByCode("VLA");
    const rows = await traceability(database.db, visionId, vlaardingen.id, true);
    expect(rows.map((r) => r.reference)).toEqual(["VLA-1", "VLA-2", "VLA-3", "VLA-4"]);
    for (const row of rows) {
      expect(row.answer?.dispositionLabel, row.reference).toBe("meegenomen in uitvoeringsplan");
      expect(row.actions.length, row.reference).toBeGreaterThan(0);
    }
    expect((await traceableOrganisations(database.db, visionId, true)).map((o) => o.code)).toEqual(expect.arrayContaining(["VLA", "ASDV"]));
    const u01 = await actionDetail(database.db, visionId, { reference: "U-01" }, true);
    expect(u01!.points.map((p) => p.reference)).toContain("VLA-2");
  });

  test("every ASDV point answered 'meegenomen in uitvoeringsplan' has an action; one action is overdue", async () => {
    const report = await gapsReport(database.db, visionId, "2026-11-01");
    expect(report.unlinked.filter((p) => p.reference.startsWith("ASDV-") || p.reference.startsWith("VLA-"))).toEqual([]);
    expect(report.overdue.map((a) => a.title)).toEqual(["Wachttijden per aanbieder elke maand openbaar"]);
  });

  test("status changes e-mailed the organisations behind the linked points", async () => {
    const mails = await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "uitvoeringsplan-update"));
    expect(mails.map((m) => m.toAddress)).toEqual(expect.arrayContaining(["adviesraad@example.org", "griffie@example.org"]));
  });
});
