// Step 1 of `npm run bench` (tests/perf/bench.mjs runs it before starting the server):
//   npx tsx tests/perf/prepare.ts <out.json>    (DATABASE_URL=postgres://… or DATA_DIR=<PGlite folder>)
// Migrates the database, generates the large region (tests/perf/large-region.ts), then measures the
// SQL floor of every page scenario: the page is requested through the built app's own request handler
// in this process, with a drizzle logger recording each statement it runs, once cold (new data
// version: no memo or page cache) and once warm. The cold statements are the page's own SQL; run again
// on their own, one after another, on the same connection pool, their summed time (median of 5) is the
// page's "SQL alone". The same statements are also run by as many concurrent clients as the page is
// loaded with: that median is the floor under load, which bench.mjs divides the page's p50 by (the
// overhead ratio). Writes the scenarios, their floors and statement counts to <out.json>.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { createRequestHandler } from "@remix-run/node";
import type { ServerBuild } from "@remix-run/node";
import type { Logger } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "~db/schema";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import type { Database, Db } from "~/lib/db.server";
import { pgliteExtensions, setDatabase } from "~/lib/db.server";
import { findLargeRegion, generateLargeRegion } from "./large-region";
import { benchScenarios } from "./scenarios";

const out = process.argv[2] ?? "bench-scenarios.json";
const scale = Number(process.env.BENCH_SCALE ?? 1);
const password = process.env.BENCH_PASSWORD ?? "bench-herleidbaar-2026";

type Statement = { query: string; params: unknown[] };
/** Statements recorded while recording is on. */
let recording: Statement[] | null = null;
const logger: Logger = {
  logQuery(query, params) {
    recording?.push({ query, params });
  },
};

let runRaw: (query: string, params: unknown[]) => Promise<unknown>;
let database: Database;
const migrationsFolder = path.resolve("db/migrations");
if (process.env.DATABASE_URL) {
  const client = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema, logger }) as unknown as Db;
  database = { db, kind: "postgres", migrate: () => migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder }), close: () => client.end({ timeout: 5 }) };
  runRaw = (query, params) => client.unsafe(query, params as never[]);
} else {
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error("Geef DATABASE_URL of DATA_DIR op.");
  const client = await PGlite.create(dataDir, { extensions: pgliteExtensions });
  const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
  database = { db, kind: "pglite", migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }), close: () => client.close() };
  runRaw = (query, params) => client.query(query, params);
}
await database.migrate();
setDatabase(database);
const db = database.db;

const started = performance.now();
const region = (process.env.BENCH_REUSE === "1" && (await findLargeRegion(db))) || (await generateLargeRegion(db, { scale, staffPassword: password }));
const generateSeconds = (performance.now() - started) / 1000;
console.log(`Grote regio gegenereerd in ${generateSeconds.toFixed(1)} s (${database.kind}, schaal ${scale}):`, region.counts);

const session = await createSession(db, region.staffId);
const cookie = `${SESSION_COOKIE}=${session.token}`;
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
const handle = createRequestHandler(build, "production");
const newContext = () => ({ clientIp: "127.0.0.1", cspNonce: "bench", setCookie: () => {} });

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The statements that only read: the ones that can be run again without changing anything. */
const readsOf = (statements: Statement[]) => statements.filter((s) => /^\s*(select|with)\b/i.test(s.query));

/** Runs the read statements alone, one after another; the median of 5 runs of their summed time. */
async function sqlAlone(statements: Statement[]) {
  const reads = readsOf(statements);
  const sums: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    for (const s of reads) await runRaw(s.query, s.params);
    sums.push(performance.now() - t);
    if (sums[0]! > 2000) break; // a page this slow is not measured five times
  }
  if (process.env.BENCH_VERBOSE === "1") {
    for (const s of reads) {
      const t = performance.now();
      await runRaw(s.query, s.params);
      console.log(`    ${(performance.now() - t).toFixed(1).padStart(8)} ms  ${s.query.replace(/\s+/g, " ").slice(0, 160)}`);
    }
  }
  return median(sums);
}

/**
 * The same read statements under the load the page is measured with: `connections` clients each run
 * the whole sequence again and again for ~1.5 s. The median time of one sequence is the floor the
 * page's p50 at that many connections is compared with (both then include waiting for the database
 * and the CPU; comparing a loaded p50 with an unloaded floor would measure the queue, not the app).
 */
async function sqlUnderLoad(statements: Statement[], connections: number) {
  const reads = readsOf(statements);
  const times: number[] = [];
  const until = performance.now() + 1500;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let runs = 0; runs < 3 || performance.now() < until; runs++) {
        const t = performance.now();
        for (const s of reads) await runRaw(s.query, s.params);
        times.push(performance.now() - t);
        if (runs >= 2 && performance.now() - t > 1000) break; // a slow page is not hammered for long
      }
    }),
  );
  return median(times);
}

/** One request with its statements recorded. */
async function recordedRequest(request: () => Promise<Response>) {
  recording = [];
  const started = performance.now();
  const response = await request();
  const bytes = (await response.arrayBuffer()).byteLength;
  const ms = performance.now() - started;
  const statements = recording;
  recording = null;
  return { response, bytes, ms, statements };
}

const scenarios = benchScenarios(region);
const measured = [];
for (const scenario of scenarios.filter((s) => s.method === "GET")) {
  const request = () => handle(new Request(`http://127.0.0.1${scenario.path}`, { headers: scenario.staff ? { cookie } : {} }), newContext());
  const warm = await request(); // JIT warm, as under load
  await warm.arrayBuffer();
  // Cold: a new data version, so no memo or page cache answers. These statements are the page's own
  // SQL, the data it is made of; their time alone is the floor the page's latency is compared with.
  await runRaw("update data_version set version = version + 1", []);
  const cold = await recordedRequest(request);
  // Warm: what a request costs while the data is unchanged (memos and page cache answer).
  const hot = await recordedRequest(request);
  const sqlMs = await sqlAlone(cold.statements);
  const warmSqlMs = await sqlAlone(hot.statements);
  const loadedSqlMs = await sqlUnderLoad(cold.statements, scenario.connections);
  measured.push({
    ...scenario,
    status: hot.response.status,
    bytes: hot.bytes,
    statements: cold.statements.length,
    warmStatements: hot.statements.length,
    sqlMs: Number(sqlMs.toFixed(2)),
    warmSqlMs: Number(warmSqlMs.toFixed(2)),
    loadedSqlMs: Number(loadedSqlMs.toFixed(2)),
    coldMs: Number(cold.ms.toFixed(1)),
    singleMs: Number(hot.ms.toFixed(1)),
  });
  console.log(
    `  ${scenario.name}: ${hot.response.status}, ${cold.statements.length} statements (warm ${hot.statements.length}), SQL alone ${sqlMs.toFixed(1)} ms (warm ${warmSqlMs.toFixed(1)}; at ${scenario.connections} connections ${loadedSqlMs.toFixed(1)}), one request cold ${cold.ms.toFixed(1)} ms, warm ${hot.ms.toFixed(1)} ms`,
  );
}
writeFileSync(out, JSON.stringify({ kind: database.kind, scale, generateSeconds, region, cookieName: SESSION_COOKIE, password, scenarios: [...measured, ...scenarios.filter((s) => s.method !== "GET")] }, null, 2));
setDatabase(undefined);
await database.close();
