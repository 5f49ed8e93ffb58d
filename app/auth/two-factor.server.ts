import { generateHOTP } from "@oslojs/otp";
import { createTOTPKeyURI } from "@oslojs/otp";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { and, eq, isNull, sql } from "drizzle-orm";
import { renderSVG } from "uqr";
import { sessions, users } from "~db/schema";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { logSecurityEvent } from "~/lib/log.server";
import { isLocked, recordFailure } from "./login.server";
import { openTotpSecret, sealTotpSecret, TotpSecretError, totpSecretMessages } from "./totp-secret.server";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Codes from one step before or after are accepted too: phone clocks drift. */
const ALLOWED_DRIFT_STEPS = 1;
export const TOTP_MAX_FAILURES = 5;

export const twoFactorMessages = {
  invalid: "Deze code klopt niet. Kijk in uw app naar de code van dit moment en probeer het opnieuw.",
  throttled: "Te veel verkeerde codes. Wacht een kwartier en probeer het dan opnieuw.",
  format: "Vul de code van 6 cijfers uit uw app in.",
  alreadyEnabled: "Tweestapsverificatie staat al aan.",
} as const;

export function newTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(20));
}

/** What the setup page shows: the key for typing and a QR code (SVG made here, no user input in it). */
export function totpSetup(key: Uint8Array, accountName: string) {
  const uri = createTOTPKeyURI("Herleidbaar", accountName, key, PERIOD_SECONDS, DIGITS);
  return {
    keyBase64: Buffer.from(key).toString("base64"),
    /** Grouped by four for typing: "ABCD EFGH …". */
    keyForTyping: encodeBase32UpperCaseNoPadding(key).replace(/(.{4})/g, "$1 ").trim(),
    qrSvg: renderSVG(uri, { border: 2 }),
  };
}

/** The step a code belongs to, or null; only steps after `lastStep` count (a code works once). */
export function matchingStep(key: Uint8Array, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
  for (let step = current - ALLOWED_DRIFT_STEPS; step <= current + ALLOWED_DRIFT_STEPS; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (generateHOTP(key, BigInt(step), DIGITS) === code) return step;
  }
  return null;
}

/** For tests and the demo: the code an authenticator app would show now. */
export function currentCode(key: Uint8Array, now = new Date()): string {
  return generateHOTP(key, BigInt(Math.floor(now.getTime() / 1000 / PERIOD_SECONDS)), DIGITS);
}

export type TwoFactorResult = { ok: true } | { ok: false; message: string };

/** The secret encrypted for storage, or null (logged) when the server key is unusable. */
function trySeal(secret: Uint8Array, userId: string): Buffer | null {
  try {
    return sealTotpSecret(secret, userId);
  } catch (error) {
    if (!(error instanceof TotpSecretError)) throw error;
    logSecurityEvent(`tweestapssleutel niet te versleutelen: ${error.message}`);
    return null;
  }
}

/**
 * The stored secret of a user, decrypted; a value that cannot be decrypted (wrong server key,
 * tampering) is a refusal with a Dutch message, never a pass.
 */
function storedSecret(stored: Buffer, userId: string): { ok: true; secret: Uint8Array; legacy: boolean } | { ok: false; message: string } {
  try {
    return { ok: true, ...openTotpSecret(stored, userId) };
  } catch (error) {
    if (!(error instanceof TotpSecretError)) throw error;
    logSecurityEvent(`tweestapssleutel van gebruiker ${userId} niet te ontsleutelen: ${error.message}`);
    return { ok: false, message: totpSecretMessages.unreadable };
  }
}

