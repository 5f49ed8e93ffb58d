import { randomBytes } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { currentDataVersion } from "./data-version.server";
import { currentDatabase } from "./db.server";

/**
 * Whole-page cache for anonymous visitors (server.js puts it in front of Remix). A published visie,
 * its comparison, traceability and uitvoeringsplan are read by many and change rarely: a page is
 * rendered once per data version (see data-version.server.ts) and served from memory until anything
 * changes, or the minute ends (pages say whether a round is still open; that depends on the clock).
 *
 * Only GET requests without any cookie or Authorization header, and only 200 HTML responses that set
 * no cookie and are not marked private or no-store. Pages are rendered with a per-process placeholder
 * nonce that every response replaces with its own CSP nonce, so cached scripts keep running.
 */

export const RENDER_NONCE_PLACEHOLDER = `nonce${randomBytes(18).toString("base64url")}`;

interface CachedPage {
  /** The page split around the nonce placeholder. */
  parts: Buffer[];
  /** Gzipped page, when it contains no nonce (then it is the same for every visitor). */
  gzipped: Buffer | null;
  headers: OutgoingHttpHeaders;
}

type Next = (error?: unknown) => void;
type Locals = { cspNonce?: string; renderNonce?: string };
type Res = ServerResponse & { locals: Locals };

const MAX_PAGE_BYTES = 4 * 1024 * 1024;
const ENTRY_HEADERS_SKIPPED = new Set(["content-length", "content-encoding", "transfer-encoding", "vary", "set-cookie", "x-page-cache"]);

function isCacheableRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET") return false;
  if (req.headers.cookie || req.headers.authorization) return false;
  const url = req.url ?? "";
  // Single-fetch data requests and the health check answer with data, not a page.
  return !url.startsWith("/healthz") && !/\.data(\?|$)/.test(url);
}

function isCacheableResponse(res: ServerResponse): boolean {
  if (res.statusCode !== 200) return false;
  if (res.getHeader("set-cookie")) return false;
  if (!String(res.getHeader("content-type") ?? "").startsWith("text/html")) return false;
  return !/no-store|private/.test(String(res.getHeader("cache-control") ?? ""));
}

function splitAround(body: Buffer, marker: string): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(marker, from); at !== -1; at = body.indexOf(marker, from)) {
    parts.push(body.subarray(from, at));
    from = at + marker.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function joinWith(parts: Buffer[], nonce: string): Buffer {
  if (parts.length === 1) return parts[0]!;
  const glue = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) pieces.push(glue);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
}

function send(req: IncomingMessage, res: Res, page: CachedPage, nonce: string, state: "hit" | "miss") {
  for (const [name, value] of Object.entries(page.headers)) if (value !== undefined) res.setHeader(name, value);
  res.setHeader("X-Page-Cache", state);
  res.setHeader("Vary", "Accept-Encoding, Cookie");
  if (page.gzipped && acceptsGzip(req)) {
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", page.gzipped.length);
    return page.gzipped;
  }
  const body = joinWith(page.parts, nonce);
  res.setHeader("Content-Length", body.length);
  return body;
}

export interface PublicPageCacheOptions {
  maxBytes?: number;
}

/** Express/connect middleware; the nonce middleware must run before it (res.locals.cspNonce). */
export function publicPageCache(options: PublicPageCacheOptions = {}) {
  const pages = new LRUCache<string, { label: string; page: CachedPage }>({
    maxSize: options.maxBytes ?? Number(process.env.PAGE_CACHE_MB ?? 32) * 1024 * 1024,
    sizeCalculation: ({ page }) => page.parts.reduce((sum, part) => sum + part.length, 0) + (page.gzipped?.length ?? 0) + 256,
  });

  return async function publicPageCacheMiddleware(req: IncomingMessage, res: Res, next: Next) {
    const database = currentDatabase();
    if (!isCacheableRequest(req) || !database) return next();
    let version: string;
    try {
      version = await currentDataVersion(database.db);
    } catch {
      return next(); // the database is away: let the app answer with its 503 page
    }
    const nonce = res.locals.cspNonce ?? "";
    const minute = Math.floor(Date.now() / 60_000);
    const key = `${req.headers.host ?? ""}\u0000${req.url ?? ""}`;
    const label = `${version}\u0000${minute}`;
    const hit = pages.get(key);
    if (hit && hit.label === label) {
      res.statusCode = 200;
      res.end(send(req, res, hit.page, nonce, "hit"));
      return;
    }

    // Render with the placeholder nonce and keep the whole page; it goes out in one piece at the end.
    res.locals.renderNonce = RENDER_NONCE_PLACEHOLDER;
    const headersBefore = new Set(Object.keys(res.getHeaders()));
    const chunks: Buffer[] = [];
    const originalWrite = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const originalEnd = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
    const toBuffer = (chunk: unknown, encoding?: unknown) =>
      Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding) : Buffer.from(chunk as Uint8Array);
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      chunks.push(toBuffer(chunk, encoding));
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    }) as Res["write"];
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(toBuffer(chunk, encoding));
      res.write = originalWrite as Res["write"];
      res.end = originalEnd as Res["end"];
      const body = Buffer.concat(chunks);
      const done = [chunk, encoding, callback].find((value) => typeof value === "function");
      if (!isCacheableResponse(res) || body.length > MAX_PAGE_BYTES) {
        const plain = joinWith(splitAround(body, RENDER_NONCE_PLACEHOLDER), nonce);
        // The nonce has another length than the placeholder a Content-Length was computed with.
        if (!res.headersSent && res.getHeader("content-length") !== undefined) res.setHeader("Content-Length", plain.length);
        return done ? originalEnd(plain, done) : originalEnd(plain);
      }
      const headers: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (!headersBefore.has(name) && !ENTRY_HEADERS_SKIPPED.has(name)) headers[name] = value;
      }
      const parts = splitAround(body, RENDER_NONCE_PLACEHOLDER);
      const page: CachedPage = { parts, gzipped: parts.length === 1 ? gzipSync(body) : null, headers };
      pages.set(key, { label, page });
      const out = send(req, res, page, nonce, "miss");
      return done ? originalEnd(out, done) : originalEnd(out);
    }) as Res["end"];
    next();
  };
}
