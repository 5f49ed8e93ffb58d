import { eq, sql } from "drizzle-orm";
import { loginThrottle, users } from "~db/schema";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { logSecurityEvent } from "~/lib/log.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { createSession } from "./session.server";

export const ACCOUNT_MAX_FAILURES = 5;
export const IP_MAX_FAILURES = 30;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export type LoginResult =
  | { ok: true; userId: string; token: string; expiresAt: Date; needsSecondFactor: boolean }
  | { ok: false; reason: "invalid" | "throttled" };

export const loginMessages = {
  invalid: "Het e-mailadres of het wachtwoord klopt niet.",
  throttled: "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.",
} as const;

/**
 * Same answer for known and unknown addresses (and equally slow); failures are counted per
 * account and per IP address, and a locked key refuses even a correct password.
 */
export async function logIn(db: Db, input: { email: string; password: string; ip: string }, now = new Date()): Promise<LoginResult> {
  const accountKey = `account:${input.email}`;
  const ipKey = `ip:${input.ip}`;
  if ((await isLocked(db, accountKey, now)) || (await isLocked(db, ipKey, now))) {
    return { ok: false, reason: "throttled" };
  }
  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !valid) {
    await recordFailure(db, accountKey, ACCOUNT_MAX_FAILURES, now);
    await recordFailure(db, ipKey, IP_MAX_FAILURES, now);
    // Logged without the password or the address's validity.
    logSecurityEvent(`mislukte inlogpoging vanaf ${input.ip}`);
    return { ok: false, reason: "invalid" };
  }
  await db.delete(loginThrottle).where(eq(loginThrottle.key, accountKey));
  return db.transaction(async (tx) => {
    const session = await createSession(tx, user.id, now);
    await writeAudit(tx, {
      actorId: user.id,
      regionId: null,
      action: "session.create",
      entityType: "user",
      entityId: user.id,
    });
    return { ok: true as const, userId: user.id, ...session, needsSecondFactor: user.totpEnabledAt !== null };
  });
}

export async function isLocked(db: Db, key: string, now: Date) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return !!row?.lockedUntil && row.lockedUntil.getTime() > now.getTime();
}

export async function recordFailure(db: Db, key: string, maxFailures: number, now: Date) {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + THROTTLE_WINDOW_MS);
  // One statement, so concurrent failures cannot lose a count.
  await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${loginThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when (case when ${loginThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then 1 else ${loginThrottle.failures} + 1 end) >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${loginThrottle.lockedUntil} end`,
      },
    });
}
