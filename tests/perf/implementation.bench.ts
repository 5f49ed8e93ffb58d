// Benchmark: the public traceability page of an organisation with 200 points and the public
// uitvoeringsplan with 500 actions, through their route loaders, 10 calls at a time; p50/p95 of the
// loader and of its SQL alone (goal: loader p95 < 100 ms).
// Run: npx tsx tests/perf/implementation.bench.ts   (PGlite in memory; DATABASE_URL=postgres://… to use PostgreSQL)
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { organisations, regions, visions } from "~db/schema";
import { listActions, statusCounts } from "~/implementation/implementation-actions.server";
import { traceability, traceableOrganisations } from "~/implementation/traceability.server";
import type { Database } from "~/lib/db.server";
import { openPglite, openPostgres, pgliteExtensions, setDatabase } from "~/lib/db.server";
import * as tracePage from "~/routes/visies.$regionSlug.$visionSlug.herleidbaarheid";
import * as planPage from "~/routes/visies.$regionSlug.$visionSlug.uitvoering";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const CONCURRENCY = 10;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function open(): Promise<Database> {
  if (process.env.DATABASE_URL) return openPostgres(process.env.DATABASE_URL, 10);
  return openPglite(await PGlite.create({ extensions: pgliteExtensions }));
}

const database = await open();
await database.migrate();
setDatabase(database);
const db = database.db;
const suffix = Date.now().toString(36);

// ---- data, in bulk SQL ----
const [region] = await db.insert(regions).values({ name: `Benchregio ${suffix}`, shortName: "BENCH", slug: `bench-${suffix}` }).returning();
const [organisation] = await db.insert(organisations).values({ regionId: region!.id, type: "adviesraad", name: "Adviesraad Bench", code: "BEN" }).returning();
const [vision] = await db.insert(visions).values({ regionId: region!.id, slug: "visie", title: "Benchvisie" }).returning();
const v = vision!.id;
await db.execute(sql`insert into vision_versions (vision_id, number, label, is_definitive, status, published_at) values (${v}, 1, 'definitief', true, 'published', now())`);
await db.execute(sql`insert into sections (version_id, key, position, kind, number, title, content, plain_text)
  select vv.id, gen_random_uuid(), g, 'bouwsteen', g::text, 'Bouwsteen ' || g, '{"type":"doc","content":[]}'::jsonb, ''
  from vision_versions vv, generate_series(1, 20) g where vv.vision_id = ${v}`);
await db.execute(sql`insert into consultation_rounds (version_id, opens_at, closes_at, answers_published_at)
  select id, now() - interval '60 days', now() - interval '30 days', now() - interval '10 days' from vision_versions where vision_id = ${v}`);
await db.execute(sql`insert into reactions (vision_id, round_id, version_id, organisation_id, kind, status, submitted_at, letter_date)
  select ${v}, cr.id, vv.id, ${organisation!.id}, 'advies', 'submitted', now(), current_date
  from vision_versions vv join consultation_rounds cr on cr.version_id = vv.id where vv.vision_id = ${v}`);
await db.execute(sql`insert into points (reaction_id, vision_id, number, reference, kind, body, plain_text)
  select r.id, ${v}, g, 'BEN-' || g, 'aandachtspunt', '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Punt"}]}]}'::jsonb,
    'Punt ' || g || ': de adviesraad vraagt aandacht voor wachttijden, preventie en samenwerking met het onderwijs in de wijk.'
  from reactions r, generate_series(1, 200) g where r.vision_id = ${v}`);
await db.execute(sql`insert into answers (point_id, body, disposition, status, changed_section_key, changed_version_id)
  select p.id, '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Antwoord van de regio op dit punt, met uitleg over de afweging."}]}]}'::jsonb,
    (array['overgenomen','meegenomen_in_uitvoeringsplan','niet_overgenomen','deels_overgenomen'])[1 + p.number % 4]::disposition, 'vastgesteld',
    case when p.number % 4 = 0 then (select s.key from sections s join vision_versions vv on vv.id = s.version_id where vv.vision_id = ${v} order by s.position limit 1) end,
    case when p.number % 4 = 0 then (select id from vision_versions where vision_id = ${v}) end
  from points p where p.vision_id = ${v}`);
