/**
 * Suggested anchors for a point: the sections of the visie whose words it shares, with the
 * reasons in Dutch, so the member can judge a suggestion instead of trusting it.
 *
 * Word overlap, not semantics: the point and every section are reduced to stems (lower case,
 * accents stripped, a small Dutch stopword list, a crude Dutch stemmer). A section scores by
 * BM25 over its text plus a bonus for words in its title; words that occur in many sections count
 * little (inverse document frequency), so "jeugdhulp" does not decide anything in a visie about
 * jeugdhulp. Compounds are half-matched by a shared prefix ("casusregisseur" ~ "casusregie").
 * A point that names a section ("paragraaf 4.2", "bouwsteen 12") or quotes its title gets that
 * section first.
 *
 * Pure and isomorphic. Cost is linear in the size of the visie; the index of a sections array is
 * cached (per array object), so suggesting for all points of a letter indexes the visie once.
 */

export type AnchorSection = { key: string; title: string; number: string | null; plainText: string };
export type AnchorSuggestion = { key: string; score: number; reasons: string[] };

// ---------------------------------------------------------------------------------------------
// Words

const STOPWORDS = new Set(
  (
    "aan al alle alleen alles als altijd ander andere anders bij binnen daar daarbij daarmee daarnaast daarom dan dat de deze die dit doen door dus " +
    "een eens eerst elk elke en er erg ervoor etc even geen gaan gaat ge geweest haar had hebben heeft hem hen het hier hierbij hiervoor hij hoe hun " +
    "ieder iedere iets ik in is ja je jij jou jouw kan kon kunnen laat later maar meer men met mij mijn minder moet moeten na naar niet niets nog nu " +
    "of om omdat ondanks onder ons onze ook op over per reeds rond sinds steeds te tegen toch toe tot tussen u uit uw van veel via voor vooral waar " +
    "waarbij waardoor waarin waarmee wanneer want was wat we wel welk welke werd werden wie wij wil willen wordt worden zal ze zeer zelf zich zij zijn " +
    "zo zoals zodat zonder zou zouden zullen bijvoorbeeld echter mogelijk nodig onder andere waarvan hierin daarin hiermee zowel evenals ofwel " +
    "allereerst tevens verder daarnaast graag slot"
  ).split(/\s+/),
);

/** Lower case, accents stripped ("creëren" → "creeren"). */
export function foldWord(word: string): string {
  return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

const undouble = (s: string): string =>
  s
    .replace(/([bcdfghjklmnpqrstvwxz])\1$/u, "$1")
    .replace(/(aa|ee|oo|uu)(?=[^aeiou]*$)/u, (m) => m[0]!);

/**
 * A crude Dutch stemmer: "versterking" → "versterk", "gezinnen" → "gezin", "teams" → "team",
 * "lokale"/"lokaal" → "lokal", "bestaanszekerheid" → "bestanszeker". Enough to match word forms
 * against each other; not linguistics.
 */
export function stemDutch(word: string): string {
  let w = foldWord(word);
  if (w.length <= 3) return w;
  const strip = (suffix: string, min = 3): boolean => {
    if (w.endsWith(suffix) && w.length - suffix.length >= min) {
      w = w.slice(0, -suffix.length);
      return true;
    }
    return false;
  };
  if (!strip("heden")) strip("heid");
  // -en, -s and -e only after a consonant (Snowball's rule): "proces" and "casus" keep their s.
  const afterConsonant = (suffix: string): boolean =>
    w.endsWith(suffix) && /[bcdfghklmnpqrstvwxz]/.test(w.charAt(w.length - suffix.length - 1)) && strip(suffix);
  if (!strip("ingen") && !strip("ing") && !afterConsonant("en") && !(w.endsWith("'s") && strip("'s"))) {
    if (!(w.endsWith("s") && !w.endsWith("ss") && afterConsonant("s"))) afterConsonant("e");
  }
  return undouble(w);
}

/** `surface`: the word in lower case, as written (for the reasons shown to the member). */
type Token = { stem: string; surface: string };

/** Words of a text as stems, stopwords and numbers dropped. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const surface = m[0];
    const folded = foldWord(surface);
    if (folded.length < 3 || STOPWORDS.has(folded) || /^\d+$/.test(folded)) continue;
    out.push({ stem: stemDutch(folded), surface: surface.toLowerCase() });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Index

type IndexedSection = {
  key: string;
  number: string | null;
  title: string;
  titleNorm: string;
  /** Stem → surface form as it appears in the title. */
  titleStems: Map<string, string>;
  tf: Map<string, number>;
  length: number;
};

