import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { routePolicies, writesOf, type RouteFile } from "~/auth/route-policy";
import { logIn } from "~/auth/login.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { forgetTotpEncryptionKey } from "~/auth/totp-secret.server";
import { currentCode, enableTwoFactor, newTotpKey, totpSetup } from "~/auth/two-factor.server";
import { createAction } from "~/implementation/implementation-actions.server";
import type { Database } from "~/lib/db.server";
import { createUserRecord, TEST_PASSWORD } from "../factories";
import { buildWorld, worldRoles, type World } from "../factories/world";
import { useTestDatabase } from "../setup/db";
import { run, testContext } from "../setup/requests";
import { expected, instancesFor, loadRouteModules, routeFiles, urlFor, type RouteModule } from "./matrix";

/**
 * Fuzzing every form action (issue 9): for each route of app/auth/route-policy.ts with an action,
 * as someone allowed to write through it (valid session, same-origin Origin so the CSRF check
 * passes), fast-check posts generated bodies: the route's own field names (read from its source and
 * the zod schemas it imports) and random names, with hostile values (long Unicode with RTL, emoji,
 * NUL and lone surrogates; HTML and attribute injection; SQL; CSV formulas; javascript: URLs;
 * invalid Tiptap JSON; huge, negative and NaN numbers; impossible dates; wrong intents), sent as
 * urlencoded or multipart. Every answer must be below 500 (a thrown error is a 500), and a refusal
 * (4xx, or a re-rendered form with errors) must leave every table as it was.
 *
 * Runtime is bounded: a fixed seed per route and RUNS bodies per route. A route whose bodies were
 * all refused, or all accepted, still counts: the point is that nothing crashes and refusals are clean.
 */

// FUZZ_RUNS / FUZZ_SEED explore further locally (e.g. FUZZ_RUNS=50 FUZZ_SEED=7); CI uses the fixed values.
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 20260509);

// ---------------------------------------------------------------- payloads

const hostile = [
  "<script>alert(1)</script>",
  '" onmouseover="alert(1)" x="',
  "'><img src=x onerror=alert(1)>",
  "'; DROP TABLE reactions; --",
  "1' OR '1'='1",
  "=cmd|' /C calc'!A0",
  "+SUM(1+1)*cmd|' /C calc'!A0",
  "@SUM(A1)",
  "-2+3",
  "javascript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  "\u202Eevil\u202C עברית العربية",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "nul\u0000byte",
  "lone \uD800 surrogate \uDFFF",
  "\r\n\t",
  "",
  " ",
  "{",
  "[]",
  "null",
  '{"type":"doc","content":[{"type":"script","text":"x"}]}',
  '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"javascript:alert(1)"}}]}]}]}',
  '{"type":"doc","content":"<b>"}',
  '{"__proto__":{"admin":true}}',
  "99999999999999999999999999",
  "1e309",
  "-1",
  "-0",
  "NaN",
  "Infinity",
  "0x10",
  "2026-02-30",
  "0000-00-00",
  "9999-12-31T99:99",
  "31-12-2026",
  "00000000-0000-0000-0000-000000000000",
  "not-a-uuid",
  "../../etc/passwd",
  "%00%2e%2e",
  "true",
  "on",
];

const longUnicode = fc
  .array(fc.constantFrom("ä", "😀", "\u202E", "\u0000", "\uD800", "<", "'", '"', "&", "=", "ﷺ", "𝕏", "a", " "), {
    minLength: 1,
    maxLength: 40,
  })
  .map((chars) => {
    const unit = chars.join("");
    return unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000);
  });

function valueArbitrary(worldValues: string[], intents: string[]) {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...hostile) },
    { weight: 2, arbitrary: longUnicode },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
    { weight: 3, arbitrary: fc.constantFrom(...worldValues) },
    { weight: 2, arbitrary: fc.constantFrom(...intents, "DROP", "__proto__", "constructor") },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...hostile), fc.constantFrom(...worldValues)).map(([a, b]) => a + b),
    },
  );
}

interface Body {
  multipart: boolean;
  entries: Array<[string, string]>;
  file: { name: string; bytes: Uint8Array; type: string } | null;
}

