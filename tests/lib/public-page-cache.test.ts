import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import { get } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rowsOf } from "~/answers/triage.server";
import type { Database } from "~/lib/db.server";
import { publicPageCache } from "~/lib/public-page-cache.server";
import { createRegionRecord } from "../factories";
import { useTestDatabase } from "../setup/db";

let database: Database;
let server: Server;
let base: string;
const rendered: Record<string, number> = {};

beforeAll(async () => {
  database = await useTestDatabase();
  const app = express();
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}'`);
    next();
  });
  app.use(publicPageCache());
  // Stands in for Remix: a page from the database, rendered with the nonce it is given.
  app.get("/:page", async (req, res) => {
    const page = req.params.page!;
    rendered[page] = (rendered[page] ?? 0) + 1;
    const [{ n }] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from regions`)) as [{ n: number }];
    if (page === "met-cookie") res.setHeader("Set-Cookie", "x=1");
    const nonce = String(res.locals.renderNonce ?? res.locals.cspNonce);
    const script = page === "zonder-script" ? "" : `<script nonce="${nonce}">1</script>`;
    res.type("html").send(`<!doctype html><p>${n} regio's</p>${script}${"x".repeat(2000)}`);
  });
  await new Promise<void>((resolve) => (server = app.listen(0, "127.0.0.1", resolve)));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const cspNonceOf = (response: Response) => /nonce-([^']+)/.exec(response.headers.get("content-security-policy") ?? "")?.[1];

describe("public page cache", () => {
  test("an anonymous visitor gets the page from memory until the data changes", async () => {
    const first = await fetch(`${base}/visie`);
    const firstHtml = await first.text();
    expect(first.headers.get("x-page-cache")).toBe("miss");
    const second = await fetch(`${base}/visie`);
    const secondHtml = await second.text();
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(rendered.visie).toBe(1);
    expect(secondHtml.replace(/nonce="[^"]+"/, "")).toBe(firstHtml.replace(/nonce="[^"]+"/, ""));

    await createRegionRecord(database.db);
    const third = await fetch(`${base}/visie`);
    const count = (html: string) => Number(/<p>(\d+) regio's/.exec(html)?.[1]);
    expect(third.headers.get("x-page-cache")).toBe("miss");
    expect(count(await third.text())).toBe(count(firstHtml) + 1);
    expect(rendered.visie).toBe(2);
  });

  test("every response carries its own CSP nonce in the page, also when it comes from memory", async () => {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${base}/nonce`);
      const html = await response.text();
      const nonce = cspNonceOf(response);
      expect(nonce).toBeTruthy();
      expect(html).toContain(`<script nonce="${nonce}">`);
    }
    expect(rendered.nonce).toBe(1);
  });

  test("visitors with a cookie, and pages that set a cookie, are never served from memory", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${base}/ingelogd`, { headers: { cookie: "herleidbaar_session=abc" } });
      expect(response.headers.get("x-page-cache")).toBeNull();
      await response.text();
    }
    expect(rendered.ingelogd).toBe(2);
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${base}/met-cookie`);
      expect(response.headers.get("set-cookie")).toBe("x=1");
      await response.text();
    }
    expect(rendered["met-cookie"]).toBe(2);
  });

  test("a page without scripts is kept gzipped for visitors who accept gzip", async () => {
    await (await fetch(`${base}/zonder-script`)).text();
    // node:http, because fetch would unzip the body itself.
    const response = await new Promise<IncomingMessage>((resolve) => get(`${base}/zonder-script`, { headers: { "accept-encoding": "gzip" } }, resolve));
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    expect(response.headers["x-page-cache"]).toBe("hit");
    expect(response.headers["content-encoding"]).toBe("gzip");
    const html = gunzipSync(Buffer.concat(chunks)).toString("utf8");
    expect(html).toContain("regio's</p>");
  });
});
