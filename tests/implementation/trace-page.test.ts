import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { organisations, points, regions } from "~db/schema";
import { createAction, linkPoint } from "~/implementation/implementation-actions.server";
import { withSelectedOption } from "~/implementation/trace-page.server";
import type { Database } from "~/lib/db.server";
import * as staffTrace from "~/routes/beheer.visies.$visionId.uitvoering_.herleidbaarheid";
import * as publicTrace from "~/routes/visies.$regionSlug.$visionSlug.herleidbaarheid";
import { sessionFor } from "../factories";
import { implementationScenario } from "../factories/implementation";
import { useTestDatabase } from "../setup/db";
import { getRequest, run, testContext } from "../setup/requests";

let database: Database;
let s: Awaited<ReturnType<typeof implementationScenario>>;
let staffCookie: string;
let publicParams: { regionSlug: string; visionSlug: string };
beforeAll(async () => {
  database = await useTestDatabase();
  s = await implementationScenario(database.db);
  staffCookie = (await sessionFor(database.db, s.staff.user.id)).cookie;
  const [region] = await database.db.select().from(regions).where(eq(regions.id, s.region.id));
  publicParams = { regionSlug: region!.slug, visionSlug: s.vision.slug };
});

async function staffPage(organisationId: string) {
  const { data, response } = await run(() =>
    staffTrace.loader({ request: getRequest(`/x?organisatie=${organisationId}`, staffCookie), params: { visionId: s.vision.id }, context: testContext() }),
  );
  if (!data) throw new Error(`status ${response?.status}`);
  return data;
}

async function publicPage(code: string) {
  const { data, response } = await run(() => publicTrace.loader({ request: getRequest(`/x?organisatie=${code}`), params: publicParams, context: testContext() }));
  if (!data) throw new Error(`status ${response?.status}`);
  return data;
}

describe("traceability pages, memoised per data version", () => {
  test("a linked action, an added point, a renamed organisation and published answers show on the very next request", async () => {
    const before = await staffPage(s.council.id);
    expect(before.points).toBe(3);
    expect(before.optionsHtml).toContain(`<option value="${s.council.id}" selected="">${s.council.name} (3 punten)</option>`);
    expect(before.itemsHtml).not.toContain("Wachttijden in beeld");
    // Served again from the memo: the same values.
    expect(await staffPage(s.council.id)).toEqual(before);

    const created = await createAction(database.db, s.staff, s.vision.id, { title: "Wachttijden in beeld", sectionKeys: [s.sectionKey] });
    if (!created.ok) throw new Error(created.message);
    await linkPoint(database.db, s.staff, created.action.id, { pointReference: s.advies.points[0]!.reference });
    const linked = await staffPage(s.council.id);
    expect(linked.itemsHtml).toContain(`href="/beheer/visies/${s.vision.id}/uitvoering/${created.action.id}">${created.action.reference} Wachttijden in beeld</a>`);

    const [first] = await database.db.select().from(points).where(eq(points.id, s.advies.points[0]!.id));
    await database.db.insert(points).values({
      reactionId: first!.reactionId,
      visionId: first!.visionId,
      number: 40,
      reference: `${first!.reference}-extra`,
      kind: first!.kind,
      body: first!.body,
      plainText: "Een later toegevoegd punt.",
    });
    await database.db.update(organisations).set({ name: `${s.council.name} (hernoemd)` }).where(eq(organisations.id, s.council.id));
    const counted = await staffPage(s.council.id);
    expect(counted.points).toBe(4);
    expect(counted.organisation?.name).toBe(`${s.council.name} (hernoemd)`);
    expect(counted.optionsHtml).toContain(`${s.council.name} (hernoemd) (4 punten)</option>`);

    const hidden = await publicPage(s.council.code);
    expect(hidden.points).toBe(0);
    expect(hidden.optionsHtml).not.toContain(`value="${s.council.code}"`);
    await s.publishAnswers();
    const shown = await publicPage(s.council.code);
    expect(shown.points).toBe(4);
    expect(shown.optionsHtml).toContain(`<option value="${s.council.code}" selected="">${s.council.name} (hernoemd) (4 punten)</option>`);
    expect(shown.itemsHtml).toContain(`href="/visies/${publicParams.regionSlug}/${publicParams.visionSlug}/uitvoering/${created.action.reference}"`);
  });

  test("organisation names reach the pre-rendered picker escaped", async () => {
    await database.db.update(organisations).set({ name: 'Gemeente <b>"Vet"</b> & Co' }).where(eq(organisations.id, s.municipality.id));
    const page = await staffPage(s.municipality.id);
    expect(page.optionsHtml).toContain(`<option value="${s.municipality.id}" selected="">Gemeente &lt;b&gt;&quot;Vet&quot;&lt;/b&gt; &amp; Co (2 punten)</option>`);
    expect(page.optionsHtml).not.toContain("<b>");
  });

  test("an organisation of another region or an unknown code is not found, also when asked twice", async () => {
    for (let i = 0; i < 2; i++) {
      expect((await run(() => publicTrace.loader({ request: getRequest("/x?organisatie=ONBEKEND"), params: publicParams, context: testContext() }))).response?.status).toBe(404);
      const other = await run(() =>
        staffTrace.loader({ request: getRequest(`/x?organisatie=${crypto.randomUUID()}`, staffCookie), params: { visionId: s.vision.id }, context: testContext() }),
      );
      expect(other.response?.status).toBe(404);
    }
  });
});

describe("withSelectedOption", () => {
  const html = '<option value="">Kies een organisatie</option><option value="A&amp;B">A &amp; B (1 punt)</option><option value="AB">AB (2 punten)</option>';

  test("selects the option with exactly that value, as React renders defaultValue", () => {
    expect(withSelectedOption(html, "AB")).toBe('<option value="">Kies een organisatie</option><option value="A&amp;B">A &amp; B (1 punt)</option><option value="AB" selected="">AB (2 punten)</option>');
    expect(withSelectedOption(html, "A&B")).toContain('<option value="A&amp;B" selected="">');
    expect(withSelectedOption(html, "")).toMatch(/^<option value="" selected="">Kies een organisatie<\/option>/);
  });

  test("selects nothing for a value that is not in the list", () => {
    expect(withSelectedOption(html, "A")).toBe(html);
  });
});
