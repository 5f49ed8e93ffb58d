import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, sessions } from "~db/schema";
import { logIn } from "~/auth/login.server";
import { validateSessionToken } from "~/auth/session.server";
import { currentCode, disableTwoFactor, enableTwoFactor, matchingStep, newTotpKey, totpSetup, verifySecondFactor } from "~/auth/two-factor.server";
import { hashToken } from "~/auth/tokens.server";
import type { Database } from "~/lib/db.server";
import * as codeRoute from "~/routes/inloggen_.code";
import { createUserRecord, TEST_PASSWORD } from "../factories";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

/** A user with two-factor login on, and the key their app holds. */
async function userWithTwoFactor(now: Date) {
  const user = await createUserRecord(database.db);
  const login = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" }, now);
  if (!login.ok) throw new Error("login failed");
  const key = newTotpKey();
  const { keyBase64 } = totpSetup(key, user.email);
  const enabled = await enableTwoFactor(database.db, user.id, hashToken(login.token), keyBase64, currentCode(key, now), now);
  expect(enabled).toEqual({ ok: true });
  return { user, key, firstSessionToken: login.token };
}

describe("two-factor login (TOTP)", () => {
  test("after turning it on, a password alone opens nothing until the code from the app is given", async () => {
    const start = new Date("2026-05-01T09:00:00Z");
    const { user, key } = await userWithTwoFactor(start);
    const later = new Date(start.getTime() + 5 * 60_000);
    const login = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" }, later);
    expect(login).toMatchObject({ ok: true, needsSecondFactor: true });
    if (!login.ok) return;
    expect((await validateSessionToken(database.db, login.token, later))?.awaitingSecondFactor).toBe(true);

    const sessionId = hashToken(login.token);
    expect(await verifySecondFactor(database.db, user.id, sessionId, "000000", "10.0.0.1", later)).toMatchObject({ ok: false });
    expect(await verifySecondFactor(database.db, user.id, sessionId, currentCode(key, later), "10.0.0.1", later)).toEqual({ ok: true });
    expect((await validateSessionToken(database.db, login.token, later))?.awaitingSecondFactor).toBe(false);
  });

  test("a code works once: the same code cannot open a second session", async () => {
    const start = new Date("2026-05-01T09:00:00Z");
    const { user, key } = await userWithTwoFactor(start);
    const later = new Date(start.getTime() + 10 * 60_000);
    const code = currentCode(key, later);
    const first = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" }, later);
    const second = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" }, later);
    if (!first.ok || !second.ok) throw new Error("login failed");
    expect(await verifySecondFactor(database.db, user.id, hashToken(first.token), code, "10.0.0.1", later)).toEqual({ ok: true });
    expect(await verifySecondFactor(database.db, user.id, hashToken(second.token), code, "10.0.0.1", later)).toMatchObject({ ok: false });
  });

  test("codes from one step before or after are accepted, older ones are not", () => {
    const key = newTotpKey();
    const now = new Date("2026-05-01T09:00:10Z");
    expect(matchingStep(key, currentCode(key, new Date(now.getTime() - 30_000)), now, null)).not.toBeNull();
    expect(matchingStep(key, currentCode(key, new Date(now.getTime() + 30_000)), now, null)).not.toBeNull();
    expect(matchingStep(key, currentCode(key, new Date(now.getTime() - 120_000)), now, null)).toBeNull();
    expect(matchingStep(key, "12345", now, null)).toBeNull();
  });

  test("five wrong codes lock the second step for a quarter of an hour, also for the right code", async () => {
    const start = new Date("2026-05-01T09:00:00Z");
    const { user, key } = await userWithTwoFactor(start);
    const later = new Date(start.getTime() + 20 * 60_000);
    const login = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" }, later);
    if (!login.ok) throw new Error("login failed");
    const wrong = currentCode(key, later) === "111111" ? "222222" : "111111";
    for (let i = 0; i < 5; i++) await verifySecondFactor(database.db, user.id, hashToken(login.token), wrong, "10.0.0.1", later);
    const right = await verifySecondFactor(database.db, user.id, hashToken(login.token), currentCode(key, later), "10.0.0.1", later);
    expect(right).toMatchObject({ ok: false, message: expect.stringContaining("Te veel") });
  });

  test("turning it on keeps the current session open and asks other sessions for a code; turning it off needs a code", async () => {
    const start = new Date("2026-05-01T09:00:00Z");
    const user = await createUserRecord(database.db);
    const here = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" }, start);
    const elsewhere = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.2" }, start);
    if (!here.ok || !elsewhere.ok) throw new Error("login failed");
    const key = newTotpKey();
    expect(await enableTwoFactor(database.db, user.id, hashToken(here.token), totpSetup(key, user.email).keyBase64, "123", start)).toMatchObject({ ok: false });
    await enableTwoFactor(database.db, user.id, hashToken(here.token), totpSetup(key, user.email).keyBase64, currentCode(key, start), start);
    expect((await validateSessionToken(database.db, here.token, start))?.awaitingSecondFactor).toBe(false);
    expect((await validateSessionToken(database.db, elsewhere.token, start))?.awaitingSecondFactor).toBe(true);

    const later = new Date(start.getTime() + 60_000);
    expect(await disableTwoFactor(database.db, user.id, "000000", later)).toMatchObject({ ok: false });
    expect(await disableTwoFactor(database.db, user.id, currentCode(key, later), later)).toEqual({ ok: true });
    const actions = (await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.two_factor_enable", "user.two_factor_disable"]));
  });

  test("the code page sends anyone without a half-finished login to the login page, and a wrong code is a Dutch message", async () => {
    const anonymous = await run(() => codeRoute.loader({ request: getRequest("/inloggen/code"), params: {}, context: testContext() }));
    expect(anonymous.response?.headers.get("Location")).toBe("/inloggen");

    const start = new Date();
    const { user } = await userWithTwoFactor(start);
    const login = await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" });
    if (!login.ok) throw new Error("login failed");
    const cookie = `herleidbaar_sessie=${login.token}`;
    const page = await run(() => codeRoute.loader({ request: getRequest("/inloggen/code", cookie), params: {}, context: testContext() }));
    expect(page.data).toMatchObject({ email: user.email });
    const wrong = await run(() => codeRoute.action({ request: postRequest("/inloggen/code", { code: "abc" }, cookie), params: {}, context: testContext() }));
    expect(JSON.stringify(wrong.data)).toContain("6 cijfers");
    const [session] = await database.db.select().from(sessions).where(eq(sessions.id, hashToken(login.token)));
    expect(session?.twoFactorVerified).toBe(false);
  });
});
