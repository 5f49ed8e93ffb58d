/**
 * Static HTML for rich text (public pages, letters, PDF/DOCX export) without a
 * DOM, with the same extension list the editor uses. Text and attribute values
 * are escaped by the renderer; links are re-checked and get a fixed rel.
 */
import type { JSONContent } from "@tiptap/core";
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { renderToHTMLString, serializeChildrenToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { extensions, isSafeHref, LINK_REL } from "./extensions";
import { richTextSchema, validateRichText } from "./validate.server";

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function collectText(node: unknown, out: string[]): void {
  if (!node || typeof node !== "object") return;
  const n = node as { text?: unknown; content?: unknown };
  if (typeof n.text === "string") out.push(n.text);
  if (Array.isArray(n.content)) for (const c of n.content) collectText(c, out);
}

/**
 * Renders a Tiptap document to an HTML string. The document is validated
 * first; an invalid document (which should never be stored) is rendered as
 * its escaped bare text so nothing unsafe reaches the page.
 */
export function renderRichTextToHtml(doc: JSONContent): string {
  const checked = validateRichText(doc, { maxBytes: Number.MAX_SAFE_INTEGER });
  if (!checked.ok) {
    const parts: string[] = [];
    collectText(doc, parts);
    const text = parts.join(" ").trim();
    return text ? `<p>${escapeHtml(text)}</p>` : "";
  }
  return renderToHTMLString({
    // A node of the shared schema: given JSON, the renderer would build the schema on every call.
    content: ProseMirrorNode.fromJSON(richTextSchema(), checked.doc),
    extensions,
    options: {
      markMapping: {
        link: ({ mark, children }) => {
          const href: unknown = mark.attrs.href;
          const inner = serializeChildrenToHTMLString(children);
          if (!isSafeHref(href)) return inner;
          return `<a href="${escapeHtml(href.trim())}" rel="${LINK_REL}">${inner}</a>`;
        },
      },
    },
  });
}
