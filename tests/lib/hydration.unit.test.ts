import { describe, expect, test } from "vitest";
import { pageNeedsScripts } from "~/lib/hydration";

describe("pages without scripts", () => {
  test("a page ships scripts unless its leaf route says otherwise", () => {
    expect(pageNeedsScripts([{ handle: undefined, data: {} }, { handle: { other: 1 }, data: {} }])).toBe(true);
    expect(pageNeedsScripts([])).toBe(true);
  });

  test("a route with scripts: false ships none, whatever its parents say", () => {
    expect(pageNeedsScripts([{ handle: { scripts: () => true }, data: {} }, { handle: { scripts: false }, data: {} }])).toBe(false);
  });

  test("a route can decide from its loader data", () => {
    const handle = { scripts: (data: unknown) => ((data as { drafts: unknown[] }).drafts.length > 0) };
    expect(pageNeedsScripts([{ handle, data: { drafts: [] } }])).toBe(false);
    expect(pageNeedsScripts([{ handle, data: { drafts: [{ id: "r1" }] } }])).toBe(true);
  });
});
