import type { ServerBuild } from "@remix-run/node";

/**
 * Errors that mean "the database cannot be reached right now" (PostgreSQL stopped, restarting, the
 * network gone), as opposed to a bug or bad data. postgres.js reconnects by itself on the next
 * query, so these are temporary: the visitor gets a 503 page and the next request may work again.
 */
const unavailableCodes = new Set([
  // Node sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // postgres.js
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** True when the error (or anything in its cause chain) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const candidate = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof candidate.code === "string" && (unavailableCodes.has(candidate.code) || candidate.code.startsWith("08"))) return true;
    queue.push(candidate.cause);
    // AggregateError (a host name with several addresses, all refused)
    if (Array.isArray(candidate.errors)) queue.push(...(candidate.errors as unknown[]));
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE = "De database is tijdelijk niet bereikbaar. Probeer het over een paar minuten opnieuw.";

function codeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "onbekend";
}

let lastLogged = 0;

/** One log line (no stack, no query text) at most every few seconds while the database is away. */
function logUnavailable(error: unknown) {
  const now = Date.now();
  if (now - lastLogged < 5_000) return;
  lastLogged = now;
  console.error(`Database niet bereikbaar (${codeOf(error)}); verzoeken krijgen 503 tot hij terug is.`);
}

type RouteFunction = (args: never) => unknown;

function guard<F extends RouteFunction>(handler: F): F {
  const guarded = async (args: never) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      logUnavailable(error);
      // A thrown Response reaches the root ErrorBoundary as a route error response (status 503),
      // which is never replaced by "Unexpected Server Error" in production.
      throw new Response(DATABASE_UNAVAILABLE_MESSAGE, {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" },
      });
    }
  };
  return guarded as unknown as F;
}

/**
 * The server build with every loader and action guarded: an unreachable database becomes a 503
 * with a Dutch message (the site's error page for documents, plain text for downloads) instead of
 * a 500. server.js applies it once, so no route has to remember it.
 */
export function withDatabaseErrorPages(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module };
    if (module.loader) module.loader = guard(module.loader);
    if (module.action) module.action = guard(module.action);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}

const installed = globalThis as typeof globalThis & { __herleidbaarRejectionGuard?: boolean };

/**
 * When PostgreSQL goes away, a query promise that nobody awaits any more (a request that already
 * failed on another query) rejects with ECONNRESET and would crash Node. Those rejections are logged
 * and the process keeps serving; any other unhandled rejection still crashes it, as Node does by
 * default, rather than running on in an unknown state. server.js and worker.js install this once.
 */
export function surviveDatabaseOutages() {
  if (installed.__herleidbaarRejectionGuard) return;
  installed.__herleidbaarRejectionGuard = true;
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) {
      logUnavailable(reason);
      return;
    }
    throw reason;
  });
}