function bodyArbitrary(fields: string[], worldValues: string[], intents: string[]): fc.Arbitrary<Body> {
  const value = valueArbitrary(worldValues, intents);
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(fields.length ? fields : ["intent"])) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom("points[0].body", "points[99999999].id", "a[b][c]", "__proto__", "") },
  );
  const intentEntry = fc.constantFrom(...intents, "DROP").map((v): [string, string] => ["intent", v]);
  return fc.record({
    multipart: fc.boolean(),
    entries: fc
      .tuple(
        fc.option(intentEntry, { nil: null }),
        fc.array(fc.tuple(name, value), { maxLength: 14 }),
        // Most bodies fill every known field, so validation gets past the first missing one.
        fc.boolean(),
        fc.array(value, { minLength: fields.length, maxLength: fields.length }),
      )
      .map(([intent, random, fillAll, fillValues]) => [
        ...(intent ? [intent] : []),
        ...(fillAll ? fields.map((f, i): [string, string] => [f, fillValues[i]!]) : []),
        ...random,
      ]),
    file: fc.option(
      fc.record({
        name: fc.constantFrom("../../x.docx", "<script>.pdf", "brief.docx", "besluit.pdf", "acties.csv", "\u0000.txt"),
        bytes: fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.constantFrom(...hostile).map((s) => new TextEncoder().encode(`titel;beschrijving\n${s};${s}\n`)),
          fc.constant(new TextEncoder().encode("%PDF-1.4\n<script>")),
          fc.constant(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0])),
        ),
        type: fc.constantFrom("application/pdf", "text/csv", "application/octet-stream", "text/html"),
      }),
      { nil: null },
    ),
  });
}

// ---------------------------------------------------------------- field discovery

/** Field names of a route's form: read from its source and from the (non-server) modules it imports. */
function discoverFields(route: RouteFile): { fields: string[]; intents: string[] } {
  const file = [".tsx", ".ts"].map((ext) => path.resolve("app/routes", route + ext)).find((f) => existsSync(f))!;
  const source = readFileSync(file, "utf8");
  const fields = new Set<string>();
  const intents = new Set<string>();
  const add = (text: string, pattern: RegExp, into: Set<string>) => {
    for (const match of text.matchAll(pattern)) into.add(match[1]!);
  };
  add(source, /\bname="([^"{}$]+)"/g, fields);
  add(source, /\.get(?:All)?\("([^"]+)"\)/g, fields);
  add(source, /\bvalue="([^"{}$]+)"/g, intents);
  add(source, /case "([^"]+)"/g, intents);
  // Schemas: the zod objects of imported schema modules.
  for (const match of source.matchAll(/from "~\/([\w/.-]+)"/g)) {
    const target = match[1]!;
    if (target.endsWith(".server") || target.startsWith("components/")) continue;
    const candidate = [".ts", ".tsx"].map((ext) => path.resolve("app", target + ext)).find((f) => existsSync(f));
    if (!candidate) continue;
    const text = readFileSync(candidate, "utf8");
    if (!text.includes("z.")) continue;
    add(text, /^\s+"?([A-Za-z][\w.]*)"?:\s*z[.\s]/gm, fields);
    add(text, /z\.(?:enum|literal)\(\[?"([^"]+)"/g, intents);
  }
  const extras: Partial<Record<RouteFile, string[]>> = {
    "reacties.$reactionId._index": [
      "points[0].id",
      "points[0].kind",
      "points[0].body",
      "points[0].sectionKeys[0]",
      "points[0].quote",
      "signatories[0]",
    ],
  };
  for (const extra of extras[route] ?? []) fields.add(extra);
  return { fields: [...fields].sort(), intents: intents.size ? [...intents].sort() : ["save"] };
}

// ---------------------------------------------------------------- database state

/** Tables a refused request may still touch: its own session, and the login throttle. */
const volatileTables = new Set(["sessions", "login_throttle", "__drizzle_migrations"]);

const totpKeyBefore = process.env.TOTP_ENCRYPTION_KEY;
afterAll(() => {
  if (totpKeyBefore === undefined) delete process.env.TOTP_ENCRYPTION_KEY;
  else process.env.TOTP_ENCRYPTION_KEY = totpKeyBefore;
  forgetTotpEncryptionKey();
});

/** A user who turned two-factor login on (through the real functions); returns the user's id. */
async function twoFactorUser() {
  process.env.TOTP_ENCRYPTION_KEY = Buffer.alloc(32, 5).toString("base64");
  forgetTotpEncryptionKey();
  const now = new Date();
  const user = await createUserRecord(database.db, { name: "Tweestaps Gebruiker" });
  const first = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.9" }, now);
  if (!first.ok) throw new Error("login failed");
  const key = newTotpKey();
  const enabled = await enableTwoFactor(
    database.db,
    user.id,
    hashToken(first.token),
    totpSetup(key, user.email).keyBase64,
    currentCode(key, now),
    now,
  );
  if (!enabled.ok) throw new Error("two-factor login not enabled");
  return user.id;
}

