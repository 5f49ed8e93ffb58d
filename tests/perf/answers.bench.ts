// Benchmark (issue 6): a round of 2,000 reactions / 20,000 points; the triage list (filtered, 50 a
// page) and a Dutch full-text search at 10 concurrent calls, p50/p95 (goal p95 < 100 ms on
// PostgreSQL), each next to its own SQL execution time (EXPLAIN ANALYZE of the same statement).
// Run: npx tsx tests/perf/answers.bench.ts   (PGlite in memory; DATABASE_URL=postgres://… for PostgreSQL)
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { parseTriageFilters } from "~/answers/schema.server";
import { listTriage, rowsOf, triageIds, triageIdsSql, triageRowsSql } from "~/answers/triage.server";
import type { Database } from "~/lib/db.server";
import { openPglite, openPostgres, pgliteExtensions } from "~/lib/db.server";
import { generateLargeRound } from "./large-round";

const REACTIONS = Number(process.env.BENCH_REACTIONS ?? 2000);
const POINTS_PER_REACTION = Number(process.env.BENCH_POINTS_PER_REACTION ?? 10);
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const CONCURRENCY = 10;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function open(): Promise<Database> {
  if (process.env.DATABASE_URL) return openPostgres(process.env.DATABASE_URL, CONCURRENCY);
  return openPglite(await PGlite.create({ extensions: pgliteExtensions }));
}

const database = await open();
await database.migrate();
const db = database.db;

let start = performance.now();
const round = await generateLargeRound(db, { reactions: REACTIONS, pointsPerReaction: POINTS_PER_REACTION });
const [{ n }] = rowsOf<{ n: string | number }>(await db.execute(sql`select count(*) as n from points where vision_id = ${round.visionId}`)) as [{ n: string | number }];
console.log(`Generated ${REACTIONS} reactions / ${n} points in ${((performance.now() - start) / 1000).toFixed(1)} s (${database.kind})`);

const scenarios: Array<{ name: string; params: (i: number) => string }> = [
  { name: "triage: status nieuw, adviesraden, by reference", params: (i) => `status=nieuw&type=adviesraad&pagina=${1 + (i % 5)}` },
  { name: "triage: assigned to me, sorted by section", params: (i) => `toegewezen=mij&sorteer=onderdeel&pagina=${1 + (i % 5)}` },
  { name: "search: wachtlijsten", params: () => "q=wachtlijsten" },
  { name: "search: adviezen jongeren -school (filtered)", params: () => "q=adviezen+jongeren+-school&status=nieuw" },
];

async function explain(statement: ReturnType<typeof triageIdsSql>) {
  const result = rowsOf<Record<string, unknown>>(await db.execute(sql`explain (analyze, format json) ${statement}`));
  const raw = Object.values(result[0]!)[0];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{ "Execution Time": number; "Planning Time": number }>;
  return plan[0]!["Execution Time"] + plan[0]!["Planning Time"];
}

/**
 * The SQL time of one call without the app's memo (this benchmark's database is not the app's): the
 * ordered ids of the filtered list plus the rows of the page (EXPLAIN ANALYZE of the same statements).
 */
async function explainMs(params: URLSearchParams) {
  const filters = parseTriageFilters(params);
  const page = Number(params.get("pagina") ?? 1);
  const ids = (await triageIds(db, round.visionId, filters, round.staffId)).slice((page - 1) * 50, page * 50);
  return (await explain(triageIdsSql(round.visionId, filters, round.staffId))) + (ids.length ? await explain(triageRowsSql(ids, filters.q)) : 0);
}

const rows = [];
for (const scenario of scenarios) {
  // Warm up, then CALLS calls with CONCURRENCY in flight.
  for (let i = 0; i < 5; i++) await listTriage(db, round.visionId, parseTriageFilters(new URLSearchParams(scenario.params(i))), round.staffId, 1);
  const latencies: number[] = [];
  let next = 0;
  let total = 0;
  start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        const i = next++;
        const params = new URLSearchParams(scenario.params(i));
        const t = performance.now();
        const result = await listTriage(db, round.visionId, parseTriageFilters(params), round.staffId, Number(params.get("pagina") ?? 1));
        latencies.push(performance.now() - t);
        total = result.total;
      }
    }),
  );
  const wall = performance.now() - start;
  const sqlTimes: number[] = [];
  for (let i = 0; i < 5; i++) sqlTimes.push(await explainMs(new URLSearchParams(scenario.params(i))));
  const sqlMs = percentile(sqlTimes, 50);
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  rows.push({
    scenario: scenario.name,
    matches: total,
    "p50 ms": Number(p50.toFixed(1)),
    "p95 ms": Number(p95.toFixed(1)),
    "calls/s": Math.round((CALLS / wall) * 1000),
    "SQL ms (ids + page)": Number(sqlMs.toFixed(1)),
    "p50 / SQL": Number((p50 / sqlMs).toFixed(1)),
  });
}
console.log(`\nAnswering: ${CALLS} calls per scenario, ${CONCURRENCY} concurrent, 50 a page · goal p95 < 100 ms on PostgreSQL`);
console.log("SQL ms: EXPLAIN ANALYZE of the call's two statements run alone; p50 / SQL: how much queueing (10 calls on 2 cores) and the driver add.");
console.table(rows);
await database.close();
