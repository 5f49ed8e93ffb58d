// npm run bench: the benchmark suite of issue 9 (not part of npm test: speed goals live here).
//
// 1. Builds the app (BENCH_SKIP_BUILD=1 reuses build/).
// 2. Picks a database: DATABASE_URL=postgres://… (a fresh database "herleidbaar_bench" is created
//    next to the one in the URL); otherwise a throwaway PostgreSQL cluster on a free loopback port when
//    the binaries exist (/usr/lib/postgresql/*/bin, as in .ci/run; stopped and removed afterwards);
//    otherwise PGlite in a temporary folder, at BENCH_SCALE=0.1 unless BENCH_SCALE is given.
// 3. tests/perf/prepare.ts generates the large region (tests/perf/large-region.ts: 13 municipalities,
//    60 sections in two versions, 2,000 reactions, 20,000 points, 500 actions, 200 letters) and
//    measures each page's own SQL alone (its statements run again one after another).
// 4. Starts the built server on loopback, logs in as the bench staff member through POST /inloggen,
//    and runs autocannon (10 connections; renders 1) for every scenario in tests/perf/scenarios.ts:
//    p50/p95/p99, requests/s, errors, gzipped JS shipped, SQL alone, statements, latency / SQL.
//    The server's peak memory (PSS summed over its processes: WEB_CONCURRENCY, default 2 on PostgreSQL;
//    and, for comparison, RSS summed) is sampled throughout.
// 5. Runs the function-level benches: autosave + 200 submissions in one minute (reactions.bench.ts),
//    the 50-page DOCX import (docx-import.bench.ts), 500 letters rendered in the background
//    (letters.bench.ts, BENCH_LETTERS=0 skips), and e-mail (email.bench.ts, BENCH_EMAIL=0 skips);
//    BENCH_REACTIONS=0 skips the reactions bench.
// 6. Prints the summary table with each goal met (ja) or missed (NEE).
//
// BENCH_SECONDS (default 10) per page; the shared development machine: BENCH_SECONDS=3.
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import postgres from "postgres";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const GOALS = { p95: 100, ratio: 3, memoryMb: 400, jsKb: 150, submitP95: 500, autosaveP95: 50, importMs: 2000, renderMs: 500 };

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function build() {
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(1);
}

