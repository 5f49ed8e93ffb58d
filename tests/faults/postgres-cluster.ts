import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A throwaway PostgreSQL cluster the fault tests may stop and start, like .ci/run makes one: initdb
 * and pg_ctl from Debian's postgresql package, trust auth on a free loopback port, data in a temp
 * folder. initdb refuses root, so as root everything runs as the postgres user.
 */

/** The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl, or null. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, "bin", "initdb")) && existsSync(path.join(root, name, "bin", "pg_ctl")))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  if (!newest) return null;
  // As root the cluster must run as the postgres user.
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) return null;
  return path.join(root, newest, "bin");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface Cluster {
  url: string;
  port: number;
  /** Fast shutdown: open connections are terminated (57P01), new ones refused. */
  stop(): void;
  start(): void;
  /** Stops it and removes its folder; safe to call twice. */
  destroy(): void;
}

export async function startCluster(binDir: string): Promise<Cluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "herleidbaar-faults-pg-"));
  if (asRoot) {
    const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gids = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  const port = await freePort();
  const dataDir = path.join(dir, "data");
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? "runuser" : path.join(binDir, tool);
    const fullArgs = asRoot ? ["-u", "postgres", "--", path.join(binDir, tool), ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: "utf8" });
    if (result.status !== 0) {
      const log = existsSync(path.join(dir, "log")) ? spawnSync("cat", [path.join(dir, "log")], { encoding: "utf8" }).stdout : "";
      throw new Error(`${tool} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}\n${log}`);
    }
  };
  run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const start = () =>
    run("pg_ctl", ["-D", dataDir, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "-l", path.join(dir, "log"), "-w", "start"]);
  start();
  let running = true;
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    start() {
      start();
      running = true;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        if (running) run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
