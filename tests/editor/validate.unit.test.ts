import type { JSONContent } from "@tiptap/core";
import { describe, expect, test } from "vitest";
import { extensions, isSafeHref } from "~/editor/extensions";
import { docFromPlainText, emptyDoc, plainTextOf, richTextSchema, validateRichText } from "~/editor/validate.server";

const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const t = (text: string, marks?: JSONContent["marks"]): JSONContent =>
  marks ? { type: "text", text, marks } : { type: "text", text };
const link = (href: unknown): JSONContent => ({
  type: "text",
  text: "klik",
  marks: [{ type: "link", attrs: { href } as Record<string, unknown> }],
});

function refused(json: unknown): string {
  const result = validateRichText(json);
  if (result.ok) throw new Error(`expected refusal for ${JSON.stringify(json)}`);
  return result.message;
}

const everything = doc(
  { type: "heading", attrs: { level: 2 }, content: [t("Kop")] },
  p(
    t("vet", [{ type: "bold" }]),
    t(" en "),
    t("schuin", [{ type: "italic" }]),
    { type: "hardBreak" },
    t("https", [{ type: "link", attrs: { href: "https://example.org/a?b=c" } }]),
  ),
  { type: "bulletList", content: [{ type: "listItem", content: [p(t("een"))] }] },
  { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(t("drie"))] }] },
  { type: "blockquote", content: [p(t("citaat"))] },
  {
    type: "table",
    content: [
      {
        type: "tableRow",
        content: [
          { type: "tableHeader", content: [p(t("Begrip"))] },
          { type: "tableHeader", content: [p(t("Omschrijving"))] },
        ],
      },
      {
        type: "tableRow",
        content: [
          { type: "tableCell", content: [p(t("Casusregie"))] },
          { type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [p(t("Coördinatie"))] },
        ],
      },
    ],
  },
  p(t("mail", [{ type: "link", attrs: { href: "mailto:info@example.org" } }])),
);

describe("the shared extension list", () => {
  test("builds a schema on the server without a DOM", () => {
    expect(typeof globalThis.document).toBe("undefined");
    const schema = richTextSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        "blockquote",
        "bulletList",
        "doc",
        "hardBreak",
        "heading",
        "listItem",
        "orderedList",
        "paragraph",
        "table",
        "tableCell",
        "tableHeader",
        "tableRow",
        "text",
      ].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "italic", "link"]);
    expect(extensions.length).toBeGreaterThan(0);
  });

  test("only absolute http, https and mailto links are safe", () => {
    for (const good of ["https://example.org", "http://example.org/x?y=1#z", "mailto:a@b.nl", " HTTPS://EXAMPLE.ORG "])
      expect(isSafeHref(good), good).toBe(true);
    for (const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "  javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "\u0000javascript:alert(1)",
      "javascript\u0000:alert(1)",
      "jav&#x09;ascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "//evil.example",
      "/relatief",
      "#anker",
      "https://",
      "mailto:",
      "",
      42,
      null,
    ]) {
      expect(isSafeHref(bad), String(bad)).toBe(false);
    }
  });
});

