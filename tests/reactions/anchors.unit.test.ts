import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createQuoteSelector, prepareText, resolveQuote, resolveQuotes, wordSimilarity } from "~/reactions/anchors";

const SECTION = [
  "Nabij en passend werken betekent dat jeugdigen, jongeren en gezinnen kunnen rekenen op een samenhangend en effectief ondersteuningsaanbod dat aansluit op de leefomgeving.",
  "Dit kan alleen als casusregie effectief wordt belegd bij lokale teams en het estafettemodel wordt doorbroken.",
  "Lokale professionals krijgen de ruimte om samen met het gezin te bepalen welke hulp nodig is.",
].join("\n\n");

function selectorFor(text: string, quote: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`quote not in text: ${quote}`);
  return createQuoteSelector(text, at, at + quote.length);
}

describe("createQuoteSelector", () => {
  test("takes the exact text with up to 32 characters of prefix and suffix and the position", () => {
    const quote = "casusregie effectief wordt belegd bij lokale teams";
    const s = selectorFor(SECTION, quote);
    expect(s.exact).toBe(quote);
    expect(s.prefix).toHaveLength(32);
    expect(SECTION.slice(s.start - 32, s.start)).toBe(s.prefix);
    expect(s.suffix).toBe(SECTION.slice(s.end, s.end + 32));
    expect(SECTION.slice(s.start, s.end)).toBe(quote);
  });

  test("shortens the context at the start and end of the text", () => {
    const s = createQuoteSelector("kort stukje tekst", 0, 4);
    expect(s).toEqual({ exact: "kort", prefix: "", suffix: " stukje tekst", start: 0, end: 4 });
    const t = createQuoteSelector("kort stukje tekst", 5, 17, 3);
    expect(t).toEqual({ exact: "stukje tekst", prefix: "rt ", suffix: "", start: 5, end: 17 });
  });

  test("refuses an empty or out-of-range selection", () => {
    expect(() => createQuoteSelector("abc", 2, 2)).toThrow(RangeError);
    expect(() => createQuoteSelector("abc", -1, 2)).toThrow(RangeError);
    expect(() => createQuoteSelector("abc", 1, 4)).toThrow(RangeError);
  });
});

