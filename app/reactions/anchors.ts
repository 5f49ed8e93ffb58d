/**
 * Quote anchors that survive new versions (DESIGN.md, "Anchors survive new versions").
 *
 * A quoted passage is stored as the W3C Web Annotation selectors Hypothesis uses: a
 * TextQuoteSelector (the exact text with up to 32 characters of prefix and suffix) and a
 * TextPositionSelector (start/end, only a hint). In a later version the passage is looked for
 * again in the same section's plain text (`plainTextOf`), in this order:
 *
 *  1. the exact text (when it occurs several times: the occurrence whose surroundings match the
 *     prefix and suffix best, then the one nearest the old position) → "unchanged";
 *     also after normalising whitespace, case, accents, quotes and dashes → "unchanged";
 *  2. the prefix and suffix, with what now stands between them → "changed" with the new text;
 *  3. an approximate match: the window of words with the smallest word edit distance to the
 *     quote (Sellers' algorithm), if at least 60% similar → "changed";
 *  4. otherwise → "removed".
 *
 * Resolve per section text, never against a whole document: cost is linear in the section for
 * steps 1-2 and O(section words × quote words) for step 3, which is skipped when too few of the
 * quote's words occur in the section at all. Prepared (normalised) texts are cached, so
 * resolving many anchors against one section normalises it once.
 *
 * Pure and isomorphic.
 */

export type QuoteSelector = {
  /** TextQuoteSelector. */
  exact: string;
  prefix: string;
  suffix: string;
  /** TextPositionSelector: offsets into the section's plain text (a hint once the text changes). */
  start: number;
  end: number;
};

/** A selector as stored: prefix, suffix and position may be missing. */
export type StoredQuoteSelector = {
  exact: string;
  prefix?: string | null;
  suffix?: string | null;
  start?: number | null;
  end?: number | null;
};

export type QuoteResolution = {
  state: "unchanged" | "changed" | "removed";
  start?: number;
  end?: number;
  /** The passage as it now reads in the new text. */
  foundText?: string;
  /** Similarity of the found passage to the quote, 0-1 (1 when unchanged). */
  score?: number;
};

export const DEFAULT_QUOTE_CONTEXT = 32;
/** Minimum word similarity for an approximate match. */
export const FUZZY_THRESHOLD = 0.6;
/** Approximate matching is skipped for quotes longer than this (in words); they are then matched by context only. */
const MAX_FUZZY_WORDS = 1000;

/** Selector for `text.slice(start, end)` with up to `context` characters on either side. */
export function createQuoteSelector(text: string, start: number, end: number, context = DEFAULT_QUOTE_CONTEXT): QuoteSelector {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`Ongeldig citaat: ${start}-${end} in een tekst van ${text.length} tekens.`);
  }
  const ctx = Math.max(0, Math.floor(context));
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - ctx), start),
    suffix: text.slice(end, end + ctx),
    start,
    end,
  };
}

// ---------------------------------------------------------------------------------------------
// Normalisation with a map back to the original offsets

export type PreparedText = {
  text: string;
  /** Lower case, accents stripped, typographic quotes and dashes plain, whitespace runs as one space. */
  norm: string;
  /** `map[i]` is the offset in `text` of `norm[i]`; `map[norm.length] === text.length`. */
  map: Int32Array;
  words?: PreparedWords;
};

type PreparedWords = { ids: Int32Array; starts: Int32Array; ends: Int32Array; vocabulary: Map<string, number> };

const CHAR_MAP: Record<string, string> = {
  "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
  "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
  "\u2026": "...",
};

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  const mapped = CHAR_MAP[ch];
  if (mapped !== undefined) return mapped;
  return ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Normalises `text`, keeping a map from normalised to original offsets. */
