/**
 * Plain text (typed, exported from Word, or extracted from a PDF) to blocks.
 *
 * Cleans up what PDF extraction leaves behind: repeated page headers and
 * footers, lone page numbers, lines broken in the middle of a sentence, typed
 * bullets. Paragraphs are separated by blank lines; a line with tabs is a
 * table row. `**bold**` is kept as bold.
 */
import {
  BULLET_RE,
  normalizeInline,
  splitInlineOnTab,
  textNode,
  type Block,
  type Inline,
  type ListBlock,
  type ListItemData,
  type TableBlock,
} from "./import-blocks";

/** Removes BOM, zero-width characters and control characters; normalises newlines and spaces. */
export function cleanRawText(raw: string): string {
  return raw
    .replace(/^\ufeff/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/\f/g, "\n\f\n")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, "");
}

/** "3", "- 3 -", "pagina 3", "Pagina 3 van 40", "3/40", "blz. 3". */
export const LONE_PAGE_NUMBER_RE =
  /^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:van|of|\/)\s*\d{1,3})?$/iu;

const PAGE_CUE_RE = /(?:\b(?:pagina|page|blz)\.?\s*#)|(?:#\s*(?:\/|van|of)\s*#)/iu;

/** Lines that carry document structure and must never be taken for page headers. */
const STRUCTURAL_LINE_RE = /^(?:de |onze )?(?:afspraken|afspraak|begrippenlijst|begrippen|leidende principes)\b/iu;

const headerKey = (line: string): string => line.trim().toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ");

/**
 * Removes lone page numbers and repeated page headers/footers. A repeated line
 * is a header when it carries a page cue ("pagina 3", "3/40") or when it sits
 * next to a page break (form feed or lone page number) most of the time.
 */
function removePageFurniture(lines: string[]): { lines: string[]; removed: number } {
  let removed = 0;
  const out = [...lines];
  const boundary = new Set<number>();
  out.forEach((line, i) => {
    const t = line.trim();
    if (t === "\f") {
      boundary.add(i);
      out[i] = "";
    } else if (t && LONE_PAGE_NUMBER_RE.test(t)) {
      boundary.add(i);
      out[i] = "";
      removed++;
    }
  });
  const keyCount = new Map<string, number>();
  const exact = new Map<string, number[]>();
  out.forEach((line, i) => {
    const t = line.trim();
    if (!t) return;
    keyCount.set(headerKey(t), (keyCount.get(headerKey(t)) ?? 0) + 1);
    const list = exact.get(t) ?? [];
    list.push(i);
    exact.set(t, list);
  });
  const nearBoundary = (i: number): boolean => {
    for (const dir of [-1, 1]) {
      let seen = 0;
      for (let j = i + dir; j >= 0 && j < out.length && seen < 3; j += dir) {
        if (boundary.has(j)) return true;
        if (out[j].trim()) seen++;
      }
    }
    return i <= 1 || i >= out.length - 2;
  };
  out.forEach((line, i) => {
    const t = line.trim();
    if (!t || t.length > 150 || BULLET_RE.test(t) || STRUCTURAL_LINE_RE.test(t)) return;
    const key = headerKey(t);
    const pageCue = PAGE_CUE_RE.test(key) && !/[.;:]$/.test(t);
    const occurrences = exact.get(t) ?? [];
    const repeatedAtBreaks =
      occurrences.length >= 3 &&
      t.split(/\s+/).length <= 12 &&
      occurrences.filter(nearBoundary).length * 3 >= occurrences.length * 2;
    if ((pageCue && (keyCount.get(key) ?? 0) >= 2) || repeatedAtBreaks) {
      out[i] = "";
      removed++;
    }
  });
  return { lines: out, removed };
}

const TERMINAL_RE = /(?:[.!?:;…]|[.!?]["”’)\]])$/u;
const endsTerminal = (s: string): boolean => TERMINAL_RE.test(s.trim());
const startsLower = (s: string): boolean => /^\p{Ll}/u.test(s.trim());
const countBold = (s: string): number => (s.match(/\*\*/g) ?? []).length;
/** "Term: definition" at the start of a line. */
const LABEL_RE = /^[^\s:][^:]{0,40}:\s/u;
const ORDERED_RE = /^[ \t]*(\d{1,2})[.)][ \t]+(?=\S)/u;

/** Lines that look like a heading: never glued to the previous line by the wrapped-prose rule. */
function headingLike(line: string): boolean {
  const t = line.trim();
  if (/^\d{1,2}(?:\.\d{1,2})*\.?\s+\p{Lu}/u.test(t) && t.length < 100 && !endsTerminal(t)) return true;
  if (/^(?:bouwsteen|hoofdstuk)\s+\d/iu.test(t)) return true;
  const letters = t.match(/\p{L}/gu) ?? [];
  return letters.length >= 3 && !/\p{Ll}/u.test(t);
}

type LineKind = "text" | "bullet" | "ordered" | "tab";
type Logical = { kind: LineKind; text: string; indent: number; start?: number };

function kindOf(line: string): LineKind {
  if (BULLET_RE.test(line)) return "bullet";
  if (line.trim().includes("\t")) return "tab";
  if (ORDERED_RE.test(line)) {
    const rest = line.replace(ORDERED_RE, "").trim();
    // "1. Onze ambitie" is a heading candidate; "1. De regiovisie speelt in op … ." is a list item.
    if (endsTerminal(rest) || rest.length > 120 || startsLower(rest)) return "ordered";
  }
  return "text";
}

/** Splits cleaned lines into chunks (runs of non-blank lines). */
function chunksOf(lines: string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") {
      if (current.length > 0) chunks.push(current);
      current = [];
    } else {
      current.push(line.replace(/\s+$/, ""));
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function joinText(a: string, b: string): string {
  const left = a.replace(/\s+$/, "");
  const right = b.trim();
  if (/\p{L}-$/u.test(left) && startsLower(right)) {
    // "wet-\nen regelgeving" stays "wet- en regelgeving"; "ge-\nmeenten" (hyphenation) becomes "gemeenten".
    if (/^(?:en|of|tot|noch|dan)\b/u.test(right)) return `${left} ${right}`;
    return left.slice(0, -1) + right;
  }
  return `${left} ${right}`;
}

/** Joins lines of a chunk that belong together (see module comment). */
function mergeChunk(chunk: string[]): Logical[] {
  // Balance **bold** spanning lines first.
  const lines: string[] = [];
  for (const line of chunk) {
    const prev = lines[lines.length - 1];
    if (prev !== undefined && countBold(prev) % 2 === 1) lines[lines.length - 1] = joinText(prev, line);
    else lines.push(line);
  }
  const textLengths = lines.filter((l) => kindOf(l) === "text" || kindOf(l) === "bullet").map((l) => l.trim().length);
  const maxLen = textLengths.length > 0 ? Math.max(...textLengths) : 0;
  const wrappedProse = lines.length >= 2 && maxLen >= 30 && maxLen <= 130;

  const out: Logical[] = [];
  let prevRaw = "";
  for (const line of lines) {
    const kind = kindOf(line);
    const prev = out[out.length - 1];
    const raw = line.trim();
    if (prev && kind === "text" && (prev.kind === "text" || prev.kind === "bullet" || prev.kind === "ordered")) {
      const midSentence = !endsTerminal(prevRaw) && startsLower(raw);
      // A line filled to the right margin continues on the next line, unless the next line
      // is a heading, a short line after a finished sentence, or a new "Label: …" item.
      const filled = (s: string) => s.length >= 0.65 * maxLen;
      const wrapped =
        wrappedProse &&
        filled(prevRaw) &&
        !headingLike(raw) &&
        !(prev.kind === "text" && prev.text === prevRaw && headingLike(prevRaw)) &&
        (!endsTerminal(prevRaw) || ((filled(raw) || startsLower(raw)) && !LABEL_RE.test(raw)));
      if (midSentence || wrapped) {
        prev.text = joinText(prev.text, line);
        prevRaw = raw;
        continue;
      }
    }
    prevRaw = kind === "bullet" ? raw.replace(BULLET_RE, "") : kind === "ordered" ? raw.replace(ORDERED_RE, "") : raw;
    const indent = (line.match(/^[ \t]*/)?.[0] ?? "").replace(/\t/g, "    ").length;
    if (kind === "bullet") out.push({ kind, text: line.replace(BULLET_RE, "").trim(), indent });
    else if (kind === "ordered") {
      const start = Number(ORDERED_RE.exec(line)?.[1] ?? "1");
      out.push({ kind, text: line.replace(ORDERED_RE, "").trim(), indent, start });
    } else if (kind === "tab") out.push({ kind, text: line.replace(/^ +/, "").replace(/\s+$/, ""), indent: 0 });
    else out.push({ kind, text: line.trim(), indent });
  }
  return out;
}

/** `**bold**` → bold text; everything else is literal text. */
export function parseTextInline(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.{1,2000}?)\*\*/gu;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(textNode(text.slice(last, m.index)));
    out.push(textNode(m[1], { bold: true }));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(textNode(text.slice(last).replace(/\*\*/g, "")));
  return normalizeInline(out);
}

function toBlocks(lines: Logical[]): Block[] {
  const blocks: Block[] = [];
  let list: ListBlock | null = null;
  let baseIndent = 0;
  for (const line of lines) {
    if (line.kind === "bullet" || line.kind === "ordered") {
      const ordered = line.kind === "ordered";
      const item: ListItemData = { paragraphs: [parseTextInline(line.text)], lists: [] };
      if (list && list.ordered === ordered && line.indent <= baseIndent + 1) {
        list.items.push(item);
      } else if (list && line.indent > baseIndent + 1 && list.items.length > 0) {
        const parent = list.items[list.items.length - 1];
        const sub = parent.lists[parent.lists.length - 1];
        if (sub && sub.ordered === ordered) sub.items.push(item);
        else parent.lists.push({ kind: "list", ordered, items: [item] });
      } else {
        list = { kind: "list", ordered, items: [item], ...(ordered ? { start: line.start } : {}) };
        baseIndent = line.indent;
        blocks.push(list);
      }
      continue;
    }
    list = null;
    if (line.kind === "tab") {
      blocks.push({ kind: "para", inline: parseTextInline(line.text) });
    } else {
      const inline = parseTextInline(line.text);
      if (inline.length > 0) blocks.push({ kind: "para", inline });
    }
  }
  return blocks;
}

export type TextTokens = { blocks: Block[]; removedLines: number };

/** Cleaned text to blocks. Tabbed lines come out as paragraphs containing tabs (see `groupTabbedParagraphs`). */
export function textToBlocks(raw: string): TextTokens {
  const cleaned = cleanRawText(raw);
  const { lines, removed } = removePageFurniture(cleaned.split("\n"));
  const chunks = chunksOf(lines);
  // A sentence broken by a page break: join chunks across the gap.
  const joined: string[][] = [];
  for (const chunk of chunks) {
    const prev = joined[joined.length - 1];
    const prevLast = prev?.[prev.length - 1];
    if (
      prev &&
      prevLast !== undefined &&
      kindOf(prevLast) !== "tab" &&
      kindOf(chunk[0]) === "text" &&
      prevLast.trim().length >= 30 &&
      !endsTerminal(prevLast) &&
      startsLower(chunk[0])
    ) {
      prev[prev.length - 1] = joinText(prevLast, chunk[0]);
      prev.push(...chunk.slice(1));
    } else {
      joined.push([...chunk]);
    }
  }
  const blocks: Block[] = [];
  for (const chunk of joined) blocks.push(...toBlocks(mergeChunk(chunk)));
  return { blocks, removedLines: removed };
}

/**
 * Consecutive paragraphs that contain tab characters (tabbed lines in text, or
 * Word paragraphs with tabs such as a table of contents) become one table.
 * Columns empty in every row at the edges are dropped.
 */
export function groupTabbedParagraphs(blocks: Block[]): Block[] {
  const out: Block[] = [];
  const tabbed = new Set<TableBlock>();
  for (const block of blocks) {
    const isTabbed =
      block.kind === "para" &&
      !block.level &&
      block.inline.some((n) => n.type === "text" && (n.text ?? "").includes("\t"));
    if (block.kind !== "para" || !isTabbed) {
      out.push(block);
      continue;
    }
    const cells = splitInlineOnTab(block.inline);
    const row = { header: false, cells: cells.map((c) => ({ paragraphs: c.length > 0 ? [c] : [] })) };
    const last = out[out.length - 1];
    if (last && last.kind === "table" && tabbed.has(last)) {
      last.rows.push(row);
    } else {
      const table: TableBlock = { kind: "table", rows: [row] };
      tabbed.add(table);
      out.push(table);
    }
  }
  return out.map((b) => (b.kind === "table" && tabbed.has(b) ? trimEmptyColumns(b) : b));
}

function trimEmptyColumns(table: TableBlock): TableBlock {
  const rows = table.rows;
  const width = Math.max(...rows.map((r) => r.cells.length));
  const emptyColumn = (c: number) => rows.every((r) => !r.cells[c] || r.cells[c].paragraphs.length === 0);
  let from = 0;
  let to = width;
  while (from < to && emptyColumn(from)) from++;
  while (to > from && emptyColumn(to - 1)) to--;
  return {
    kind: "table",
    rows: rows.map((r) => {
      const cells = r.cells.slice(from, to);
      while (cells.length < to - from) cells.push({ paragraphs: [] });
      return { header: r.header, cells };
    }),
  };
}
