import { describe, expect, test } from "vitest";
import { pageNeedsScripts, withoutDocumentOnlyFields } from "~/lib/hydration";

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

describe("document-only loader data", () => {
  test("the hydration copy leaves out the fields a route names, and keeps the rest", () => {
    const data = { rowsHtml: "<tr></tr>", total: 3 };
    expect(withoutDocumentOnlyFields({ documentOnly: ["rowsHtml"] }, data)).toEqual({ total: 3 });
    // The render keeps every field: the route's own object is not changed.
    expect(data.rowsHtml).toBe("<tr></tr>");
  });

  test("routes without documentOnly fields, and empty data, are sent as they are", () => {
    expect(withoutDocumentOnlyFields({ scripts: false }, { a: 1 })).toBeUndefined();
    expect(withoutDocumentOnlyFields(undefined, { a: 1 })).toBeUndefined();
    expect(withoutDocumentOnlyFields({ documentOnly: ["a"] }, null)).toBeUndefined();
  });
});
