import { describe, expect, it } from "vitest";
import { analyseReadability, countSyllables, readabilityLevel, splitSentences } from "~/visions/readability";

/** From seed 001 (raadsvoorstel Vlaardingen, argument 1). */
const POLICY_PARAGRAPH =
  "Huidige maatschappelijke trends, zoals individualisering en het moeten presteren, zetten jeugdigen en hun " +
  "pedagogische basis onder druk. De jeugdhulp, als individuele voorziening, is echter niet per se het antwoord op " +
  "passende hulp. Daarom moeten jeugdhulpaanbieders, de Jeugdregio Rijnmond en partners zoals de " +
  "jeugdgezondheidszorg, het onderwijs, huisartsen en jeugdbescherming samen met de gemeenten werken zodat de " +
  "jeugdhulp efficiënt, nabij en passend in te zetten is daar waar het nodig is. Deze regiovisie maakt duidelijk " +
  "dat de regio nadrukkelijk streeft naar ondersteuning van kinderen in hun eigen omgeving door de mensen die " +
  "dicht bij hen staan. Zo streven we naar het voorkomen of verkorten van specialistische zorg, het voorkomen van " +
  "uithuisplaatsingen en naar de mogelijkheid dat kinderen naar de school in de buurt blijven gaan.";

const B1_TEXT =
  "Wij willen dat kinderen thuis kunnen opgroeien. Soms is er hulp nodig. Die hulp moet dichtbij zijn. " +
  "Ouders en kinderen praten mee. Zo weten we wat goed werkt.";

const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe("analyseReadability", () => {
  it("counts a tiny sentence exactly", () => {
    const result = analyseReadability("De kat zit op de mat.");
    expect(result).toMatchObject({ words: 6, sentences: 1, syllables: 6 });
    // 206.84 − 0.77 × 100 − 0.93 × 6 = 124.26, clamped to the 0..100 scale.
    expect(result.score).toBe(100);
    expect(result.level).toBe("zeer makkelijk");
    expect(result.b1).toBe(true);
  });

  it("counts syllables with the Dutch hyphenation patterns", () => {
    // Ge-meen-ten (3) wer-ken (2) sa-men (2).
    expect(analyseReadability("Gemeenten werken samen.")).toMatchObject({ words: 3, sentences: 1, syllables: 7 });
    expect(countSyllables("jeugdhulpaanbieders")).toBe(5); // jeugd-hulp-aan-bie-ders
    expect(countSyllables("ervaringsdeskundige")).toBe(7); // er-va-rings-des-kun-di-ge
    expect(countSyllables("hoge")).toBe(2); // four-letter words are hyphenated too
    expect(countSyllables("Kinderen")).toBe(3); // case does not matter
    expect(countSyllables("auto's")).toBe(2); // apostrophe dropped
    expect(countSyllables("B1-niveau")).toBe(3); // B + ni-veau
    expect(countSyllables("2026")).toBe(1);
    expect(countSyllables("–")).toBe(0);
  });

  it("computes the Flesch-Douma score", () => {
    const result = analyseReadability(B1_TEXT);
    expect(result).toMatchObject({ words: 28, sentences: 5 });
    const expected = 206.84 - 0.77 * ((result.syllables / 28) * 100) - 0.93 * (28 / 5);
    expect(result.score).toBeCloseTo(expected, 1);
  });

  it("scores a short B1 text higher than a dense policy paragraph", () => {
    const easy = analyseReadability(B1_TEXT);
    const dense = analyseReadability(POLICY_PARAGRAPH);
    expect(easy.score).not.toBeNull();
    expect(dense.score).not.toBeNull();
    expect(easy.score!).toBeGreaterThan(dense.score! + 20);
    expect(easy.b1).toBe(true);
    expect(dense.b1).toBe(false);
    expect(dense.sentences).toBe(5);
    expect(["moeilijk", "zeer moeilijk", "vrij moeilijk"]).toContain(dense.level);
  });

  it("returns a null score for empty text", () => {
    for (const text of ["", "   ", "\n\n - \n", "…"]) {
      const result = analyseReadability(text);
      expect(result.score).toBeNull();
      expect(result).toMatchObject({ words: 0, sentences: 0, syllables: 0, longSentences: [] });
    }
  });

  it("reports long sentences with offsets into the input", () => {
    const text = `Inleiding.\n\n${POLICY_PARAGRAPH}\n- kort punt`;
    const result = analyseReadability(text);
    expect(result.longSentences.map((s) => s.words)).toEqual([37, 25, 29]);
    for (const sentence of result.longSentences) {
      expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    }
    expect(result.longSentences[0].text.startsWith("Daarom moeten jeugdhulpaanbieders")).toBe(true);
    expect(result.longSentences[0].text.endsWith("daar waar het nodig is.")).toBe(true);
    expect(result.longSentences[0].start).toBe(text.indexOf("Daarom"));
    expect(result.longSentences[2].end).toBe(text.indexOf("\n- kort"));
  });

  it("honours the longSentenceWords option (more than N words)", () => {
    const text = "Een twee drie vier vijf. Een twee drie vier.";
    expect(analyseReadability(text, { longSentenceWords: 4 }).longSentences).toEqual([
      { start: 0, end: 24, words: 5, text: "Een twee drie vier vijf." },
    ]);
    expect(analyseReadability(text, { longSentenceWords: 5 }).longSentences).toEqual([]);
    expect(analyseReadability(text).longSentences).toEqual([]);
  });

  it("maps scores to levels and B1", () => {
    expect(readabilityLevel(95)).toBe("zeer makkelijk");
    expect(readabilityLevel(85)).toBe("makkelijk");
    expect(readabilityLevel(75)).toBe("vrij makkelijk");
    expect(readabilityLevel(60)).toBe("normaal");
    expect(readabilityLevel(59.9)).toBe("vrij moeilijk");
    expect(readabilityLevel(45)).toBe("moeilijk");
    expect(readabilityLevel(10)).toBe("zeer moeilijk");
  });
});

