// npm run bench: the built app on loopback under autocannon (10 connections), per read page p50/p95/p99,
// requests/s, errors, the gzipped JavaScript it ships, and the server's peak memory; then the e-mail
// bench. PGlite by default; DATABASE_URL=postgres://… benchmarks PostgreSQL (a fresh database
// "herleidbaar_bench" is created next to the one in the URL).
// Not part of npm test: speed goals live here.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import postgres from "postgres";

const PORT = Number(process.env.BENCH_PORT ?? 3999);
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

function build() {
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(1);
}

async function benchDatabaseUrl() {
  if (!process.env.DATABASE_URL) return undefined;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe("DROP DATABASE IF EXISTS herleidbaar_bench");
  await admin.unsafe("CREATE DATABASE herleidbaar_bench");
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = "/herleidbaar_bench";
  return url.toString();
}

async function startServer(databaseUrl) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "herleidbaar-bench-"));
  const env = { ...process.env, NODE_ENV: "production", SKIP_BUILD: "1", PORT: String(PORT), HOST: "127.0.0.1", DATA_DIR: dataDir, DEMO: "1", DEMO_PASSWORD: "bench-demo-wachtwoord" };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["server.js"], { env, stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) break;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, dataDir };
}

function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function shippedJsKb(pathname) {
  const html = await (await fetch(`${BASE}${pathname}`)).text();
  const sources = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]);
  let total = 0;
  for (const src of new Set(sources)) total += gzipSync(Buffer.from(await (await fetch(`${BASE}${src}`)).arrayBuffer())).length;
  return total / 1024;
}

async function run(name, pathname) {
  const result = await autocannon({ url: `${BASE}${pathname}`, connections: 10, duration: DURATION });
  const js = await shippedJsKb(pathname);
  const l = result.latency;
  return { name, path: pathname, p50: l.p50, p95: l.p97_5 ?? l.p95, p99: l.p99, rps: Math.round(result.requests.average), errors: result.errors + result.non2xx, jsKbGz: Number(js.toFixed(1)) };
}

build();
const databaseUrl = await benchDatabaseUrl();
const { child, dataDir } = await startServer(databaseUrl);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child.pid))), 200);
const scenarios = [
  ["home", "/"],
  ["regiovisies", "/visies"],
  ["leesweergave visie (definitief)", "/visies/rijnmond/regiovisie-2026-2030"],
  ["vergelijken eerste concept → definitief", "/visies/rijnmond/regiovisie-2026-2030/vergelijken?van=1&naar=2"],
  ["vaststelling (openbaar)", "/visies/rijnmond/regiovisie-2026-2030/vaststelling"],
  ["uitvoeringsplan (openbaar)", "/visies/rijnmond/regiovisie-2026-2030/uitvoering"],
  ["herleidbaarheid ASDV (openbaar)", "/visies/rijnmond/regiovisie-2026-2030/herleidbaarheid?organisatie=ASDV"],
  ["inloggen", "/inloggen"],
];
const rows = [];
for (const [name, pathname] of scenarios) rows.push(await run(name, pathname));
clearInterval(sampler);
console.log(`\nDatabase: ${databaseUrl ? "PostgreSQL" : "PGlite"} · ${DURATION} s per page · 10 connections · goal p95 < 100 ms`);
console.table(rows);
console.log(`Peak server memory (RSS): ${peak.toFixed(0)} MB (goal < 400 MB)`);
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
rmSync(dataDir, { recursive: true, force: true });

if (process.env.BENCH_EMAIL !== "0") {
  console.log("\nE-mail: 1,000 messages to a local SMTP server");
  spawnSync("npx", ["tsx", "tests/perf/email.bench.ts"], { stdio: "inherit", env: process.env });
}

if (process.env.BENCH_ANSWERS !== "0") {
  console.log("\nAnswering: triage and Dutch search over 2,000 reactions / 20,000 points");
  spawnSync("npx", ["tsx", "tests/perf/answers.bench.ts"], { stdio: "inherit", env: process.env });
}

if (process.env.BENCH_LETTERS !== "0") {
  console.log("\nLetters: one antwoordbrief of 20 points as PDF and DOCX; 500 letters rendered by the background job");
  spawnSync("npx", ["tsx", "tests/perf/letters.bench.ts"], { stdio: "inherit", env: process.env });
}

if (process.env.BENCH_IMPLEMENTATION !== "0") {
  console.log("\nUitvoeringsplan: public traceability of an organisation with 200 points; public plan with 500 actions");
  spawnSync("npx", ["tsx", "tests/perf/implementation.bench.ts"], { stdio: "inherit", env: process.env });
}

if (process.env.BENCH_REACTIONS !== "0") {
  console.log("\nReactions: autosave of a 30-point reaction; 200 organisations submitting in the same minute");
  spawnSync("npx", ["tsx", "tests/perf/reactions.bench.ts"], { stdio: "inherit", env: process.env });
}
