import { beforeAll, describe, expect, test } from "vitest";
import { ACCOUNT_MAX_FAILURES, IP_MAX_FAILURES, logIn, loginMessages } from "~/auth/login.server";
import type { Database } from "~/lib/db.server";
import * as loginRoute from "~/routes/inloggen";
import * as logoutRoute from "~/routes/uitloggen";
import * as accountRoute from "~/routes/account";
import { createUserRecord, sessionFor, TEST_PASSWORD } from "../factories";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

describe("logging in", () => {
  test("the right password starts a new session and redirects back", async () => {
    const user = await createUserRecord(database.db);
    const context = testContext("10.0.0.1");
    const { response } = await run(() =>
      loginRoute.action({
        request: postRequest("/inloggen", { email: user.email.toUpperCase(), password: TEST_PASSWORD, redirectTo: "/account" }),
        context,
        params: {},
      }),
    );
    expect(response?.status).toBe(302);
    expect(response?.headers.get("Location")).toBe("/account");
    expect(context.cookies[0]).toMatch(/^herleidbaar_sessie=[a-z2-7]{32}; HttpOnly; SameSite=Lax/);
  });

  test("an open redirect to another site is not followed", async () => {
    const user = await createUserRecord(database.db);
    const { response } = await run(() =>
      loginRoute.action({
        request: postRequest("/inloggen", { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example/" }),
        context: testContext("10.0.0.2"),
        params: {},
      }),
    );
    expect(response?.headers.get("Location")).toBe("/");
  });

  test("a wrong password and an unknown address get the same Dutch message", async () => {
    const user = await createUserRecord(database.db);
    const wrong = await run(() =>
      loginRoute.action({ request: postRequest("/inloggen", { email: user.email, password: "niet-het-goede" }), context: testContext("10.0.0.3"), params: {} }),
    );
    const unknown = await run(() =>
      loginRoute.action({ request: postRequest("/inloggen", { email: "niemand@example.org", password: "niet-het-goede" }), context: testContext("10.0.0.3"), params: {} }),
    );
    const wrongResult = (wrong.data as { result: { error: Record<string, string[]> } }).result;
    const unknownResult = (unknown.data as { result: { error: Record<string, string[]> } }).result;
    expect(wrongResult.error[""]).toEqual([loginMessages.invalid]);
    expect(unknownResult.error).toEqual(wrongResult.error);
  });

  test("a malformed form gets field messages and no session", async () => {
    const context = testContext("10.0.0.4");
    const { data } = await run(() =>
      loginRoute.action({ request: postRequest("/inloggen", { email: "geen-adres", password: "" }), context, params: {} }),
    );
    const result = (data as { result: { error: Record<string, string[]> } }).result;
    expect(result.error.email?.[0]).toMatch(/geldig e-mailadres/);
    expect(result.error.password?.[0]).toBe("Vul uw wachtwoord in.");
    expect(context.cookies).toHaveLength(0);
  });

  test("an overlong address is refused with a message", async () => {
    const { data } = await run(() =>
      loginRoute.action({
        request: postRequest("/inloggen", { email: `${"a".repeat(300)}@example.org`, password: "x" }),
        context: testContext("10.0.0.5"),
        params: {},
      }),
    );
    expect((data as { result: { error: Record<string, string[]> } }).result.error.email?.[0]).toBe("Het e-mailadres is te lang.");
  });

  test("after too many failures the account is locked, even for the right password", async () => {
    const user = await createUserRecord(database.db);
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
      expect(await logIn(database.db, { email: user.email, password: "fout", ip: `10.1.0.${i}` })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" })).toEqual({ ok: false, reason: "throttled" });
    // A quarter of an hour later the lock is gone.
    const later = new Date(Date.now() + 16 * 60 * 1000);
    expect((await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" }, later)).ok).toBe(true);
  });

  test("many failures from one IP address lock that address for every account", async () => {
    const user = await createUserRecord(database.db);
    for (let i = 0; i < IP_MAX_FAILURES; i++) {
      await logIn(database.db, { email: `onbekend-${i}@example.org`, password: "fout", ip: "10.2.0.1" });
    }
    expect(await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.2.0.1" })).toEqual({ ok: false, reason: "throttled" });
    expect((await logIn(database.db, { email: user.email, password: TEST_PASSWORD, ip: "10.2.0.2" })).ok).toBe(true);
  });

  test("logging out ends the session", async () => {
    const user = await createUserRecord(database.db);
    const { cookie } = await sessionFor(database.db, user.id);
    const context = testContext();
    const { response } = await run(() => logoutRoute.action({ request: postRequest("/uitloggen", {}, cookie), context, params: {} }));
    expect(response?.status).toBe(302);
    expect(context.cookies[0]).toContain("Max-Age=0");
    const after = await run(() => accountRoute.loader({ request: getRequest("/account", cookie), context: testContext(), params: {} }));
    expect(after.response?.status).toBe(302);
    expect(after.response?.headers.get("Location")).toBe("/inloggen?terug=%2Faccount");
  });
});
