/**
 * Heading detection and section-tree building for Dutch regiovisie documents,
 * shared by the text, Markdown and DOCX importers. Generic: it knows the
 * conventions of Dutch policy documents (numbered and ALL-CAPS headings, a
 * table of contents, "Bouwsteen 3:", "Afspraken", "Begrippenlijst",
 * "leidende principes"), never the content of one particular document.
 *
 * Signals, strongest first:
 * 1. the table of contents ("Inhoudsopgave"): when present and it matches the
 *    text, its entries are the chapters, in order; other numbered lines are
 *    not chapters;
 * 2. explicit heading levels (Markdown `#`, Word "Kop 1/2/3");
 * 3. numbered lines ("1 INLEIDING", "1. Onze ambitie", "2.3 Casusregie"), where
 *    chapter numbers must follow the style and order of the first chapter;
 * 4. ALL-CAPS lines (chapters before the first numbered chapter or when the
 *    document has no numbered chapters, otherwise paragrafen);
 * 5. short title-like lines followed by a longer paragraph (paragrafen).
 * Weak signals (4 and 5, and demoted numbered lines) are switched off when the
 * document marks its sub-headings explicitly.
 */
import type { ImportedSection, ImportedSectionKind } from "./sections-model";
import {
  BULLET_RE,
  blockText,
  blocksToDoc,
  inlineText,
  paraText,
  sliceInline,
  type Block,
  type Inline,
  type ListBlock,
  type ListItemData,
  type ParaBlock,
} from "./import-blocks";
import { groupTabbedParagraphs, LONE_PAGE_NUMBER_RE } from "./import-text";

export type StructureResult = { title: string | null; sections: ImportedSection[]; warnings: string[] };

const NUMBERED_RE = /^(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)[ \t]+(\S.*)$/u;
const HOOFDSTUK_RE = /^hoofdstuk[ \t]+(\d{1,2})[ \t]*(?:[:.\-–—][ \t]*|[ \t]+)(\S.*)$/iu;
const BOUWSTEEN_RE = /^bouwsteen[ \t]+(\d{1,3})[ \t]*(?:[:.\-–—][ \t]*)?(.*)$/iu;
const AFSPRAKEN_RE =
  /^(?:de |onze )?(?:afspraken|afspraak|wat spreken we af\??|we spreken af|dit spreken we af)[ \t]*:?$/iu;
const BEGRIPPEN_RE =
  /^(?:begrippenlijst|begrippen|woordenlijst|verklarende woordenlijst|lijst van (?:begrippen|afkortingen)|afkortingen(?:lijst)?|begrippen en afkortingen|definities)[ \t]*:?$/iu;
