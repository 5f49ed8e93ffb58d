/**
 * Plain-text helpers for Tiptap documents. Isomorphic (no DOM, no server-only
 * imports) so the editor, the importer and quote anchoring agree on what "the
 * text of a section" is.
 *
 * Plain text convention: every text block (paragraph, heading) is one block;
 * a table is one block with cells separated by a tab and rows by a newline;
 * blocks are separated by a blank line; a hard break is a newline.
 */
import type { JSONContent } from "@tiptap/core";

export function emptyDoc(): JSONContent {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A document with one paragraph per blank-line separated block; single newlines become hard breaks. */
export function docFromPlainText(text: string): JSONContent {
  const normalized = text.replace(/\r\n?/g, "\n").replace(CONTROL_CHARS, "").replace(/\t/g, " ");
  const paragraphs = normalized
    .split(/\n[ \u00a0]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (paragraphs.length === 0) return emptyDoc();
  return {
    type: "doc",
    content: paragraphs.map((p) => {
      const content: JSONContent[] = [];
      p.split("\n").forEach((line, i) => {
        if (i > 0) content.push({ type: "hardBreak" });
        const trimmed = line.trim();
        if (trimmed) content.push({ type: "text", text: trimmed });
      });
      return { type: "paragraph", content };
    }),
  };
}

function inlineText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(inlineText).join("");
}

function collectBlocks(node: JSONContent, out: string[]): void {
  switch (node.type) {
    case "paragraph":
    case "heading":
      out.push(inlineText(node));
      return;
    case "table": {
      const rows = (node.content ?? []).map((row) =>
        (row.content ?? [])
          .map((cell) => {
            const parts: string[] = [];
            for (const child of cell.content ?? []) collectBlocks(child, parts);
            return parts.filter((p) => p.length > 0).join(" ");
          })
          .join("\t"),
      );
      out.push(rows.join("\n"));
      return;
    }
    case "text":
    case "hardBreak":
      out.push(inlineText(node));
      return;
    default:
      for (const child of node.content ?? []) collectBlocks(child, out);
  }
}

/** The plain text of a Tiptap JSON document (see the convention above). */
export function plainTextOf(doc: JSONContent): string {
  const blocks: string[] = [];
  collectBlocks(doc, blocks);
  return blocks
    .map((b) => b.trim())
    .filter((b) => b.length > 0)
    .join("\n\n");
}