describe("resolveQuote", () => {
  test("an unchanged text resolves to the same offsets", () => {
    const s = selectorFor(SECTION, "het estafettemodel wordt doorbroken");
    expect(resolveQuote(s, SECTION)).toEqual({ state: "unchanged", start: s.start, end: s.end, foundText: s.exact, score: 1 });
  });

  test("a small edit inside the quote is 'changed' with the new text", () => {
    const s = selectorFor(SECTION, "casusregie effectief wordt belegd bij lokale teams");
    const next = SECTION.replace("effectief wordt belegd bij lokale teams", "effectief wordt belegd bij de lokale teams");
    const r = resolveQuote(s, next);
    expect(r.state).toBe("changed");
    expect(r.foundText).toBe("casusregie effectief wordt belegd bij de lokale teams");
    expect(next.slice(r.start, r.end)).toBe(r.foundText);
    expect(r.score).toBeGreaterThan(0.8);
  });

  test("a rewritten passage between the same surroundings is 'changed' with what now stands there", () => {
    const s = selectorFor(SECTION, "casusregie effectief wordt belegd bij lokale teams");
    const next = SECTION.replace("casusregie effectief wordt belegd bij lokale teams", "de regie bij één professional van het wijkteam ligt");
    const r = resolveQuote(s, next);
    expect(r.state).toBe("changed");
    expect(r.foundText).toBe("de regie bij één professional van het wijkteam ligt");
  });

  test("a quote moved elsewhere in the section is 'unchanged' at its new offsets", () => {
    const quote = "Lokale professionals krijgen de ruimte om samen met het gezin te bepalen welke hulp nodig is.";
    const s = selectorFor(SECTION, quote);
    const paragraphs = SECTION.split("\n\n");
    const next = ["Een nieuwe eerste alinea over preventie.", paragraphs[2], paragraphs[0], paragraphs[1]].join("\n\n");
    const r = resolveQuote(s, next);
    expect(r.state).toBe("unchanged");
    expect(r.start).toBe(next.indexOf(quote));
    expect(next.slice(r.start, r.end)).toBe(quote);
  });

  test("a quote moved and slightly edited is found approximately", () => {
    const quote = "Lokale professionals krijgen de ruimte om samen met het gezin te bepalen welke hulp nodig is.";
    const s = selectorFor(SECTION, quote);
    const paragraphs = SECTION.split("\n\n");
    const edited = "Lokale professionals krijgen alle ruimte om samen met het gezin te bepalen welke hulp echt nodig is.";
    const next = [edited, "Een nieuwe alinea.", paragraphs[0]].join("\n\n");
    const r = resolveQuote(s, next);
    expect(r.state).toBe("changed");
    expect(r.foundText).toBe(edited);
    expect(r.score).toBeGreaterThanOrEqual(0.6);
  });

  test("duplicates are told apart by prefix and suffix", () => {
    const text =
      "Gemeenten zorgen voor passende hulp. Aanbieders zorgen voor passende hulp binnen de afspraken. Partners zorgen voor passende hulp in de buurt.";
    const s = selectorFor(text, "zorgen voor passende hulp", 1);
    expect(s.start).toBe(text.indexOf("Aanbieders") + "Aanbieders ".length);
    // Same text: the second occurrence, even with the position hint removed.
    expect(resolveQuote({ ...s, start: null, end: null }, text)).toMatchObject({ state: "unchanged", start: s.start });
    // Text added before it: the offsets shift; the context still picks the middle one.
    const next = `Inleiding. ${text}`;
    const r = resolveQuote(s, next);
    expect(r).toMatchObject({ state: "unchanged", start: s.start + "Inleiding. ".length });
  });

  test("equal contexts fall back to the occurrence nearest the old position", () => {
    const text = "ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja ja";
    const s = createQuoteSelector(text, 30, 32, 2);
    expect(resolveQuote(s, text)).toMatchObject({ state: "unchanged", start: 30, end: 32 });
  });

  test("a deleted passage is 'removed'", () => {
    const s = selectorFor(SECTION, "Dit kan alleen als casusregie effectief wordt belegd bij lokale teams en het estafettemodel wordt doorbroken.");
    const paragraphs = SECTION.split("\n\n");
    const next = [paragraphs[0], paragraphs[2]].join("\n\n");
    expect(resolveQuote(s, next)).toEqual({ state: "removed" });
    expect(resolveQuote(s, "")).toEqual({ state: "removed" });
    expect(resolveQuote(s, "Een heel andere tekst over iets anders, zonder enig verband.")).toEqual({ state: "removed" });
  });

  test("differences in whitespace, case, accents and typographic quotes leave a passage unchanged", () => {
    const text = "De visie zegt: ‘Jeugdhulp  moet\nnabij en passend zijn’ – en dat is de kern. Wij creëren samen.";
    const s = createQuoteSelector(text, text.indexOf("‘"), text.indexOf("’") + 1);
    const next = "De visie zegt: 'jeugdhulp moet nabij en PASSEND zijn' - en dat is de kern. Wij creeren samen.";
    const r = resolveQuote(s, next);
    expect(r.state).toBe("unchanged");
    expect(r.foundText).toBe("'jeugdhulp moet nabij en PASSEND zijn'");
    expect(next.slice(r.start, r.end)).toBe(r.foundText);
  });

  test("stored selectors without prefix, suffix or position still resolve", () => {
    expect(resolveQuote({ exact: "lokale teams", prefix: null, suffix: null, start: null, end: null }, SECTION)).toMatchObject({
      state: "unchanged",
      start: SECTION.indexOf("lokale teams"),
    });
    expect(resolveQuote({ exact: "   " }, SECTION)).toEqual({ state: "removed" });
  });

  test("resolveQuotes and a prepared text give the same answers as one by one", () => {
    const selectors = [
      selectorFor(SECTION, "samenhangend en effectief"),
      selectorFor(SECTION, "estafettemodel"),
      selectorFor(SECTION, "welke hulp nodig is"),
    ];
    const next = SECTION.replace("estafettemodel", "doorverwijsmodel");
    const prepared = prepareText(next);
    expect(resolveQuotes(selectors, next)).toEqual(selectors.map((s) => resolveQuote(s, next)));
    expect(selectors.map((s) => resolveQuote(s, prepared))).toEqual(selectors.map((s) => resolveQuote(s, next)));
    expect(resolveQuotes(selectors, next)[1]).toMatchObject({ state: "changed", foundText: "doorverwijsmodel" });
  });

  test("wordSimilarity is 1 for equal texts and drops with edits", () => {
    expect(wordSimilarity("Nabij en  Passend", "nabij en passend")).toBe(1);
    expect(wordSimilarity("een twee drie vier", "een twee drie vijf")).toBe(0.75);
    expect(wordSimilarity("", "iets")).toBe(0);
  });

  test("a selector made from any text resolves to 'unchanged' at the same offsets when the text is unchanged", () => {
    const alphabet = fc.constantFrom("a", "b", "e", " ", "\n", ".", "é", "A", "’", "ij", "-", "x");
    const textArb = fc.array(alphabet, { minLength: 1, maxLength: 300 }).map((parts) => parts.join(""));
    const property = fc.property(
      fc.oneof(textArb, fc.string({ minLength: 1, maxLength: 300, unit: "grapheme" })).chain((text) =>
        fc
          .tuple(fc.nat({ max: text.length - 1 }), fc.nat({ max: text.length - 1 }), fc.integer({ min: 0, max: 40 }))
          .map(([a, b, context]) => ({ text, start: Math.min(a, b), end: Math.max(a, b) + 1, context })),
      ),
      ({ text, start, end, context }) => {
        const selector = createQuoteSelector(text, start, end, context);
        if (!selector.exact.trim()) return; // a whitespace-only selection is not a quote
        const r = resolveQuote(selector, text);
        expect(r).toMatchObject({ state: "unchanged", start, end });
      },
    );
    fc.assert(property, { numRuns: 500 });
  });

  test("resolves a few thousand anchors over 60 sections of ~1500 words quickly", () => {
    const vocabulary = "jeugd hulp gezin school buurt preventie lokale teams regie zorg wachttijd aanbieder gemeente regio visie kind ouder netwerk passend nabij".split(" ");
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const sections = Array.from({ length: 60 }, () =>
      Array.from({ length: 1500 }, (_, i) => vocabulary[Math.floor(random() * vocabulary.length)] + (i % 17 === 16 ? "." : "")).join(" "),
    );
    const work: Array<{ selector: ReturnType<typeof createQuoteSelector>; next: string }> = [];
    sections.forEach((text) => {
      const words = text.split(" ");
      // The new version: a few words replaced and a stretch deleted.
      const nextWords = words.map((w, i) => (i % 97 === 0 ? "gewijzigd" : w));
      nextWords.splice(600, 120);
      const next = nextWords.join(" ");
      for (let k = 0; k < 50; k++) {
        const startWord = Math.floor(random() * 1450);
        const start = words.slice(0, startWord).join(" ").length + (startWord > 0 ? 1 : 0);
        const length = words.slice(startWord, startWord + 3 + Math.floor(random() * 25)).join(" ").length;
        work.push({ selector: createQuoteSelector(text, start, start + length), next });
      }
    });
    const t0 = performance.now();
    const states = { unchanged: 0, changed: 0, removed: 0 };
    for (const { selector, next } of work) states[resolveQuote(selector, next).state]++;
    const elapsed = performance.now() - t0;
    expect(work).toHaveLength(3000);
    expect(states.unchanged).toBeGreaterThan(1000);
    expect(states.changed).toBeGreaterThan(100);
    expect(states.removed).toBeGreaterThan(50);
    expect(elapsed).toBeLessThan(5000);
  });
});
