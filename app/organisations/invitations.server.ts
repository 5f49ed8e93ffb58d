import { and, eq, gt, isNull } from "drizzle-orm";
import { invitations, memberships, organisations, regions, users } from "~db/schema";
import { breachedPasswordMessage, isBreachedPassword } from "~/auth/breached-passwords.server";
import { hashPassword } from "~/auth/password.server";
import type { MembershipRole } from "~/auth/roles";
import { roleLabels, rolesForOrganisationType } from "~/auth/roles";
import { createSession } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { queueMessage } from "~/lib/outbox.server";
import { rateLimits, takeRateLimit } from "~/lib/rate-limit.server";
import { invitationMessages } from "./messages";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type InviteResult =
  | { ok: true; invitationId: string; link: string }
  | { ok: false; field: "role" | "email"; message: string };

export async function inviteToOrganisation(
  db: Db,
  actorId: string,
  organisation: { id: string; regionId: string; name: string; type: keyof typeof rolesForOrganisationType },
  input: { name: string; email: string; role: MembershipRole },
  now = new Date(),
): Promise<InviteResult> {
  if (!rolesForOrganisationType[organisation.type].includes(input.role)) {
    return { ok: false, field: "role", message: "Deze rol past niet bij deze soort organisatie." };
  }
  const [existing] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, input.email), eq(memberships.organisationId, organisation.id)));
  if (existing) {
    return { ok: false, field: "email", message: "Deze persoon hoort al bij deze organisatie." };
  }
  if (!(await takeRateLimit(db, `invite:${actorId}`, rateLimits.invitations.max, rateLimits.invitations.windowMs, now))) {
    return { ok: false, field: "email", message: rateLimits.invitations.message };
  }
  const token = generateToken();
  const link = `${appUrl()}/uitnodiging/${token}`;
  const invitationId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({
        tokenHash: hashToken(token),
        email: input.email,
        name: input.name,
        organisationId: organisation.id,
        role: input.role,
        invitedById: actorId,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
        createdAt: now,
      })
      .returning({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt });
    await writeAudit(tx, {
      actorId,
      regionId: organisation.regionId,
      action: "invitation.create",
      entityType: "invitation",
      entityId: row!.id,
      after: { ...row, organisationId: organisation.id },
    });
    const [region] = await tx.select({ name: regions.name }).from(regions).where(eq(regions.id, organisation.regionId));
    await queueMessage(tx, {
      regionId: organisation.regionId,
      template: "uitnodiging",
      to: { address: input.email, name: input.name },
      data: {
        recipientName: input.name,
        organisationName: organisation.name,
        roleLabel: roleLabels[input.role],
        regionName: region?.name ?? organisation.name,
        link,
        expiresAt: row!.expiresAt,
      },
      idempotencyKey: `invitation:${row!.id}`,
    });
    return row!.id;
  });
  return { ok: true, invitationId, link };
}

export { invitationMessages } from "./messages";

/** Looks up a usable invitation for the page; expired or used links get one Dutch message. */
export async function findUsableInvitation(db: Db, token: string, now = new Date()) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      name: invitations.name,
      role: invitations.role,
      organisationName: organisations.name,
      userHasPassword: users.passwordHash,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(users, eq(users.email, invitations.email))
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.usedAt), gt(invitations.expiresAt, now)));
  if (!row) return null;
  return { ...row, userHasPassword: !!row.userHasPassword };
}

export type AcceptResult =
  | { ok: true; userId: string; session: { token: string; expiresAt: Date } | null }
  | { ok: false; message: string; needsLogin?: boolean };

export const existingAccountMessage =
  "Er bestaat al een account met dit e-mailadres. Log eerst in met dat account en open de uitnodigingslink daarna opnieuw.";

/**
 * Single use: the link is marked used in the same transaction that creates the account. A link never
 * logs anyone into an existing account: whoever holds it must already be logged in as that account
 * (staff can read outgoing messages, so a link alone proves nothing about an existing account).
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  password: string | null,
  now = new Date(),
  loggedInUserId: string | null = null,
): Promise<AcceptResult> {
  if (password && isBreachedPassword(password)) return { ok: false, message: breachedPasswordMessage };
  const passwordHash = password ? await hashPassword(password) : null;
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.usedAt), gt(invitations.expiresAt, now)));
    if (!pending) return { ok: false as const, message: invitationMessages.unusable };
    let [user] = await tx.select().from(users).where(eq(users.email, pending.email));
    const existingAccount = !!user?.passwordHash;
    if (existingAccount && loggedInUserId !== user!.id) return { ok: false as const, message: existingAccountMessage, needsLogin: true };
    if (!existingAccount && !passwordHash) return { ok: false as const, message: "Kies een wachtwoord." };
    const [invitation] = await tx
      .update(invitations)
      .set({ usedAt: now })
      .where(and(eq(invitations.id, pending.id), isNull(invitations.usedAt)))
      .returning();
    if (!invitation) return { ok: false as const, message: invitationMessages.unusable };
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, invitation.organisationId));
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email: invitation.email, name: invitation.name, passwordHash: passwordHash!, passwordChangedAt: now })
        .returning();
    } else if (!existingAccount) {
      await tx.update(users).set({ passwordHash: passwordHash!, passwordChangedAt: now }).where(eq(users.id, user.id));
    }
    await tx
      .insert(memberships)
      .values({ userId: user!.id, organisationId: invitation.organisationId, role: invitation.role })
      .onConflictDoUpdate({ target: [memberships.userId, memberships.organisationId], set: { role: invitation.role } });
    await writeAudit(tx, {
      actorId: user!.id,
      regionId: organisation?.regionId ?? null,
      action: "invitation.accept",
      entityType: "invitation",
      entityId: invitation.id,
      after: { organisationId: invitation.organisationId, role: invitation.role, userId: user!.id },
    });
    // A new account gets its first session; someone already logged in keeps theirs.
    const session = existingAccount ? null : await createSession(tx, user!.id, now);
    return { ok: true as const, userId: user!.id, session };
  });
}
