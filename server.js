// HTTP server: builds the app when needed, opens and migrates the database (through the build's
// entry module, so one copy of the database code exists), then serves Remix with security headers.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

process.env.NODE_ENV ??= "production";
// BUILD_DIR: run a build made elsewhere (the fault tests build into their own folder, with the
// browser assets in BUILD_DIR/assets); by default build/ with the assets in public/build.
const buildDir = process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : undefined;
const buildFile = buildDir ? path.join(buildDir, "index.js") : path.resolve("build/index.js");
const assetsDir = buildDir ? path.join(buildDir, "assets") : "public/build";

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const sources = Math.max(newestSourceTime("app"), newestSourceTime("db"), statSync("remix.config.js").mtimeMs);
  if (existsSync(buildFile) && statSync(buildFile).mtimeMs >= sources) return;
  console.log("De app wordt gebouwd…");
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// WEB_CONCURRENCY=n (PostgreSQL only; PGlite is one process's database): n processes share the
// port. The first one migrates, loads the demo and runs the background worker; the others serve.
const processes = process.env.DATABASE_URL ? Math.max(1, Number(process.env.WEB_CONCURRENCY ?? 1) || 1) : 1;
if (processes > 1 && cluster.isPrimary) {
  if (process.env.SKIP_BUILD !== "1") buildIfNeeded();
  await runPrimary(processes);
} else {
  if (processes === 1 && process.env.SKIP_BUILD !== "1") buildIfNeeded();
  await runServer();
}

/** Starts the serving processes (the first before the others) and replaces any that dies. */
async function runPrimary(count) {
  let stopping = false;
  // Each process keeps its heap (memo, page cache, requests) under WEB_HEAP_MB (default 384): V8
  // otherwise lets it grow far beyond what it uses before collecting.
  cluster.setupPrimary({
    execArgv: [...process.execArgv, `--max-old-space-size=${Number(process.env.WEB_HEAP_MB ?? 384)}`],
  });
  const fork = (role) => {
    const worker = cluster.fork({ HERLEIDBAAR_PROCESS_ROLE: role });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(
        `Serverproces ${worker.process.pid} (${role}) stopte (${signal ?? code}); een nieuw wordt gestart.`,
      );
      fork(role);
    });
    return worker;
  };
  const first = fork("first");
  await new Promise((resolve, reject) => {
    first.once("listening", resolve);
    first.once("exit", () => reject(new Error("Het eerste serverproces is gestopt tijdens het starten.")));
  }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
  for (let i = 1; i < count; i++) fork("extra");
  const stopAll = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    let left = Object.keys(cluster.workers ?? {}).length;
    if (left === 0) process.exit(0);
    cluster.on("exit", () => {
      left -= 1;
      if (left <= 0) process.exit(0);
    });
  };
  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGINT"));
}

async function runServer() {
  // Imported here, so the primary of several processes stays small (it only forks).
  const { createRequestHandler } = await import("@remix-run/express");
  const { default: compression } = await import("compression");
  const { default: express } = await import("express");
  const serverBuild = await import(pathToFileURL(buildFile).href);
  const { startApp, stopApp, withDatabaseErrorPages, surviveDatabaseOutages, publicPageCache } =
    serverBuild.entry.module;
  surviveDatabaseOutages();
  // Every loader and action: an unreachable database answers 503 with a Dutch page, not a 500.
  const build = withDatabaseErrorPages(serverBuild);
  const { databaseKind } = await startApp({
    role: process.env.HERLEIDBAAR_PROCESS_ROLE === "extra" ? "extra" : "first",
  });

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use(compression());

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1") {
      res.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
    next();
  });

  // CSRF: every mutation must come from this origin (plus SameSite=Lax cookies). No exceptions.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    const expected = `${req.protocol}://${req.get("host")}`;
    if (origin && origin === expected) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Geweigerd: dit formulier komt niet van deze website.");
  });

  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  // Only the files public/ holds: a static lookup on every page request costs a stat() each time.
  for (const file of readdirSync("public", { withFileTypes: true })) {
    if (file.isFile()) app.get(`/${file.name}`, express.static("public", { maxAge: "1h" }));
  }

  // Anonymous visitors of public pages get a page rendered once per data version (PAGE_CACHE=0: off).
  if (process.env.PAGE_CACHE !== "0") app.use(publicPageCache());

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext(req, res) {
        return {
          clientIp: req.ip ?? req.socket.remoteAddress ?? "onbekend",
          // The page cache renders with a placeholder it swaps for each response's own nonce.
          cspNonce: res.locals.renderNonce ?? res.locals.cspNonce,
          setCookie(cookie) {
            res.append("Set-Cookie", cookie);
          },
        };
      },
    }),
  );

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "localhost";
  const server = app.listen(port, host, () => {
    console.log(`Herleidbaar draait op http://${host}:${port} (database: ${databaseKind})`);
  });

  let stopping = false;
  async function shutdown(signal) {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: afsluiten…`);
    server.close();
    server.closeAllConnections?.();
    await stopApp();
    process.exit(0);
  }
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}
