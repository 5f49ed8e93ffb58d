/**
 * Markdown (CommonMark subset + GFM pipe tables) to blocks, without a parser
 * dependency: ATX and setext headings, paragraphs, bullet and ordered lists
 * (nested by indentation), block quotes, pipe tables, fenced code (kept as
 * plain paragraphs), `**bold**`, `*italic*`, `[links](https://…)`. Images and
 * raw HTML tags are dropped.
 */
import { cleanRawText } from "./import-text";
import {
  normalizeInline,
  textNode,
  type Block,
  type Inline,
  type InlineStyle,
  type ListBlock,
  type TableBlock,
} from "./import-blocks";

export type MarkdownStats = { images: number; unsafeLinks: number };

const INLINE_RE = new RegExp(
  [
    String.raw`(\\[\\\x60*_{}\[\]()#+\-.!|>~])`, // 1 escape
    String.raw`(\x60{1,10})([\s\S]{0,2000}?)\2`, // 2,3 code span
    String.raw`!\[([^\]]{0,1000})\]\(([^)]{0,2000})\)`, // 4,5 image
    String.raw`\[((?:[^\[\]]|\[[^\]]{0,500}\]){1,1000})\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+["'][^"']*["'])?\s*\)`, // 6,7 link
    String.raw`<((?:https?:\/\/|mailto:)[^>\s]+)>`, // 8 autolink
    String.raw`\*\*(?=\S)([\s\S]{1,2000}?)\*\*`, // 9 bold
    String.raw`__(?=\S)([\s\S]{1,2000}?)__`, // 10 bold
    String.raw`\*(?=\S)([\s\S]{1,2000}?)\*`, // 11 italic
    String.raw`(?<![\p{L}\p{N}])_(?=\S)([\s\S]{1,2000}?)_(?![\p{L}\p{N}])`, // 12 italic
    String.raw`<br\s*\/?>`,
    String.raw`<!--[\s\S]{0,10000}?-->`,
    String.raw`<\/?[a-zA-Z][^>]*>`,
  ].join("|"),
  "gu",
);

export function parseMarkdownInline(src: string, style: InlineStyle = {}, stats?: MarkdownStats): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const re = new RegExp(INLINE_RE.source, INLINE_RE.flags);
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m.index > last) out.push(textNode(src.slice(last, m.index), style));
    last = m.index + m[0].length;
    if (m[1] !== undefined) out.push(textNode(m[1].slice(1), style));
    else if (m[2] !== undefined) out.push(textNode(m[3], style));
    else if (m[4] !== undefined) {
      if (stats) stats.images++;
    } else if (m[6] !== undefined) {
      const href = m[7] ?? "";
      const linkStyle = { ...style, href };
      const inner = parseMarkdownInline(m[6], linkStyle, stats);
      if (stats && !inner.some((n) => n.marks?.some((mk) => mk.type === "link"))) stats.unsafeLinks++;
      out.push(...inner);
    } else if (m[8] !== undefined) out.push(textNode(m[8], { ...style, href: m[8] }));
    else if (m[9] !== undefined || m[10] !== undefined)
      out.push(...parseMarkdownInline(m[9] ?? m[10] ?? "", { ...style, bold: true }, stats));
    else if (m[11] !== undefined || m[12] !== undefined)
      out.push(...parseMarkdownInline(m[11] ?? m[12] ?? "", { ...style, italic: true }, stats));
    else if (/^<br/i.test(m[0])) out.push({ type: "hardBreak" });
    // comments and other tags: dropped
  }
  if (last < src.length) out.push(textNode(src.slice(last), style));
  return normalizeInline(out.filter((n) => n.type !== "text" || (n.text ?? "").length > 0));
}

const ATX_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR_RE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE_RE = /^ {0,3}> ?/;
const ITEM_RE = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const TABLE_SEP_RE = /^ {0,3}\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/;

type RawItem = { paras: string[]; lists: RawList[] };
type RawList = { ordered: boolean; start: number; items: RawItem[] };

const indentOf = (s: string): number => (s.match(/^[ \t]*/)?.[0] ?? "").replace(/\t/g, "    ").length;

