import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { asc, count } from "drizzle-orm";
import {
  auditEvents,
  consultationRounds,
  invitations,
  memberships,
  organisations,
  outboxMessages,
  points,
  reactions,
  sessions,
  visionVersions,
} from "~db/schema";
import { accessOf, routeParams, routePath, routePolicies, type Access, type RouteFile } from "~/auth/route-policy";
import type { Database } from "~/lib/db.server";
import {
  buildWorld,
  secretAudiences,
  worldRoleLabels,
  worldRoles,
  worldSecrets,
  type World,
  type WorldRole,
} from "../factories/world";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

/**
 * The access-control matrix: every route of app/auth/route-policy.ts × every role × every resource
 * state the route can see, through the real loaders and actions on a real database. The expected
 * outcome is derived from the table, so a route whose guard drifts from its row fails here.
 */

type Outcome = "allowed" | "login" | "403" | "404";
type Method = "GET" | "POST";
type Region = "A" | "B" | "none";
type State = "none" | "published" | "draft" | "submitted";

interface Instance {
  label: string;
  state: State;
  /** The region owning the resource in the URL; "none": no such resource (or one of another visie). */
  region: Region;
  /** For `reacting-member`: who may react to this round. */
  reactingRoles?: WorldRole[];
  /** Fills the URL from the world; `names` are the resource's own names, never in a 403/404. */
  resolve(world: World): { params: Record<string, string>; search?: string; names: string[] };
}

const none: Instance = { label: "", state: "none", region: "none", resolve: () => ({ params: {}, names: [] }) };

/** Routes whose resource is in the query string rather than the path. */
const queryInstances: Partial<Record<RouteFile, Instance[]>> = {
  "beheer.postvak": [
    none,
    {
      label: "message of region A selected",
      state: "none",
      region: "A",
      resolve: (w) => ({ params: {}, search: `?bericht=${w.messages.regionA}`, names: [] }),
    },
    {
      label: "message of region B selected",
      state: "none",
      region: "B",
      resolve: (w) => ({ params: {}, search: `?bericht=${w.messages.regionB}`, names: [] }),
    },
  ],
  "beheer.postvak-html": [
    {
      label: "message of region A",
      state: "none",
      region: "A",
      resolve: (w) => ({ params: {}, search: `?bericht=${w.messages.regionA}`, names: [worldSecrets.regionAMessage] }),
    },
    {
      label: "message of region B",
      state: "none",
      region: "B",
      resolve: (w) => ({ params: {}, search: `?bericht=${w.messages.regionB}`, names: [worldSecrets.regionBMessage] }),
    },
    { label: "no message chosen", state: "none", region: "none", resolve: () => ({ params: {}, names: [] }) },
  ],
  // Uitvoeringsplan, traceability and open data: public pages of a published visie (they read no ?versie=).
  ...Object.fromEntries(
    [
      "visies.$regionSlug.$visionSlug.herleidbaarheid",
      "visies.$regionSlug.$visionSlug.herleidbaarheid_.bestand",
      "visies.$regionSlug.$visionSlug.open-data",
      "visies.$regionSlug.$visionSlug.open-data_.csv",
      "visies.$regionSlug.$visionSlug.open-data_.json",
      "visies.$regionSlug.$visionSlug.uitvoering",
    ].map((route) => [route, implementationPublicInstances(route.includes("herleidbaarheid"))]),
  ),
};

function implementationPublicInstances(byOrganisation: boolean): Instance[] {
  const published: Instance[] = [
    {
      label: "published visie",
      state: "published",
      region: "A",
      resolve: (w) => ({ params: { regionSlug: w.vision.regionSlug, visionSlug: w.vision.slug }, names: [] }),
    },
    {
      label: "published visie, organisation of another region asked",
      state: "draft",
      region: "A",
      resolve: (w) => ({
        params: { regionSlug: w.vision.regionSlug, visionSlug: w.vision.slug },
        search: `?organisatie=${encodeURIComponent(w.organisations.otherRegion.code)}&formaat=csv`,
        names: [w.organisations.otherRegion.name],
      }),
    },
  ];
  return [
    ...published.slice(0, byOrganisation ? 2 : 1),
    {
      label: "unpublished visie of region B",
      state: "draft",
      region: "B",
      resolve: (w) => ({
        params: { regionSlug: w.otherRegionVision.regionSlug, visionSlug: w.otherRegionVision.slug },
        names: [w.otherRegionVision.title],
      }),
    },
  ];
}