describe("validateRichText", () => {
  test("accepts every supported node and mark and returns the normalised document and its plain text", () => {
    const result = validateRichText(everything);
    if (!result.ok) throw new Error(result.message);
    expect(result.plainText).toBe(
      "Kop\n\nvet en schuin\nhttps\n\neen\n\ndrie\n\ncitaat\n\nBegrip\tOmschrijving\nCasusregie\tCoördinatie\n\nmail",
    );
    const linkMark = result.doc.content?.[1].content?.[4].marks?.[0];
    expect(linkMark?.attrs).toMatchObject({
      href: "https://example.org/a?b=c",
      rel: "noopener noreferrer",
      target: null,
    });
  });

  test("accepts a JSON string as well as an object", () => {
    expect(validateRichText(JSON.stringify(everything)).ok).toBe(true);
  });

  test("refuses things that are not a document", () => {
    for (const bad of [null, undefined, 42, "geen json", "[]", [], { type: "paragraph" }, { content: [] }]) {
      expect(refused(bad)).toMatch(/document/);
    }
  });

  test("refuses unknown node types and marks by name", () => {
    expect(refused(doc({ type: "codeBlock", content: [t("x")] }))).toBe(
      "De tekst bevat een onbekend onderdeel (codeBlock).",
    );
    expect(refused(doc(p({ type: "image", attrs: { src: "x" } })))).toBe(
      "De tekst bevat een onbekend onderdeel (image).",
    );
    expect(refused(doc(p(t("x", [{ type: "strike" }]))))).toBe("De tekst bevat een onbekende opmaak (strike).");
    expect(refused(doc(p(t("x", [{ type: "underline" }]))))).toContain("onbekende opmaak");
  });

  test("refuses javascript: and other unsafe links, including whitespace and control-character tricks", () => {
    for (const href of [
      "javascript:alert(1)",
      " JAVASCRIPT:alert(1)",
      "java\tscript:alert(1)",
      "\u0001javascript:alert(1)",
      "data:text/html,x",
      "#x",
      7,
    ]) {
      expect(refused(doc(p(link(href)))), String(href)).toMatch(/ongeldige link/);
    }
    expect(refused(doc(p({ type: "text", text: "x", marks: [{ type: "link" }] })))).toMatch(/ongeldige link/);
  });

  test("refuses invalid nesting", () => {
    expect(refused(doc(t("los")))).toMatch(/opbouw/);
    expect(refused(doc({ type: "listItem", content: [p(t("x"))] }))).toMatch(/opbouw/);
    expect(refused(doc(p(p(t("x")))))).toMatch(/opbouw/);
    expect(refused(doc({ type: "table", content: [{ type: "tableCell", content: [p(t("x"))] }] }))).toMatch(/opbouw/);
    expect(refused(doc(p(t("a")), doc(p(t("b")))))).toMatch(/opbouw/);
    expect(refused(doc(p(t("x", [{ type: "bold" }, { type: "bold" }]))))).toMatch(/opbouw/);
  });

  test("refuses attributes of the wrong type or unknown attributes", () => {
    expect(refused(doc({ type: "heading", attrs: { level: "2" }, content: [t("x")] }))).toMatch(
      /ongeldige waarde voor level/,
    );
    expect(refused(doc({ type: "heading", attrs: { level: 1 }, content: [t("x")] }))).toMatch(/level/);
    expect(refused(doc({ type: "heading", content: [t("x")] }))).toMatch(/niveau/);
    expect(
      refused(
        doc({ type: "orderedList", attrs: { start: "x" }, content: [{ type: "listItem", content: [p(t("x"))] }] }),
      ),
    ).toMatch(/start/);
    expect(refused(doc({ type: "paragraph", attrs: { onclick: "alert(1)" }, content: [t("x")] }))).toBe(
      "De tekst bevat een ongeldige eigenschap (onclick bij paragraph).",
    );
    expect(
      refused(
        doc({
          type: "table",
          content: [
            { type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: -1 }, content: [p(t("x"))] }] },
          ],
        }),
      ),
    ).toMatch(/colspan/);
    expect(
      refused(
        doc(p({ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "https://a.nl", target: "_top" } }] })),
      ),
    ).toMatch(/target/);
  });

  test("refuses extra keys, empty text nodes and text on non-text nodes", () => {
    expect(refused({ ...doc(p(t("x"))), html: "<script>" })).toMatch(/document/);
    expect(refused(doc(p(t(""))))).toMatch(/leeg/);
    expect(refused(doc({ type: "paragraph", text: "x" }))).toMatch(/opbouw/);
  });

  test("limits size and depth", () => {
    const big = doc(...Array.from({ length: 300 }, () => p(t("x".repeat(1000)))));
    expect(refused(big)).toMatch(/te lang/);
    expect(validateRichText(big, { maxBytes: 1024 * 1024 }).ok).toBe(true);
    let deep: JSONContent = p(t("diep"));
    for (let i = 0; i < 40; i++) deep = { type: "blockquote", content: [deep] };
    expect(refused(doc(deep))).toMatch(/te diep/);
    const cyclic: Record<string, unknown> = { type: "doc" };
    cyclic.content = [cyclic];
    expect(refused(cyclic)).toMatch(/document/);
  });
});

describe("plain text helpers", () => {
  test("emptyDoc is a valid document with one empty paragraph", () => {
    expect(validateRichText(emptyDoc()).ok).toBe(true);
    expect(plainTextOf(emptyDoc())).toBe("");
  });

  test("docFromPlainText splits paragraphs on blank lines and keeps single newlines as hard breaks", () => {
    const d = docFromPlainText("Eerste alinea\nmet een tweede regel.\r\n\r\n\n  Tweede alinea.  \n\n\n");
    expect(d.content).toHaveLength(2);
    expect(d.content?.[0].content?.map((n) => n.type)).toEqual(["text", "hardBreak", "text"]);
    const checked = validateRichText(d);
    expect(checked.ok && checked.plainText).toBe("Eerste alinea\nmet een tweede regel.\n\nTweede alinea.");
    expect(docFromPlainText("   ")).toEqual(emptyDoc());
  });

  test("plainTextOf joins blocks with a blank line and table cells with tabs", () => {
    expect(
      plainTextOf(doc(p(t("a")), { type: "bulletList", content: [{ type: "listItem", content: [p(t("b"))] }] })),
    ).toBe("a\n\nb");
  });
});
