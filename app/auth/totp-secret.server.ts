import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "~/lib/env.server";

/**
 * TOTP secrets at rest: AES-256-GCM under a server key, stored in users.totp_key as the UTF-8 bytes
 * of `v1:<iv>:<tag>:<ciphertext>` (base64 parts). The user id is the additional authenticated data,
 * so a stored secret cannot be copied to another account. Rows from before encryption hold the raw
 * 20-byte key; they are still read, and re-encrypted on the next verified code.
 *
 * The key comes from TOTP_ENCRYPTION_KEY (base64 of 32 bytes) or, when that is unset, from a key
 * file generated once in DATA_DIR (so `npm start` works on a fresh machine, with PGlite as with
 * DATABASE_URL). Losing the key file means every two-factor user must set it up again: back it up
 * with the database, but store it apart from database dumps.
 */

export const TOTP_KEY_FILE = "totp-encryptiesleutel.key";
const VERSION = "v1";
const LEGACY_KEY_LENGTH = 20;

export class TotpSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TotpSecretError";
  }
}

export const totpSecretMessages = {
  unreadable:
    "Uw code kan nu niet worden gecontroleerd: de sleutel voor tweestapsverificatie op de server klopt niet. Neem contact op met de beheerder van het platform.",
  badKey: "TOTP_ENCRYPTION_KEY moet 32 bytes zijn, als base64 geschreven (bijvoorbeeld: openssl rand -base64 32).",
} as const;

/** The encryption key from the environment value or the key file (created once when missing). */
export function loadTotpEncryptionKey(options: { envKey?: string | undefined; dataDir: string }): Buffer {
  const fromEnv = options.envKey?.trim();
  if (fromEnv) return parseKey(fromEnv);
  const file = path.resolve(options.dataDir, TOTP_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  // Written to a temporary name and linked into place: two processes starting at once (server and
  // worker) end up with the same key, and nobody ever reads a half-written file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  const created = readKeyFile(file);
  if (!created) throw new TotpSecretError(`${file}: ${totpSecretMessages.badKey}`);
  return created;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return parseKey(text.trim());
}

function parseKey(base64: string): Buffer {
  const key = /^[A-Za-z0-9+/]{43}=$/.test(base64) ? Buffer.from(base64, "base64") : null;
  if (!key || key.length !== 32) throw new TotpSecretError(totpSecretMessages.badKey);
  return key;
}

let cachedKey: Buffer | undefined;

/** The key of this process (read once). */
function serverKey(): Buffer {
  if (!cachedKey) {
    try {
      cachedKey = loadTotpEncryptionKey({ envKey: process.env.TOTP_ENCRYPTION_KEY, dataDir: env().DATA_DIR });
    } catch (error) {
      // A missing or unreadable key never lets a code through: the caller shows a Dutch refusal.
      if (error instanceof TotpSecretError) throw error;
      throw new TotpSecretError(`De sleutel voor tweestapsverificatie kan niet worden gelezen: ${(error as Error).message}`);
    }
  }
  return cachedKey;
}

/** For tests (and a key rotation in a running process): read the key again on next use. */
export function forgetTotpEncryptionKey() {
  cachedKey = undefined;
}

function aad(userId: string) {
  return Buffer.from(`herleidbaar-totp:${userId}`, "utf8");
}

/** The value to store in users.totp_key for this user's secret. */
export function sealTotpSecret(secret: Uint8Array, userId: string, key: Buffer = serverKey()): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(userId));
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
  const tag = cipher.getAuthTag();
  return Buffer.from([VERSION, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":"), "utf8");
}

/**
 * The secret from a stored value, and whether the value is still plaintext (to be re-encrypted).
 * Throws TotpSecretError when it cannot be decrypted (wrong key, tampered value): fail closed.
 */
export function openTotpSecret(stored: Uint8Array, userId: string, key?: Buffer): { secret: Uint8Array; legacy: boolean } {
  const bytes = Buffer.from(stored);
  if (bytes.length === LEGACY_KEY_LENGTH) return { secret: new Uint8Array(bytes), legacy: true };
  const parts = bytes.toString("utf8").split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new TotpSecretError(totpSecretMessages.unreadable);
  try {
    const [, iv, tag, ciphertext] = parts as [string, string, string, string];
    const decipher = createDecipheriv("aes-256-gcm", key ?? serverKey(), Buffer.from(iv, "base64"));
    decipher.setAAD(aad(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    const secret = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]);
    return { secret: new Uint8Array(secret), legacy: false };
  } catch (error) {
    if (error instanceof TotpSecretError) throw error;
    throw new TotpSecretError(totpSecretMessages.unreadable);
  }
}
