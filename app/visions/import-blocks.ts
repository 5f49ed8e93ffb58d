/**
 * The intermediate representation every import source (plain text, Markdown,
 * DOCX via HTML) is tokenized into before heading detection, plus helpers to
 * turn blocks into Tiptap JSON that is valid against `~/editor/extensions`.
 */
import type { JSONContent } from "@tiptap/core";
import { isSafeHref } from "~/editor/extensions";

/** A Tiptap inline node: `text` (with bold/italic/link marks) or `hardBreak`. */
export type Inline = JSONContent;

export type ParaBlock = {
  kind: "para";
  inline: Inline[];
  /** Explicit heading level 1-6 (Markdown `#`, DOCX "Kop 1"), absent for body text. */
  level?: number;
  /** DOCX "Title"/"Subtitle" paragraph styles. */
  role?: "title" | "subtitle";
};

export type ListItemData = { paragraphs: Inline[][]; lists: ListBlock[] };
export type ListBlock = { kind: "list"; ordered: boolean; start?: number; items: ListItemData[] };
export type TableCellData = { paragraphs: Inline[][] };
export type TableRowData = { header: boolean; cells: TableCellData[] };
export type TableBlock = { kind: "table"; rows: TableRowData[] };
export type QuoteBlock = { kind: "quote"; blocks: Block[] };
export type Block = ParaBlock | ListBlock | TableBlock | QuoteBlock;

export type MarkName = "bold" | "italic";
export type InlineStyle = { bold?: boolean; italic?: boolean; href?: string | null };

export const MAX_LIST_NESTING = 4;

/** A text node with the given style; links only when the href is safe. */
export function textNode(text: string, style: InlineStyle = {}): Inline {
  const marks: NonNullable<JSONContent["marks"]> = [];
  if (style.href && isSafeHref(style.href)) marks.push({ type: "link", attrs: { href: style.href.trim() } });
  if (style.bold) marks.push({ type: "bold" });
  if (style.italic) marks.push({ type: "italic" });
  return marks.length > 0 ? { type: "text", text, marks } : { type: "text", text };
}

export function inlineText(inline: Inline[]): string {
  return inline.map((n) => (n.type === "hardBreak" ? "\n" : (n.text ?? ""))).join("");
}

export function paraText(block: ParaBlock): string {
  return inlineText(block.inline).trim();
}

export function para(text: string, extra: Omit<ParaBlock, "kind" | "inline"> = {}): ParaBlock {
  return { kind: "para", inline: text ? [textNode(text)] : [], ...extra };
}

const marksKey = (n: Inline): string => JSON.stringify(n.marks ?? []);

/**
 * Merges adjacent text nodes with equal marks, collapses runs of spaces,
 * removes empty text nodes and leading/trailing whitespace and hard breaks.
 */
export function normalizeInline(inline: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const node of inline) {
    if (node.type === "text") {
      const text = (node.text ?? "").replace(/[ \u00a0]{2,}/g, " ");
      if (!text) continue;
      const last = merged[merged.length - 1];
      if (last && last.type === "text" && marksKey(last) === marksKey(node)) {
        last.text = (last.text ?? "") + text;
        last.text = last.text.replace(/ {2,}/g, " ");
      } else {
        merged.push({ ...node, text });
      }
    } else if (node.type === "hardBreak") {
      merged.push({ type: "hardBreak" });
    }
  }
  // Trim the edges.
  while (merged.length > 0 && merged[0].type === "hardBreak") merged.shift();
  while (merged.length > 0 && merged[merged.length - 1].type === "hardBreak") merged.pop();
  if (merged.length > 0 && merged[0].type === "text") {
    merged[0] = { ...merged[0], text: (merged[0].text ?? "").trimStart() };
  }
  const lastIndex = merged.length - 1;
  if (lastIndex >= 0 && merged[lastIndex].type === "text") {
    merged[lastIndex] = { ...merged[lastIndex], text: (merged[lastIndex].text ?? "").trimEnd() };
  }
  // Whitespace around hard breaks.
  for (let i = 0; i < merged.length; i++) {
    if (merged[i].type !== "text") continue;
    let text = merged[i].text ?? "";
    if (merged[i - 1]?.type === "hardBreak") text = text.trimStart();
    if (merged[i + 1]?.type === "hardBreak") text = text.trimEnd();
    merged[i] = { ...merged[i], text };
  }
  return merged.filter((n) => n.type !== "text" || (n.text ?? "").length > 0);
}

/** Removes the first `count` characters of the inline content (e.g. a typed bullet). */
export function sliceInline(inline: Inline[], count: number): Inline[] {
  let remaining = count;
  const out: Inline[] = [];
  for (const node of inline) {
    const len = node.type === "hardBreak" ? 1 : (node.text ?? "").length;
    if (remaining >= len) {
      remaining -= len;
      continue;
    }
    if (remaining > 0 && node.type === "text") {
      out.push({ ...node, text: (node.text ?? "").slice(remaining) });
      remaining = 0;
      continue;
    }
    remaining = 0;
    out.push(node);
  }
  return normalizeInline(out);
}

