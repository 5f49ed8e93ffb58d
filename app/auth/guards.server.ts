import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { asc, eq } from "drizzle-orm";
import { memberships, organisations, regions, users } from "~db/schema";
import { db } from "~/lib/db.server";
import type { Viewer } from "./roles";
import { canManageRegions, isStaff, isStaffAdmin, staffRegionIds } from "./roles";
import { readSessionToken, sessionCookie, validateSessionToken } from "./session.server";

const viewerCache = new WeakMap<Request, Promise<Viewer | null>>();
/**
 * Remix hands each loader of one request its own copy of the Request, but one load context: a page
 * with a root and a route loader would look up the session twice. GET requests share the viewer
 * through the context (for the same cookie); after an action the loaders must see what it changed.
 */
const viewerByContext = new WeakMap<object, { cookie: string | null; viewer: Promise<Viewer | null> }>();

/** The logged-in person with their memberships, or null. Cached per request. */
export function getViewer(request: Request, context?: Pick<AppLoadContext, "setCookie">): Promise<Viewer | null> {
  const shared = request.method === "GET" ? context : undefined;
  const cookie = request.headers.get("cookie");
  const hit = shared ? viewerByContext.get(shared) : undefined;
  if (hit && hit.cookie === cookie) return hit.viewer;
  let pending = viewerCache.get(request);
  if (!pending) {
    pending = loadViewer(request, context);
    viewerCache.set(request, pending);
  }
  if (shared) viewerByContext.set(shared, { cookie, viewer: pending });
  return pending;
}

async function loadViewer(request: Request, context?: Pick<AppLoadContext, "setCookie">): Promise<Viewer | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const session = await validateSessionToken(db(), token);
  if (!session) return null;
  if (session.renewed) context?.setCookie(sessionCookie(token, session.cookieExpiresAt));
  if (session.awaitingSecondFactor) return null;
  return { sessionId: session.sessionId, user: session.user, memberships: session.memberships };
}

/** A session that gave the password but not yet the code from the authenticator app. */
export async function getSessionAwaitingSecondFactor(request: Request) {
  const token = readSessionToken(request);
  if (!token) return null;
  const session = await validateSessionToken(db(), token);
  if (!session?.awaitingSecondFactor) return null;
  return { sessionId: session.sessionId, user: session.user };
}

/** A viewer without a session, for server-side work on someone's behalf (the demo seed). */
export async function viewerForUser(userId: string): Promise<Viewer> {
  const [user] = await db().select({ id: users.id, email: users.email, name: users.name, isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`unknown user ${userId}`);
  return { sessionId: "", user, memberships: await loadMemberships(userId) };
}

async function loadMemberships(userId: string) {
  return db()
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationType: organisations.type,
      regionId: organisations.regionId,
      regionName: regions.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(regions, eq(regions.id, organisations.regionId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name));
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/inloggen?terug=${encodeURIComponent(back)}`);
}

/** Without a session: to the login page, and back here afterwards. */
export async function requireViewer(request: Request, context?: Pick<AppLoadContext, "setCookie">): Promise<Viewer> {
  const viewer = await getViewer(request, context);
  if (!viewer) throw loginRedirect(request);
  return viewer;
}

export function notFound(): Response {
  return new Response("Niet gevonden", { status: 404 });
}

export function forbidden(): Response {
  return new Response("Geen toegang", { status: 403 });
}

/** Staff of the given region; another region's resources answer 404, never data. */
export async function requireStaff(request: Request, context: Pick<AppLoadContext, "setCookie"> | undefined, regionId: string) {
  const viewer = await requireViewer(request, context);
  if (!isStaff(viewer, regionId)) throw notFound();
  return viewer;
}

export async function requireStaffAdmin(request: Request, context: Pick<AppLoadContext, "setCookie"> | undefined, regionId: string) {
  const viewer = await requireViewer(request, context);
  if (!isStaffAdmin(viewer, regionId)) throw isStaff(viewer, regionId) ? forbidden() : notFound();
  return viewer;
}

/** The region the staff pages work on: the viewer's first staff region. */
export async function requireStaffRegion(request: Request, context?: Pick<AppLoadContext, "setCookie">) {
  const viewer = await requireViewer(request, context);
  const [regionId] = staffRegionIds(viewer);
  if (!regionId) throw forbidden();
  const [region] = await db().select().from(regions).where(eq(regions.id, regionId));
  if (!region) throw notFound();
  return { viewer, region };
}

export async function requirePlatformAdmin(request: Request, context?: Pick<AppLoadContext, "setCookie">) {
  const viewer = await requireViewer(request, context);
  if (!canManageRegions(viewer)) throw forbidden();
  return viewer;
}