const PRINCIPLES_INTRO_RE = /leidende\s+principes?\b.*:$/iu;
const PRINCIPLES_TITLE_RE = /^(?:de |onze )?leidende principes$/iu;
const TOC_WORDS = new Set([
  "inhoud",
  "inhoudsopgave",
  "inhoudsopgaaf",
  "inhoudstafel",
  "inhoudsopgave:",
  "tableofcontents",
  "contents",
]);
const QUOTE_START_RE = /^["“”„'‘’«‹(*]/u;
const GLOSSARY_HEADER_RE = /^(?:begrip(?:pen)?|term(?:en)?|woord|afkorting(?:en)?|begrip\/afkorting)$/iu;

type Cand =
  | { type: "numbered"; number: string; dots: number; dotted: boolean; title: string }
  | { type: "hoofdstuk"; number: string; title: string }
  | { type: "bouwsteen"; number: string; title: string }
  | { type: "afspraken" }
  | { type: "begrippen"; title: string }
  | { type: "caps"; title: string }
  | { type: "short"; title: string };

type Decision = { depth: number; kind: ImportedSectionKind; number: string | null; title: string; begrippen: boolean };

type TocEntry = { number: string | null; title: string; depth: number; matched: boolean };

const norm = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

const letters = (s: string): string[] => s.match(/\p{L}/gu) ?? [];
export const isAllCaps = (s: string): boolean => letters(s).length >= 2 && !/\p{Ll}/u.test(s);
const endsWithSentencePunctuation = (s: string): boolean => /[.,;:]$/u.test(s.trim());
const wordCount = (s: string): number => s.trim().split(/\s+/).length;

/** The text of a single-line, not-too-long paragraph; null otherwise. */
function lineText(block: Block | undefined): string | null {
  if (!block || block.kind !== "para") return null;
  if (block.inline.some((n) => n.type === "hardBreak")) return null;
  const text = paraText(block).replace(/\s+/g, " ");
  return text.length > 0 && text.length <= 200 ? text : null;
}

/** Heading-ish text: starts with a capital (or digit), no final sentence punctuation, not a quote, not a sentence pair. */
function isTitleText(t: string, maxLength: number): boolean {
  return (
    t.length >= 2 &&
    t.length <= maxLength &&
    /^[\p{Lu}\d]/u.test(t) &&
    !endsWithSentencePunctuation(t) &&
    !QUOTE_START_RE.test(t) &&
    !/[.!?]\s+\p{Lu}/u.test(t) &&
    wordCount(t) <= 16
  );
}

function classify(block: Block): Cand | null {
  const t = lineText(block);
  if (t === null) return null;
  if (AFSPRAKEN_RE.test(t)) return { type: "afspraken" };
  const bouwsteen = BOUWSTEEN_RE.exec(t);
  if (bouwsteen && t.length <= 160 && !/[.;]$/.test(t))
    return { type: "bouwsteen", number: bouwsteen[1], title: bouwsteen[2].trim() };
  const hoofdstuk = HOOFDSTUK_RE.exec(t);
  if (hoofdstuk && isTitleText(hoofdstuk[2], 120))
    return { type: "hoofdstuk", number: hoofdstuk[1], title: hoofdstuk[2] };
  const numbered = NUMBERED_RE.exec(t);
  if (numbered) {
    const title = numbered[3].trim();
    if (isTitleText(title, 120) && /^\p{Lu}/u.test(title)) {
      const number = numbered[1];
      return { type: "numbered", number, dots: number.split(".").length - 1, dotted: numbered[2] === ".", title };
    }
    return null;
  }
  if (BEGRIPPEN_RE.test(t)) return { type: "begrippen", title: t.replace(/:$/, "") };
  if (isAllCaps(t) && t.length <= 80 && !QUOTE_START_RE.test(t) && !endsWithSentencePunctuation(t))
    return { type: "caps", title: t };
  if (isTitleText(t, 80) && wordCount(t) <= 12) return { type: "short", title: t };
  return null;
}

/** ALL-CAPS to sentence case, keeping acronyms the document also uses in normal text (GRJR, LTA). */
function sentenceCase(t: string, acronyms: Set<string>): string {
  if (!isAllCaps(t)) return t;
  let first = true;
  return t.replace(/\p{L}+/gu, (word) => {
    let out: string;
    if (acronyms.has(word)) out = word;
    else if (first) out = word[0] + word.slice(1).toLocaleLowerCase("nl");
    else out = word.toLocaleLowerCase("nl");
    first = false;
    return out;
  });
}

function cleanTitle(t: string, acronyms: Set<string>): string {
  return sentenceCase(
    t
      .replace(/\s+/g, " ")
      .replace(/^\*\*|\*\*$/g, "")
      .trim(),
    acronyms,
  )
    .replace(/[:]$/, "")
    .trim();
}

// ---------------------------------------------------------------------------
// Table of contents

function parseTocRow(cells: string[]): Omit<TocEntry, "matched"> | null {
  const filled = cells.map((c) => c.trim()).filter((c) => c.length > 0);
  if (filled.length < 2) return null;
  const page = filled[filled.length - 1];
  if (!/^\d{1,3}$/.test(page)) return null;
  let rest = filled.slice(0, -1);
  let number: string | null = null;
  if (rest.length > 1 && /^\d{1,2}(?:\.\d{1,2})*\.?$/.test(rest[0])) {
    number = rest[0].replace(/\.$/, "");
    rest = rest.slice(1);
  }
  let title = rest
    .join(" ")
    .replace(/[ .…]+$/u, "")
    .trim();
  if (!number) {
    const m = NUMBERED_RE.exec(title);
    if (m) {
      number = m[1];
      title = m[3];
    }
  }
  if (!title || !/\p{L}/u.test(title)) return null;
  if (BOUWSTEEN_RE.test(title)) return { number: null, title, depth: 2 };
  return { number, title, depth: number ? number.split(".").length : 1 };
}

function parseTocLine(text: string): Omit<TocEntry, "matched"> | null {
  const m = /^(.+?)(?:[ \t]*(?:\.{2,}|…+|_{2,})[ \t]*|[ \t]+)(\d{1,3})$/u.exec(text.trim());
  if (!m) return null;
  return parseTocRow([m[1], m[2]]);
}

function tocEntriesOf(block: Block): Array<Omit<TocEntry, "matched">> | null {
  if (block.kind === "table") {
    const entries = block.rows.map((r) => parseTocRow(r.cells.map((c) => c.paragraphs.map(inlineText).join(" "))));
    const good = entries.filter((e): e is Omit<TocEntry, "matched"> => e !== null);
    return good.length > 0 && good.length >= entries.length * 0.6 ? good : null;
  }
  if (block.kind === "para" && !block.level) {
    const e = parseTocLine(paraText(block));
    return e ? [e] : null;
  }
  return null;
}

function findToc(blocks: Block[]): { entries: TocEntry[]; consumed: Set<number> } | null {
  for (let i = 0; i < blocks.length; i++) {
    const t = lineText(blocks[i]);
    if (t === null || t.length > 40) continue;
    let start = -1;
    if (TOC_WORDS.has(norm(t))) start = i + 1;
    else {
      const next = lineText(blocks[i + 1]);
      if (next !== null && TOC_WORDS.has(norm(t + next))) start = i + 2;
    }
    if (start < 0) continue;
    const consumed = new Set<number>();
    for (let k = i; k < start; k++) consumed.add(k);
    const entries: TocEntry[] = [];
    let j = start;
    for (; j < blocks.length; j++) {
      const found = tocEntriesOf(blocks[j]);
      if (!found) break;
      entries.push(...found.map((e) => ({ ...e, matched: false })));
      consumed.add(j);
    }
    if (entries.length >= 2) return { entries, consumed };
  }
  // A table of contents without a heading: an early table whose rows end in page numbers.
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === "para" && paraText(b).length >= 150) break;
    if (b.kind !== "table" || b.rows.length < 3) continue;
    const found = tocEntriesOf(b);
    if (found && found.length >= b.rows.length * 0.8)
      return { entries: found.map((e) => ({ ...e, matched: false })), consumed: new Set([i]) };
  }
  return null;
}