/** A throwaway PostgreSQL cluster, as .ci/run starts one; undefined when there are no binaries. */
async function startThrowawayPostgres() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin/initdb"))).sort((a, b) => Number(a) - Number(b));
  if (versions.length === 0) return undefined;
  const bin = path.join(root, versions.at(-1), "bin");
  const dir = mkdtempSync(path.join(tmpdir(), "herleidbaar-bench-pg-"));
  const port = await freePort();
  // initdb refuses root: run it as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(spawnSync("id", ["-u", "postgres"]).stdout.toString().trim()), Number(spawnSync("id", ["-g", "postgres"]).stdout.toString().trim()));
  const run = (cmd, args) => (asRoot ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8" }) : spawnSync(cmd, args, { encoding: "utf8" }));
  let result = run(path.join(bin, "initdb"), ["-D", `${dir}/data`, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  if (result.status !== 0) throw new Error(`initdb: ${result.stderr}`);
  result = run(path.join(bin, "pg_ctl"), ["-D", `${dir}/data`, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "-l", `${dir}/log`, "-w", "start"]);
  if (result.status !== 0) throw new Error(`pg_ctl start: ${result.stderr}\n${readFileSync(`${dir}/log`, "utf8")}`);
  console.log(`Tijdelijke PostgreSQL ${versions.at(-1)} op poort ${port}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run(path.join(bin, "pg_ctl"), ["-D", `${dir}/data`, "-m", "fast", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freshDatabase(adminUrl) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("DROP DATABASE IF EXISTS herleidbaar_bench");
  await admin.unsafe("CREATE DATABASE herleidbaar_bench");
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = "/herleidbaar_bench";
  return url.toString();
}

/** The server and every process it started (cluster workers). */
function processTree(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return [pid, ...children.flatMap((child) => processTree(Number(child)))];
  } catch {
    return []; // the process has just ended
  }
}

/** A kB field of a /proc file, summed over the server's process tree, in MB. */
function treeMb(pid, file, field) {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(readFileSync(`/proc/${p}/${file}`, "utf8"))?.[1] ?? 0) / 1024;
    } catch {
      // the process has just ended
    }
  }
  return total;
}

/**
 * RSS summed over processes counts the pages they share (the node executable, libraries, the
 * build's code mapped by each worker) once per process; PSS divides every shared page among the
 * processes that map it, so its sum is what the app really occupies. The goal is checked on PSS.
 */
const rssMb = (pid) => treeMb(pid, "status", "VmRSS");
const pssMb = (pid) => treeMb(pid, "smaps_rollup", "Pss");

function tsx(script, args, env) {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  return result;
}

// ---------- run ----------
build();
let cluster;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl && process.env.BENCH_PGLITE !== "1") {
  cluster = await startThrowawayPostgres();
  adminUrl = cluster?.url;
}
const cleanups = [() => cluster?.stop()];
function cleanUp() {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      fn();
    } catch {
      // best effort
    }
  }
}
process.on("SIGINT", () => process.exit(130));
// Every clean-up step is synchronous, so the server, the cluster and the temporary files also go when the bench fails.
process.on("exit", cleanUp);

const work = mkdtempSync(path.join(tmpdir(), "herleidbaar-bench-"));
cleanups.push(() => rmSync(work, { recursive: true, force: true }));
const databaseUrl = adminUrl ? await freshDatabase(adminUrl) : undefined;
const dataDir = path.join(work, "pglite");
const scale = process.env.BENCH_SCALE ?? (databaseUrl ? "1" : "0.1");
const baseEnv = { ...process.env, BENCH_SCALE: scale, NODE_ENV: "production" };
if (databaseUrl) baseEnv.DATABASE_URL = databaseUrl;
else {
  delete baseEnv.DATABASE_URL;
  baseEnv.DATA_DIR = dataDir;
}

const scenarioFile = path.join(work, "scenarios.json");
console.log(`\nGrote regio genereren en de SQL van elke pagina meten (${databaseUrl ? "PostgreSQL" : "PGlite"}, schaal ${scale})…`);
if (tsx("tests/perf/prepare.ts", [scenarioFile], baseEnv).status !== 0) {
  cleanUp();
  process.exit(1);
}
const prepared = JSON.parse(readFileSync(scenarioFile, "utf8"));

const PORT = Number(process.env.BENCH_PORT ?? (await freePort()));
const BASE = `http://127.0.0.1:${PORT}`;
// As in production on this 2-core machine: two server processes on PostgreSQL (README), one on PGlite.
const PROCESSES = databaseUrl ? (process.env.WEB_CONCURRENCY ?? "2") : "1";
const serverEnv = { ...baseEnv, SKIP_BUILD: "1", PORT: String(PORT), HOST: "127.0.0.1", DATA_DIR: dataDir, DEMO: "0", WEB_CONCURRENCY: PROCESSES };
const server = spawn(process.execPath, ["server.js"], { env: serverEnv, stdio: ["ignore", "inherit", "inherit"] });
cleanups.push(() => server.kill("SIGKILL"));
let serverExited = false;
server.once("exit", () => (serverExited = true));
for (let i = 0; i < 600 && !serverExited; i++) {
  try {
    if ((await fetch(`${BASE}/healthz`)).ok) break;
  } catch {
    // starting
  }
  await new Promise((r) => setTimeout(r, 250));
}
if (serverExited) {
  console.error("De server is niet gestart.");
  cleanUp();
  process.exit(1);
}
let peak = 0;
let peakRss = 0;
// smaps_rollup makes the kernel walk every mapping: sampled less often than RSS.
let samples = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rssMb(server.pid));
  if (samples++ % 5 === 0) peak = Math.max(peak, pssMb(server.pid));
}, 100);

// Log in as the bench staff member, as a browser would.
const login = await fetch(`${BASE}/inloggen`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
  body: new URLSearchParams({ email: prepared.region.staffEmail, password: prepared.password, redirectTo: "/beheer" }),
});
const setCookie = login.headers.getSetCookie().find((c) => c.startsWith(`${prepared.cookieName}=`));
if (!setCookie) {
  console.error(`Inloggen mislukt (${login.status}).`);
  cleanUp();
  process.exit(1);
}
const cookie = setCookie.split(";")[0];

/** fetch with one retry: undici may reuse a keep-alive socket the server is just closing. */
async function get(url, init) {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

async function shippedJsKb(pathname, headers) {
  const html = await (await get(`${BASE}${pathname}`, { headers })).text();
  const sources = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]);
  let total = 0;
  for (const src of new Set(sources)) total += gzipSync(Buffer.from(await (await get(`${BASE}${src}`)).arrayBuffer())).length;
  return total / 1024;
}

