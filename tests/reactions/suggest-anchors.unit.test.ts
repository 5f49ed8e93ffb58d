import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { plainTextOf } from "~/editor/plain-text";
import { parseAdviceLetter } from "~/reactions/letter-import";
import { indexSections, stemDutch, suggestAnchors, tokenize, type AnchorSection } from "~/reactions/suggest-anchors";
import { importFromText } from "~/visions/import.server";
import { flattenSections } from "~/visions/sections-model";

const SEED = readFileSync(path.resolve("tests/fixtures/seeds/001_33a8688e64a59d40.txt"), "utf8");
const LINES = SEED.split("\n");

/** The regiovisie of the seed, from "REGIOVISIE" to before the illustrations credit, as sections. */
function seedSections(): AnchorSection[] {
  const from = LINES.findIndex((l) => l.trim() === "REGIOVISIE");
  const to = LINES.findIndex((l) => l.startsWith("Illustraties mede mogelijk gemaakt"));
  const result = importFromText(LINES.slice(from, to).join("\n"));
  if (!result.ok) throw new Error(result.message);
  return flattenSections(result.sections).map((f) => ({
    key: `s${f.path.join("-")}`,
    title: f.section.title,
    number: f.section.number,
    plainText: plainTextOf(f.section.content),
  }));
}

function seedAdviesPoints() {
  const from = LINES.findIndex((l) => l.startsWith("Aan het College van Burgemeester en Wethouders"));
  const to = LINES.findIndex((l, i) => i > from && l.trim() === "GRJR");
  return parseAdviceLetter(LINES.slice(from, to).join("\n")).points;
}

const sections = seedSections();
const titleOf = (key: string) => sections.find((s) => s.key === key)?.title;

describe("stemDutch and tokenize", () => {
  test("reduce Dutch word forms to one stem", () => {
    expect(stemDutch("versterking")).toBe(stemDutch("versterkingen"));
    expect(stemDutch("gezinnen")).toBe("gezin");
    expect(stemDutch("teams")).toBe("team");
    expect(stemDutch("lokale")).toBe(stemDutch("lokaal"));
    expect(stemDutch("bestaanszekerheid")).toBe(stemDutch("bestaanszekerheden"));
    expect(stemDutch("processen")).toBe(stemDutch("proces"));
    expect(stemDutch("Creëren")).toBe(stemDutch("creeren"));
  });

  test("drop stopwords, short words and numbers", () => {
    expect(tokenize("De regie van de lokale teams in 2026 is nu op orde").map((t) => t.surface)).toEqual(["regie", "lokale", "teams", "orde"]);
  });
});

describe("suggestAnchors", () => {
  test("the seed advies point about the regierol of the lokale teams and the casusregisseur suggests the regie sections", () => {
    const point = seedAdviesPoints()[0]!;
    expect(point.text).toMatch(/^Allereerst de versterking van de regierol/);
    const suggestions = suggestAnchors(point.text, sections);
    expect(suggestions).toHaveLength(3);
    const titles = suggestions.map((s) => titleOf(s.key));
    expect(titles[0]).toBe("Regierol en opdrachtgeverschap");
    expect(suggestions[0]!.reasons).toContain("titel bevat 'regierol'");
    expect(suggestions[0]!.reasons.some((r) => /^\d+ gedeelde woorden: regierol/.test(r))).toBe(true);
    expect(suggestions[0]!.score).toBeGreaterThan(suggestions[2]!.score);
  });

  test("other seed points find their sections", () => {
    const points = seedAdviesPoints();
    const top = (text: string) => suggestAnchors(text, sections).map((s) => titleOf(s.key));
    expect(top(points.find((p) => p.text.startsWith("Reductie van de wachttijd"))!.text)[0]).toBe("Aanpak van wachttijden");
    expect(top(points.find((p) => p.text.startsWith("Vergroten van betrokkenheid van ouders"))!.text)).toContain("Versterken pedagogische basis");
    expect(top("Hoe wordt het sociale netwerk van het gezin betrokken? Hulp is tijdelijk, maar het netwerk blijft.")[0]).toBe(
      "Hulp is tijdelijk, het netwerk is blijvend",
    );
  });

  test("a named paragraph number or a quoted title puts that section first, with the reason", () => {
    const numbered = sections.find((s) => s.number === "4")!;
    const byNumber = suggestAnchors("In paragraaf 4 missen wij de kosten voor gemeenten.", sections);
    expect(byNumber[0]!.key).toBe(numbered.key);
    expect(byNumber[0]!.reasons).toContain("de tekst noemt nummer 4");
    const byTitle = suggestAnchors("Bij Samenwerken zonder schotten hoort ook het onderwijs.", sections);
    expect(titleOf(byTitle[0]!.key)).toBe("Samenwerken zonder schotten");
    expect(byTitle[0]!.reasons).toContain("de tekst noemt de titel 'Samenwerken zonder schotten'");
  });

  test("words common to every section weigh less than distinctive ones", () => {
    const small: AnchorSection[] = [
      { key: "a", title: "Inleiding", number: null, plainText: "De jeugdhulp in de regio. Jeugdhulp voor iedereen. Jeugdhulp en jeugdhulp." },
      { key: "b", title: "Wachttijden", number: null, plainText: "De jeugdhulp kent wachtlijsten en lange wachttijden." },
      { key: "c", title: "Inkoop", number: null, plainText: "De jeugdhulp wordt ingekocht." },
    ];
    const result = suggestAnchors("Jeugdhulp met kortere wachttijden", small);
    expect(result[0]!.key).toBe("b");
    expect(result[0]!.reasons).toEqual(["titel bevat 'wachttijden'", "2 gedeelde woorden: wachttijden, jeugdhulp"]);
  });

  test("related compounds count at half weight and are explained", () => {
    const small: AnchorSection[] = [
      { key: "a", title: "Casusregie", number: null, plainText: "Coördinatie van hulp rondom één gezin." },
      { key: "b", title: "Wonen", number: null, plainText: "Huisvesting voor jongeren." },
    ];
    const result = suggestAnchors("De casusregisseur is de spin in het web.", small);
    expect(result.map((r) => r.key)).toEqual(["a"]);
    expect(result[0]!.reasons).toEqual(["verwant woord: casusregisseur ~ casusregie"]);
  });

  test("no shared words, no suggestions; limit is respected", () => {
    expect(suggestAnchors("Fietsen en zwemmen", sections)).toEqual([]);
    expect(suggestAnchors("preventie", sections, 1)).toHaveLength(1);
    expect(suggestAnchors("preventie", sections, 0)).toEqual([]);
    expect(suggestAnchors("preventie", [])).toEqual([]);
  });

  test("indexes a sections array once and answers quickly for a whole letter", () => {
    expect(indexSections(sections)).toBe(indexSections(sections));
    const points = seedAdviesPoints();
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) for (const p of points) suggestAnchors(p.text, sections);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
