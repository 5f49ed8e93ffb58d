import { spawnSync } from "node:child_process";
import http from "node:http";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../setup/browser";

/**
 * Hardening of the real server (server.js on the production build, PGlite with the demo), checked
 * with plain HTTP: security headers and CSP nonces, CSRF refusal of foreign mutations, no state
 * change on GET, session cookie flags, the Dutch 404 page without internals, the health check.
 */

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The same rule as server.js: build when a source is newer than the build. */
function buildIfStale() {
  const build = path.resolve("build/index.js");
  const sources = Math.max(newestSourceTime("app"), newestSourceTime("db"), statSync("remix.config.js").mtimeMs);
  if (existsSync(build) && statSync(build).mtimeMs >= sources) return;
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
}

let app: RunningApp;

beforeAll(async () => {
  buildIfStale();
  app = await startApp();
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

const cookieName = "herleidbaar_sessie";

function directives(csp: string) {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values] as const;
      }),
  );
}

function get(pathname: string, cookie?: string) {
  return fetch(`${app.baseUrl}${pathname}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

function post(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}${pathname}`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** Logs a demo account in with our own Origin; returns the Set-Cookie line and the Cookie header. */
async function logIn(email = "regiobeheer@example.org") {
  const response = await post(
    "/inloggen",
    { email, password: DEMO_PASSWORD, redirectTo: "/account" },
    { Origin: app.baseUrl },
  );
  expect(response.status).toBe(302);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${cookieName}=`));
  expect(setCookie, "a session cookie after a good login").toBeTruthy();
  return { setCookie: setCookie!, cookie: setCookie!.split(";")[0]! };
}

async function isLoggedIn(cookie: string) {
  const response = await get("/account", cookie);
  if (response.status === 302) {
    expect(response.headers.get("Location")).toMatch(/^\/inloggen/);
    return false;
  }
  expect(response.status).toBe(200);
  return true;
}

describe("security headers", () => {
  test.each(["/", "/inloggen", "/visies", "/bestaat-niet", "/healthz"])(
    "%s sends the security headers",
    async (pathname) => {
      const response = await get(pathname);
      const csp = response.headers.get("Content-Security-Policy");
      expect(csp).toBeTruthy();
      const policy = directives(csp!);
      const scripts = policy.get("script-src") ?? policy.get("default-src")!;
      expect(
        scripts.some((v) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(v)),
        csp!,
      ).toBe(true);
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts).not.toContain("*");
      expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
      expect(policy.get("object-src")).toEqual(["'none'"]);
      expect(policy.get("base-uri")).toEqual(["'self'"]);
      expect(policy.get("form-action")).toEqual(["'self'"]);
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Referrer-Policy")).toMatch(
        /^(same-origin|strict-origin|strict-origin-when-cross-origin|no-referrer)$/,
      );
      expect(response.headers.get("X-Frame-Options")).toBe("DENY");
      expect(response.headers.get("X-Powered-By")).toBeNull();
    },
  );

  test("the nonce is new for every response and is the one on every script tag of the page", async () => {
    const nonces: string[] = [];
    for (const pathname of ["/inloggen", "/inloggen", "/inloggen"]) {
      const response = await get(pathname);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get("Content-Security-Policy")!)![1]!;
      nonces.push(nonce);
      const html = await response.text();
      const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scriptTags.length, `${pathname} has scripts`).toBeGreaterThan(0);
      for (const tag of scriptTags) expect(tag, `${pathname}: ${tag}`).toContain(`nonce="${nonce}"`);
      // No inline event handlers, which a nonce cannot cover.
      expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

/** A POST through node:http, which (unlike fetch) is guaranteed to send exactly the headers given. */
function rawPost(pathname: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; setCookie: string[]; body: string }>((resolve, reject) => {
    const request = http.request(
      `${app.baseUrl}${pathname}`,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, setCookie: response.headers["set-cookie"] ?? [], body: text }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("CSRF: a mutation must come from our own origin", () => {
  test.each([
    ["without an Origin header", {}],
    ["with a foreign Origin", { Origin: "https://aanvaller.example" }],
    ["with a look-alike Origin", { Origin: "http://127.0.0.1.aanvaller.example" }],
    ["with Origin null", { Origin: "null" }],
  ] as Array<[string, Record<string, string>]>)(
    "a correct login POST %s gets 403 and no cookie",
    async (_label, headers) => {
      const form = new URLSearchParams({ email: "regiobeheer@example.org", password: DEMO_PASSWORD }).toString();
      const response = await rawPost("/inloggen", form, headers);
      expect(response.status).toBe(403);
      expect(response.setCookie).toEqual([]);
      expect(response.body).toMatch(/Geweigerd/);
    },
  );

  test("a logged-in person's session survives a foreign POST to /uitloggen", async () => {
    const { cookie } = await logIn();
    const response = await fetch(`${app.baseUrl}/uitloggen`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Cookie: cookie,
        Origin: "https://aanvaller.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "",
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await isLoggedIn(cookie)).toBe(true);
  });
});

describe("sessions", () => {
  test("the session cookie is HttpOnly, SameSite=Lax, Secure in production, for the whole site", async () => {
    const { setCookie } = await logIn();
    const attributes = setCookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).toContain("secure");
    // 160 bits of randomness: at least 26 base32 characters.
    expect(setCookie.split(";")[0]!.split("=")[1]!.length).toBeGreaterThanOrEqual(26);
  });

  test("GET /uitloggen changes nothing; POST with our Origin ends the session", async () => {
    const { cookie } = await logIn();
    const viaGet = await get("/uitloggen", cookie);
    expect(viaGet.status).toBe(302);
    expect(viaGet.headers.get("Location")).toBe("/");
    expect(viaGet.headers.getSetCookie()).toEqual([]);
    expect(await isLoggedIn(cookie)).toBe(true);

    const viaPost = await fetch(`${app.baseUrl}/uitloggen`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(viaPost.status).toBe(302);
    expect(viaPost.headers.getSetCookie().some((c) => c.startsWith(`${cookieName}=;`) || /max-age=0/i.test(c))).toBe(
      true,
    );
    expect(await isLoggedIn(cookie)).toBe(false);
  });
});

describe("e-mail HTML is served as an inert document", () => {
  test("the template preview runs no script, submits no form and is not cached", async () => {
    const { cookie } = await logIn("regioredactie@example.org");
    const response = await get("/beheer/e-mail-voorbeeld", cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    // Every CSP header of the response applies; together they must block scripts and forms.
    const policies = (response.headers.get("Content-Security-Policy") ?? "").split(",").map((p) => directives(p));
    const blocksScripts = (p: Map<string, readonly string[]>) =>
      (p.get("script-src") ?? (p.has("script-src") ? [] : p.get("default-src")) ?? []).join(" ") === "'none'" ||
      (p.has("sandbox") && !(p.get("sandbox") ?? []).some((v) => v.includes("allow-scripts")));
    const blocksForms = (p: Map<string, readonly string[]>) =>
      (p.get("form-action") ?? []).join(" ") === "'none'" ||
      (p.has("sandbox") && !(p.get("sandbox") ?? []).some((v) => v.includes("allow-forms")));
    expect(policies.some(blocksScripts), response.headers.get("Content-Security-Policy")!).toBe(true);
    expect(policies.some(blocksForms), response.headers.get("Content-Security-Policy")!).toBe(true);
    expect(await response.text()).not.toMatch(/<script\b/i);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});

describe("errors and health", () => {
  test("an unknown URL gets the Dutch 404 page without internals", async () => {
    const response = await get("/dit/bestaat/echt/niet");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('lang="nl"');
    expect(html).toContain("Pagina niet gevonden");
    for (const internal of [/\n\s+at [\w.<>]+ \(/, /node_modules/, /\/work\//, /Error:/, /stack/i])
      expect(html).not.toMatch(internal);
  });

  test("a malformed id is a plain 404, not an error", async () => {
    const { cookie } = await logIn();
    const response = await get("/beheer/visies/'%20OR%201=1--", cookie);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Pagina niet gevonden");
    expect(html).not.toMatch(/node_modules|\n\s+at [\w.<>]+ \(/);
  });

  test("/healthz reports ok and is not cached", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});
