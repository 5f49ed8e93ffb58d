// `npm run worker`: delivers e-mail and runs background jobs in a process of its own, for deployments
// with several app processes on PostgreSQL (start those with WORKER=external). It uses the app's
// build (like server.js), so the worker runs exactly the code the app runs. Without a separate
// worker, the app process does this work itself.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

process.env.NODE_ENV ??= "production";
const buildFile = path.resolve("build/index.js");

if (!existsSync(buildFile)) {
  console.log("De app wordt gebouwd…");
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const build = await import(pathToFileURL(buildFile).href);
const { startWorkerProcess, stopWorkerProcess, surviveDatabaseOutages } = build.entry.module;
// A database that goes away must not crash the worker; it retries until the database is back.
surviveDatabaseOutages();

try {
  await startWorkerProcess();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: verwerker stopt na de lopende ronde…`);
  await stopWorkerProcess();
  process.exit(0);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