let tableNames: string[] = [];

/** One query: per table its row count and a checksum of all its rows. */
async function tableState(database: Database): Promise<Record<string, string>> {
  const query = tableNames
    .map(
      (t) =>
        `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') AS s FROM "${t}" x`,
    )
    .join(" UNION ALL ");
  const rows = (await database.db.execute(sql.raw(query))) as unknown as
    | Array<{ t: string; s: string }>
    | { rows: Array<{ t: string; s: string }> };
  const list = Array.isArray(rows) ? rows : rows.rows;
  return Object.fromEntries(list.map((r) => [r.t, r.s]));
}

function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}

// ---------------------------------------------------------------- requests

function requestFor(url: string, body: Body, cookie: string | undefined) {
  const headers: Record<string, string> = { Origin: "http://localhost", ...(cookie ? { Cookie: cookie } : {}) };
  if (body.multipart) {
    const form = new FormData();
    for (const [k, v] of body.entries) form.append(k, v);
    if (body.file) {
      const names = ["document", "bestand", "file", "raadsbesluit", "besluit", "reactiebrief"];
      for (const n of names) form.append(n, new File([new Uint8Array(body.file.bytes)], body.file.name, { type: body.file.type }));
    }
    return new Request(`http://localhost${url}`, { method: "POST", body: form, headers });
  }
  const params = new URLSearchParams();
  for (const [k, v] of body.entries) params.append(k, v);
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  return new Request(`http://localhost${url}`, { method: "POST", body: params, headers });
}

/** A re-rendered form with a Dutch message, rather than a success. */
function refusedData(data: unknown): boolean {
  if (!data || typeof data !== "object") return false;
  const d = data as Record<string, unknown>;
  if (d.status === "error" || d.ok === false) return true;
  // A conform reply nested in the answer, e.g. { result: submission.reply() }.
  if (Object.values(d).some((v) => v && typeof v === "object" && (v as { status?: unknown }).status === "error"))
    return true;
  return ["error", "errors", "fieldErrors", "formError", "formErrors"].some((k) => {
    const v = d[k];
    return v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0);
  });
}

interface Writer {
  who: string;
  resolve(w: World): { params: Record<string, string>; search?: string };
  cookie(): Promise<string | undefined>;
}

/** Routes whose writers need more than the matrix world: a resource made here, or a session state. */
const specialWriters: Partial<Record<RouteFile, () => Writer>> = {
  "beheer.visies.$visionId.uitvoering_.$actionId": () => ({
    who: "staffEditor (an action made for the fuzzer)",
    resolve: (w) => ({ params: { visionId: w.vision.id, actionId: fuzzActionId } }),
    cookie: () => world.freshSession("staffEditor"),
  }),
  "inloggen_.code": () => ({
    who: "a user with two-factor login half-way through logging in",
    resolve: () => ({ params: {} }),
    cookie: async () => {
      const session = await createSession(database.db, twoFactorUserId);
      return sessionCookie(session.token, session.expiresAt).split(";")[0]!;
    },
  }),
  // Anyone logged in reaches the action; the aanbieder's member may start a reaction to round 2.
  reageren: () => ({
    who: "otherOrganisationMember",
    resolve: () => ({ params: {} }),
    cookie: () => world.freshSession("otherOrganisationMember"),
  }),
};

/** The first URL instance and role for which the table lets someone write through the route's action. */
function writerOf(route: RouteFile): Writer {
  const special = specialWriters[route];
  if (special) return special();
  const policy = routePolicies[route].action!;
  // Prefer logged-in roles (a public form is more interesting with a session too, e.g. uitloggen).
  const roles = [...worldRoles.filter((r) => r !== "anonymous"), "anonymous" as const];
  for (const instance of instancesFor(route)) {
    for (const role of roles) {
      if (expected(writesOf(policy), role, instance) === "allowed")
        return { who: role, resolve: (w) => instance.resolve(w), cookie: () => world.freshSession(role) };
    }
  }
  throw new Error(`nobody may write through ${route}: add an instance to tests/security/matrix.ts or a special writer`);
}