function instancesFor(route: RouteFile): Instance[] {
  const fromQuery = queryInstances[route];
  if (fromQuery) return fromQuery;
  const params = routeParams(route);
  if (params.length === 0) return [none];
  switch (params.join(",")) {
    case "*":
      return [
        {
          label: "unknown address",
          state: "none",
          region: "none",
          resolve: () => ({ params: { "*": "bestaat/niet" }, names: [] }),
        },
      ];
    case "organisationId":
      return [
        {
          label: "organisation of region A",
          state: "none",
          region: "A",
          resolve: (w) => ({
            params: { organisationId: w.organisations.aanbieder.id },
            names: [w.organisations.aanbieder.name],
          }),
        },
        {
          label: "organisation of region B",
          state: "none",
          region: "B",
          resolve: (w) => ({
            params: { organisationId: w.organisations.otherRegion.id },
            names: [w.organisations.otherRegion.name],
          }),
        },
      ];
    case "visionId":
      return [
        {
          label: "visie of region A",
          state: "draft",
          region: "A",
          resolve: (w) => ({ params: { visionId: w.vision.id }, names: [w.vision.title] }),
        },
        {
          label: "visie of region B",
          state: "draft",
          region: "B",
          resolve: (w) => ({ params: { visionId: w.otherRegionVision.id }, names: [w.otherRegionVision.title] }),
        },
      ];
    case "visionId,municipalityId":
      return [
        {
          label: "visie of region A, its member municipality",
          state: "draft",
          region: "A",
          resolve: (w) => ({ params: { visionId: w.vision.id, municipalityId: w.organisations.gemeente.id }, names: [w.vision.title] }),
        },
        {
          label: "visie of region B with a municipality of region A",
          state: "draft",
          region: "none",
          resolve: (w) => ({
            params: { visionId: w.otherRegionVision.id, municipalityId: w.organisations.gemeente.id },
            names: [w.otherRegionVision.title, w.organisations.gemeente.name],
          }),
        },
        {
          label: "visie of region A with an organisation of region B",
          state: "draft",
          region: "none",
          resolve: (w) => ({
            params: { visionId: w.vision.id, municipalityId: w.organisations.otherRegion.id },
            names: [w.organisations.otherRegion.name],
          }),
        },
        {
          label: "visie of region A with an organisation that is not a municipality",
          state: "draft",
          region: "none",
          resolve: (w) => ({
            params: { visionId: w.vision.id, municipalityId: w.organisations.aanbieder.id },
            names: [w.organisations.aanbieder.name],
          }),
        },
      ];
    case "visionId,actionId":
      // The world has no actions: an unknown action answers 404 to staff of the region, like another region's.
      return [
        {
          label: "visie of region A, unknown action",
          state: "draft",
          region: "none",
          resolve: (w) => ({ params: { visionId: w.vision.id, actionId: "00000000-0000-4000-8000-000000000000" }, names: [w.vision.title] }),
        },
        {
          label: "visie of region B, unknown action",
          state: "draft",
          region: "none",
          resolve: (w) => ({ params: { visionId: w.otherRegionVision.id, actionId: "00000000-0000-4000-8000-000000000000" }, names: [w.otherRegionVision.title] }),
        },
      ];
    case "regionSlug,visionSlug,actionReference":
      return [
        {
          label: "published visie, no such action",
          state: "draft",
          region: "A",
          resolve: (w) => ({ params: { regionSlug: w.vision.regionSlug, visionSlug: w.vision.slug, actionReference: "U-99" }, names: [] }),
        },
        {
          label: "unpublished visie of region B",
          state: "draft",
          region: "B",
          resolve: (w) => ({
            params: { regionSlug: w.otherRegionVision.regionSlug, visionSlug: w.otherRegionVision.slug, actionReference: "U-01" },
            names: [w.otherRegionVision.title],
          }),
        },
      ];
    case "visionId,fileId":
      return [
        {
          label: "visie of region A, a file that is not one of its adoption files",
          state: "draft",
          region: "none",
          resolve: (w) => ({ params: { visionId: w.vision.id, fileId: "00000000-0000-4000-8000-000000000000" }, names: [] }),
        },
        {
          label: "visie of region B",
          state: "draft",
          region: "none",
          resolve: (w) => ({ params: { visionId: w.otherRegionVision.id, fileId: "00000000-0000-4000-8000-000000000000" }, names: [w.otherRegionVision.title] }),
        },
      ];
    case "visionId,pointRef":
      // The world's submitted advies has point ASDW-1; its draft advies on round 2 has ASDW-2.
      return [
        {
          label: "submitted point of visie A",
          state: "submitted",
          region: "A",
          resolve: (w) => ({ params: { visionId: w.vision.id, pointRef: "ASDW-1" }, names: [worldSecrets.submittedPointText] }),
        },
        {
          label: "draft point of visie A",
          state: "draft",
          region: "none",
          resolve: (w) => ({ params: { visionId: w.vision.id, pointRef: "ASDW-2" }, names: [worldSecrets.draftPointText] }),
        },
        {
          label: "visie B with a point reference of visie A",
          state: "draft",
          region: "none",
          resolve: (w) => ({ params: { visionId: w.otherRegionVision.id, pointRef: "ASDW-1" }, names: [worldSecrets.submittedPointText] }),
        },
      ];
    case "visionId,sectionKey":
      return [
        {
          label: "visie of region A, section in every version",
          state: "draft",
          region: "A",
          resolve: (w) => ({
            params: { visionId: w.vision.id, sectionKey: w.vision.sectionKey },
            names: [w.vision.title, "Inleiding"],
          }),
        },
        {
          label: "visie of region A, section only in the draft",
          state: "draft",
          region: "A",
          resolve: (w) => ({
            params: { visionId: w.vision.id, sectionKey: w.vision.draftOnlySectionKey },
            names: [w.vision.title, worldSecrets.draftSectionTitle],
          }),
        },
        {
          label: "visie of region B",
          state: "draft",
          region: "B",
          resolve: (w) => ({
            params: { visionId: w.otherRegionVision.id, sectionKey: w.otherRegionVision.sectionKey },
            names: [w.otherRegionVision.title, "Oostland"],
          }),
        },
        {
          label: "visie of region A with a section key of visie B",
          state: "draft",
          region: "none",
          resolve: (w) => ({
            params: { visionId: w.vision.id, sectionKey: w.otherRegionVision.sectionKey },
            names: [w.otherRegionVision.title, "Oostland"],
          }),
        },
      ];
    case "visionId,reactionId":
      // Antwoordbrieven: a letter page (and its file) exists for a submitted reaction of the visie only.
      return [
        {
          label: "submitted advies of visie A",
          state: "submitted",
          region: "A",
          resolve: (w) => ({
            params: { visionId: w.vision.id, reactionId: w.reactions.submitted.id },
            names: [worldSecrets.submittedPointText, w.organisations.adviesraad.name],
          }),
        },
        {
          label: "draft advies of visie A",
          state: "draft",
          region: "none",
          resolve: (w) => ({
            params: { visionId: w.vision.id, reactionId: w.reactions.draft.id },
            names: [worldSecrets.draftPointText],
          }),
        },
        {
          label: "visie of region B with a reaction of visie A",
          state: "submitted",
          region: "none",
          resolve: (w) => ({
            params: { visionId: w.otherRegionVision.id, reactionId: w.reactions.submitted.id },
            names: [worldSecrets.submittedPointText, w.organisations.adviesraad.name],
          }),
        },
      ];
    case "reactionId":
      return [
        {
          label: "draft advies",
          state: "draft",
          region: "A",
          resolve: (w) => ({
            params: { reactionId: w.reactions.draft.id },
            names: [worldSecrets.draftPointText, w.organisations.adviesraad.name],
          }),
        },
        {
          label: "submitted advies",
          state: "submitted",
          region: "A",
          resolve: (w) => ({
            params: { reactionId: w.reactions.submitted.id },
            names: [worldSecrets.submittedPointText, w.organisations.adviesraad.name],
          }),
        },
      ];
    case "roundId":
      return [
        {
          label: "closed round the adviesraad reacted to",
          state: "published",
          region: "A",
          reactingRoles: [],
          resolve: (w) => ({ params: { roundId: w.vision.rounds[0]! }, names: [w.vision.title] }),
        },
        {
          label: "round open to every organisation of region A",
          state: "published",
          region: "A",
          reactingRoles: ["otherOrganisationMember"],
          resolve: (w) => ({ params: { roundId: w.vision.rounds[1]! }, names: [w.vision.title] }),
        },
      ];
    case "token":
      return [
        {
          label: "open invitation",
          state: "none",
          region: "A",
          resolve: (w) => ({ params: { token: w.invitation.token }, names: [] }),
        },
        {
          label: "unknown token",
          state: "none",
          region: "none",
          resolve: () => ({ params: { token: "onbekend-token-dat-niet-bestaat" }, names: [] }),
        },
      ];
    case "regionSlug,visionSlug": {
      const draftSearch = route.endsWith("vergelijken")
        ? (w: World) => `?van=1&naar=${w.vision.draftNumber}`
        : (w: World) => `?versie=${w.vision.draftNumber}`;
      return [
        {
          label: "published visie",
          state: "published",
          region: "A",
          resolve: (w) => ({ params: { regionSlug: w.vision.regionSlug, visionSlug: w.vision.slug }, names: [] }),
        },
        {
          label: "draft version of a published visie",
          state: "draft",
          region: "A",
          resolve: (w) => ({
            params: { regionSlug: w.vision.regionSlug, visionSlug: w.vision.slug },
            search: draftSearch(w),
            names: [worldSecrets.draftSectionTitle],
          }),
        },
        {
          label: "unpublished visie of region B",
          state: "draft",
          region: "B",
          resolve: (w) => ({
            params: { regionSlug: w.otherRegionVision.regionSlug, visionSlug: w.otherRegionVision.slug },
            names: [w.otherRegionVision.title],
          }),
        },
      ];
    }
    default:
      throw new Error(`no instances for the parameters of ${route}: add them to tests/security/access-matrix.test.ts`);
  }
}

