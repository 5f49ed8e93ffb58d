import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { invitations, loginThrottle } from "~db/schema";
import type { Database } from "~/lib/db.server";
import { rateLimits, takeRateLimit } from "~/lib/rate-limit.server";
import { inviteToOrganisation } from "~/organisations/invitations.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "../factories";
import { useTestDatabase } from "../setup/db";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

describe("rate limits", () => {
  test("a key allows max actions per window, then refuses until the window has passed", async () => {
    const start = new Date("2026-06-01T10:00:00Z");
    const key = `test:${Math.random()}`;
    for (let i = 0; i < 3; i++) expect(await takeRateLimit(database.db, key, 3, 60_000, start)).toBe(true);
    expect(await takeRateLimit(database.db, key, 3, 60_000, new Date(start.getTime() + 30_000))).toBe(false);
    expect(await takeRateLimit(database.db, key, 3, 60_000, new Date(start.getTime() + 61_000))).toBe(true);
  });

  test("a staff member over the hourly invitation limit gets a Dutch message and no invitation is written", async () => {
    const { region, regionOrganisation } = await createRegionRecord(database.db);
    const admin = await createUserRecord(database.db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_admin" }] });
    const organisation = await createOrganisationRecord(database.db, region.id, { type: "aanbieder" });
    await database.db.insert(loginThrottle).values({ key: `invite:${admin.id}`, failures: rateLimits.invitations.max, windowStartedAt: new Date() });
    const result = await inviteToOrganisation(database.db, admin.id, organisation, { name: "Te Veel", email: "teveel@example.org", role: "member" });
    expect(result).toMatchObject({ ok: false, message: rateLimits.invitations.message });
    expect(await database.db.select().from(invitations).where(eq(invitations.email, "teveel@example.org"))).toHaveLength(0);
  });
});
