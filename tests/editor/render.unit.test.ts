import type { JSONContent } from "@tiptap/core";
import { describe, expect, test } from "vitest";
import { renderRichTextToHtml } from "~/editor/render.server";
import { docFromPlainText } from "~/editor/validate.server";

const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const t = (text: string, marks?: JSONContent["marks"]): JSONContent =>
  marks ? { type: "text", text, marks } : { type: "text", text };

describe("renderRichTextToHtml", () => {
  test("renders without a DOM", () => {
    expect(typeof globalThis.document).toBe("undefined");
    expect(renderRichTextToHtml(doc(p(t("Hallo"))))).toBe("<p>Hallo</p>");
  });

  test("renders headings, marks, lists, quotes, hard breaks and tables", () => {
    const html = renderRichTextToHtml(
      doc(
        { type: "heading", attrs: { level: 3 }, content: [t("Kop")] },
        p(t("vet", [{ type: "bold" }]), t(" "), t("schuin", [{ type: "italic" }]), { type: "hardBreak" }, t("regel")),
        { type: "bulletList", content: [{ type: "listItem", content: [p(t("een"))] }] },
        { type: "orderedList", content: [{ type: "listItem", content: [p(t("twee"))] }] },
        { type: "blockquote", content: [p(t("citaat"))] },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                { type: "tableHeader", content: [p(t("Begrip"))] },
                { type: "tableCell", content: [p(t("Uitleg"))] },
              ],
            },
          ],
        },
      ),
    );
    expect(html).toContain("<h3>Kop</h3>");
    expect(html).toContain("<strong>vet</strong>");
    expect(html).toContain("<em>schuin</em>");
    expect(html).toMatch(/<br\s*\/?>regel/);
    expect(html).toContain("<ul><li><p>een</p></li></ul>");
    expect(html).toMatch(/<ol[^>]*><li><p>twee<\/p><\/li><\/ol>/);
    expect(html).toContain("<blockquote><p>citaat</p></blockquote>");
    expect(html).toMatch(/<table[^>]*>.*<th[^>]*><p>Begrip<\/p><\/th><td[^>]*><p>Uitleg<\/p><\/td>/);
  });

  test("escapes text: a <script> in text comes out as &lt;script&gt;", () => {
    const html = renderRichTextToHtml(docFromPlainText('<script>alert("x")</script> & <img src=x onerror=alert(1)>'));
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&amp;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
  });

  test("links keep their href, get rel=noopener noreferrer and have their attributes escaped", () => {
    const html = renderRichTextToHtml(
      doc(
        p(
          t("lees", [
            { type: "link", attrs: { href: 'https://example.org/?q="x"&a=<b>', target: "_blank", rel: "opener" } },
          ]),
        ),
      ),
    );
    expect(html).toBe(
      '<p><a href="https://example.org/?q=&quot;x&quot;&amp;a=&lt;b&gt;" rel="noopener noreferrer">lees</a></p>',
    );
  });

  test("an invalid document (javascript: link, unknown node) is rendered as escaped bare text only", () => {
    const html = renderRichTextToHtml(
      doc(p(t("<b>klik</b>", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])), {
        type: "iframe",
        content: [t("x")],
      }),
    );
    expect(html).not.toContain("javascript");
    expect(html).not.toContain("<a");
    expect(html).not.toContain("<iframe");
    expect(html).toContain("&lt;b&gt;klik&lt;/b&gt;");
  });
});
