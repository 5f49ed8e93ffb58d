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

async function staffSearch(search: string) {
  const { data, response } = await run(() =>
    staffTrace.loader({ request: getRequest(`/x?zoek=${encodeURIComponent(search)}`, staffCookie), params: { visionId: s.vision.id }, context: testContext() }),
  );
  return { found: data?.found ?? null, location: response?.headers.get("Location") ?? null };
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
    expect((await staffSearch(s.council.name.slice(0, 12))).found?.items).toContainEqual({ id: s.council.id, code: s.council.code, name: s.council.name, points: 3 });
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
    expect((await staffSearch("(hernoemd)")).found?.items).toEqual([{ id: s.council.id, code: s.council.code, name: `${s.council.name} (hernoemd)`, points: 4 }]);

    const hidden = await publicPage(s.council.code);
    expect(hidden.points).toBe(0);
    expect(hidden.optionsHtml).not.toContain(`value="${s.council.code}"`);
    await s.publishAnswers();
    const shown = await publicPage(s.council.code);
    expect(shown.points).toBe(4);
    expect(shown.optionsHtml).toContain(`<option value="${s.council.code}" selected="">${s.council.name} (hernoemd) (4 punten)</option>`);
    expect(shown.itemsHtml).toContain(`href="/visies/${publicParams.regionSlug}/${publicParams.visionSlug}/uitvoering/${created.action.reference}"`);
  });

  test("organisation names reach the public pre-rendered picker escaped", async () => {
    await database.db.update(organisations).set({ name: 'Adviesraad <b>"Vet"</b> & Co' }).where(eq(organisations.id, s.council.id));
    const page = await publicPage(s.council.code);
    expect(page.optionsHtml).toContain(`<option value="${s.council.code}" selected="">Adviesraad &lt;b&gt;&quot;Vet&quot;&lt;/b&gt; &amp; Co (4 punten)</option>`);
    expect(page.optionsHtml).not.toContain("<b>");
  });

  test("staff find an organisation by part of its name or code; a whole code opens it; no match says so", async () => {
    const byName = await staffSearch("vet");
    expect(byName.found?.items.map((o) => o.id)).toEqual([s.council.id]);
    const byCode = await staffSearch(s.council.code.toLowerCase());
    expect(byCode.location).toBe(`/beheer/visies/${s.vision.id}/uitvoering/herleidbaarheid?organisatie=${s.council.id}`);
    expect((await staffSearch("geen-organisatie-heet-zo")).found).toEqual({ total: 0, pageSize: 50, items: [] });
    // An empty search lists every organisation of the region.
    const all = await staffSearch("");
    expect(all.found!.items.map((o) => o.id)).toEqual(expect.arrayContaining([s.council.id, s.municipality.id]));
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