function splitRow(line: string): string[] {
  let t = line.trim();
  if (t.startsWith("|")) t = t.slice(1);
  if (t.endsWith("|") && !t.endsWith("\\|")) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

export function markdownToBlocks(raw: string, stats: MarkdownStats = { images: 0, unsafeLinks: 0 }): Block[] {
  const lines = cleanRawText(raw).replace(/\f/g, "").split("\n");
  return tokenize(lines, stats, 0);
}

const MAX_QUOTE_DEPTH = 8;

function tokenize(lines: string[], stats: MarkdownStats, depth = 0): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const inline = (s: string) => parseMarkdownInline(s, {}, stats);

  const flush = () => {
    if (paragraph.length === 0) return;
    const parts: Inline[] = [];
    paragraph.forEach((line, i) => {
      const hard = / {2,}$|\\$/.test(line);
      parts.push(...inline(line.replace(/\\$/, "").trim()));
      if (i < paragraph.length - 1) parts.push(hard ? { type: "hardBreak" } : textNode(" "));
    });
    const normalized = normalizeInline(parts);
    if (normalized.length > 0) blocks.push({ kind: "para", inline: normalized });
    paragraph = [];
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      flush();
      i++;
      continue;
    }
    const fence = FENCE_RE.exec(line);
    if (fence) {
      flush();
      i++;
      while (i < lines.length && !lines[i].trimStart().startsWith(fence[1])) {
        if (lines[i].trim()) blocks.push({ kind: "para", inline: normalizeInline([textNode(lines[i].trim())]) });
        i++;
      }
      i++;
      continue;
    }
    const atx = ATX_RE.exec(line);
    if (atx) {
      flush();
      const content = inline((atx[2] ?? "").trim());
      if (content.length > 0) blocks.push({ kind: "para", inline: content, level: atx[1].length });
      i++;
      continue;
    }
    if (paragraph.length > 0 && /^ {0,3}=+[ \t]*$/.test(line)) {
      const text = paragraph.join(" ");
      paragraph = [];
      blocks.push({ kind: "para", inline: inline(text.trim()), level: 1 });
      i++;
      continue;
    }
    if (paragraph.length > 0 && /^ {0,3}-+[ \t]*$/.test(line)) {
      const text = paragraph.join(" ");
      paragraph = [];
      blocks.push({ kind: "para", inline: inline(text.trim()), level: 2 });
      i++;
      continue;
    }
    if (HR_RE.test(line)) {
      flush();
      i++;
      continue;
    }
    if (QUOTE_RE.test(line) && depth < MAX_QUOTE_DEPTH) {
      flush();
      const inner: string[] = [];
      while (i < lines.length && lines[i].trim() !== "" && QUOTE_RE.test(lines[i])) {
        inner.push(lines[i].replace(QUOTE_RE, ""));
        i++;
      }
      const quoted = tokenize(inner, stats, depth + 1);
      if (quoted.length > 0) blocks.push({ kind: "quote", blocks: quoted });
      continue;
    }
    if (line.includes("|") && i + 1 < lines.length && TABLE_SEP_RE.test(lines[i + 1]) && lines[i + 1].includes("-")) {
      flush();
      const table: TableBlock = { kind: "table", rows: [] };
      table.rows.push({ header: true, cells: splitRow(line).map((c) => ({ paragraphs: c ? [inline(c)] : [] })) });
      i += 2;
      while (i < lines.length && lines[i].trim() !== "" && lines[i].includes("|")) {
        table.rows.push({
          header: false,
          cells: splitRow(lines[i]).map((c) => ({ paragraphs: c ? [inline(c)] : [] })),
        });
        i++;
      }
      blocks.push(table);
      continue;
    }
    if (ITEM_RE.test(line) && (paragraph.length === 0 || !/^\s*\d/.test(line) || /^\s*1[.)]/.test(line))) {
      flush();
      const [list, next] = parseList(lines, i);
      blocks.push(toListBlock(list, inline));
      i = next;
      continue;
    }
    paragraph.push(line);
    i++;
  }
  flush();
  return blocks;
}

function parseList(lines: string[], startIndex: number): [RawList, number] {
  const first = ITEM_RE.exec(lines[startIndex]);
  const firstOrdered = first ? /\d/.test(first[2]) : false;
  const root: RawList = { ordered: firstOrdered, start: firstOrdered && first ? parseInt(first[2], 10) : 1, items: [] };
  const stack: Array<{ indent: number; list: RawList }> = [{ indent: first ? indentOf(first[1]) : 0, list: root }];
  let i = startIndex;
  let blankBefore = false;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      blankBefore = true;
      i++;
      continue;
    }
    const m = ITEM_RE.exec(line);
    const top = stack[stack.length - 1];
    if (m) {
      const indent = indentOf(m[1]);
      if (indent < stack[0].indent) break;
      const ordered = /\d/.test(m[2]);
      while (stack.length > 1 && indent < stack[stack.length - 1].indent) stack.pop();
      let frame = stack[stack.length - 1];
      if (indent >= frame.indent + 2 && frame.list.items.length > 0) {
        const sub: RawList = { ordered, start: ordered ? parseInt(m[2], 10) : 1, items: [] };
        frame.list.items[frame.list.items.length - 1].lists.push(sub);
        frame = { indent, list: sub };
        stack.push(frame);
      } else if (stack.length === 1 && ordered !== root.ordered) {
        break; // a different kind of list starts
      }
      frame.list.items.push({ paras: [m[3]], lists: [] });
      blankBefore = false;
      i++;
      continue;
    }
    const indent = indentOf(line);
    if (blankBefore && indent < stack[0].indent + 2) break;
    if (!blankBefore && (ATX_RE.test(line) || QUOTE_RE.test(line) || HR_RE.test(line) || FENCE_RE.test(line))) break;
    // Continuation of the deepest open item.
    const item = top.list.items[top.list.items.length - 1];
    if (!item) break;
    if (blankBefore) item.paras.push(line.trim());
    else item.paras[item.paras.length - 1] = `${item.paras[item.paras.length - 1]} ${line.trim()}`;
    blankBefore = false;
    i++;
  }
  return [root, i];
}

function toListBlock(list: RawList, inline: (s: string) => Inline[]): ListBlock {
  return {
    kind: "list",
    ordered: list.ordered,
    ...(list.ordered ? { start: list.start } : {}),
    items: list.items.map((item) => ({
      paragraphs: item.paras.map((p) => inline(p.trim())).filter((p) => p.length > 0),
      lists: item.lists.map((l) => toListBlock(l, inline)),
    })),
  };
}