export type SectionIndex = {
  sections: IndexedSection[];
  df: Map<string, number>;
  avgLength: number;
  /** Stems by their first three letters, for compound (prefix) matches. */
  byPrefix: Map<string, string[]>;
};

const cache = new WeakMap<readonly AnchorSection[], SectionIndex>();

const normPhrase = (s: string): string =>
  foldWord(s)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Builds the index once for a version's sections; reuse it for every point of a letter. */
export function indexSections(sections: readonly AnchorSection[]): SectionIndex {
  const cached = cache.get(sections);
  if (cached) return cached;
  const df = new Map<string, number>();
  const indexed: IndexedSection[] = sections.map((s) => {
    const titleStems = new Map<string, string>();
    for (const t of tokenize(s.title)) if (!titleStems.has(t.stem)) titleStems.set(t.stem, t.surface);
    const tf = new Map<string, number>();
    const body = tokenize(s.plainText);
    for (const t of body) tf.set(t.stem, (tf.get(t.stem) ?? 0) + 1);
    const seen = new Set<string>([...tf.keys(), ...titleStems.keys()]);
    for (const stem of seen) df.set(stem, (df.get(stem) ?? 0) + 1);
    return { key: s.key, number: s.number, title: s.title.trim(), titleNorm: normPhrase(s.title), titleStems, tf, length: body.length };
  });
  const byPrefix = new Map<string, string[]>();
  for (const stem of df.keys()) {
    if (stem.length < 5) continue;
    const p = stem.slice(0, 3);
    const list = byPrefix.get(p) ?? [];
    list.push(stem);
    byPrefix.set(p, list);
  }
  const avgLength = indexed.length ? indexed.reduce((sum, s) => sum + s.length, 0) / indexed.length : 0;
  const index: SectionIndex = { sections: indexed, df, avgLength, byPrefix };
  cache.set(sections, index);
  return index;
}

/** "casusregie" ~ "casusregisseur": the shorter is a prefix of at least 6 letters, or they share 7. */
function related(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 6 && long.startsWith(short)) return true;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return i >= 7;
}

// ---------------------------------------------------------------------------------------------
// Scoring

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 2;
const PARTIAL_WEIGHT = 0.5;
const REFERENCE_BONUS = 10;
const TITLE_PHRASE_BONUS = 5;
const MAX_LISTED_WORDS = 5;

/** "hoofdstuk 4", "paragraaf 4.2", "par. 3", "§ 5.1", "bouwsteen 12", "afspraak 3". */
const SECTION_REFERENCE_RE = /\b(?:hoofdstuk|paragraaf|par\.|bouwsteen|afspraak|principe|§)\s*(\d{1,3}(?:\.\d{1,3})*)/giu;

const quoteWord = (w: string): string => `'${w}'`;
/** "'a'", "'a' en 'b'", "'a', 'b' en 'c'". */
const listWords = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;

/**
 * The `limit` sections that best match the point's text, best first, each with Dutch reasons.
 * Sections that share no meaningful word are left out, so the list can be shorter or empty.
 * `score` is relative: compare it within one call only.
 */
export function suggestAnchors(pointText: string, sections: readonly AnchorSection[], limit = 3): AnchorSuggestion[] {
  return suggestAnchorsFromIndex(pointText, indexSections(sections), limit);
}

