/**
 * Dutch readability (Flesch-Douma) for visie sections, reactions and letters.
 *
 *   score = 206.84 − 0.77 × (syllables per 100 words) − 0.93 × (words per sentence)
 *
 * Syllables are counted with the Dutch TeX hyphenation patterns shipped by `hyphen` (`nl`): a word
 * has (hyphenation points + 1) syllables. This is an approximation: the patterns never split off a
 * single leading or trailing letter (so "radio" counts 2, not 3) and some vowel clusters are not
 * split ("mooie" counts 1). Hyphenated compounds ("B1-niveau") are counted per part, numbers count
 * as one syllable.
 *
 * The score is clamped to 0..100 and rounded to one decimal. Level bands (the classic Flesch
 * table as used with Douma's Dutch constants):
 *
 *   90–100 zeer makkelijk · 80–90 makkelijk · 70–80 vrij makkelijk · 60–70 normaal ·
 *   50–60 vrij moeilijk · 30–50 moeilijk · 0–30 zeer moeilijk
 *
 * `b1` is true when the score is 60 or higher ("normaal" or easier). Dutch plain-language
 * guidance roughly equates that band with language level B1; it is an indication, not a test
 * of B1 (which also concerns vocabulary and structure).
 *
 * This module is pure and isomorphic (usable in the editor in the browser and on the server).
 */
// @ts-expect-error -- `hyphen` ships no type declarations; the shape is declared in HyphenModule.
import hyphenNl from "hyphen/nl/index.js";

export type ReadabilityLevel =
  "zeer makkelijk" | "makkelijk" | "vrij makkelijk" | "normaal" | "vrij moeilijk" | "moeilijk" | "zeer moeilijk";

export interface LongSentence {
  /** Offset of the first character of the sentence in the input text. */
  start: number;
  /** Offset just past the last character (terminating punctuation included). */
  end: number;
  words: number;
  /** `text.slice(start, end)`. */
  text: string;
}

export interface ReadabilityResult {
  /** Flesch-Douma score 0..100 (one decimal), null when the text has no words. */
  score: number | null;
  words: number;
  sentences: number;
  syllables: number;
  /** Band of the score; "zeer makkelijk" for empty text (check `score === null` first). */
  level: ReadabilityLevel;
  /** Score ≥ 60 (see module comment); true for empty text. */
  b1: boolean;
  /** Sentences with more than `longSentenceWords` words, in text order. */
  longSentences: LongSentence[];
}

export interface ReadabilityOptions {
  /** A sentence is long when it has more words than this. Default 20. */
  longSentenceWords?: number;
}

export interface SentenceSpan {
  start: number;
  end: number;
  words: number;
}

export const DEFAULT_LONG_SENTENCE_WORDS = 20;
export const B1_MIN_SCORE = 60;

