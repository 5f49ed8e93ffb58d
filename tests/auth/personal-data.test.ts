import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { memberships, reactions, reactionSignatories, sessions, users } from "~db/schema";
import { logIn } from "~/auth/login.server";
import { deleteOwnAccount, exportPersonalData } from "~/auth/personal-data.server";
import type { Database } from "~/lib/db.server";
import * as dataRoute from "~/routes/account_.gegevens";
import * as downloadRoute from "~/routes/account_.gegevens_.$bestand";
import { createOrganisationRecord, createRegionRecord, createUserRecord, sessionFor, TEST_PASSWORD } from "../factories";
import { createVisionWithDraft } from "../factories/visions";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";
import { getDraft } from "~/visions/visions.server";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

/** A signatory of an adviesraad whose submitted advies carries their signature. */
async function signatoryWithAdvies() {
  const db = database.db;
  const { region, regionOrganisation } = await createRegionRecord(db);
  const staff = await createUserRecord(db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_admin" }] });
  const council = await createOrganisationRecord(db, region.id, { type: "adviesraad" });
  const chair = await createUserRecord(db, { name: "Carla Voorzitter", memberships: [{ organisationId: council.id, role: "signatory" }] });
  const vision = await createVisionWithDraft(db, staff.id, region.id);
  const version = (await getDraft(db, vision.id))!;
  const [reaction] = await db
    .insert(reactions)
    .values({ visionId: vision.id, versionId: version.id, organisationId: council.id, kind: "advies", status: "submitted", submittedAt: new Date(), submittedById: chair.id, subject: "Advies regiovisie" })
    .returning();
  await db.insert(reactionSignatories).values({ reactionId: reaction!.id, userId: chair.id, name: chair.name, title: "voorzitter" });
  return { chair, staff, reaction: reaction!, council };
}

describe("personal data (AVG)", () => {
  test("the export holds the account, memberships, submitted reactions and signatures, and no secrets", async () => {
    const { chair, reaction } = await signatoryWithAdvies();
    const data = await exportPersonalData(database.db, chair.id);
    expect(data?.account).toMatchObject({ email: chair.email, name: "Carla Voorzitter" });
    expect(data?.memberships).toEqual([expect.objectContaining({ role: "signatory" })]);
    expect(data?.reactionsSubmitted.map((r) => r.id)).toEqual([reaction.id]);
    expect(data?.signatures).toEqual([{ reactionId: reaction.id, name: "Carla Voorzitter", title: "voorzitter" }]);
    expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash|totpKey/);
  });

  test("the download is the logged-in person's own data as a named JSON file, for them only", async () => {
    const { chair } = await signatoryWithAdvies();
    const { cookie } = await sessionFor(database.db, chair.id);
    const download = await run(() => downloadRoute.loader({ request: getRequest("/account/gegevens/mijn-gegevens.json", cookie), params: { bestand: "mijn-gegevens.json" }, context: testContext() }));
    expect(download.response?.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(download.response?.headers.get("Content-Disposition")).toContain('filename="mijn-gegevens-herleidbaar.json"');
    expect(download.response?.headers.get("Cache-Control")).toBe("private, no-store");
    expect(JSON.parse(await download.response!.text()).account.email).toBe(chair.email);
    const anonymous = await run(() => downloadRoute.loader({ request: getRequest("/account/gegevens/mijn-gegevens.json"), params: { bestand: "mijn-gegevens.json" }, context: testContext() }));
    expect(anonymous.response?.headers.get("Location")).toMatch(/^\/inloggen/);
  });

  test("deleting the account removes name, e-mail, sessions and memberships, and takes the name out of the advies's signature, which stays", async () => {
    const { chair, reaction } = await signatoryWithAdvies();
    const { cookie } = await sessionFor(database.db, chair.id);
    const refused = await run(() => dataRoute.action({ request: postRequest("/account/gegevens", { password: "verkeerd-wachtwoord", confirm: "ja" }, cookie), params: {}, context: testContext() }));
    expect(JSON.stringify(refused.data)).toContain("klopt niet");
    expect((await database.db.select().from(users).where(eq(users.id, chair.id)))[0]?.email).toBe(chair.email);

    const deleted = await run(() => dataRoute.action({ request: postRequest("/account/gegevens", { password: TEST_PASSWORD, confirm: "ja" }, cookie), params: {}, context: testContext() }));
    expect(deleted.response?.headers.get("Location")).toBe("/?account=verwijderd");
    const [row] = await database.db.select().from(users).where(eq(users.id, chair.id));
    expect(row).toMatchObject({ name: "Verwijderde gebruiker", passwordHash: null });
    expect(row?.email).not.toContain(chair.email);
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, chair.id))).toHaveLength(0);
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, chair.id))).toHaveLength(0);
    const [signature] = await database.db.select().from(reactionSignatories).where(eq(reactionSignatories.reactionId, reaction.id));
    expect(signature).toMatchObject({ name: "(naam verwijderd)", userId: null });
    expect((await database.db.select().from(reactions).where(eq(reactions.id, reaction.id)))[0]?.status).toBe("submitted");
    expect(await logIn(database.db, { email: chair.email, password: TEST_PASSWORD, ip: "10.1.1.1" })).toMatchObject({ ok: false });
  });

  test("the last staff admin of a region cannot delete their account", async () => {
    const { staff } = await signatoryWithAdvies();
    const result = await deleteOwnAccount(database.db, staff.id, TEST_PASSWORD);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("laatste beheerder") });
  });
});