const staffRegionOf: Partial<Record<WorldRole, Region>> = { staffEditor: "A", staffAdmin: "A", staffOtherRegion: "B" };
const adminRegionOf: Partial<Record<WorldRole, Region>> = { staffAdmin: "A", staffOtherRegion: "B" };
const reactingMembers: WorldRole[] = ["member", "signatory"];

/** What the table promises for this role and resource. */
function expected(access: Access, role: WorldRole, instance: Instance): Outcome {
  if (access === "public" || access === "invitation-token") return "allowed";
  if (access === "nobody") return "404";
  // No role of the world is half-way through a two-factor login.
  if (access === "awaiting-second-factor") return "login";
  if (access === "published") return instance.state === "published" || instance.state === "none" ? "allowed" : "404";
  if (role === "anonymous") return "login";
  switch (access) {
    case "authenticated":
      return "allowed";
    case "reacting-member":
      return instance.reactingRoles?.includes(role) ? "allowed" : "404";
    case "staff":
      return staffRegionOf[role] ? "allowed" : "403";
    case "staff-admin":
      return adminRegionOf[role] ? "allowed" : "403";
    case "region-staff-of-resource":
      if (!staffRegionOf[role]) return "403";
      return staffRegionOf[role] === instance.region ? "allowed" : "404";
    case "region-staff-admin-of-resource":
      if (!adminRegionOf[role]) return "403";
      return adminRegionOf[role] === instance.region ? "allowed" : "404";
    case "reaction-reader":
      if (reactingMembers.includes(role)) return "allowed";
      return instance.state === "submitted" && ["staffEditor", "staffAdmin", "municipalStaff"].includes(role)
        ? "allowed"
        : "404";
    case "reaction-editor":
      return reactingMembers.includes(role) && instance.state === "draft" ? "allowed" : "404";
    case "reaction-owner":
      return reactingMembers.includes(role) && instance.state === "submitted" ? "allowed" : "404";
    case "letter-reader":
      // No letter has been sent in the world, so only staff of the region get the (concept) file.
      return staffRegionOf[role] && staffRegionOf[role] === instance.region && instance.state === "submitted" ? "allowed" : "404";
    case "platform-admin":
      return role === "platformAdmin" ? "allowed" : "403";
    case "municipality-griffie":
      return role === "griffie" && instance.region === "A" ? "allowed" : "404";
  }
}