function titlesCompatible(a: string, b: string): boolean {
  const na = norm(a);
  const nb = norm(b);
  if (!na || !nb) return false;
  if (na === nb) return true;
  const [short, long] = na.length <= nb.length ? [na, nb] : [nb, na];
  return short.length >= 6 && long.startsWith(short) && short.length >= long.length * 0.5;
}

// ---------------------------------------------------------------------------

function titleForItem(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  const first = /^(.{15,}?[.!?])(?:\s|$)/u.exec(t)?.[1] ?? t;
  const title = first.length <= 120 ? first : `${t.slice(0, 100).replace(/\s+\S*$/u, "")}…`;
  return title.replace(/[.:;]$/u, "").trim();
}

function itemBlocks(item: ListItemData): Block[] {
  return [...item.paragraphs.map((inline): Block => ({ kind: "para", inline })), ...item.lists];
}

function truncate(s: string, n: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length <= n ? t : `${t.slice(0, n - 1).trimEnd()}…`;
}

const typedBulletLists = new WeakSet<ListBlock>();

/** Typed bullets in paragraphs (Word documents without list styles) become lists; lone page numbers go. */
function preprocess(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    if (block.kind === "para" && !block.level) {
      const text = paraText(block);
      if (LONE_PAGE_NUMBER_RE.test(text)) continue;
      const bullet = BULLET_RE.exec(inlineText(block.inline));
      if (bullet) {
        const item: ListItemData = { paragraphs: [sliceInline(block.inline, bullet[0].length)], lists: [] };
        const last = out[out.length - 1];
        if (last && last.kind === "list" && !last.ordered && typedBulletLists.has(last)) last.items.push(item);
        else {
          const list: ListBlock = { kind: "list", ordered: false, items: [item] };
          typedBulletLists.add(list);
          out.push(list);
        }
        continue;
      }
    }
    out.push(block);
  }
  return groupTabbedParagraphs(out);
}