/** Waits until the server has finished the previous scenario's requests (their queries go on after autocannon stops). */
async function drain() {
  // PGlite runs one query at a time: /healthz answers once the queries queued before it are done.
  await fetch(`${BASE}/healthz`).catch(() => {});
  if (!databaseUrl) return;
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  for (let i = 0; i < 600; i++) {
    const [{ n }] = await sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`;
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await sql.end();
}

const rows = [];
for (const s of prepared.scenarios) {
  await drain();
  const headers = s.staff ? { cookie } : {};
  // A page that takes seconds on its own is measured with 1 connection and 3 requests, not hammered for minutes.
  const tooSlow = s.singleMs > 2000;
  // Exact percentiles from every response time (autocannon's own table has p97.5, not p95).
  const times = [];
  const options = tooSlow ? { connections: 1, amount: 3, timeout: 120 } : { connections: s.connections, duration: DURATION };
  // Warm-up, not measured: every server process computes its memoised data once (the first view
  // after a change; the "koud" column shows that cost), as a page in use would have done.
  if (!tooSlow) await autocannon({ url: `${BASE}${s.path}`, headers, connections: s.connections, amount: 20 * s.connections });
  const instance = autocannon({ url: `${BASE}${s.path}`, headers, ...options });
  instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  const at = (p) => Number((times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0).toFixed(1));
  // No response within the run: every request took longer than the run itself.
  const none = `> ${(tooSlow ? 120 : DURATION) * 1000}`;
  const l = times.length > 0 ? { p50: at(50), p95: at(95), p99: at(99) } : { p50: none, p95: none, p99: none };
  const js = s.kind === "page" ? await shippedJsKb(s.path, headers) : 0;
  // Anonymous public pages come from the whole-page cache after their first render: say so.
  const cacheState = (await get(`${BASE}${s.path}`, { headers }).then(async (r) => (await r.arrayBuffer(), r.headers.get("x-page-cache")))) ?? "-";
  const errors = result.errors + result.timeouts + result.non2xx;
  const p95 = l.p95;
  const ratio = s.loadedSqlMs > 0 && times.length > 0 ? l.p50 / s.loadedSqlMs : Infinity;
  const coldRatio = s.sqlMs > 0 ? s.coldMs / s.sqlMs : Infinity;
  const ok = times.length > 0 && !tooSlow && p95 < s.goalP95 && errors === 0 && (s.kind !== "page" || (ratio < GOALS.ratio && js < GOALS.jsKb));
  rows.push({
    scenario: tooSlow ? `${s.name} (te traag: 1 verbinding, 3 verzoeken)` : s.name,
    conn: options.connections,
    p50: l.p50,
    p95,
    p99: l.p99,
    "req/s": Math.round(result.requests.average),
    errors,
    "JS kB gz": s.kind === "page" ? Number(js.toFixed(1)) : "-",
    "SQL ms": s.sqlMs,
    stmts: s.statements,
    "SQL belast": s.loadedSqlMs,
    "p50/SQL": Number.isFinite(ratio) ? Number(ratio.toFixed(1)) : "-",
    koud: s.coldMs ?? "-",
    "koud/SQL": Number.isFinite(coldRatio) ? Number(coldRatio.toFixed(1)) : "-",
    warm: s.singleMs ?? "-",
    "stmts warm": s.warmStatements ?? "-",
    cache: cacheState === "hit" ? "pagina" : "-",
    doel: ok ? "ja" : "NEE",
  });
  process.stdout.write(`  ${s.name}: p95 ${p95} ms, ${times.length} antwoorden, ${errors} fouten\n`);
}
clearInterval(sampler);
server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));

// ---------- function-level benches ----------
const subEnv = { ...process.env };
if (adminUrl) subEnv.DATABASE_URL = await freshDatabase(adminUrl);
else delete subEnv.DATABASE_URL;
const lines = [];
console.log("\nReacties: autosave van een reactie van 30 punten; 200 organisaties dienen in dezelfde minuut in");
const reactionsOut = process.env.BENCH_REACTIONS === "0" ? "" : (tsx("tests/perf/reactions.bench.ts", [], subEnv).stdout ?? "");
const autosave = /autosave[^\n]*p95 ([\d.]+) ms/.exec(reactionsOut);
const submit = /(\d+) submissions[^\n]*in ([\d.]+) s: p50 [\d.]+ ms, p95 ([\d.]+) ms[^\n]*stored (\d+)\/(\d+), errors (\d+)/.exec(reactionsOut);
lines.push({ meting: "autosave, reactie van 30 punten (p95)", waarde: autosave ? `${autosave[1]} ms` : "?", doel: `< ${GOALS.autosaveP95} ms`, gehaald: autosave && Number(autosave[1]) < GOALS.autosaveP95 ? "ja" : "NEE" });
lines.push({
  meting: "indienen: 200 organisaties in één minuut",
  waarde: submit ? `${submit[4]}/${submit[5]} opgeslagen in ${submit[2]} s, p95 ${submit[3]} ms, ${submit[6]} fouten` : "?",
  doel: `geen verlies, p95 < ${GOALS.submitP95} ms`,
  gehaald: submit && submit[4] === submit[5] && submit[6] === "0" && Number(submit[3]) < GOALS.submitP95 ? "ja" : "NEE",
});
console.log("\nImport van een DOCX van 50 pagina's");
const importOut = tsx("tests/perf/docx-import.bench.ts", [], subEnv).stdout ?? "";
const imported = /docx-import: (\d+) ms/.exec(importOut);
lines.push({ meting: "import DOCX van 50 pagina's", waarde: imported ? `${imported[1]} ms` : "?", doel: `< ${GOALS.importMs} ms`, gehaald: imported && Number(imported[1]) < GOALS.importMs ? "ja" : "NEE" });
if (process.env.BENCH_LETTERS !== "0") {
  console.log("\nBrieven: een antwoordbrief van 20 punten als PDF en DOCX; 500 brieven op de achtergrond");
  if (adminUrl) subEnv.DATABASE_URL = await freshDatabase(adminUrl);
  const lettersOut = tsx("tests/perf/letters.bench.ts", [], subEnv).stdout ?? "";
  const all = /Render all[^\n]*: (\d+) letters in ([\d.]+) s/.exec(lettersOut);
  const ratio = /p95 ([\d.]+)x/.exec(lettersOut);
  lines.push({ meting: "500 brieven op de achtergrond", waarde: all ? `${all[1]} in ${all[2]} s` : "?", doel: "< 120 s", gehaald: all && Number(all[2]) < 120 ? "ja" : "NEE" });
  lines.push({ meting: "brievenoverzicht tijdens die taak (p95 / ervoor)", waarde: ratio ? `${ratio[1]}×` : "?", doel: "≤ 2×", gehaald: ratio && Number(ratio[1]) <= 2 ? "ja" : "NEE" });
}
if (process.env.BENCH_EMAIL !== "0") {
  console.log("\nE-mail: 1.000 berichten naar een lokale SMTP-server");
  tsx("tests/perf/email.bench.ts", [], subEnv);
}
cleanUp();

// ---------- summary ----------
const region = prepared.region.counts;
console.log(`\n===== Samenvatting (${prepared.kind === "postgres" ? "PostgreSQL" : "PGlite"}, schaal ${prepared.scale}; ${DURATION} s per pagina; ${PROCESSES} serverproces(sen)) =====`);
console.log(
  `Grote regio: ${region.municipalities} gemeenten, ${region.sections} onderdelen, ${region.reactions} reacties, ${region.points} punten, ${region.answers} antwoorden, ${region.actions} acties, ${region.letters} brieven; gegenereerd in ${prepared.generateSeconds.toFixed(1)} s`,
);
console.log(`Doelen: p95 < ${GOALS.p95} ms bij 10 verbindingen (brieven: < ${GOALS.renderMs} ms, 1 verbinding), p50/SQL < ${GOALS.ratio}, JS < ${GOALS.jsKb} kB gz, geen fouten.`);
console.log("SQL ms: de statements van één koud paginaverzoek (nieuwe gegevensversie: geen memo of paginacache) los na elkaar uitgevoerd, de ondergrens; stmts: hun aantal.");
console.log("koud / warm: één verzoek in ms, koud (SQL + render) en warm (memo's en paginacache antwoorden; stmts warm: statements dan); koud/SQL: de overhead van de app op zijn eigen SQL, zonder belasting.");
console.log("SQL belast: dezelfde statements door evenveel gelijktijdige verbindingen als de pagina krijgt (mediaan per reeks), de ondergrens onder belasting.");
console.log("p50/SQL: p50 van de pagina gedeeld door SQL belast; onder 1 antwoordt de pagina sneller dan haar eigen queries, dankzij memo of paginacache. Cache 'pagina': anonieme bezoekers krijgen de pagina uit de paginacache tot de gegevens veranderen.");
console.table(rows);
console.log(
  `Piekgeheugen server (PSS, alle processen samen): ${peak.toFixed(0)} MB (doel < ${GOALS.memoryMb} MB): ${peak < GOALS.memoryMb ? "ja" : "NEE"}; RSS per proces opgeteld (gedeelde pagina's dubbel geteld): ${peakRss.toFixed(0)} MB`,
);
console.table(lines);
const missed = rows.filter((r) => r.doel !== "ja").length + lines.filter((l) => l.gehaald !== "ja").length + (peak < GOALS.memoryMb ? 0 : 1);
console.log(missed === 0 ? "Alle doelen gehaald." : `${missed} doel(en) niet gehaald.`);