interface Case {
  name: string;
  route: RouteFile;
  method: Method;
  role: WorldRole;
  instance: Instance;
  outcome: Outcome;
}

const routeFiles = Object.keys(routePolicies) as RouteFile[];
const cases: Case[] = [];
for (const route of routeFiles) {
  const policy = routePolicies[route];
  for (const [method, handler] of [
    ["GET", policy.loader],
    ["POST", policy.action],
  ] as const) {
    if (handler === null) continue;
    for (const instance of instancesFor(route)) {
      for (const role of worldRoles) {
        const outcome = expected(accessOf(handler), role, instance);
        const where = instance.label ? ` (${instance.label})` : "";
        cases.push({
          name: `${worldRoleLabels[role]} ${method} ${route}${where} → ${outcome}`,
          route,
          method,
          role,
          instance,
          outcome,
        });
      }
    }
  }
}

let database: Database;
let world: World;
const modules = new Map<RouteFile, { loader?: Handler; action?: Handler }>();
type Handler = (args: {
  request: Request;
  params: Record<string, string>;
  context: ReturnType<typeof testContext>;
}) => Promise<unknown>;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await buildWorld(database.db);
  worldBefore = await worldState();
  for (const route of routeFiles) {
    const file = [".tsx", ".ts"].map((ext) => path.resolve("app/routes", route + ext)).find((f) => existsSync(f))!;
    modules.set(route, await import(pathToFileURL(file).href));
  }
});

