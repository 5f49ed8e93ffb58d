import { describe, expect, test } from "vitest";
import { isDatabaseUnavailable } from "~/lib/db-errors.server";

function withCode(code: string, message = code) {
  return Object.assign(new Error(message), { code });
}

describe("isDatabaseUnavailable", () => {
  test("recognises a refused or dropped connection, also wrapped by drizzle as the cause", () => {
    expect(isDatabaseUnavailable(withCode("ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: withCode("CONNECTION_CLOSED") }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: withCode("57P01", "terminating connection due to administrator command") }))).toBe(true);
    expect(isDatabaseUnavailable(withCode("08006"))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]))).toBe(true);
  });

  test("does not treat bugs and bad data as an outage", () => {
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: withCode("23505", "duplicate key value") }))).toBe(false);
    expect(isDatabaseUnavailable(withCode("42P01", "relation does not exist"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(new Response("Niet gevonden", { status: 404 }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
