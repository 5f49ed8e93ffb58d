import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { accessOf, routeParams, routePath, routePolicies, type Access, type RouteFile, type RoutePolicy } from "~/auth/route-policy";
import { worldRoleLabels, worldRoles, worldSecrets, type World, type WorldRole } from "../factories/world";
import type { testContext } from "../setup/requests";

/**
 * The reusable parts of the access-control matrix (tests/security/access-matrix.test.ts), shared
 * with the form fuzzer (tests/security/fuzz.test.ts): for every route of app/auth/route-policy.ts
 * the URL instances it can be called with in the world of tests/factories/world.ts, who may use it
 * (`expected`), how to build its URL (`urlFor`), load its module, and classify an answer.
 */

export type Outcome = "allowed" | "login" | "403" | "404";
export type Method = "GET" | "POST";
export type Region = "A" | "B" | "none";
export type State = "none" | "published" | "draft" | "submitted";

export interface Instance {
  label: string;
  state: State;
  /** The region owning the resource in the URL; "none": no such resource (or one of another visie). */
  region: Region;
  /** For `reacting-member`: who may react to this round. */
  reactingRoles?: WorldRole[];
  /** Fills the URL from the world; `names` are the resource's own names, never in a 403/404. */
  resolve(world: World): { params: Record<string, string>; search?: string; names: string[] };
}

export const none: Instance = { label: "", state: "none", region: "none", resolve: () => ({ params: {}, names: [] }) };

/** Routes whose resource is in the query string rather than the path. */
export const queryInstances: Partial<Record<RouteFile, Instance[]>> = {
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
      "visies.$regionSlug.$visionSlug.herleidbaarheid_.$bestand",
      "visies.$regionSlug.$visionSlug.open-data",
      "visies.$regionSlug.$visionSlug.open-data_.csv",
      "visies.$regionSlug.$visionSlug.open-data_.json",
      "visies.$regionSlug.$visionSlug.open-data_.$bestand",
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

/**
 * The instances of a route. A download route's `$bestand` segment is filled with the first file name
 * the table lists for it (the other names reach the same check); its other parameters as below.
 */
export function instancesFor(route: RouteFile): Instance[] {
  const policy: RoutePolicy = routePolicies[route];
  const file = routeParams(route).includes("bestand") ? policy.download?.[0] : undefined;
  if (!file) return baseInstancesFor(route);
  return baseInstancesFor(route).map((instance) => ({
    ...instance,
    resolve: (w: World) => {
      const resolved = instance.resolve(w);
      return { ...resolved, params: { ...resolved.params, bestand: file } };
    },
  }));
}

function baseInstancesFor(route: RouteFile): Instance[] {
  const fromQuery = queryInstances[route];
  if (fromQuery) return fromQuery;
  const params = routeParams(route).filter((name) => name !== "bestand");
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
    case "regionSlug,visionSlug,reactionId":
      // The public antwoordbrief: the world sends no letter, so every reaction answers 404 to everyone.
      return [
        {
          label: "published visie, submitted advies without a sent letter",
          state: "draft",
          region: "A",
          resolve: (w) => ({
            params: { regionSlug: w.vision.regionSlug, visionSlug: w.vision.slug, reactionId: w.reactions.submitted.id },
            names: [worldSecrets.submittedPointText],
          }),
        },
        {
          label: "published visie, draft advies",
          state: "draft",
          region: "A",
          resolve: (w) => ({
            params: { regionSlug: w.vision.regionSlug, visionSlug: w.vision.slug, reactionId: w.reactions.draft.id },
            names: [worldSecrets.draftPointText],
          }),
        },
        {
          label: "unpublished visie of region B with a reaction of visie A",
          state: "draft",
          region: "B",
          resolve: (w) => ({
            params: { regionSlug: w.otherRegionVision.regionSlug, visionSlug: w.otherRegionVision.slug, reactionId: w.reactions.submitted.id },
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
      throw new Error(`no instances for the parameters of ${route}: add them to tests/security/matrix.ts`);
  }
}

export const staffRegionOf: Partial<Record<WorldRole, Region>> = { staffEditor: "A", staffAdmin: "A", staffOtherRegion: "B" };
export const adminRegionOf: Partial<Record<WorldRole, Region>> = { staffAdmin: "A", staffOtherRegion: "B" };
export const reactingMembers: WorldRole[] = ["member", "signatory"];

/** What the table promises for this role and resource. */
export function expected(access: Access, role: WorldRole, instance: Instance): Outcome {
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


export interface Case {
  name: string;
  route: RouteFile;
  method: Method;
  role: WorldRole;
  instance: Instance;
  outcome: Outcome;
}

export const routeFiles = Object.keys(routePolicies) as RouteFile[];

/** Every route × handler × URL instance × role, with the outcome the table promises. */
export function matrixCases(): Case[] {
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
  return cases;
}

export type Handler = (args: {
  request: Request;
  params: Record<string, string>;
  context: ReturnType<typeof testContext>;
}) => Promise<unknown>;

export type RouteModule = { loader?: Handler; action?: Handler };

/** Imports every route module of the table (call after useTestDatabase). */
export async function loadRouteModules(): Promise<Map<RouteFile, RouteModule>> {
  const modules = new Map<RouteFile, RouteModule>();
  for (const route of routeFiles) {
    const file = [".tsx", ".ts"].map((ext) => path.resolve("app/routes", route + ext)).find((f) => existsSync(f))!;
    modules.set(route, (await import(pathToFileURL(file).href)) as RouteModule);
  }
  return modules;
}

export function urlFor(route: RouteFile, params: Record<string, string>, search = "") {
  return (
    routePath(route).replace(/:([A-Za-z]+)|\*/g, (match, name: string | undefined) =>
      encodeURIComponent(params[name ?? "*"]!).replace(/%2F/g, "/"),
    ) + search
  );
}

export async function classify(result: {
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
