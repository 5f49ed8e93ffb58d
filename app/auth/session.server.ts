import { and, eq, gt, lt, sql } from "drizzle-orm";
import { sessions, users } from "~db/schema";
import type { ViewerMembership } from "./roles";
import type { Db } from "~/lib/db.server";
import { prepared } from "~/lib/prepared.server";
import { generateToken, hashToken } from "./tokens.server";

export const SESSION_COOKIE = "herleidbaar_sessie";
const MINUTE = 60 * 1000;
/**
 * Idle timeout: a session unused for two hours ends. Absolute timeout: every session ends twelve
 * hours after login, used or not (NIST SP 800-63B AAL2 and ASVS 5.0 V7.3). Autosave keeps a session
 * active while someone writes.
 */
export const SESSION_IDLE_TIMEOUT_MS = 120 * MINUTE;
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * MINUTE;
/** The idle deadline moves forward at most once per ten minutes, so reads rarely write. */
const RENEW_STEP_MS = 10 * MINUTE;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
}

export interface ValidSession {
  sessionId: string;
  /** When the session ends unless used again (never after the absolute timeout). */
  expiresAt: Date;
  /** The absolute end: the cookie lives until then. */
  cookieExpiresAt: Date;
  user: SessionUser;
  /** The user's memberships, read in the same statement (every page needs them). */
  memberships: ViewerMembership[];
  renewed: boolean;
  /** The account has two-factor login and this session has not given the code yet: it opens nothing. */
  awaitingSecondFactor: boolean;
}

/** `expiresAt` is when the cookie should expire: the absolute end of the session. */
export async function createSession(db: Db, userId: string, now = new Date(), options: { twoFactorVerified?: boolean } = {}) {
  const token = generateToken();
  const idleExpiresAt = new Date(now.getTime() + SESSION_IDLE_TIMEOUT_MS);
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt: idleExpiresAt, createdAt: now, twoFactorVerified: options.twoFactorVerified ?? false });
  return { token, expiresAt: absoluteEnd(now) };
}

function absoluteEnd(createdAt: Date) {
  return new Date(createdAt.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS);
}

/** The session and its user with their memberships, by session id: read on every signed-in request. */
function sessionWithUserQuery(db: Db) {
  return prepared(db, "session_with_user", (db) =>
    db
      .select({
        expiresAt: sessions.expiresAt,
        createdAt: sessions.createdAt,
        twoFactorVerified: sessions.twoFactorVerified,
        totpEnabledAt: users.totpEnabledAt,
        user: { id: users.id, email: users.email, name: users.name, isPlatformAdmin: users.isPlatformAdmin },
        memberships: sql<ViewerMembership[]>`coalesce((
          select json_agg(json_build_object(
            'organisationId', o.id, 'organisationName', o.name, 'organisationType', o.type,
            'regionId', o.region_id, 'regionName', r.name, 'role', m.role) order by o.name)
          from memberships m join organisations o on o.id = m.organisation_id join regions r on r.id = o.region_id
          where m.user_id = ${users.id}), '[]'::json)`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder("sessionId"))),
  );
}

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
  const sessionId = hashToken(token);
  const [row] = await sessionWithUserQuery(db).execute({ sessionId });
  if (!row) return null;
  const end = absoluteEnd(row.createdAt);
  if (row.expiresAt.getTime() <= now.getTime() || end.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  const awaitingSecondFactor = row.totpEnabledAt !== null && !row.twoFactorVerified;
  const idleDeadline = Math.min(now.getTime() + SESSION_IDLE_TIMEOUT_MS, end.getTime());
  if (idleDeadline - row.expiresAt.getTime() >= RENEW_STEP_MS) {
    const expiresAt = new Date(idleDeadline);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
    return { sessionId, expiresAt, cookieExpiresAt: end, user: row.user, memberships: row.memberships, renewed: true, awaitingSecondFactor };
  }
  return { sessionId, expiresAt: row.expiresAt, cookieExpiresAt: end, user: row.user, memberships: row.memberships, renewed: false, awaitingSecondFactor };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAllUserSessions(db: Db, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Db, now = new Date()) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function countActiveSessions(db: Db, userId: string, now = new Date()) {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)));
  return rows.length;
}

function secureCookies() {
  return process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1";
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function blankSessionCookie(): string {
  const parts = [`${SESSION_COOKIE}=`, "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0"];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      return /^[a-z2-7]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}