await db.execute(sql`insert into implementation_actions (vision_id, reference, title, owner_organisation_id, starts_on, ends_on, status, progress)
  select ${v}, 'U-' || lpad(g::text, 3, '0'), 'Actie ' || g || ' uit het uitvoeringsplan', ${organisation!.id}, date '2026-01-01', date '2026-01-01' + g,
    (array['gepland','loopt','gereed','vervallen'])[1 + g % 4]::implementation_status, (g * 7) % 101
  from generate_series(1, 500) g`);
await db.execute(sql`insert into implementation_action_sections (action_id, section_key)
  select a.id, s.key from implementation_actions a
  join sections s on s.version_id = (select id from vision_versions where vision_id = ${v}) and (s.position = 1 + substring(a.reference from 3)::int % 20 or s.position = 1 + (substring(a.reference from 3)::int + 7) % 20)
  where a.vision_id = ${v}`);
await db.execute(sql`insert into implementation_action_points (action_id, point_id)
  select a.id, p.id from implementation_actions a join points p on p.vision_id = ${v} and p.number = 1 + substring(a.reference from 3)::int % 200
  where a.vision_id = ${v}`);
await db.execute(sql`insert into implementation_action_updates (action_id, "on", text, status, progress)
  select a.id, date '2026-02-01' + g, 'Update ' || g, a.status, a.progress from implementation_actions a, generate_series(1, 2) g where a.vision_id = ${v}`);
if (database.kind === "postgres") await db.execute(sql`analyze`);

const params = { regionSlug: region!.slug, visionSlug: "visie" };
const context = { clientIp: "127.0.0.1", cspNonce: "bench", setCookie: () => {} };

async function measure(name: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
      }),
    );
  }
  return { name, calls: times.length, "p50 (ms)": Number(percentile(times, 50).toFixed(1)), "p95 (ms)": Number(percentile(times, 95).toFixed(1)) };
}

const rows = [
  await measure("herleidbaarheid (200 punten): loader", () =>
    tracePage.loader({ request: new Request(`http://bench/visies/${params.regionSlug}/visie/herleidbaarheid?organisatie=BEN`), params, context }),
  ),
  await measure("herleidbaarheid (200 punten): SQL", () => Promise.all([traceableOrganisations(db, v, true), traceability(db, v, organisation!.id, true)])),
  await measure("uitvoeringsplan (500 acties): loader", () => planPage.loader({ request: new Request(`http://bench/visies/${params.regionSlug}/visie/uitvoering`), params, context })),
  await measure("uitvoeringsplan (500 acties), pagina 20: loader", () =>
    planPage.loader({ request: new Request(`http://bench/visies/${params.regionSlug}/visie/uitvoering?pagina=20`), params, context }),
  ),
  await measure("uitvoeringsplan (500 acties): SQL", () => Promise.all([listActions(db, v, { page: 1, publicOnly: true }), statusCounts(db, v)])),
];
const traced = await traceability(db, v, organisation!.id, true);
const plan = await listActions(db, v, { page: 1, publicOnly: true });
console.log(`\nDatabase: ${database.kind} · ${CONCURRENCY} calls at a time · ${ROUNDS} rounds · goal loader p95 < 100 ms`);
console.table(rows);
await database.close();
if (traced.length !== 200 || plan.total !== 500) {
  console.error(`Onverwachte data: ${traced.length} punten, ${plan.total} acties`);
  process.exit(1);
}
const missed = rows.filter((r) => r.name.endsWith("loader") && r["p95 (ms)"] >= 100);
if (missed.length > 0) {
  console.error(`Doel gemist: ${missed.map((r) => `${r.name} p95 ${r["p95 (ms)"]} ms`).join("; ")}`);
  process.exit(1);
}
