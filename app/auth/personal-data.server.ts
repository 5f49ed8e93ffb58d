import { and, asc, count, desc, eq, ne } from "drizzle-orm";
import {
  answers,
  auditEvents,
  invitations,
  loginThrottle,
  memberships,
  organisations,
  outboxMessages,
  points,
  reactions,
  reactionSignatories,
  sessions,
  users,
} from "~db/schema";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { verifyPassword } from "./password.server";

/**
 * AVG (GDPR) articles 15 and 20: everything the platform holds about one person, as JSON they can
 * download. Secrets (password hash, TOTP key, session ids) are never part of it.
 */
export async function exportPersonalData(db: Db, userId: string) {
  const [user] = await db
    .select({
      email: users.email,
      name: users.name,
      createdAt: users.createdAt,
      passwordChangedAt: users.passwordChangedAt,
      notificationPreference: users.notificationPreference,
      twoFactorEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const [membershipRows, sessionRows, submitted, signed, answered, activity, messages] = await Promise.all([
    db
      .select({ organisation: organisations.name, role: memberships.role, title: memberships.title, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.userId, userId)),
    db.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, userId)),
    db
      .select({ id: reactions.id, subject: reactions.subject, kind: reactions.kind, status: reactions.status, submittedAt: reactions.submittedAt })
      .from(reactions)
      .where(eq(reactions.submittedById, userId)),
    db
      .select({ reactionId: reactionSignatories.reactionId, name: reactionSignatories.name, title: reactionSignatories.title })
      .from(reactionSignatories)
      .where(eq(reactionSignatories.userId, userId)),
    db
      .select({ point: points.reference, status: answers.status, answeredAt: answers.answeredAt })
      .from(answers)
      .innerJoin(points, eq(points.id, answers.pointId))
      .where(eq(answers.answeredById, userId)),
    db
      .select({ at: auditEvents.at, action: auditEvents.action, entityType: auditEvents.entityType, entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(eq(auditEvents.actorId, userId))
      .orderBy(desc(auditEvents.at))
      .limit(5000),
    db
      .select({ subject: outboxMessages.subject, template: outboxMessages.template, status: outboxMessages.status, createdAt: outboxMessages.createdAt })
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, user.email))
      .orderBy(asc(outboxMessages.createdAt)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: user,
    memberships: membershipRows,
    sessions: sessionRows,
    reactionsSubmitted: submitted,
    signatures: signed,
    answersWritten: answered,
    activity,
    emails: messages,
  };
}

export type DeleteAccountResult = { ok: true } | { ok: false; message: string };

/**
 * AVG article 17: the account is erased and its traces pseudonymised. A submitted advies or reactie
 * is a formal document of its organisation and stays, but the person's name is taken out of its
 * signatures; the user row remains as an anonymous placeholder so audit history stays consistent.
 */
export async function deleteOwnAccount(db: Db, userId: string, password: string, now = new Date()): Promise<DeleteAccountResult> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    return { ok: false, message: "Uw wachtwoord klopt niet. Er is niets verwijderd." };
  }
  if (user.isPlatformAdmin) return { ok: false, message: "Een platformbeheerder kan zijn account niet zelf verwijderen. Vraag een andere platformbeheerder." };
  const lastAdminOf = await organisationsWhereLastStaffAdmin(db, userId);
  if (lastAdminOf.length > 0) {
    return { ok: false, message: `U bent de laatste beheerder van ${lastAdminOf.join(", ")}. Maak eerst iemand anders beheerder. Er is niets verwijderd.` };
  }
  const pseudonym = `verwijderd-${userId}@verwijderd.invalid`;
  return db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(memberships).where(eq(memberships.userId, userId));
    await tx.delete(invitations).where(eq(invitations.email, user.email));
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, `account:${user.email}`));
    await tx.update(reactionSignatories).set({ name: "(naam verwijderd)", title: null, userId: null }).where(eq(reactionSignatories.userId, userId));
    await tx
      .update(outboxMessages)
      .set({ toAddress: pseudonym, toName: null, textBody: null, htmlBody: null, payload: {}, recipientUserId: null })
      .where(eq(outboxMessages.toAddress, user.email));
    await tx
      .update(users)
      .set({ email: pseudonym, name: "Verwijderde gebruiker", passwordHash: null, totpKey: null, totpEnabledAt: null, totpLastStep: null, passwordChangedAt: now })
      .where(eq(users.id, userId));
    await writeAudit(tx, { actorId: userId, regionId: null, action: "user.delete", entityType: "user", entityId: userId });
    return { ok: true as const };
  });
}

async function organisationsWhereLastStaffAdmin(db: Db, userId: string) {
  const own = await db
    .select({ organisationId: memberships.organisationId, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "staff_admin")));
  const last: string[] = [];
  for (const organisation of own) {
    const [others] = await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.organisationId, organisation.organisationId), eq(memberships.role, "staff_admin"), ne(memberships.userId, userId)));
    if (!others?.n) last.push(organisation.name);
  }
  return last;
}
