import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { users } from "~db/schema";
import { logIn } from "~/auth/login.server";
import { validateSessionToken } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { forgetTotpEncryptionKey, loadTotpEncryptionKey, TOTP_KEY_FILE, TotpSecretError } from "~/auth/totp-secret.server";
import { currentCode, disableTwoFactor, enableTwoFactor, newTotpKey, totpSetup, verifySecondFactor } from "~/auth/two-factor.server";
import type { Database } from "~/lib/db.server";
import { createUserRecord, TEST_PASSWORD } from "../factories";
import { useTestDatabase } from "../setup/db";

const KEY_A = Buffer.alloc(32, 7).toString("base64");
const KEY_B = Buffer.alloc(32, 9).toString("base64");
const originalKey = process.env.TOTP_ENCRYPTION_KEY;

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});
beforeEach(() => {
  process.env.TOTP_ENCRYPTION_KEY = KEY_A;
  forgetTotpEncryptionKey();
});
afterAll(() => {
  if (originalKey === undefined) delete process.env.TOTP_ENCRYPTION_KEY;
  else process.env.TOTP_ENCRYPTION_KEY = originalKey;
  forgetTotpEncryptionKey();
});

async function storedKey(userId: string) {
  const [row] = await database.db.select({ key: users.totpKey }).from(users).where(eq(users.id, userId));
  return row!.key!;
}

/** A user who turned two-factor login on at `now`, a fresh half-finished login, and their app's key. */
async function enabledUser(now: Date) {
  const user = await createUserRecord(database.db);
  const first = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" }, now);
  if (!first.ok) throw new Error("login failed");
  const key = newTotpKey();
  expect(await enableTwoFactor(database.db, user.id, hashToken(first.token), totpSetup(key, user.email).keyBase64, currentCode(key, now), now)).toEqual({ ok: true });
  return { user, key };
}

async function secondLogin(email: string, at: Date) {
  const login = await logIn(database.db, { email, password: TEST_PASSWORD, ip: "10.0.0.1" }, at);
  if (!login.ok) throw new Error("login failed");
  return login.token;
}

describe("TOTP secrets are encrypted at rest", () => {
  test("the stored value is a versioned ciphertext that does not contain the secret in any encoding", async () => {
    const { user, key } = await enabledUser(new Date("2026-05-01T09:00:00Z"));
    const stored = await storedKey(user.id);
    const text = stored.toString("utf8");
    expect(text).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored.includes(Buffer.from(key))).toBe(false);
    expect(text).not.toContain(Buffer.from(key).toString("base64"));
    expect(text).not.toContain(Buffer.from(key).toString("hex"));
    expect(text).not.toContain(encodeBase32UpperCaseNoPadding(key));
  });

  test("logging in with a code still works with the encrypted secret", async () => {
    const start = new Date("2026-05-01T09:00:00Z");
    const { user, key } = await enabledUser(start);
    const later = new Date(start.getTime() + 5 * 60_000);
    const token = await secondLogin(user.email, later);
    expect((await validateSessionToken(database.db, token, later))?.awaitingSecondFactor).toBe(true);
    expect(await verifySecondFactor(database.db, user.id, hashToken(token), currentCode(key, later), "10.0.0.1", later)).toEqual({ ok: true });
    expect((await validateSessionToken(database.db, token, later))?.awaitingSecondFactor).toBe(false);
  });

  test("under a different server key the right code is refused with a Dutch message and the session stays closed", async () => {
    const start = new Date("2026-05-01T09:00:00Z");
    const { user, key } = await enabledUser(start);
    const later = new Date(start.getTime() + 5 * 60_000);
    const token = await secondLogin(user.email, later);
    process.env.TOTP_ENCRYPTION_KEY = KEY_B;
    forgetTotpEncryptionKey();
    const result = await verifySecondFactor(database.db, user.id, hashToken(token), currentCode(key, later), "10.0.0.1", later);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("sleutel voor tweestapsverificatie") });
    expect((await validateSessionToken(database.db, token, later))?.awaitingSecondFactor).toBe(true);
    // Turning it off is refused too: a wrong key never opens anything.
    expect(await disableTwoFactor(database.db, user.id, currentCode(key, later), later)).toMatchObject({ ok: false });
  });

  test("a secret copied to another account does not decrypt there", async () => {
    const start = new Date("2026-05-01T09:00:00Z");
    const { user, key } = await enabledUser(start);
    const other = await enabledUser(start);
    await database.db.update(users).set({ totpKey: await storedKey(user.id) }).where(eq(users.id, other.user.id));
    const later = new Date(start.getTime() + 5 * 60_000);
    const token = await secondLogin(other.user.email, later);
    expect(await verifySecondFactor(database.db, other.user.id, hashToken(token), currentCode(key, later), "10.0.0.1", later)).toMatchObject({ ok: false });
  });

  test("an old plaintext secret still works and is encrypted on the next verified code", async () => {
    const start = new Date("2026-05-01T09:00:00Z");
    const { user } = await enabledUser(start);
    const legacy = newTotpKey();
    await database.db.update(users).set({ totpKey: Buffer.from(legacy) }).where(eq(users.id, user.id));
    const later = new Date(start.getTime() + 5 * 60_000);
    const token = await secondLogin(user.email, later);
    expect(await verifySecondFactor(database.db, user.id, hashToken(token), currentCode(legacy, later), "10.0.0.1", later)).toEqual({ ok: true });
    const stored = await storedKey(user.id);
    expect(stored.toString("utf8")).toMatch(/^v1:/);
    expect(stored.includes(Buffer.from(legacy))).toBe(false);
    // And the re-encrypted secret keeps working.
    const evenLater = new Date(later.getTime() + 60_000);
    const again = await secondLogin(user.email, evenLater);
    expect(await verifySecondFactor(database.db, user.id, hashToken(again), currentCode(legacy, evenLater), "10.0.0.1", evenLater)).toEqual({ ok: true });
  });
});

describe("the TOTP encryption key", () => {
  test("without TOTP_ENCRYPTION_KEY a key file is generated once in the data directory (owner-only) and reused", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "herleidbaar-totp-"));
    try {
      const nested = path.join(dataDir, "nog-niet-aangemaakt");
      const first = loadTotpEncryptionKey({ envKey: undefined, dataDir: nested });
      const second = loadTotpEncryptionKey({ envKey: "", dataDir: nested });
      expect(first.length).toBe(32);
      expect(second.equals(first)).toBe(true);
      const file = path.join(nested, TOTP_KEY_FILE);
      expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64").equals(first)).toBe(true);
      expect(statSync(file).mode & 0o077).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("TOTP_ENCRYPTION_KEY wins over the file, and a malformed one is refused with a Dutch message", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "herleidbaar-totp-"));
    try {
      expect(loadTotpEncryptionKey({ envKey: KEY_B, dataDir }).equals(Buffer.from(KEY_B, "base64"))).toBe(true);
      expect(() => loadTotpEncryptionKey({ envKey: "te-kort", dataDir })).toThrow(TotpSecretError);
      expect(() => loadTotpEncryptionKey({ envKey: Buffer.alloc(16).toString("base64"), dataDir })).toThrow(/32 bytes/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