/** Splits inline content at tab characters (a "tabbed" line is a table row). */
export function splitInlineOnTab(inline: Inline[]): Inline[][] {
  const cells: Inline[][] = [[]];
  for (const node of inline) {
    if (node.type !== "text" || !(node.text ?? "").includes("\t")) {
      cells[cells.length - 1].push(node);
      continue;
    }
    const parts = (node.text ?? "").split("\t");
    parts.forEach((part, i) => {
      if (i > 0) cells.push([]);
      if (part) cells[cells.length - 1].push({ ...node, text: part });
    });
  }
  return cells.map(normalizeInline);
}

function paragraphNode(inline: Inline[]): JSONContent {
  const content = normalizeInline(
    inline.map((n) => (n.type === "text" ? { ...n, text: (n.text ?? "").replace(/\t/g, " ") } : n)),
  );
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

/** All paragraphs of a list and its sublists, in order. */
function listParagraphs(list: ListBlock): Inline[][] {
  const out: Inline[][] = [];
  const stack: ListItemData[] = [...list.items].reverse();
  while (stack.length > 0) {
    const item = stack.pop() as ListItemData;
    out.push(...item.paragraphs);
    for (let i = item.lists.length - 1; i >= 0; i--) stack.push(...[...item.lists[i].items].reverse());
  }
  return out;
}

function listNode(list: ListBlock, depth: number): JSONContent | null {
  const items: JSONContent[] = [];
  for (const item of list.items) {
    const paragraphs = item.paragraphs.map(paragraphNode);
    const content: JSONContent[] = paragraphs.length > 0 ? paragraphs : [{ type: "paragraph" }];
    for (const sub of item.lists) {
      if (depth < MAX_LIST_NESTING) {
        const node = listNode(sub, depth + 1);
        if (node) content.push(node);
      } else {
        // Too deep: flatten into paragraphs of the current item.
        for (const p of listParagraphs(sub)) content.push(paragraphNode(p));
      }
    }
    items.push({ type: "listItem", content });
  }
  if (items.length === 0) return null;
  if (list.ordered) {
    const start = list.start && list.start > 1 && list.start <= 100_000 ? list.start : 1;
    return { type: "orderedList", attrs: { start, type: null }, content: items };
  }
  return { type: "bulletList", content: items };
}

function tableNode(table: TableBlock): JSONContent | null {
  const rows = table.rows.filter((r) => r.cells.length > 0);
  if (rows.length === 0) return null;
  const width = Math.max(...rows.map((r) => r.cells.length));
  return {
    type: "table",
    content: rows.map((row) => {
      const cells = [...row.cells];
      while (cells.length < width) cells.push({ paragraphs: [] });
      return {
        type: "tableRow",
        content: cells.map((cell) => {
          const paragraphs = cell.paragraphs.map(paragraphNode);
          return {
            type: row.header ? "tableHeader" : "tableCell",
            attrs: { colspan: 1, rowspan: 1, colwidth: null },
            content: paragraphs.length > 0 ? paragraphs : [{ type: "paragraph" }],
          };
        }),
      };
    }),
  };
}

/** Heading level for an explicit heading that is too deep to become a section. */
export const CONTENT_HEADING_LEVEL = 4;

export function blocksToContent(blocks: Block[]): JSONContent[] {
  const out: JSONContent[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case "para": {
        const node = paragraphNode(block.inline);
        if (!node.content) break; // drop empty paragraphs
        out.push(
          block.level ? { type: "heading", attrs: { level: CONTENT_HEADING_LEVEL }, content: node.content } : node,
        );
        break;
      }
      case "list": {
        const node = listNode(block, 1);
        if (node) out.push(node);
        break;
      }
      case "table": {
        const node = tableNode(block);
        if (node) out.push(node);
        break;
      }
      case "quote": {
        const inner = blocksToContent(block.blocks);
        if (inner.length > 0) out.push({ type: "blockquote", content: inner });
        break;
      }
    }
  }
  return out;
}

export function blocksToDoc(blocks: Block[]): JSONContent {
  const content = blocksToContent(blocks);
  return { type: "doc", content: content.length > 0 ? content : [{ type: "paragraph" }] };
}

/** Plain text of a block, for heuristics (not for storage). */
export function blockText(block: Block): string {
  switch (block.kind) {
    case "para":
      return paraText(block);
    case "list":
      return block.items.map((i) => i.paragraphs.map(inlineText).join(" ")).join("\n");
    case "table":
      return block.rows.map((r) => r.cells.map((c) => c.paragraphs.map(inlineText).join(" ")).join("\t")).join("\n");
    case "quote":
      return block.blocks.map(blockText).join("\n");
  }
}

/** Bullet characters people type (or PDF extraction produces) in front of list items. */
export const BULLET_RE = /^[ \t]*([-–—•●▪■◦·*\uf0b7\uf0a7\uf076\uf0d8\u2023\u2043\u25e6\u2219])[ \t\u00a0]+(?=\S)/u;
