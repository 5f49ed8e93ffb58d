import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { memberships, organisations, outboxMessages, regions, users } from "~db/schema";
import { demoAccounts, grjrMunicipalities } from "~db/seed/organisations";
import { seedDemo } from "~db/seed/demo";
import { logIn } from "~/auth/login.server";
import type { Database } from "~/lib/db.server";
import { useTestDatabase } from "../setup/db";

let database: Database;
const password = "demo-wachtwoord-voor-test";
beforeAll(async () => {
  database = await useTestDatabase();
  await seedDemo(database.db, password);
}, 120_000);

describe("demo data", () => {
  test("GRJR has its 13 current member municipalities and the three that merged into Voorne aan Zee", async () => {
    const [grjr] = await database.db.select().from(regions).where(eq(regions.slug, "rijnmond"));
    const current = await database.db
      .select({ name: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.regionId, grjr!.id), eq(organisations.type, "gemeente"), isNull(organisations.memberUntil)));
    expect(current.map((m) => m.name).sort()).toEqual(grjrMunicipalities.map(([name]) => name).sort());
    const merged = await database.db.select().from(organisations).where(eq(organisations.name, "Brielle"));
    expect(merged[0]?.memberUntil).toBe("2022-12-31");
  });

  test("every demo account can log in with the demo password", async () => {
    for (const [index, account] of demoAccounts.entries()) {
      const result = await logIn(database.db, { email: account.email, password, ip: `192.168.0.${index}` });
      expect(result.ok, account.email).toBe(true);
    }
  });

  test("people were invited through the outbox, as a real region would", async () => {
    const messages = await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "uitnodiging"));
    expect(messages.length).toBeGreaterThanOrEqual(demoAccounts.length - 1);
    const [griffie] = await database.db.select().from(users).where(eq(users.email, "griffie@example.org"));
    const roles = await database.db.select().from(memberships).where(eq(memberships.userId, griffie!.id));
    expect(roles.map((r) => r.role)).toEqual(["griffie"]);
  });

  test("seeding twice changes nothing", async () => {
    const before = await database.db.select().from(organisations);
    expect((await seedDemo(database.db, password)).seeded).toBe(false);
    expect(await database.db.select().from(organisations)).toHaveLength(before.length);
  });
});

describe("demo reactions", () => {
  test("the Vlaardingen advies was imported, submitted on 17 November 2025 with nine anchored points and forwarded by the municipality", async () => {
    const { reactions: reactionRows, points: pointRows, organisations: orgs } = await import("~db/schema");
    const [council] = await database.db.select().from(orgs).where(eq(orgs.code, "ASDV"));
    const [advies] = await database.db.select().from(reactionRows).where(eq(reactionRows.organisationId, council!.id));
    expect(advies).toMatchObject({ kind: "advies", status: "submitted", letterDate: "2025-11-17" });
    expect(advies!.forwardedAt?.toISOString().slice(0, 10)).toBe("2025-11-19");
    const adviesPoints = await database.db.select().from(pointRows).where(eq(pointRows.reactionId, advies!.id));
    expect(adviesPoints).toHaveLength(9);
    const anchors = await database.db.query.pointAnchors.findMany();
    expect(adviesPoints.every((p) => p.isGeneral || anchors.some((a) => a.pointId === p.id))).toBe(true);
  });
});

describe("anchors across versions", () => {
  test("publishing the definitive version finds every quoted passage again and reports how it changed", async () => {
    const { anchorResolutions } = await import("~db/schema");
    const resolutions = await database.db.select().from(anchorResolutions);
    const changed = resolutions.find((r) => r.state === "changed");
    expect(changed?.foundText).toContain("met één vaste casusregisseur per gezin");
    // Section-only anchors (the imported advies) are carried over by their stable key.
    expect(resolutions.filter((r) => r.state === "section").length).toBeGreaterThanOrEqual(9);
    expect(resolutions.some((r) => r.state === "removed")).toBe(false);
  });
});