export function prepareText(text: string): PreparedText {
  const out: string[] = [];
  const map: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Soft hyphens and zero-width spaces are invisible: left out.
    if (code === 0xad || code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060) continue;
    if (isSpaceCode(code)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    const ch = text[i]!;
    if (pendingSpace >= 0) {
      out.push(" ");
      map.push(pendingSpace);
      pendingSpace = -1;
    }
    const folded = foldChar(ch);
    for (const f of folded) {
      out.push(f);
      map.push(i);
    }
  }
  if (pendingSpace >= 0) {
    out.push(" ");
    map.push(pendingSpace);
  }
  map.push(text.length);
  return { text, norm: out.join(""), map: Int32Array.from(map) };
}

function normalise(s: string): string {
  return prepareText(s).norm;
}

const cache = new Map<string, PreparedText>();
const CACHE_SIZE = 16;

function prepared(text: string | PreparedText): PreparedText {
  if (typeof text !== "string") return text;
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const p = prepareText(text);
  cache.set(text, p);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return p;
}

function wordsOf(p: PreparedText): PreparedWords {
  if (p.words) return p.words;
  const vocabulary = new Map<string, number>();
  const ids: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of p.norm.matchAll(/[\p{L}\p{N}]+/gu)) {
    let id = vocabulary.get(m[0]);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(m[0], id);
    }
    ids.push(id);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  p.words = { ids: Int32Array.from(ids), starts: Int32Array.from(starts), ends: Int32Array.from(ends), vocabulary };
  return p.words;
}

const wordList = (s: string): string[] => s.match(/[\p{L}\p{N}]+/gu) ?? [];

/** Original offsets of norm[a, b), with whitespace at both ends left out. */
function originalRange(p: PreparedText, a: number, b: number): { start: number; end: number } {
  while (a < b && p.norm[a] === " ") a++;
  while (b > a && p.norm[b - 1] === " ") b--;
  if (a >= b) return { start: p.map[a]!, end: p.map[a]! };
  return { start: p.map[a]!, end: p.map[b - 1]! + 1 };
}

// ---------------------------------------------------------------------------------------------
// Similarity

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Word-level similarity 1 - editDistance / max(length): 1 for equal texts (after normalisation). */
export function wordSimilarity(a: string, b: string): number {
  const x = wordList(normalise(a));
  const y = wordList(normalise(b));
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

// ---------------------------------------------------------------------------------------------
// Resolution

function allOccurrences(haystack: string, needle: string, max = 1000): number[] {
  const out: number[] = [];
  if (!needle) return out;
  let i = haystack.indexOf(needle);
  while (i >= 0 && out.length < max) {
    out.push(i);
    i = haystack.indexOf(needle, i + 1);
  }
  return out;
}

/** The candidate whose surroundings best match prefix and suffix, then the one nearest the hint. */
function bestByContext(
  haystack: string,
  candidates: number[],
  length: number,
  prefix: string,
  suffix: string,
  hint: number | null,
): number {
  let best = candidates[0]!;
  let bestScore = -1;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const before = haystack.slice(Math.max(0, c - prefix.length), c);
    const after = haystack.slice(c + length, c + length + suffix.length);
    const score = commonSuffixLength(prefix, before) + commonPrefixLength(suffix, after);
    const distance = hint === null ? 0 : Math.abs(c - hint);
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      best = c;
      bestScore = score;
      bestDistance = distance;
    }
  }
  return best;
}

/** Occurrences of a context piece; when the whole piece is gone, the half next to the quote. */
function contextPositions(norm: string, piece: string, side: "prefix" | "suffix"): { positions: number[]; length: number } {
  const full = allOccurrences(norm, piece, 200);
  if (full.length > 0 || piece.length < 16) return { positions: full, length: piece.length };
  const half = side === "prefix" ? piece.slice(Math.floor(piece.length / 2)) : piece.slice(0, Math.ceil(piece.length / 2));
  return { positions: allOccurrences(norm, half, 200), length: half.length };
}