interface HyphenModule {
  hyphenateSync: (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;
}

const SOFT_HYPHEN = "\u00AD";

let hyphenator: ((word: string) => string) | null = null;

/** The Dutch hyphenator, created once. Words of 4+ letters are hyphenated ("ho-ge"). */
function getHyphenator(): (word: string) => string {
  if (!hyphenator) {
    const { hyphenateSync } = hyphenNl as HyphenModule;
    hyphenator = (word) => hyphenateSync(word, { hyphenChar: SOFT_HYPHEN, minWordLength: 4 });
  }
  return hyphenator;
}

const syllableCache = new Map<string, number>();
const SYLLABLE_CACHE_LIMIT = 20_000;

function countLetterRunSyllables(run: string): number {
  const lower = run.toLowerCase();
  const cached = syllableCache.get(lower);
  if (cached !== undefined) return cached;
  const hyphenated = getHyphenator()(lower);
  let count = 1;
  for (const ch of hyphenated) if (ch === SOFT_HYPHEN) count++;
  if (syllableCache.size >= SYLLABLE_CACHE_LIMIT) syllableCache.clear();
  syllableCache.set(lower, count);
  return count;
}

/**
 * Syllables in one word (a whitespace-free token). Apostrophes and soft hyphens are dropped
 * ("auto's" → "autos"); each remaining run of letters is hyphenated separately, so "B1-niveau"
 * is "B" + "niveau". A token without letters (a number) counts as one syllable.
 */
export function countSyllables(word: string): number {
  const cleaned = word.replace(/[\u00AD'’`]/g, "");
  const runs = cleaned.match(/\p{L}+/gu);
  if (!runs) return /\p{N}/u.test(cleaned) ? 1 : 0;
  let total = 0;
  for (const run of runs) total += countLetterRunSyllables(run);
  return total;
}

const WORD_RE = /[\p{L}\p{N}]/u;

function wordsIn(text: string): string[] {
  return text.split(/\s+/).filter((token) => WORD_RE.test(token));
}

/** Abbreviations (lower case, with final dot) after which a period does not end a sentence. */
const ABBREVIATIONS = new Set([
  "a.s.",
  "a.u.b.",
  "afd.",
  "apr.",
  "art.",
  "aug.",
  "b.v.",
  "bijl.",
  "bijv.",
  "blz.",
  "bv.",
  "c.q.",
  "c.s.",
  "ca.",
  "d.d.",
  "d.m.v.",
  "d.w.z.",
  "dec.",
  "dhr.",
  "dr.",
  "drs.",
  "e.a.",
  "e.d.",
  "e.e.a.",
  "e.v.",
  "enz.",
  "etc.",
  "evt.",
  "excl.",
  "feb.",
  "hfst.",
  "i.c.m.",
  "i.o.m.",
  "i.p.v.",
  "i.s.m.",
  "i.v.m.",
  "incl.",
  "ing.",
  "ir.",
  "j.l.",
  "jan.",
  "jl.",
  "jr.",
  "jul.",
  "jun.",
  "m.b.t.",
  "m.i.v.",
  "m.n.",
  "mevr.",
  "mr.",
  "mrt.",
  "mw.",
  "n.a.v.",
  "nov.",
  "nr.",
  "nrs.",
  "o.a.",
  "o.b.v.",
  "o.i.d.",
  "okt.",
  "p.m.",
  "pag.",
  "par.",
  "prof.",
  "resp.",
  "s.v.p.",
  "sep.",
  "sept.",
  "sr.",
  "t.a.v.",
  "t.b.v.",
  "t.o.v.",
  "t.z.t.",
  "v.w.b.",
  "vgl.",
  "vs.",
  "z.s.m.",
  "zg.",
  "zgn.",
]);

/** Abbreviations that often close a sentence: these end one when the next word is capitalised. */
const TERMINAL_ABBREVIATIONS = new Set(["a.s.", "c.s.", "e.a.", "e.d.", "e.v.", "enz.", "etc.", "j.l.", "jl."]);

const TERMINATORS = new Set([".", "!", "?", "…"]);
const CLOSERS = new Set(['"', "'", "’", "”", "»", ")", "]"]);
const OPENERS_RE = /^["'‘“«([]+/;

/** A list marker at the start of a line: "-", "•", "1.", "1)", "a)", "(2)", "2.3", or "- 1)". */
const BULLET_RE = /^(?:[-*•·▪◦–—]|\(?\d{1,3}[.)]|\(?\p{L}\)|\d{1,3}(?:\.\d{1,3})+\.?)(?=\s)/u;

function isWhitespace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

/** Whether a line break after a line ending like this continues the sentence on the next line. */
const CONTINUATION_RE = /[,;(]\s*$/;

interface Block {
  start: number;
  end: number;
}

/**
 * Splits the text into blocks that never share a sentence: lines, except that a line ending in a
 * comma, semicolon or "(" continues on the next line unless that one is a list item. Leading list
 * markers are excluded from the block.
 */
function blocksOf(text: string): Block[] {
  const lines: Block[] = [];
  let pos = 0;
  for (const match of text.matchAll(/\r\n|\n|\r/g)) {
    lines.push({ start: pos, end: match.index });
    pos = match.index + match[0].length;
  }
  lines.push({ start: pos, end: text.length });

  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const line of lines) {
    let start = line.start;
    while (start < line.end && isWhitespace(text[start])) start++;
    if (start >= line.end) {
      current = null;
      continue;
    }
    let contentStart = start;
    for (let i = 0; i < 2; i++) {
      const marker = BULLET_RE.exec(text.slice(contentStart, line.end));
      if (!marker) break;
      contentStart += marker[0].length;
      while (contentStart < line.end && isWhitespace(text[contentStart])) contentStart++;
    }
    const isBullet = contentStart > start;
    if (current && !isBullet && CONTINUATION_RE.test(text.slice(current.start, current.end))) {
      current.end = line.end;
      continue;
    }
    if (contentStart >= line.end) {
      current = null;
      continue;
    }
    current = { start: contentStart, end: line.end };
    blocks.push(current);
  }
  return blocks;
}

function isAbbreviation(token: string): boolean {
  if (ABBREVIATIONS.has(token)) return true;
  // Dotted letter sequences ("o.a.", "J.J.", "m.b.v.") and initials ("J.").
  return /^(?:\p{L}\.){2,}$/u.test(token) || /^\p{Lu}\.$/u.test(token);
}

/** Whether the single period at `dot` (followed by whitespace from `after`) ends a sentence. */
function periodEndsSentence(text: string, block: Block, dot: number, after: number): boolean {
  let wordStart = dot;
  while (wordStart > block.start && !isWhitespace(text[wordStart - 1])) wordStart--;
  const token = text.slice(wordStart, dot + 1).replace(OPENERS_RE, "");
  const lower = token.toLowerCase();
  if (!isAbbreviation(token) && !isAbbreviation(lower)) return true;
  if (!TERMINAL_ABBREVIATIONS.has(lower)) return false;
  let next = after;
  while (next < block.end && isWhitespace(text[next])) next++;
  return next < block.end && /\p{Lu}/u.test(text[next]);
}

/**
 * Sentences of the text as character ranges, with their word counts. Sentences end at ".", "!",
 * "?" or "…" followed by whitespace (not after abbreviations such as "bijv." or "o.a.", initials
 * or inside numbers like "2.3"), and at line breaks (so list items without final punctuation and
 * headings are sentences of their own). Segments without words are skipped.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const push = (from: number, to: number) => {
    while (from < to && isWhitespace(text[from])) from++;
    while (to > from && isWhitespace(text[to - 1])) to--;
    if (from >= to) return;
    const words = wordsIn(text.slice(from, to)).length;
    if (words > 0) spans.push({ start: from, end: to, words });
  };

  for (const block of blocksOf(text)) {
    let sentenceStart = block.start;
    let i = block.start;
    while (i < block.end) {
      if (!TERMINATORS.has(text[i])) {
        i++;
        continue;
      }
      let runEnd = i;
      while (runEnd < block.end && TERMINATORS.has(text[runEnd])) runEnd++;
      let after = runEnd;
      while (after < block.end && CLOSERS.has(text[after])) after++;
      if (after < block.end && !isWhitespace(text[after])) {
        i = runEnd;
        continue;
      }
      const single = runEnd - i === 1 && text[i] === ".";
      if (!single || after >= block.end || periodEndsSentence(text, block, i, after)) {
        push(sentenceStart, after);
        sentenceStart = after;
      }
      i = after;
    }
    push(sentenceStart, block.end);
  }
  return spans;
}

export function readabilityLevel(score: number): ReadabilityLevel {
  if (score >= 90) return "zeer makkelijk";
  if (score >= 80) return "makkelijk";
  if (score >= 70) return "vrij makkelijk";
  if (score >= 60) return "normaal";
  if (score >= 50) return "vrij moeilijk";
  if (score >= 30) return "moeilijk";
  return "zeer moeilijk";
}

export function analyseReadability(text: string, options: ReadabilityOptions = {}): ReadabilityResult {
  const longSentenceWords = options.longSentenceWords ?? DEFAULT_LONG_SENTENCE_WORDS;
  const spans = splitSentences(text);

  let words = 0;
  let syllables = 0;
  const longSentences: LongSentence[] = [];
  for (const span of spans) {
    const sentence = text.slice(span.start, span.end);
    for (const word of wordsIn(sentence)) syllables += countSyllables(word);
    words += span.words;
    if (span.words > longSentenceWords) {
      longSentences.push({ start: span.start, end: span.end, words: span.words, text: sentence });
    }
  }

  if (words === 0) {
    return { score: null, words: 0, sentences: 0, syllables: 0, level: "zeer makkelijk", b1: true, longSentences };
  }

  const sentences = spans.length;
  const raw = 206.84 - 0.77 * ((syllables / words) * 100) - 0.93 * (words / sentences);
  const score = Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;
  return {
    score,
    words,
    sentences,
    syllables,
    level: readabilityLevel(score),
    b1: score >= B1_MIN_SCORE,
    longSentences,
  };
}