/** Turns two-factor login on once the person proves their app shows the right code. */
export async function enableTwoFactor(db: Db, userId: string, sessionId: string, keyBase64: string, code: string, now = new Date()): Promise<TwoFactorResult> {
  const key = decodeKey(keyBase64);
  if (!key) return { ok: false, message: "De sleutel is niet geldig. Begin opnieuw." };
  const step = matchingStep(key, code.trim(), now, null);
  if (step === null) return { ok: false, message: /^\d{6}$/.test(code.trim()) ? twoFactorMessages.invalid : twoFactorMessages.format };
  const sealed = trySeal(key, userId);
  if (!sealed) return { ok: false, message: totpSecretMessages.unreadable };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ totpKey: sealed, totpEnabledAt: now, totpLastStep: step })
      .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!updated) return { ok: false as const, message: twoFactorMessages.alreadyEnabled };
    // Every other session of the account must now give the second factor too.
    await tx.update(sessions).set({ twoFactorVerified: sql`${sessions.id} = ${sessionId}` }).where(eq(sessions.userId, userId));
    await writeAudit(tx, { actorId: userId, regionId: null, action: "user.two_factor_enable", entityType: "user", entityId: userId });
    return { ok: true as const };
  });
}

/** Second step of logging in: the session opens the platform once a fresh code is given. */
export async function verifySecondFactor(db: Db, userId: string, sessionId: string, code: string, ip: string, now = new Date()): Promise<TwoFactorResult> {
  const throttleKey = `totp:${userId}`;
  if (await isLocked(db, throttleKey, now)) return { ok: false, message: twoFactorMessages.throttled };
  const [user] = await db.select({ key: users.totpKey, lastStep: users.totpLastStep }).from(users).where(eq(users.id, userId));
  if (!user?.key) return { ok: false, message: twoFactorMessages.invalid };
  const opened = storedSecret(user.key, userId);
  if (!opened.ok) return opened;
  const step = matchingStep(opened.secret, code.trim(), now, user.lastStep);
  if (step === null) {
    await recordFailure(db, throttleKey, TOTP_MAX_FAILURES, now);
    logSecurityEvent(`verkeerde tweestapscode vanaf ${ip}`);
    return { ok: false, message: /^\d{6}$/.test(code.trim()) ? twoFactorMessages.invalid : twoFactorMessages.format };
  }
  const resealed = opened.legacy ? trySeal(opened.secret, userId) : null;
  return db.transaction(async (tx) => {
    // The step only moves forward: two requests with the same code cannot both succeed.
    const [claimed] = await tx
      .update(users)
      // A secret still stored as plaintext (from before encryption) is encrypted on this occasion.
      .set(resealed ? { totpLastStep: step, totpKey: resealed } : { totpLastStep: step })
      .where(and(eq(users.id, userId), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
      .returning({ id: users.id });
    if (!claimed) return { ok: false as const, message: twoFactorMessages.invalid };
    await tx.update(sessions).set({ twoFactorVerified: true }).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
    await writeAudit(tx, { actorId: userId, regionId: null, action: "session.two_factor_verify", entityType: "user", entityId: userId });
    return { ok: true as const };
  });
}

/** Turning it off asks for a current code, so a borrowed open session cannot do it. */
export async function disableTwoFactor(db: Db, userId: string, code: string, now = new Date()): Promise<TwoFactorResult> {
  const [user] = await db.select({ key: users.totpKey, lastStep: users.totpLastStep }).from(users).where(eq(users.id, userId));
  if (!user?.key) return { ok: false, message: "Tweestapsverificatie staat niet aan." };
  const opened = storedSecret(user.key, userId);
  if (!opened.ok) return opened;
  const step = matchingStep(opened.secret, code.trim(), now, user.lastStep);
  if (step === null) return { ok: false, message: /^\d{6}$/.test(code.trim()) ? twoFactorMessages.invalid : twoFactorMessages.format };
  return db.transaction(async (tx) => {
    await tx.update(users).set({ totpKey: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
    await writeAudit(tx, { actorId: userId, regionId: null, action: "user.two_factor_disable", entityType: "user", entityId: userId });
    return { ok: true as const };
  });
}

function decodeKey(keyBase64: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]{27}=$/.test(keyBase64)) return null;
  const key = new Uint8Array(Buffer.from(keyBase64, "base64"));
  return key.length === 20 ? key : null;
}

export async function twoFactorStatus(db: Db, userId: string) {
  const [row] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  return { enabledAt: row?.enabledAt ?? null };
}
