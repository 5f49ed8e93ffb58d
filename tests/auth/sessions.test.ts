import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { sessions } from "~db/schema";
import { changePassword } from "~/auth/account.server";
import {
  createSession,
  readSessionToken,
  sessionCookie,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  validateSessionToken,
} from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import type { Database } from "~/lib/db.server";
import { createUserRecord, TEST_PASSWORD } from "../factories";
import { useTestDatabase } from "../setup/db";

const MINUTE = 60_000;

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

describe("sessions", () => {
  test("only the SHA-256 of the token is stored", async () => {
    const user = await createUserRecord(database.db);
    const { token } = await createSession(database.db, user.id);
    const rows = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(hashToken(token));
    expect(rows[0]!.id).not.toContain(token);
  });

  test("a session in use is extended by the idle timeout, at most once per ten minutes", async () => {
    const user = await createUserRecord(database.db);
    const start = new Date("2026-01-01T12:00:00Z");
    const { token, expiresAt } = await createSession(database.db, user.id, start);
    expect(expiresAt.getTime()).toBe(start.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS);
    const soon = await validateSessionToken(database.db, token, new Date(start.getTime() + 5 * MINUTE));
    expect(soon?.renewed).toBe(false);
    const later = new Date(start.getTime() + 90 * MINUTE);
    const renewed = await validateSessionToken(database.db, token, later);
    expect(renewed?.renewed).toBe(true);
    expect(renewed!.expiresAt.getTime()).toBe(later.getTime() + SESSION_IDLE_TIMEOUT_MS);
    expect(renewed!.cookieExpiresAt.getTime()).toBe(start.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS);
  });

  test("a session unused for longer than the idle timeout is refused and removed", async () => {
    const user = await createUserRecord(database.db);
    const start = new Date("2026-01-01T12:00:00Z");
    const { token } = await createSession(database.db, user.id, start);
    expect(await validateSessionToken(database.db, token, new Date(start.getTime() + SESSION_IDLE_TIMEOUT_MS + 1000))).toBeNull();
    const rows = await database.db.select().from(sessions).where(eq(sessions.id, hashToken(token)));
    expect(rows).toHaveLength(0);
  });

  test("a session ends at the absolute timeout even when it is used all the time", async () => {
    const user = await createUserRecord(database.db);
    const start = new Date("2026-01-01T08:00:00Z");
    const { token } = await createSession(database.db, user.id, start);
    let last = null;
    for (let minutes = 30; minutes < SESSION_ABSOLUTE_TIMEOUT_MS / MINUTE; minutes += 30) {
      last = await validateSessionToken(database.db, token, new Date(start.getTime() + minutes * MINUTE));
      expect(last).not.toBeNull();
    }
    expect(last!.expiresAt.getTime()).toBeLessThanOrEqual(start.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS);
    expect(await validateSessionToken(database.db, token, new Date(start.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS))).toBeNull();
  });

  test("the cookie is HttpOnly and SameSite=Lax, and only well-formed tokens are read", async () => {
    const cookie = sessionCookie("abc", new Date("2030-01-01T00:00:00Z"));
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    const good = "a".repeat(32);
    expect(readSessionToken(new Request("http://x/", { headers: { Cookie: `x=1; herleidbaar_sessie=${good}` } }))).toBe(good);
    expect(readSessionToken(new Request("http://x/", { headers: { Cookie: "herleidbaar_sessie=../../etc" } }))).toBeNull();
  });

  test("changing the password ends every session of the user and starts one new one", async () => {
    const user = await createUserRecord(database.db);
    const first = await createSession(database.db, user.id);
    const second = await createSession(database.db, user.id);
    const result = await changePassword(database.db, user.id, { currentPassword: TEST_PASSWORD, password: "een-heel-nieuw-wachtwoord" });
    expect(result.ok).toBe(true);
    expect(await validateSessionToken(database.db, first.token)).toBeNull();
    expect(await validateSessionToken(database.db, second.token)).toBeNull();
    if (result.ok) expect(await validateSessionToken(database.db, result.token)).not.toBeNull();
  });

  test("a password from the list of breached passwords is refused and changes nothing", async () => {
    const user = await createUserRecord(database.db);
    const session = await createSession(database.db, user.id);
    const result = await changePassword(database.db, user.id, { currentPassword: TEST_PASSWORD, password: "qwertyuiopasdfgh" });
    expect(result).toMatchObject({ ok: false, field: "password", message: expect.stringContaining("gelekte") });
    expect(await validateSessionToken(database.db, session.token)).not.toBeNull();
  });

  test("a wrong current password changes nothing", async () => {
    const user = await createUserRecord(database.db);
    const session = await createSession(database.db, user.id);
    const result = await changePassword(database.db, user.id, { currentPassword: "fout-wachtwoord-123", password: "een-heel-nieuw-wachtwoord" });
    expect(result).toMatchObject({ ok: false, field: "currentPassword" });
    expect(await validateSessionToken(database.db, session.token)).not.toBeNull();
  });
});
