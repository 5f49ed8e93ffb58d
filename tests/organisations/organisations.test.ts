import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, organisations } from "~db/schema";
import type { Database } from "~/lib/db.server";
import * as organisationRoute from "~/routes/beheer.organisaties.$organisationId";
import * as organisationsRoute from "~/routes/beheer.organisaties._index";
import * as newOrganisationRoute from "~/routes/beheer.organisaties.nieuw";
import * as regionsRoute from "~/routes/platform.regios";
import { createOrganisationRecord, createRegionRecord, createUserRecord, sessionFor } from "../factories";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

async function staffOf(kind: "staff_admin" | "staff_editor") {
  const { region, regionOrganisation } = await createRegionRecord(database.db);
  const user = await createUserRecord(database.db, { memberships: [{ organisationId: regionOrganisation.id, role: kind }] });
  const { cookie } = await sessionFor(database.db, user.id);
  return { region, user, cookie };
}

describe("organisations", () => {
  test("a staff admin adds an organisation, with an audit event in the same change", async () => {
    const { region, cookie } = await staffOf("staff_admin");
    const { response } = await run(() =>
      newOrganisationRoute.action({
        request: postRequest("/beheer/organisaties/nieuw", { name: "Cliëntenraad Zuid", code: "crz", type: "clientenraad" }, cookie),
        context: testContext(),
        params: {},
      }),
    );
    expect(response?.status).toBe(302);
    const [row] = await database.db.select().from(organisations).where(eq(organisations.name, "Cliëntenraad Zuid"));
    expect(row).toMatchObject({ regionId: region.id, code: "CRZ", type: "clientenraad" });
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, row!.id))).toHaveLength(1);
  });

  test("a duplicate abbreviation becomes a form error and writes nothing", async () => {
    const { region, cookie } = await staffOf("staff_admin");
    await createOrganisationRecord(database.db, region.id, { code: "DUBB", name: "Eerste" });
    const { data } = await run(() =>
      newOrganisationRoute.action({
        request: postRequest("/beheer/organisaties/nieuw", { name: "Tweede", code: "DUBB", type: "aanbieder" }, cookie),
        context: testContext(),
        params: {},
      }),
    );
    expect(JSON.stringify(data)).toContain("al in gebruik");
    expect(await database.db.select().from(organisations).where(eq(organisations.name, "Tweede"))).toHaveLength(0);
  });

  test("malformed and overlong input gets Dutch field messages", async () => {
    const { cookie } = await staffOf("staff_admin");
    const { data } = await run(() =>
      newOrganisationRoute.action({
        request: postRequest("/beheer/organisaties/nieuw", { name: "x".repeat(500), code: "1!", type: "geheim" }, cookie),
        context: testContext(),
        params: {},
      }),
    );
    const errors = (data as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors.name?.[0]).toContain("hoogstens 160 tekens");
    expect(errors.code?.[0]).toContain("2 tot 10 letters");
    expect(errors.type?.[0]).toBe("Kies een soort organisatie.");
  });

  test("an editor may see organisations but not add one", async () => {
    const { cookie } = await staffOf("staff_editor");
    const list = await run(() => organisationsRoute.loader({ request: getRequest("/beheer/organisaties", cookie), context: testContext(), params: {} }));
    expect(list.data).not.toBeNull();
    const add = await run(() =>
      newOrganisationRoute.action({
        request: postRequest("/beheer/organisaties/nieuw", { name: "Mag niet", code: "MN", type: "aanbieder" }, cookie),
        context: testContext(),
        params: {},
      }),
    );
    expect(add.response?.status).toBe(403);
  });

  test("another region's organisation answers 404, never its data", async () => {
    const { cookie } = await staffOf("staff_admin");
    const other = await createRegionRecord(database.db);
    const foreign = await createOrganisationRecord(database.db, other.region.id, { name: "Geheime Raad" });
    const page = await run(() =>
      organisationRoute.loader({ request: getRequest(`/beheer/organisaties/${foreign.id}`, cookie), context: testContext(), params: { organisationId: foreign.id } }),
    );
    expect(page.response?.status).toBe(404);
    const invite = await run(() =>
      organisationRoute.action({
        request: postRequest(`/beheer/organisaties/${foreign.id}`, { name: "X", email: "x@example.org", role: "member" }, cookie),
        context: testContext(),
        params: { organisationId: foreign.id },
      }),
    );
    expect(invite.response?.status).toBe(404);
    const list = await run(() => organisationsRoute.loader({ request: getRequest("/beheer/organisaties?zoek=Geheime", cookie), context: testContext(), params: {} }));
    expect(JSON.stringify(list.data)).not.toContain("Geheime Raad");
  });

  test("a request without a session to a staff page is sent to the login page", async () => {
    const { response } = await run(() => organisationsRoute.loader({ request: getRequest("/beheer/organisaties"), context: testContext(), params: {} }));
    expect(response?.status).toBe(302);
    expect(response?.headers.get("Location")).toBe("/inloggen?terug=%2Fbeheer%2Forganisaties");
  });

  test("a member of an organisation gets no staff pages", async () => {
    const { region } = await createRegionRecord(database.db);
    const council = await createOrganisationRecord(database.db, region.id);
    const member = await createUserRecord(database.db, { memberships: [{ organisationId: council.id, role: "member" }] });
    const { cookie } = await sessionFor(database.db, member.id);
    const { response } = await run(() => organisationsRoute.loader({ request: getRequest("/beheer/organisaties", cookie), context: testContext(), params: {} }));
    expect(response?.status).toBe(403);
  });

  test("the list is filtered by allow-listed type and paginated", async () => {
    const { region, cookie } = await staffOf("staff_editor");
    for (let i = 0; i < 30; i++) await createOrganisationRecord(database.db, region.id, { type: "aanbieder", name: `Aanbieder ${String(i).padStart(2, "0")}` });
    await createOrganisationRecord(database.db, region.id, { type: "gemeente", name: "Gemeente Eén" });
    const page2 = await run(() => organisationsRoute.loader({ request: getRequest("/beheer/organisaties?soort=aanbieder&pagina=2", cookie), context: testContext(), params: {} }));
    const data = page2.data as { total: number; rows: Array<{ name: string }> };
    expect(data.total).toBe(30);
    expect(data.rows.map((r) => r.name)).toEqual(["Aanbieder 25", "Aanbieder 26", "Aanbieder 27", "Aanbieder 28", "Aanbieder 29"]);
    const bogus = await run(() => organisationsRoute.loader({ request: getRequest("/beheer/organisaties?soort=drop%20table", cookie), context: testContext(), params: {} }));
    expect((bogus.data as { total: number }).total).toBe(32);
  });

  test("a platform admin creates a second region that shares nothing with the first", async () => {
    const admin = await createUserRecord(database.db, { isPlatformAdmin: true });
    const { cookie } = await sessionFor(database.db, admin.id);
    const { data } = await run(() =>
      regionsRoute.action({
        request: postRequest("/platform/regios", { name: "Jeugdregio Test", shortName: "JT", slug: "jeugdregio-test", adminName: "Beheer", adminEmail: "beheer-jt@example.org" }, cookie),
        context: testContext(),
        params: {},
      }),
    );
    expect((data as { created: string }).created).toBe("Jeugdregio Test");
    const again = await run(() =>
      regionsRoute.action({
        request: postRequest("/platform/regios", { name: "Nog een", shortName: "NE", slug: "jeugdregio-test", adminName: "B", adminEmail: "b@example.org" }, cookie),
        context: testContext(),
        params: {},
      }),
    );
    expect(JSON.stringify(again.data)).toContain("al in gebruik");
  });

  test("only a platform admin may create regions", async () => {
    const { cookie } = await staffOf("staff_admin");
    const { response } = await run(() =>
      regionsRoute.action({
        request: postRequest("/platform/regios", { name: "X", shortName: "X", slug: "x", adminName: "B", adminEmail: "b@example.org" }, cookie),
        context: testContext(),
        params: {},
      }),
    );
    expect(response?.status).toBe(403);
  });

  test("a staff admin sets an organisation's postal address line by line, audited; markup or six lines are refused and write nothing", async () => {
    const { region, cookie } = await staffOf("staff_admin");
    const organisation = await createOrganisationRecord(database.db, region.id, { type: "gemeente" });
    const post = (postalAddress: string) =>
      run(() =>
        organisationRoute.action({
          request: postRequest(`/beheer/organisaties/${organisation.id}`, { intent: "address", postalAddress }, cookie),
          context: testContext(),
          params: { organisationId: organisation.id },
        }),
      );
    const saved = await post("  Postbus 1002 \r\n\r\n3130 EB Vlaardingen ");
    expect(saved.data).toMatchObject({ addressSaved: true });
    const addressOf = async () => (await database.db.select().from(organisations).where(eq(organisations.id, organisation.id)))[0]!.postalAddress;
    expect(await addressOf()).toBe("Postbus 1002\n3130 EB Vlaardingen");
    const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, organisation.id));
    expect(audits.map((a) => a.action)).toContain("organisation.address");

    for (const bad of ["<script>alert(1)</script>", "1\n2\n3\n4\n5\n6", "x".repeat(301)]) {
      const refused = await post(bad);
      expect(refused.data).toMatchObject({ addressSaved: false });
      expect(JSON.stringify(refused.data)).toMatch(/hoogstens|bevat geen/);
    }
    expect(await addressOf()).toBe("Postbus 1002\n3130 EB Vlaardingen");
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, organisation.id))).toHaveLength(audits.length);
  });

  test("a staff editor may not change a postal address", async () => {
    const { region, cookie } = await staffOf("staff_editor");
    const organisation = await createOrganisationRecord(database.db, region.id, { type: "gemeente" });
    const { response } = await run(() =>
      organisationRoute.action({
        request: postRequest(`/beheer/organisaties/${organisation.id}`, { intent: "address", postalAddress: "Postbus 1" }, cookie),
        context: testContext(),
        params: { organisationId: organisation.id },
      }),
    );
    expect(response?.status).toBe(403);
    const [row] = await database.db.select().from(organisations).where(eq(organisations.id, organisation.id));
    expect(row!.postalAddress).toBeNull();
  });

  test("a NUL character pasted into a postal address is dropped, not a server error", async () => {
    const { region, cookie } = await staffOf("staff_admin");
    const organisation = await createOrganisationRecord(database.db, region.id, { type: "gemeente" });
    const { data } = await run(() =>
      organisationRoute.action({
        request: postRequest(`/beheer/organisaties/${organisation.id}`, { intent: "address", postalAddress: "Postbus\u0000 1\n1000 AA Ergens" }, cookie),
        context: testContext(),
        params: { organisationId: organisation.id },
      }),
    );
    expect(data).toMatchObject({ addressSaved: true });
    const [row] = await database.db.select().from(organisations).where(eq(organisations.id, organisation.id));
    expect(row!.postalAddress).toBe("Postbus 1\n1000 AA Ergens");
  });
});