let worldBefore: Awaited<ReturnType<typeof worldState>>;

/** Everything a request could change; the matrix's empty POSTs must leave it as it was. */
async function worldState() {
  const db = database.db;
  const [audit] = await db.select({ n: count() }).from(auditEvents);
  const [organisationCount] = await db.select({ n: count() }).from(organisations);
  const [membershipCount] = await db.select({ n: count() }).from(memberships);
  const [outboxCount] = await db.select({ n: count() }).from(outboxMessages);
  return {
    audit: audit!.n,
    organisations: organisationCount!.n,
    memberships: membershipCount!.n,
    outbox: outboxCount!.n,
    reactions: await db
      .select({ id: reactions.id, status: reactions.status, revision: reactions.revision })
      .from(reactions)
      .orderBy(asc(reactions.id)),
    points: await db.select({ id: points.id, text: points.plainText }).from(points).orderBy(asc(points.id)),
    versions: await db
      .select({ id: visionVersions.id, status: visionVersions.status, revision: visionVersions.revision })
      .from(visionVersions)
      .orderBy(asc(visionVersions.id)),
    rounds: await db
      .select({ id: consultationRounds.id, closesAt: consultationRounds.closesAt })
      .from(consultationRounds)
      .orderBy(asc(consultationRounds.id)),
    invitations: await db
      .select({ id: invitations.id, usedAt: invitations.usedAt })
      .from(invitations)
      .orderBy(asc(invitations.id)),
  };
}

function urlFor(route: RouteFile, params: Record<string, string>, search = "") {
  return (
    routePath(route).replace(/:([A-Za-z]+)|\*/g, (match, name: string | undefined) =>
      encodeURIComponent(params[name ?? "*"]!).replace(/%2F/g, "/"),
    ) + search
  );
}