describe("splitSentences", () => {
  it("does not split after Dutch abbreviations, initials or inside numbers", () => {
    const text =
      "Wij helpen kinderen, bijv. met huiswerk. Dat doen we o.a. in Rotterdam en d.w.z. ook in Schiedam. " +
      "Zie nr. 4 en art. 2.3 m.b.t. de wet. Dhr. J.J. Silos - Knaap tekent. Het kost € 2.500.000 per jaar.";
    expect(sentencesOf(text)).toEqual([
      "Wij helpen kinderen, bijv. met huiswerk.",
      "Dat doen we o.a. in Rotterdam en d.w.z. ook in Schiedam.",
      "Zie nr. 4 en art. 2.3 m.b.t. de wet.",
      "Dhr. J.J. Silos - Knaap tekent.",
      "Het kost € 2.500.000 per jaar.",
    ]);
  });

  it("lets enz. and e.d. end a sentence only before a capital", () => {
    expect(sentencesOf("Zorg, onderwijs enz. zijn nodig. Sport e.d. Dat ook.")).toEqual([
      "Zorg, onderwijs enz. zijn nodig.",
      "Sport e.d.",
      "Dat ook.",
    ]);
    expect(sentencesOf("Appels, peren enz. En verder niets.")).toEqual(["Appels, peren enz.", "En verder niets."]);
  });

  it("ends sentences at ! ? … and line breaks, and treats list items as sentences", () => {
    const text =
      "Wat vind jij? Laat het weten! Of niet…\n\nDe doelen zijn:\n- meer hulp dichtbij\n- minder wachttijd\n" +
      "• snel antwoord\n1) eerste punt\n2. Tweede punt\na) derde punt\n- 1) genest punt\nKop zonder punt\nNog een zin.";
    expect(sentencesOf(text)).toEqual([
      "Wat vind jij?",
      "Laat het weten!",
      "Of niet…",
      "De doelen zijn:",
      "meer hulp dichtbij",
      "minder wachttijd",
      "snel antwoord",
      "eerste punt",
      "Tweede punt",
      "derde punt",
      "genest punt",
      "Kop zonder punt",
      "Nog een zin.",
    ]);
    // List markers are not counted as words.
    expect(analyseReadability("- 1) genest punt").words).toBe(2);
  });

  it("keeps a sentence together across a line ending in a comma", () => {
    expect(sentencesOf("Wij werken samen met scholen,\nhuisartsen en wijkteams.\n- los punt")).toEqual([
      "Wij werken samen met scholen,\nhuisartsen en wijkteams.",
      "los punt",
    ]);
  });

  it("keeps closing quotes and brackets with the sentence and handles \\r\\n", () => {
    const text = 'Zij zei: "Dat klopt." (Zie bijlage.)\r\nVolgende regel';
    expect(sentencesOf(text)).toEqual(['Zij zei: "Dat klopt."', "(Zie bijlage.)", "Volgende regel"]);
  });
});
