import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./postgres-cluster";

/** application_name of the server's database connections. */
export const APP_CONNECTION_NAME = "herleidbaar-faults-app";

/** Builds the app once into its own folder (not the shared build/); returns that folder. */
export function buildAppForFaults(): string {
  const result = spawnSync(process.execPath, ["tests/faults/build-app.mjs"], { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
  return path.resolve("node_modules/.cache/herleidbaar-faults");
}

export interface AppServer {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGKILL: no shutdown handler runs, open transactions are left to PostgreSQL. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** node server.js (production, the fault build) against PostgreSQL, without the demo; resolves once /healthz answers 200. */
export async function startAppServer(options: { buildDir: string; databaseUrl: string; port?: number; env?: Record<string, string> }): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), "herleidbaar-faults-app-"));
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      SKIP_BUILD: "1",
      BUILD_DIR: options.buildDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl,
      DEMO: "0",
      SMTP_URL: "",
      // Tags the server's connections, so a test can see them in pg_stat_activity.
      PGAPPNAME: APP_CONNECTION_NAME,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer /healthz within 60 s:\n${output}`);
    }
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const finish = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, child, output: () => output, kill: () => finish("SIGKILL"), stop: () => finish("SIGTERM") };
}