async function classify(result: {
  response: Response | null;
  data: unknown;
}): Promise<{ outcome: Outcome | string; body: string }> {
  if (!result.response) return { outcome: "allowed", body: JSON.stringify(result.data) ?? "" };
  const response = result.response;
  const body = await response.clone().text();
  const status = response.status;
  if (status >= 300 && status < 400) {
    const location = response.headers.get("Location") ?? "";
    return { outcome: location.startsWith("/inloggen") ? "login" : "allowed", body };
  }
  if (status === 403) return { outcome: "403", body };
  if (status === 404) return { outcome: "404", body };
  // Data, or a Dutch validation/refusal answer for invalid input.
  if ((status >= 200 && status < 300) || status === 400 || status === 409 || status === 413 || status === 422)
    return { outcome: "allowed", body };
  return { outcome: `unexpected status ${status}`, body };
}

describe("access-control matrix", () => {
  test("covers every role, and every route of the table", () => {
    expect(new Set(cases.map((c) => c.route))).toEqual(
      new Set(routeFiles.filter((r) => routePolicies[r].loader !== null || routePolicies[r].action !== null)),
    );
    expect(new Set(cases.map((c) => c.role))).toEqual(new Set(worldRoles));
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, { route, method, role, instance, outcome }) => {
    const { params, search, names } = instance.resolve(world);
    const url = urlFor(route, params, search);
    const mod = modules.get(route)!;
    const handler = (method === "GET" ? mod.loader : mod.action)!;
    const cookie =
      method === "GET" ? (role === "anonymous" ? undefined : world.sessions[role]) : await world.freshSession(role);
    const request = method === "GET" ? getRequest(url, cookie) : postRequest(url, {}, cookie);
    const result = await classify(await run(() => handler({ request, params, context: testContext() })));
    expect(result.outcome, `${method} ${url}: ${result.body.slice(0, 300)}`).toBe(outcome);

    if (outcome !== "allowed") {
      // A refusal never carries the resource: no names, no secrets, no data.
      for (const name of names) expect(result.body, `${outcome} body leaks "${name}"`).not.toContain(name);
      for (const secret of Object.values(worldSecrets)) expect(result.body).not.toContain(secret);
    }
    // Whatever the answer, nobody sees what is not theirs to see.
    for (const [key, secret] of Object.entries(worldSecrets) as Array<[keyof typeof worldSecrets, string]>) {
      if (!secretAudiences[key].includes(role))
        expect(result.body, `${worldRoleLabels[role]} must not see ${key}`).not.toContain(secret);
    }
  });

  test("no GET and no empty POST of the matrix changed anything (runs after the cases above)", async () => {
    expect(await worldState()).toEqual(worldBefore);
  });
});

describe("the leak check is not vacuous: each secret does reach its audience", () => {
  const controls: Array<[keyof typeof worldSecrets, WorldRole, RouteFile, (w: World) => Record<string, string>]> = [
    ["draftSectionTitle", "staffEditor", "beheer.visies.$visionId._index", (w) => ({ visionId: w.vision.id })],
    ["unpublishedVisionTitle", "staffOtherRegion", "beheer.visies._index", () => ({})],
    ["draftPointText", "signatory", "reacties.$reactionId._index", (w) => ({ reactionId: w.reactions.draft.id })],
    [
      "submittedPointText",
      "municipalStaff",
      "reacties.$reactionId._index",
      (w) => ({ reactionId: w.reactions.submitted.id }),
    ],
    ["otherRegionOrganisationName", "staffOtherRegion", "beheer.organisaties._index", () => ({})],
    ["regionAMessage", "staffAdmin", "beheer.postvak", () => ({})],
    ["regionBMessage", "staffOtherRegion", "beheer.postvak", () => ({})],
  ];
  test.each(controls)("%s reaches %s through %s", async (secret, role, route, paramsOf) => {
    const params = paramsOf(world);
    const request = getRequest(urlFor(route, params), world.sessions[role as Exclude<WorldRole, "anonymous">]);
    const { body } = await classify(
      await run(() => modules.get(route)!.loader!({ request, params, context: testContext() })),
    );
    expect(body).toContain(worldSecrets[secret]);
  });
});