function collectAcronyms(blocks: Block[]): Set<string> {
  const set = new Set<string>();
  for (const b of blocks) {
    const text = blockText(b);
    for (const line of text.split("\n")) {
      if (isAllCaps(line)) continue;
      for (const m of line.matchAll(/(?<!\p{L})\p{Lu}{2,}(?!\p{L})/gu)) set.add(m[0]);
    }
  }
  return set;
}

type Open = {
  section: ImportedSection;
  depth: number;
  mode: "normal" | "afspraken" | "begrippen";
  structured: null | "afspraken" | "leidende principes";
  warnedTrailing: boolean;
};

export function buildSections(input: Block[]): StructureResult {
  const blocks = preprocess(input);
  const warnings: string[] = [];
  const acronyms = collectAcronyms(blocks);
  const cands = blocks.map((b) => (b.kind === "para" && !b.level ? classify(b) : null));

  // --- Explicit heading levels -------------------------------------------
  const explicit = blocks.map((b, i) => (b.kind === "para" && b.level ? i : -1)).filter((i) => i >= 0);
  const levelOf = (i: number): number => (blocks[i] as ParaBlock).level ?? 0;
  let titleIdx = -1;
  let explicitTop: number | null = null;
  if (explicit.length > 0) {
    const minLevel = Math.min(...explicit.map(levelOf));
    const atMin = explicit.filter((i) => levelOf(i) === minLevel);
    const deeper = explicit.filter((i) => levelOf(i) > minLevel);
    if (atMin.length === 1 && atMin[0] === explicit[0] && deeper.length > 0) {
      titleIdx = atMin[0];
      explicitTop = Math.min(...deeper.map(levelOf));
    } else {
      explicitTop = minLevel;
    }
  }
  const explicitHeadings = explicit.filter((i) => i !== titleIdx);
  const explicitChapters = explicitHeadings.length > 0;
  const weak = !explicitHeadings.some((i) => explicitTop !== null && levelOf(i) > explicitTop);

  // --- Table of contents ----------------------------------------------------
  const toc = findToc(blocks);
  const consumed = toc?.consumed ?? new Set<number>();
  let tocMode = false;
  if (toc) {
    // Dry run: does the table of contents match the headings of the text?
    let ptr = 0;
    let hits = 0;
    for (let i = 0; i < blocks.length; i++) {
      if (consumed.has(i)) continue;
      const hit = matchToc(i, ptr);
      if (hit) {
        hits++;
        ptr = hit.index + 1;
      }
    }
    tocMode = hits >= Math.max(2, Math.ceil(toc.entries.length * 0.5));
    if (!tocMode)
      warnings.push(
        "De inhoudsopgave komt niet overeen met de koppen in de tekst en is niet gebruikt om hoofdstukken te herkennen.",
      );
  }

  function matchToc(
    i: number,
    ptr: number,
  ): { index: number; entry: TocEntry; number: string | null; title: string } | null {
    if (!toc) return null;
    const t = lineText(blocks[i]);
    if (t === null || t.length > 150 || /[.;,]$/.test(t)) return null;
    let number: string | null = null;
    let title = t;
    const hoofdstuk = HOOFDSTUK_RE.exec(t);
    const numbered = NUMBERED_RE.exec(t);
    if (hoofdstuk) {
      number = hoofdstuk[1];
      title = hoofdstuk[2];
    } else if (numbered) {
      number = numbered[1];
      title = numbered[3];
    }
    for (let j = ptr; j < Math.min(toc.entries.length, ptr + 3); j++) {
      const e = toc.entries[j];
      if (number && e.number && number !== e.number) continue;
      if (titlesCompatible(e.title, title) || titlesCompatible(e.title, t))
        return { index: j, entry: e, number: number ?? e.number, title };
    }
    return null;
  }

  // --- Decide which blocks are headings --------------------------------------
  const isStrong = (i: number): boolean => {
    const b = blocks[i];
    if (b.kind === "para" && b.level) return true;
    const c = cands[i];
    return c !== null && c.type !== "short";
  };
  /** Cover pages: a heading-like line with no real text before the next heading-like line. */
  const coverLike = (i: number): boolean => {
    for (let j = i + 1; j < blocks.length && j < i + 40; j++) {
      if (consumed.has(j) || isStrong(j)) return true;
      const b = blocks[j];
      if (b.kind !== "para" || paraText(b).length >= 100) return false;
    }
    return true;
  };
  const nextIsBody = (i: number, title: string): boolean => {
    const next = blocks[i + 1];
    if (!next || next.kind !== "para" || next.level || consumed.has(i + 1) || isStrong(i + 1)) return false;
    const len = paraText(next).length;
    return len >= 60 && len > title.length * 1.2;
  };
  const hasNumberedChapters = cands.some((c) => (c?.type === "numbered" && c.dots === 0) || c?.type === "hoofdstuk");

  const fromText = (text: string, depth: number, tocNumber: string | null = null): Decision => {
    const hoofdstuk = HOOFDSTUK_RE.exec(text);
    const bouwsteen = BOUWSTEEN_RE.exec(text);
    const numbered = NUMBERED_RE.exec(text);
    let number = tocNumber;
    let title = text;
    let kind: ImportedSectionKind = depth === 1 ? "hoofdstuk" : "paragraaf";
    if (bouwsteen) {
      kind = "bouwsteen";
      number = bouwsteen[1];
      title = bouwsteen[2].trim() || `Bouwsteen ${bouwsteen[1]}`;
    } else if (hoofdstuk) {
      number = hoofdstuk[1];
      title = hoofdstuk[2];
    } else if (numbered && /^\p{Lu}/u.test(numbered[3])) {
      number = numbered[1];
      title = numbered[3];
    }
    const cleaned = cleanTitle(title, acronyms);
    return { depth, kind, number, title: cleaned, begrippen: BEGRIPPEN_RE.test(cleaned) };
  };

  function decide(shortAsChapter: boolean): {
    decisions: Map<number, Decision>;
    markers: Set<number>;
    contentHeadings: Set<number>;
  } {
    const decisions = new Map<number, Decision>();
    const markers = new Set<number>();
    const contentHeadings = new Set<number>();
    let chapterSeen = false;
    let tocStarted = false;
    let tocPtr = 0;
    let lastChapterNum: number | null = null;
    let chapterDotted: boolean | null = null;
    let prevHeading = false;
    const frontMatter = () => tocMode && !tocStarted;

    for (let i = 0; i < blocks.length; i++) {
      if (consumed.has(i) || i === titleIdx) continue;
      const b = blocks[i];
      const c = cands[i];
      const text = lineText(b);
      let d: Decision | null = null;

      if (tocMode && text !== null) {
        const hit = matchToc(i, tocPtr);
        if (hit) {
          tocPtr = hit.index + 1;
          tocStarted = true;
          hit.entry.matched = true;
          const depth = Math.min(hit.entry.depth, 3);
          d = fromText(text, depth, hit.number);
          if (!d.number && hit.number) d.number = hit.number;
        }
      }
      if (!d && c?.type === "afspraken" && (chapterSeen || decisions.size > 0)) {
        markers.add(i);
        prevHeading = false;
        continue;
      }
      if (!d && b.kind === "para" && b.level && text !== null && !frontMatter()) {
        const depth = Math.max(1, b.level - (explicitTop ?? 1) + 1);
        if (depth > 3) contentHeadings.add(i);
        else if (!(depth === 1 && !chapterSeen && !tocMode && explicitHeadings.length > 1 && coverLike(i)))
          d = fromText(text, depth);
      }
      if (!d && c && !(b.kind === "para" && b.level) && !frontMatter()) {
        switch (c.type) {
          case "hoofdstuk":
            d = fromText(text ?? "", 1);
            break;
          case "numbered":
            if (c.dots === 0) {
              const n = Number(c.number);
              const fitsOrder =
                !tocMode &&
                !explicitChapters &&
                (chapterDotted === null ||
                  (c.dotted === chapterDotted &&
                    (lastChapterNum === null || (n > lastChapterNum && n <= lastChapterNum + 3))));
              if (fitsOrder) {
                d = fromText(text ?? "", 1);
                chapterDotted = c.dotted;
                lastChapterNum = n;
              } else if (weak && chapterSeen) {
                d = {
                  depth: 2,
                  kind: "paragraaf",
                  number: c.number,
                  title: cleanTitle(c.title, acronyms),
                  begrippen: false,
                };
              }
            } else if (weak && chapterSeen) {
              d = { ...fromText(text ?? "", Math.min(1 + c.dots, 3)), kind: "paragraaf" };
            }
            break;
          case "bouwsteen":
            d = { ...fromText(text ?? "", chapterSeen ? 2 : 1), kind: "bouwsteen" };
            break;
          case "begrippen":
            d = { depth: 1, kind: "hoofdstuk", number: null, title: cleanTitle(c.title, acronyms), begrippen: true };
            break;
          case "caps":
            if (tocMode || explicitChapters || (hasNumberedChapters && chapterSeen)) {
              if (weak && chapterSeen)
                d = {
                  depth: 2,
                  kind: "paragraaf",
                  number: null,
                  title: cleanTitle(c.title, acronyms),
                  begrippen: false,
                };
            } else if (!(chapterSeen === false && coverLike(i))) {
              d = { depth: 1, kind: "hoofdstuk", number: null, title: cleanTitle(c.title, acronyms), begrippen: false };
            }
            break;
          case "short":
            if (shortAsChapter && !tocMode && !prevHeading && nextIsBody(i, c.title)) {
              d = {
                depth: 1,
                kind: "hoofdstuk",
                number: null,
                title: cleanTitle(c.title, acronyms),
                begrippen: BEGRIPPEN_RE.test(c.title),
              };
            } else if (weak && chapterSeen && !prevHeading && nextIsBody(i, c.title)) {
              d = { depth: 2, kind: "paragraaf", number: null, title: cleanTitle(c.title, acronyms), begrippen: false };
            }
            break;
          case "afspraken":
            break;
        }
      }
      if (d) {
        decisions.set(i, d);
        if (d.depth === 1 && d.kind !== "bouwsteen") chapterSeen = true;
        if (d.kind === "bouwsteen") chapterSeen = chapterSeen || d.depth === 1;
      }
      prevHeading = d !== null;
    }
    return { decisions, markers, contentHeadings };
  }

  let decided = decide(false);
  if (decided.decisions.size === 0) decided = decide(true);
  const { decisions, markers, contentHeadings } = decided;

  // Without chapter-level headings, the highest level found becomes the chapter level.
  const minDepth = Math.min(...[...decisions.values()].map((d) => d.depth));
  if (Number.isFinite(minDepth) && minDepth > 1) {
    for (const d of decisions.values()) {
      d.depth -= minDepth - 1;
      if (d.depth === 1 && d.kind === "paragraaf") d.kind = "hoofdstuk";
    }
  }

  if (tocMode && toc) {
    for (const e of toc.entries) {
      if (e.depth === 1 && !e.matched)
        warnings.push(
          `De inhoudsopgave noemt "${truncate(e.title, 60)}", maar dat hoofdstuk is niet in de tekst gevonden.`,
        );
    }
  }

  // --- Build the tree ----------------------------------------------------------
  const roots: ImportedSection[] = [];
  const stack: Open[] = [];
  const pending = new Map<ImportedSection, Block[]>();
  const front: Block[] = [];

  const newSection = (
    kind: ImportedSectionKind,
    number: string | null,
    title: string,
    content: Block[] = [],
  ): ImportedSection => {
    const section: ImportedSection = { kind, number, title, content: { type: "doc" }, children: [] };
    pending.set(section, content);
    return section;
  };
  const addBlocks = (section: ImportedSection, ...bs: Block[]) => {
    pending.get(section)?.push(...bs);
  };
  const lastChild = (open: Open, kind: ImportedSectionKind): ImportedSection | null => {
    const last = open.section.children[open.section.children.length - 1];
    return last && last.kind === kind ? last : null;
  };
  const trailing = (open: Open, block: Block) => {
    addBlocks(open.section, block);
    if (open.structured && !open.warnedTrailing) {
      open.warnedTrailing = true;
      warnings.push(
        `In "${truncate(open.section.title, 60)}" staat tekst na de ${open.structured}; die tekst is bij de eigen tekst van "${truncate(open.section.title, 60)}" gezet, vóór de ${open.structured}. Controleer de volgorde.`,
      );
    }
  };

  const addBegrip = (open: Open, block: Block): void => {
    if (block.kind === "table") {
      // Some writers mark every row as a header row; then the flag says nothing.
      const headerFlags = block.rows.some((row) => !row.header);
      block.rows.forEach((row, r) => {
        const cells = row.cells.filter((c) => c.paragraphs.some((p) => inlineText(p).trim().length > 0));
        const termText = cells[0] ? cells[0].paragraphs.map(inlineText).join(" ").trim() : "";
        const isHeader =
          (headerFlags && row.header) || (r === 0 && GLOSSARY_HEADER_RE.test(termText) && !lastChild(open, "begrip"));
        if (isHeader) return;
        if (cells.length >= 2 && termText.length <= 150) {
          const definition = cells
            .slice(1)
            .flatMap((c) => c.paragraphs.map((inline): Block => ({ kind: "para", inline })));
          open.section.children.push(newSection("begrip", null, termText.replace(/[:]$/, "").trim(), definition));
        } else if (cells.length > 0) {
          const target = lastChild(open, "begrip") ?? open.section;
          addBlocks(target, ...cells.flatMap((c) => c.paragraphs.map((inline): Block => ({ kind: "para", inline }))));
        }
      });
      return;
    }
    const asTerm = (inline: Inline[]): ImportedSection | null => {
      const text = inlineText(inline);
      const m = /^([^:\n]{2,80}?)(?:[ \t]*:[ \t]+|[ \t]+[–—-][ \t]+)(?=\S)/u.exec(text);
      if (!m || /[.!?]/.test(m[1])) return null;
      return newSection("begrip", null, m[1].trim(), [{ kind: "para", inline: sliceInline(inline, m[0].length) }]);
    };
    if (block.kind === "para" && !block.level) {
      const term = asTerm(block.inline);
      if (term) {
        open.section.children.push(term);
        return;
      }
    }
    if (block.kind === "list") {
      const terms = block.items.map((item) => (item.paragraphs[0] ? asTerm(item.paragraphs[0]) : null));
      if (terms.every((t) => t !== null)) {
        block.items.forEach((item, k) => {
          const term = terms[k];
          if (!term) return;
          addBlocks(
            term,
            ...item.paragraphs.slice(1).map((inline): Block => ({ kind: "para", inline })),
            ...item.lists,
          );
          open.section.children.push(term);
        });
        return;
      }
    }
    addBlocks(lastChild(open, "begrip") ?? open.section, block);
  };

  /** Short paragraphs after a "leidende principes:" line: pairs of (principle, explanation) or single principles. */
  const collectPrinciples = (from: number): { sections: ImportedSection[]; next: number } | null => {
    const next = blocks[from];
    if (next && next.kind === "list" && !decisions.has(from)) {
      return {
        sections: next.items.map((item) =>
          newSection("leidend_principe", null, titleForItem(inlineText(item.paragraphs[0] ?? [])), itemBlocks(item)),
        ),
        next: from + 1,
      };
    }
    const paras: ParaBlock[] = [];
    let j = from;
    for (; j < blocks.length; j++) {
      const b = blocks[j];
      if (consumed.has(j) || decisions.has(j) || markers.has(j) || b.kind !== "para" || b.level) break;
      const text = paraText(b);
      if (text.length > 250 || text.endsWith(":")) break;
      paras.push(b);
    }
    if (paras.length < 2) return null;
    const sections: ImportedSection[] = [];
    if (paras.length % 2 === 0) {
      for (let k = 0; k < paras.length; k += 2) {
        sections.push(newSection("leidend_principe", null, titleForItem(paraText(paras[k])), [paras[k + 1]]));
      }
    } else {
      for (const p of paras) sections.push(newSection("leidend_principe", null, titleForItem(paraText(p)), [p]));
    }
    return { sections, next: j };
  };

  for (let i = 0; i < blocks.length; i++) {
    if (consumed.has(i) || i === titleIdx) continue;
    const block = blocks[i];
    const d = decisions.get(i);
    if (d) {
      const section = newSection(d.kind, d.number, d.title || "Zonder titel");
      while (stack.length > 0 && stack[stack.length - 1].depth >= d.depth) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.section.children.push(section);
      else roots.push(section);
      stack.push({
        section,
        depth: d.depth,
        mode: d.begrippen ? "begrippen" : "normal",
        structured: null,
        warnedTrailing: false,
      });
      continue;
    }
    const cur = stack[stack.length - 1];
    if (!cur) {
      front.push(block);
      continue;
    }
    if (markers.has(i)) {
      if (cur.mode === "normal") cur.mode = "afspraken";
      continue;
    }
    const asBlock: Block = contentHeadings.has(i)
      ? block
      : block.kind === "para" && block.level
        ? { ...block, level: undefined }
        : block;
    if (cur.mode === "begrippen") {
      addBegrip(cur, asBlock);
      continue;
    }
    if (cur.mode === "afspraken" && block.kind === "list") {
      for (const item of block.items) {
        cur.section.children.push(
          newSection("afspraak", null, titleForItem(inlineText(item.paragraphs[0] ?? [])), itemBlocks(item)),
        );
      }
      cur.structured = "afspraken";
      continue;
    }
    const text = block.kind === "para" ? paraText(block) : "";
    const principlesHere =
      (block.kind === "para" && text.length <= 200 && PRINCIPLES_INTRO_RE.test(text)) ||
      (block.kind === "list" && PRINCIPLES_TITLE_RE.test(cur.section.title) && cur.section.children.length === 0);
    if (principlesHere) {
      const found = collectPrinciples(block.kind === "list" ? i : i + 1);
      if (found) {
        if (block.kind === "para") addBlocks(cur.section, asBlock);
        cur.section.children.push(...found.sections);
        cur.structured = "leidende principes";
        i = found.next - 1;
        continue;
      }
    }
    if (cur.structured) trailing(cur, asBlock);
    else addBlocks(cur.section, asBlock);
  }

  // --- Title and front matter ---------------------------------------------------
  let title: string | null = null;
  const frontParas = front.filter((b): b is ParaBlock => b.kind === "para");
  const used = new Set<Block>();
  if (titleIdx >= 0) {
    title = cleanTitle(paraText(blocks[titleIdx] as ParaBlock), acronyms);
  } else {
    const first = frontParas.find((p) => p.role === "title") ?? frontParas.find((p) => paraText(p).length <= 150);
    if (first) {
      used.add(first);
      const firstText = paraText(first);
      title = cleanTitle(firstText, acronyms);
      const next = frontParas[frontParas.indexOf(first) + 1];
      const nextText = next ? paraText(next) : "";
      const joinable =
        next &&
        (next.role === "subtitle" ||
          (wordCount(firstText) <= 2 &&
            nextText.length <= 60 &&
            !QUOTE_START_RE.test(nextText) &&
            !/[.!?]$/.test(nextText)));
      if (next && joinable) {
        used.add(next);
        title = `${title} ${cleanTitle(nextText, acronyms)}`;
      }
    }
  }

  if (roots.length === 0) {
    const all = blocks.filter((b, i) => !consumed.has(i) && i !== titleIdx);
    const section = newSection("hoofdstuk", null, title ?? "Tekst", all);
    roots.push(section);
    warnings.push(
      "Er zijn geen hoofdstukken of kopjes herkend; de hele tekst is als één hoofdstuk ingelezen. Deel de tekst zelf op in hoofdstukken.",
    );
  } else {
    const dropped = front
      .filter((b) => !used.has(b))
      .map(blockText)
      .filter((t) => t.trim().length > 0);
    if (dropped.length > 0) {
      const shown = dropped.slice(0, 3).map((t) => `"${truncate(t, 60)}"`);
      const more =
        dropped.length > 3
          ? ` en nog ${dropped.length - 3} ${dropped.length - 3 === 1 ? "stuk" : "stukken"} tekst`
          : "";
      warnings.push(`De tekst vóór het eerste hoofdstuk (voorblad) is niet overgenomen: ${shown.join(", ")}${more}.`);
    }
  }

  const finalize = (sections: ImportedSection[]) => {
    for (const s of sections) {
      s.content = blocksToDoc(pending.get(s) ?? []);
      finalize(s.children);
    }
  };
  finalize(roots);
  return { title, sections: roots, warnings };
}
