import type { JSONContent } from "@tiptap/core";
import { isSafeHref } from "~/editor/extensions";
import type { DocumentText } from "./letter-model";

/**
 * The one walk over rich text (validated ProseMirror JSON) and plain text that both renderers use,
 * so the PDF and the DOCX of a letter contain the same words in the same structure. Everything is
 * text: user content is never interpreted as markup, only the node types below are understood and
 * anything else is reduced to its text.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A line break inside a paragraph is a run with text "\n". */
export type FlowBlock =
  | { kind: "paragraph"; runs: Run[] }
  | { kind: "heading"; level: 1 | 2 | 3; runs: Run[] }
  | { kind: "list"; ordered: boolean; items: FlowBlock[][] }
  | { kind: "quote"; blocks: FlowBlock[] }
  | { kind: "table"; rows: { header: boolean; cells: string[] }[] };

const MONTHS = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
];

/** "2026-06-12" → "12 juni 2026" (calendar date, no time zone shift). Anything else is returned as is. */
export function formatLetterDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** Control characters (other than tab and newline) cannot be printed and break XML; drop them. */
export function cleanText(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, "").replace(/\r\n?/g, "\n");
}

function textOf(node: JSONContent | undefined): string {
  if (!node) return "";
  if (typeof node.text === "string") return node.text;
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(textOf).join("");
}

function inlineRuns(nodes: JSONContent[] | undefined): Run[] {
  const runs: Run[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "hardBreak") {
      runs.push({ text: "\n" });
      continue;
    }
    if (typeof node.text === "string") {
      const marks = node.marks ?? [];
      const bold = marks.some((m) => m.type === "bold");
      const italic = marks.some((m) => m.type === "italic");
      const link = marks.find((m) => m.type === "link");
      const text = cleanText(node.text);
      if (text) runs.push({ text, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
      const href: unknown = link?.attrs?.href;
      if (link && isSafeHref(href) && href.trim() !== node.text.trim()) runs.push({ text: ` (${href.trim()})` });
      continue;
    }
    // Unknown inline content: keep its words.
    const text = cleanText(textOf(node));
    if (text) runs.push({ text });
  }
  return mergeRuns(runs);
}

function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

function blocksOf(nodes: JSONContent[] | undefined, headingOffset: number): FlowBlock[] {
  const blocks: FlowBlock[] = [];
  for (const node of nodes ?? []) {
    switch (node.type) {
      case "paragraph": {
        const runs = inlineRuns(node.content);
        if (runs.some((r) => r.text.trim())) blocks.push({ kind: "paragraph", runs });
        break;
      }
      case "heading": {
        const raw = Number(node.attrs?.level ?? 2) - 1 + headingOffset;
        const level = Math.min(3, Math.max(1, raw)) as 1 | 2 | 3;
        const runs = inlineRuns(node.content);
        if (runs.some((r) => r.text.trim())) blocks.push({ kind: "heading", level, runs });
        break;
      }
      case "bulletList":
      case "orderedList": {
        const items = (node.content ?? []).map((item) => blocksOf(item.content, headingOffset));
        if (items.length) blocks.push({ kind: "list", ordered: node.type === "orderedList", items });
        break;
      }
      case "blockquote": {
        const inner = blocksOf(node.content, headingOffset);
        if (inner.length) blocks.push({ kind: "quote", blocks: inner });
        break;
      }
      case "table": {
        const rows = (node.content ?? []).map((row) => {
          const cells = row.content ?? [];
          return {
            header: cells.length > 0 && cells.every((c) => c.type === "tableHeader"),
            cells: cells.map((c) => cleanText(textOf(c)).trim()),
          };
        });
        if (rows.length) blocks.push({ kind: "table", rows });
        break;
      }
      default: {
        if (Array.isArray(node.content)) blocks.push(...blocksOf(node.content, headingOffset));
        else {
          const text = cleanText(textOf(node));
          if (text.trim()) blocks.push({ kind: "paragraph", runs: [{ text }] });
        }
      }
    }
  }
  return blocks;
}

/** Plain text: paragraphs are separated by blank lines, single newlines are line breaks. */
export function plainBlocks(text: string): FlowBlock[] {
  return cleanText(text)
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim())
    .map((p) => ({ kind: "paragraph" as const, runs: [{ text: p }] }));
}

/**
 * Flow blocks for a DocumentText. Headings inside rich text (levels 2-4 in the editor, level 1 being
 * the section title) are shifted so they sit below the document's own headings: editor level 2
 * becomes `baseLevel`.
 */
export function flowOf(content: DocumentText, baseLevel: 1 | 2 | 3 = 3): FlowBlock[] {
  if (content.kind === "plain") return plainBlocks(content.text);
  const doc = content.doc;
  return blocksOf(doc.type === "doc" ? doc.content : [doc], baseLevel - 1);
}

/** All text of a flow, for previews and search checks. */
export function flowText(blocks: FlowBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case "paragraph":
        case "heading":
          return b.runs.map((r) => r.text).join("");
        case "list":
          return b.items.map((i) => flowText(i)).join("\n");
        case "quote":
          return flowText(b.blocks);
        case "table":
          return b.rows.map((r) => r.cells.join(" ")).join("\n");
      }
    })
    .join("\n");
}