describe("staff views of reactions count submitted reactions only, and only for the visie's own region", () => {
  test("the staff list of received reactions holds the submitted advies, not the draft", async () => {
    const params = { visionId: world.vision.id };
    const request = getRequest(urlFor("beheer.visies.$visionId.reacties", params), world.sessions.staffEditor);
    const { data } = await run(() =>
      modules.get("beheer.visies.$visionId.reacties")!.loader!({ request, params, context: testContext() }),
    );
    expect((data as { rows: Array<{ id: string }> }).rows.map((r) => r.id)).toEqual([world.reactions.submitted.id]);
  });

  test.each(worldRoles)("point counts on the public reading view for %s", async (role) => {
    const params = { regionSlug: world.vision.regionSlug, visionSlug: world.vision.slug };
    const request = getRequest(
      urlFor("visies.$regionSlug.$visionSlug._index", params),
      role === "anonymous" ? undefined : world.sessions[role],
    );
    const { data } = await run(() =>
      modules.get("visies.$regionSlug.$visionSlug._index")!.loader!({ request, params, context: testContext() }),
    );
    const counts = (data as { pointCounts?: Record<string, number> }).pointCounts ?? {};
    // Both advies points anchor to this section; only the submitted one counts, and only staff of region A see it.
    expect(counts).toEqual(role === "staffEditor" || role === "staffAdmin" ? { [world.vision.sectionKey]: 1 } : {});
  });
});

describe("handlers with a wider gate than their writes refuse the others and write nothing", () => {
  async function snapshot(reactionId: string) {
    const [row] = await database.db.select().from(reactions).where(eq(reactions.id, reactionId));
    const pointRows = await database.db.select().from(points).where(eq(points.reactionId, reactionId));
    return { revision: row!.revision, status: row!.status, points: pointRows.map((p) => [p.id, p.plainText]).sort() };
  }

  function saveForm(reactionId: string, revision: number, pointId: string, sectionKey: string) {
    return {
      revision: String(revision),
      addressedToId: world.organisations.gemeente.id,
      introduction: "Overschreven inleiding",
      conclusion: "Overschreven slot",
      "points[0].id": pointId,
      "points[0].kind": "vraag",
      "points[0].body": "Overschreven punt",
      "points[0].sectionKeys[0]": sectionKey,
      intent: "save-anyway",
    };
  }

  test.each(["staffEditor", "staffAdmin", "municipalStaff", "member"] as const)(
    "%s saving the submitted advies gets a Dutch refusal and the advies is unchanged",
    async (role) => {
      const id = world.reactions.submitted.id;
      const before = await snapshot(id);
      const mod = modules.get("reacties.$reactionId._index")!;
      const request = postRequest(
        `/reacties/${id}`,
        saveForm(id, before.revision, before.points[0]![0]!, world.vision.sectionKey),
        await world.freshSession(role),
      );
      const result = await run(() => mod.action!({ request, params: { reactionId: id }, context: testContext() }));
      expect(result.data).toMatchObject({ status: "error", message: expect.stringMatching(/ingediend|niet wijzigen/) });
      expect(await snapshot(id)).toEqual(before);
    },
  );

  test.each(["staffEditor", "municipalStaff", "signatory"] as const)(
    "%s quoting into the submitted advies is refused (400) and adds no point",
    async (role) => {
      const id = world.reactions.submitted.id;
      const before = await snapshot(id);
      const mod = modules.get("reacties.$reactionId.citaat")!;
      const request = postRequest(
        `/reacties/${id}/citaat`,
        { sectionKey: world.vision.sectionKey },
        await world.freshSession(role),
      );
      const { response } = await run(() =>
        mod.action!({ request, params: { reactionId: id }, context: testContext() }),
      );
      expect(response?.status).toBe(400);
      expect(await response!.text()).not.toContain(worldSecrets.submittedPointText);
      expect(await snapshot(id)).toEqual(before);
    },
  );

  test.each([
    ["staffEditor", /Alleen leden/],
    ["municipalStaff", /Alleen leden/],
    ["member", /termijn is voorbij/],
  ] as const)("%s withdrawing the submitted advies is refused (400) and it stays submitted", async (role, message) => {
    const id = world.reactions.submitted.id;
    const before = await snapshot(id);
    const mod = modules.get("reacties.$reactionId.intrekken")!;
    const request = postRequest(`/reacties/${id}/intrekken`, {}, await world.freshSession(role));
    const { response } = await run(() => mod.action!({ request, params: { reactionId: id }, context: testContext() }));
    expect(response?.status).toBe(400);
    expect(await response!.text()).toMatch(message);
    expect(await snapshot(id)).toEqual(before);
  });

  test("starting a reaction for an organisation one does not belong to, or that may not react, is refused and creates nothing", async () => {
    const mod = modules.get("reageren")!;
    const attempts: Array<[WorldRole, string, string]> = [
      ["otherOrganisationMember", world.vision.rounds[1]!, world.organisations.adviesraad.id],
      ["otherOrganisationMember", world.vision.rounds[0]!, world.organisations.aanbieder.id],
      ["griffie", world.vision.rounds[1]!, world.organisations.gemeente.id],
      ["staffAdmin", world.vision.rounds[1]!, world.organisations.regionA.id],
      ["staffOtherRegion", world.vision.rounds[1]!, world.organisations.regionB.id],
    ];
    for (const [role, roundId, organisationId] of attempts) {
      const count = (await database.db.select().from(reactions).where(eq(reactions.organisationId, organisationId)))
        .length;
      const request = postRequest("/reageren", { roundId, organisationId }, await world.freshSession(role));
      const result = await run(() => mod.action!({ request, params: {}, context: testContext() }));
      expect(result.data, `${role} → ${organisationId}`).toMatchObject({
        error: expect.stringMatching(/lid van bent|niet uitgenodigd|bestaat niet/),
      });
      expect(
        (await database.db.select().from(reactions).where(eq(reactions.organisationId, organisationId))).length,
      ).toBe(count);
    }
  });
});

