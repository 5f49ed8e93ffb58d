/**
 * HTML (as produced by mammoth from a DOCX) to blocks, without a DOM library.
 *
 * A small tolerant tokenizer builds an element tree; only what the editor
 * schema can hold is kept: h1-h6, p, ul/ol/li, table/tr/td/th, blockquote, br,
 * strong/b, em/i, a[href] (safe schemes only). Every attribute except `href`
 * and a paragraph's `class` is ignored (so no event handlers or styles);
 * script/style/template/iframe/object/svg/… are dropped with their content;
 * images are dropped and counted. Other tags are transparent.
 */
import {
  normalizeInline,
  textNode,
  type Block,
  type Inline,
  type InlineStyle,
  type ListBlock,
  type ListItemData,
  type TableBlock,
  type TableRowData,
} from "./import-blocks";

export type HtmlStats = { images: number; droppedElements: number };

type HtmlElement = { tag: string; attrs: Record<string, string>; children: HtmlNode[] };
type HtmlNode = HtmlElement | { text: string };

const MAX_HTML_DEPTH = 64;
const VOID_TAGS = new Set([
  "br",
  "img",
  "hr",
  "input",
  "meta",
  "link",
  "col",
  "area",
  "base",
  "wbr",
  "source",
  "embed",
  "param",
  "track",
]);
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "template",
  "noscript",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "head",
  "title",
  "textarea",
  "select",
  "button",
  "canvas",
  "video",
  "audio",
  "frameset",
  "frame",
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  hellip: "…",
  euro: "€",
  bull: "•",
  shy: "",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "";
      if (code < 0x20 && code !== 0x09 && code !== 0x0a) return "";
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function parseAttrs(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const name = m[1].toLowerCase();
    if (name !== "href" && name !== "class") continue; // everything else (on*, style, src, …) is ignored
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

/** The innermost open element that can hold text (not a list, table or row). */
function textSink(stack: HtmlElement[]): HtmlElement {
  for (let i = stack.length - 1; i > 0; i--) {
    if (!/^(ul|ol|table|thead|tbody|tfoot|tr)$/.test(stack[i].tag)) return stack[i];
  }
  return stack[0];
}

/** Tolerant HTML to element tree. */
export function parseHtml(html: string, stats: HtmlStats): HtmlElement {
  const root: HtmlElement = { tag: "#root", attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const re =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[\s\S]*?\?>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>|([^<]+)|</g;
  let dropUntil: string | null = null;
  let skippedOpen = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [whole, closing, rawTag, attrSrc, selfClosing, text] = m;
    if (dropUntil) {
      if (closing && rawTag?.toLowerCase() === dropUntil) dropUntil = null;
      continue;
    }
    const top = stack[stack.length - 1];
    if (text !== undefined || whole === "<") {
      const target = skippedOpen > 0 ? textSink(stack) : top;
      target.children.push({ text: decodeEntities(text ?? "<") });
      continue;
    }
    if (!rawTag) continue; // comment, doctype, processing instruction
    const tag = rawTag.toLowerCase();
    if (closing) {
      if (skippedOpen > 0) {
        skippedOpen--;
        continue;
      }
      const idx = stack.map((e) => e.tag).lastIndexOf(tag);
      if (idx > 0) stack.length = idx;
      continue;
    }
    if (DROP_WITH_CONTENT.has(tag)) {
      stats.droppedElements++;
      if (!selfClosing && !VOID_TAGS.has(tag)) dropUntil = tag;
      continue;
    }
    if (tag === "img") {
      stats.images++;
      continue;
    }
    const isContainer = !selfClosing && !VOID_TAGS.has(tag);
    // Absurdly deep nesting is flattened: deeper elements are skipped, their text is kept.
    if (stack.length >= MAX_HTML_DEPTH || skippedOpen > 0) {
      if (tag === "br") textSink(stack).children.push({ tag, attrs: {}, children: [] });
      if (isContainer) skippedOpen++;
      continue;
    }
    const element: HtmlElement = { tag, attrs: parseAttrs(attrSrc ?? ""), children: [] };
    // Implicitly close a paragraph when a block starts inside it.
    if (top.tag === "p" && /^(p|h[1-6]|ul|ol|table|blockquote|div)$/.test(tag)) stack.pop();
    stack[stack.length - 1].children.push(element);
    if (isContainer) stack.push(element);
  }
  return root;
}

const BLOCK_TAGS =
  /^(p|h[1-6]|ul|ol|li|table|thead|tbody|tfoot|tr|td|th|blockquote|div|section|article|header|footer|main|aside|nav|body|html|dl|dt|dd|figure|figcaption|pre|address|hr|caption)$/;

const isElement = (n: HtmlNode): n is HtmlElement => "tag" in n;

function collectInline(node: HtmlNode, style: InlineStyle, out: Inline[]): void {
  if (!isElement(node)) {
    // HTML whitespace collapses; mammoth writes Word tabs as \t, which we keep.
    const text = node.text.replace(/[ \n\r]+/g, " ");
    if (text) out.push(textNode(text, style));
    return;
  }
  switch (node.tag) {
    case "br":
      out.push({ type: "hardBreak" });
      return;
    case "strong":
    case "b":
      for (const c of node.children) collectInline(c, { ...style, bold: true }, out);
      return;
    case "em":
    case "i":
      for (const c of node.children) collectInline(c, { ...style, italic: true }, out);
      return;
    case "a": {
      const href = node.attrs.href;
      const next = href ? { ...style, href } : style;
      for (const c of node.children) collectInline(c, next, out);
      return;
    }
    default:
      for (const c of node.children) collectInline(c, style, out);
  }
}

function inlineOf(element: HtmlElement): Inline[] {
  const out: Inline[] = [];
  for (const c of element.children) collectInline(c, {}, out);
  return normalizeInline(out);
}

/** Converts the children of a container element into blocks; loose inline content becomes a paragraph. */
function containerToBlocks(element: HtmlElement, out: Block[]): void {
  let loose: Inline[] = [];
  const flushLoose = () => {
    const inline = normalizeInline(loose);
    if (inline.length > 0) out.push({ kind: "para", inline });
    loose = [];
  };
  for (const child of element.children) {
    if (!isElement(child) || !BLOCK_TAGS.test(child.tag)) {
      collectInline(child, {}, loose);
      continue;
    }
    flushLoose();
    elementToBlocks(child, out);
  }
  flushLoose();
}

function listOf(element: HtmlElement): ListBlock {
  const list: ListBlock = { kind: "list", ordered: element.tag === "ol", items: [] };
  for (const child of element.children) {
    if (!isElement(child)) continue;
    if (child.tag !== "li") {
      if (child.tag === "ul" || child.tag === "ol") {
        const last = list.items[list.items.length - 1];
        if (last) last.lists.push(listOf(child));
        else list.items.push({ paragraphs: [], lists: [listOf(child)] });
      }
      continue;
    }
    const item: ListItemData = { paragraphs: [], lists: [] };
    const inner: Block[] = [];
    containerToBlocks(child, inner);
    for (const b of inner) {
      if (b.kind === "para") item.paragraphs.push(b.inline);
      else if (b.kind === "list") item.lists.push(b);
      else if (b.kind === "table")
        for (const r of b.rows) for (const c of r.cells) item.paragraphs.push(...c.paragraphs);
      else if (b.kind === "quote") for (const q of b.blocks) if (q.kind === "para") item.paragraphs.push(q.inline);
    }
    list.items.push(item);
  }
  return list;
}

function tableOf(element: HtmlElement): TableBlock {
  const rows: TableRowData[] = [];
  const visit = (el: HtmlElement, inHead: boolean) => {
    for (const child of el.children) {
      if (!isElement(child)) continue;
      if (child.tag === "thead") visit(child, true);
      else if (child.tag === "tbody" || child.tag === "tfoot") visit(child, false);
      else if (child.tag === "tr") {
        const cells = child.children.filter(isElement).filter((c) => c.tag === "td" || c.tag === "th");
        const header = inHead || (cells.length > 0 && cells.every((c) => c.tag === "th"));
        rows.push({
          header,
          cells: cells.map((cell) => {
            const inner: Block[] = [];
            containerToBlocks(cell, inner);
            const paragraphs: Inline[][] = [];
            const flatten = (b: Block) => {
              if (b.kind === "para") paragraphs.push(b.inline);
              else if (b.kind === "list") for (const it of b.items) paragraphs.push(...it.paragraphs);
              else if (b.kind === "table")
                for (const r of b.rows) for (const c of r.cells) paragraphs.push(...c.paragraphs);
              else b.blocks.forEach(flatten);
            };
            inner.forEach(flatten);
            return { paragraphs };
          }),
        });
      }
    }
  };
  visit(element, false);
  return { kind: "table", rows };
}

function elementToBlocks(element: HtmlElement, out: Block[]): void {
  const tag = element.tag;
  const heading = /^h([1-6])$/.exec(tag);
  if (heading) {
    const inline = inlineOf(element);
    if (inline.length > 0) out.push({ kind: "para", inline, level: Number(heading[1]) });
    return;
  }
  switch (tag) {
    case "p":
    case "dt":
    case "dd":
    case "figcaption":
    case "caption":
    case "address":
    case "pre": {
      const inline = inlineOf(element);
      if (inline.length === 0) return;
      const cls = element.attrs.class ?? "";
      const role = /\bdoc-title\b/.test(cls) ? "title" : /\bdoc-subtitle\b/.test(cls) ? "subtitle" : undefined;
      out.push(role ? { kind: "para", inline, role } : { kind: "para", inline });
      return;
    }
    case "ul":
    case "ol": {
      const list = listOf(element);
      if (list.items.length > 0) out.push(list);
      return;
    }
    case "table": {
      const table = tableOf(element);
      if (table.rows.length > 0) out.push(table);
      return;
    }
    case "blockquote": {
      const inner: Block[] = [];
      containerToBlocks(element, inner);
      if (inner.length > 0) out.push({ kind: "quote", blocks: inner });
      return;
    }
    case "hr":
      return;
    default:
      containerToBlocks(element, out);
  }
}

export function htmlToBlocks(html: string, stats: HtmlStats = { images: 0, droppedElements: 0 }): Block[] {
  const root = parseHtml(html, stats);
  const blocks: Block[] = [];
  containerToBlocks(root, blocks);
  return blocks;
}