/**
 * The passage between the old prefix and suffix. An empty prefix (suffix) means the quote stood
 * at the start (end) of the text; a context of only whitespace says nothing, and then this step
 * is skipped.
 */
function resolveByContext(
  p: PreparedText,
  exactNorm: string,
  context: { prefix: string; suffix: string; prefixNorm: string; suffixNorm: string },
  hint: number | null,
): QuoteResolution | null {
  const { prefix, suffix, prefixNorm, suffixNorm } = context;
  const prefixUsable = prefixNorm.trim().length > 0;
  const suffixUsable = suffixNorm.trim().length > 0;
  if (!prefixUsable && !suffixUsable) return null;
  if ((!prefixUsable && prefix !== "") || (!suffixUsable && suffix !== "")) return null;
  const pre = prefixUsable ? contextPositions(p.norm, prefixNorm, "prefix") : { positions: [0], length: 0 };
  const suf = suffixUsable ? contextPositions(p.norm, suffixNorm, "suffix") : { positions: [p.norm.length], length: 0 };
  if (pre.positions.length === 0 || suf.positions.length === 0) return null;
  // Where the passage would be: right after a prefix occurrence and right before a suffix occurrence.
  const starts = pre.positions.map((x) => x + pre.length);
  const ends = suf.positions;
  const maxGap = exactNorm.length * 3 + 200;
  let best: { a: number; b: number; cost: number } | null = null;
  let j = 0;
  for (const a of starts) {
    while (j < ends.length && ends[j]! < a) j++;
    for (let k = j; k < ends.length && ends[k]! - a <= maxGap; k++) {
      const b = ends[k]!;
      const cost = Math.abs(b - a - exactNorm.length) + (hint === null ? 0 : Math.abs(a - hint) * 0.01);
      if (!best || cost < best.cost) best = { a, b, cost };
    }
  }
  if (!best) return null;
  const range = originalRange(p, best.a, best.b);
  if (range.start >= range.end) return null;
  const foundText = p.text.slice(range.start, range.end);
  return { state: "changed", start: range.start, end: range.end, foundText, score: round(wordSimilarity(exactNorm, foundText)) };
}

/**
 * Sellers' approximate substring match on words: the window of the text with the smallest word
 * edit distance to the quote.
 */
function resolveFuzzy(p: PreparedText, exactNorm: string, hint: number | null): QuoteResolution | null {
  const pattern = wordList(exactNorm);
  const m = pattern.length;
  if (m === 0 || m > MAX_FUZZY_WORDS) return null;
  const words = wordsOf(p);
  const n = words.ids.length;
  if (n === 0) return null;
  // Words absent from the section can only be edits; too many and no window can be similar enough.
  const ids = Int32Array.from(pattern.map((w) => words.vocabulary.get(w) ?? -1));
  const present = ids.reduce((count, id) => count + (id >= 0 ? 1 : 0), 0);
  if (present < Math.ceil(FUZZY_THRESHOLD * m)) return null;

  let prevD = new Int32Array(m + 1);
  let curD = new Int32Array(m + 1);
  let prevS = new Int32Array(m + 1);
  let curS = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prevD[i] = i;
    prevS[i] = 0;
  }
  let bestDistance = m;
  let bestStart = 0;
  let bestEnd = 0;
  for (let j = 1; j <= n; j++) {
    const t = words.ids[j - 1]!;
    curD[0] = 0;
    curS[0] = j;
    for (let i = 1; i <= m; i++) {
      const diag = prevD[i - 1]! + (ids[i - 1] === t ? 0 : 1);
      const up = curD[i - 1]! + 1;
      const left = prevD[i]! + 1;
      if (diag <= up && diag <= left) {
        curD[i] = diag;
        curS[i] = i === 1 ? j - 1 : prevS[i - 1]!;
      } else if (left <= up) {
        curD[i] = left;
        curS[i] = prevS[i]!;
      } else {
        curD[i] = up;
        curS[i] = curS[i - 1]!;
      }
    }
    const d = curD[m]!;
    const start = curS[m]!;
    if (start < j) {
      const closer =
        hint !== null && Math.abs(words.starts[start]! - hint) < Math.abs(words.starts[bestStart]! - hint);
      if (d < bestDistance || (d === bestDistance && bestEnd > 0 && closer)) {
        bestDistance = d;
        bestStart = start;
        bestEnd = j;
      }
    }
    [prevD, curD] = [curD, prevD];
    [prevS, curS] = [curS, prevS];
  }
  if (bestEnd === 0) return null;
  const similarity = 1 - bestDistance / m;
  if (similarity < FUZZY_THRESHOLD) return null;
  const range = originalRange(p, words.starts[bestStart]!, words.ends[bestEnd - 1]!);
  // Closing punctuation that belonged to the quote ("… opgroeien.") stays with it.
  const tail = /[^\p{L}\p{N}\s]+$/u.exec(exactNorm)?.[0] ?? "";
  if (tail && p.text.slice(range.end, range.end + tail.length) === tail) range.end += tail.length;
  const foundText = p.text.slice(range.start, range.end);
  return { state: "changed", start: range.start, end: range.end, foundText, score: round(wordSimilarity(exactNorm, foundText)) };
}