describe("account takeover through an invitation (see the issue 9 report)", () => {
  /**
   * A staff admin invites the e-mail address of an existing account (here: the platform admin) to
   * an organisation of their region, reads the invitation link in Beheer → Postvak, and follows it:
   * accepting an invitation for an account that already has a password asks for no password and
   * starts a session as that account. Fixed: an existing account must be logged in as itself.
   */
  test("a staff admin cannot obtain a session of another existing account by inviting its address", async () => {
    const admin = world.sessions.staffAdmin;
    const orgRoute = modules.get("beheer.organisaties.$organisationId")!;
    const invite = await run(() =>
      orgRoute.action!({
        request: postRequest(
          `/beheer/organisaties/${world.organisations.aanbieder.id}`,
          { name: "Platformbeheerder", email: world.users.platformAdmin.email, role: "member" },
          admin,
        ),
        params: { organisationId: world.organisations.aanbieder.id },
        context: testContext(),
      }),
    );
    expect(invite.data).toMatchObject({ invited: world.users.platformAdmin.email });
    const [message] = await database.db
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.toAddress, world.users.platformAdmin.email), eq(outboxMessages.template, "uitnodiging")),
      );
    const postvak = modules.get("beheer.postvak")!;
    const shown = await run(() =>
      postvak.loader!({
        request: getRequest(`/beheer/postvak?bericht=${message!.id}`, admin),
        params: {},
        context: testContext(),
      }),
    );
    const link = /\/uitnodiging\/([A-Za-z0-9_-]+)/.exec(JSON.stringify(shown.data))?.[1];
    expect(link, "the postvak shows the invitation link to the staff admin").toBeTruthy();

    const sessionsBefore = (await database.db.select().from(sessions).where(eq(sessions.userId, world.users.platformAdmin.id))).length;
    const accept = modules.get("uitnodiging.$token")!;
    const context = testContext();
    await run(() =>
      accept.action!({ request: postRequest(`/uitnodiging/${link}`, {}, admin), params: { token: link! }, context }),
    );
    const platformSessions = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, world.users.platformAdmin.id));
    const joined = await database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, world.users.platformAdmin.id));
    // The safe outcome: no new session for the platform admin, no cookie handed out, no membership added.
    expect({ cookies: context.cookies.length, sessions: platformSessions.length, memberships: joined.length }).toEqual({
      cookies: 0,
      sessions: sessionsBefore,
      memberships: 0,
    });
  });
});