export function suggestAnchorsFromIndex(pointText: string, index: SectionIndex, limit = 3): AnchorSuggestion[] {
  const n = index.sections.length;
  if (n === 0 || limit <= 0) return [];
  const idf = (stem: string): number => {
    const df = index.df.get(stem) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  // The point's distinct stems with the first surface form used in the point.
  const query = new Map<string, string>();
  for (const t of tokenize(pointText)) if (!query.has(t.stem)) query.set(t.stem, t.surface);

  // Compound partners of each query stem that does not occur as such.
  const partners = new Map<string, string[]>();
  for (const stem of query.keys()) {
    if (stem.length < 5) continue;
    const candidates = index.byPrefix.get(stem.slice(0, 3)) ?? [];
    const found = candidates.filter((c) => related(stem, c));
    if (found.length) partners.set(stem, found);
  }

  const references = new Set<string>();
  for (const m of pointText.matchAll(SECTION_REFERENCE_RE)) references.add(m[1]!.replace(/\.$/, ""));
  const pointNorm = ` ${normPhrase(pointText)} `;

  const results: AnchorSuggestion[] = [];
  for (const section of index.sections) {
    let score = 0;
    const reasons: string[] = [];
    const shared: Array<{ word: string; weight: number }> = [];
    const titleWords: string[] = [];
    const relatedWords: string[] = [];
    const norm = 1 - B + (B * section.length) / (index.avgLength || 1);
    for (const [stem, surface] of query) {
      const tf = section.tf.get(stem) ?? 0;
      let contribution = 0;
      if (tf > 0) contribution += (idf(stem) * (tf * (K1 + 1))) / (tf + K1 * norm);
      if (section.titleStems.has(stem)) {
        contribution += TITLE_WEIGHT * idf(stem);
        titleWords.push(section.titleStems.get(stem)!);
      }
      if (contribution > 0) {
        shared.push({ word: surface, weight: contribution });
      } else {
        // No exact match: the best compound partner in this section's text or title, at half weight.
        let best = 0;
        let bestWord = "";
        for (const partner of partners.get(stem) ?? []) {
          const ptf = section.tf.get(partner) ?? 0;
          let c = ptf > 0 ? (idf(partner) * (ptf * (K1 + 1))) / (ptf + K1 * norm) : 0;
          if (section.titleStems.has(partner)) c += TITLE_WEIGHT * idf(partner);
          if (c > best) {
            best = c;
            bestWord = section.titleStems.get(partner) ?? partner;
          }
        }
        if (best > 0) {
          contribution = PARTIAL_WEIGHT * best;
          relatedWords.push(`${surface} ~ ${bestWord}`);
        }
      }
      score += contribution;
    }
    if (section.number && references.has(section.number)) {
      score += REFERENCE_BONUS;
      reasons.push(`de tekst noemt nummer ${section.number}`);
    }
    if (section.titleNorm.split(" ").length >= 2 && pointNorm.includes(` ${section.titleNorm} `)) {
      score += TITLE_PHRASE_BONUS;
      reasons.push(`de tekst noemt de titel ${quoteWord(section.title)}`);
    }
    if (score <= 0) continue;
    if (titleWords.length > 0) reasons.push(`titel bevat ${listWords(titleWords.map(quoteWord))}`);
    if (shared.length > 0) {
      const listed = shared
        .sort((a, b) => b.weight - a.weight)
        .slice(0, MAX_LISTED_WORDS)
        .map((s) => s.word);
      const more = shared.length > MAX_LISTED_WORDS ? ", …" : "";
      reasons.push(`${shared.length} ${shared.length === 1 ? "gedeeld woord" : "gedeelde woorden"}: ${listed.join(", ")}${more}`);
    }
    if (relatedWords.length > 0) {
      reasons.push(`${relatedWords.length === 1 ? "verwant woord" : "verwante woorden"}: ${relatedWords.slice(0, MAX_LISTED_WORDS).join(", ")}`);
    }
    results.push({ key: section.key, score: Math.round(score * 1000) / 1000, reasons });
  }
  return results.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).slice(0, limit);
}