/**
 * Finds a quoted passage again in a (new) section text; see the module comment for the order.
 * `newText` may be a string or the result of `prepareText` when resolving many quotes in one text.
 */
export function resolveQuote(selector: StoredQuoteSelector, newText: string | PreparedText): QuoteResolution {
  const p = prepared(newText);
  const text = p.text;
  const exact = selector.exact ?? "";
  if (!exact.trim()) return { state: "removed" };
  const prefix = selector.prefix ?? "";
  const suffix = selector.suffix ?? "";
  const hint = typeof selector.start === "number" && Number.isFinite(selector.start) ? selector.start : null;

  // 1. Exact text, as is.
  const raw = allOccurrences(text, exact);
  if (raw.length > 0) {
    const start = raw.length === 1 ? raw[0]! : bestByContext(text, raw, exact.length, prefix, suffix, hint);
    return { state: "unchanged", start, end: start + exact.length, foundText: exact, score: 1 };
  }

  // 1b. Exact text after normalisation (whitespace, case, accents, quotes, dashes).
  const exactNorm = normalise(exact).trim();
  const prefixNorm = normalise(prefix).replace(/^ /, "");
  const suffixNorm = normalise(suffix).replace(/ $/, "");
  if (!exactNorm) return { state: "removed" };
  const normHits = allOccurrences(p.norm, exactNorm);
  if (normHits.length > 0) {
    // The hint is in original offsets; normalised offsets are close enough to break ties.
    const at = normHits.length === 1 ? normHits[0]! : bestByContext(p.norm, normHits, exactNorm.length, prefixNorm, suffixNorm, hint);
    const range = originalRange(p, at, at + exactNorm.length);
    return { state: "unchanged", start: range.start, end: range.end, foundText: text.slice(range.start, range.end), score: 1 };
  }

  // 2. Between the old prefix and suffix.
  const byContext = resolveByContext(p, exactNorm, { prefix, suffix, prefixNorm, suffixNorm }, hint);
  if (byContext && (byContext.score ?? 0) >= FUZZY_THRESHOLD) return byContext;

  // 3. Approximately, anywhere in the section; the context's passage when nothing is closer.
  const fuzzy = resolveFuzzy(p, exactNorm, hint);
  if (fuzzy && (!byContext || (fuzzy.score ?? 0) > (byContext.score ?? 0))) return fuzzy;
  if (byContext) return byContext;

  return { state: "removed" };
}

/** Resolves many quotes against one section text (normalised once). */
export function resolveQuotes(selectors: readonly StoredQuoteSelector[], newText: string): QuoteResolution[] {
  const p = prepareText(newText);
  return selectors.map((s) => resolveQuote(s, p));
}