const actionRoutes = routeFiles.filter((r) => routePolicies[r].action !== null);

let database: Database;
let world: World;
let modules: Map<RouteFile, RouteModule>;
let fuzzActionId: string;
let twoFactorUserId: string;

function worldValuesOf(w: World): string[] {
  return [
    w.vision.id,
    w.vision.sectionKey,
    w.vision.draftOnlySectionKey,
    String(w.vision.draftNumber),
    ...w.vision.rounds,
    w.reactions.draft.id,
    w.reactions.submitted.id,
    w.organisations.gemeente.id,
    w.organisations.adviesraad.id,
    w.organisations.aanbieder.id,
    w.organisations.otherRegion.id,
    w.users.staffEditor.id,
    w.users.signatory.id,
    w.messages.regionA,
    "ASDW-1",
    "ASDW-2",
    "U-01",
    "1",
    "2",
    "0",
  ].map(String);
}

beforeAll(async () => {
  database = await useTestDatabase();
  world = await buildWorld(database.db);
  modules = await loadRouteModules();
  const action = await createAction(database.db, world.viewers.staffEditor, world.vision.id, {
    title: "Actie voor de fuzzer",
    description: "Een actie om op te fuzzen.",
    ownerOrganisationId: world.organisations.regionA.id,
    startsOn: "2026-03-01",
    endsOn: "2026-12-31",
    sectionKeys: [world.vision.sectionKey],
  });
  if (!action.ok) throw new Error(action.message);
  fuzzActionId = action.action.id;
  twoFactorUserId = await twoFactorUser();
  const rows = (await database.db.execute(
    sql.raw(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`),
  )) as unknown as Array<{ tablename: string }> | { rows: Array<{ tablename: string }> };
  tableNames = (Array.isArray(rows) ? rows : rows.rows).map((r) => r.tablename).filter((t) => !volatileTables.has(t));
}, 180_000);

/** Per route: how many bodies were refused (and checked for writes), and how many were accepted. */
const tally = new Map<RouteFile, { refused: number; accepted: number }>();

describe("fuzzing every form action: no 5xx, and a refusal writes nothing", () => {
  test("every route with an action is fuzzed", () => {
    expect(actionRoutes.length).toBeGreaterThan(20);
    for (const route of actionRoutes) expect(() => writerOf(route), route).not.toThrow();
  });

  test.each(actionRoutes)("%s", async (route) => {
    const writer = writerOf(route);
    const { fields, intents } = discoverFields(route);
    const seed = SEED + [...route].reduce((sum, c) => sum + c.charCodeAt(0), 0);
    const bodies = fc.sample(bodyArbitrary(fields, worldValuesOf(world), intents), { seed, numRuns: RUNS });
    const failures: string[] = [];
    for (const body of bodies) {
      const { params, search } = writer.resolve(world);
      const url = urlFor(route, params, search);
      const cookie = await writer.cookie();
      const before = await tableState(database);
      const request = requestFor(url, body, cookie);
      let status: number;
      let refused: boolean;
      try {
        const result = await run(() => modules.get(route)!.action!({ request, params, context: testContext() }));
        status = result.response?.status ?? 200;
        refused = result.response ? status >= 400 : refusedData(result.data);
      } catch (error) {
        failures.push(`threw (500) for ${JSON.stringify(body.entries).slice(0, 400)}: ${String(error).slice(0, 300)}`);
        continue;
      }
      const after = await tableState(database);
      const counts = tally.get(route) ?? { refused: 0, accepted: 0 };
      counts[refused ? "refused" : "accepted"]++;
      tally.set(route, counts);
      if (status >= 500) failures.push(`status ${status} for ${JSON.stringify(body.entries).slice(0, 400)}`);
      const changed = changedTables(before, after);
      if (refused && changed.length > 0)
        failures.push(`refused (${status}) yet wrote ${changed.join(", ")} for ${JSON.stringify(body.entries).slice(0, 400)}`);
    }
    expect(failures, `${route} as ${writer.who}`).toEqual([]);
    // Password hashing (account, inloggen) makes a few routes slow on a loaded machine.
  }, 180_000);

  test("the write check is not vacuous: most routes refused some bodies (runs after the cases above)", () => {
    if (process.env.FUZZ_VERBOSE) console.table(Object.fromEntries(tally));
    const refusing = [...tally.values()].filter((c) => c.refused > 0).length;
    expect(refusing).toBeGreaterThan(actionRoutes.length * 0.75);
  });
});
