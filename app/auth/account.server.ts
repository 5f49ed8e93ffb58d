import { eq } from "drizzle-orm";
import { users } from "~db/schema";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { breachedPasswordMessage, isBreachedPassword } from "./breached-passwords.server";
import { hashPassword, verifyPassword } from "./password.server";
import { createSession, invalidateAllUserSessions } from "./session.server";

export type ChangePasswordResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; field: "currentPassword" | "password"; message: string };

/** Ends every session of the user (all devices) and starts one new session for this browser. */
export async function changePassword(
  db: Db,
  userId: string,
  input: { currentPassword: string; password: string },
  now = new Date(),
): Promise<ChangePasswordResult> {
  if (isBreachedPassword(input.password)) return { ok: false, field: "password", message: breachedPasswordMessage };
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", message: "Uw huidige wachtwoord klopt niet." };
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId));
    await invalidateAllUserSessions(tx, userId);
    await writeAudit(tx, {
      actorId: userId,
      regionId: null,
      action: "user.password_change",
      entityType: "user",
      entityId: userId,
    });
    // The person just proved who they are with their current password (and session).
    const session = await createSession(tx, userId, now, { twoFactorVerified: true });
    return { ok: true as const, ...session };
  });
}
