import { beforeAll, expect, test } from "vitest";
import type { Database } from "~/lib/db.server";
import * as previewRoute from "~/routes/beheer.e-mail-voorbeeld";
import { createRegionRecord, createUserRecord, sessionFor } from "../factories";
import { useTestDatabase } from "../setup/db";
import { getRequest, run, testContext } from "../setup/requests";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

test("the formatted e-mail preview is its own script-less document, for staff only", async () => {
  const { regionOrganisation } = await createRegionRecord(database.db);
  const staff = await createUserRecord(database.db, { memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const { cookie } = await sessionFor(database.db, staff.id);
  const { response } = await run(() => previewRoute.loader({ request: getRequest("/beheer/e-mail-voorbeeld?sjabloon=uitnodiging", cookie), context: testContext(), params: {} }));
  expect(response?.headers.get("Content-Type")).toContain("text/html");
  expect(response?.headers.get("Content-Security-Policy")).toMatch(/^default-src 'none';/);
  expect(response?.headers.get("Content-Security-Policy")).not.toContain("script-src");
  expect(await response?.text()).toContain('lang="nl"');
  const anonymous = await run(() => previewRoute.loader({ request: getRequest("/beheer/e-mail-voorbeeld"), context: testContext(), params: {} }));
  expect(anonymous.response?.status).toBe(302);
});
