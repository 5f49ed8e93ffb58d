import { describe, expect, test } from "vitest";
import { validateRichText } from "~/editor/validate.server";
import { importFromDocx, importFromText, type ImportResult } from "~/visions/import.server";
import { countSections, flattenSections, sectionPlainText, type ImportedSection } from "~/visions/sections-model";
import { docxFromText, regiovisieFromSeed001, summarize } from "../fixtures/import-helpers";

function ok(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(`import failed: ${result.message}`);
  return result;
}

const chapterTitle = (s: ImportedSection) => (s.number ? `${s.number} ${s.title}` : s.title);

const EXPECTED_CHAPTERS = [
  "Inleiding",
  "1 Onze ambitie: Nabij en passend",
  "2 Leidende principes",
  "3 Ontwikkelingen en maatschappelijke uitdagingen",
  "4 Wettelijke eisen en regionale afstemming in jeugdhulp",
  "5 Versterken van de Jeugdhulp aanpak",
  "6 Onderlinge verwachtingen",
  "7 Begrippenlijst",
];

const EXPECTED_TERMS = [
  "Aanpalende domeinen",
  "Casusregie",
  "De commissie van Ark",
  "Domein overstijgend",
  "Gezinssysteem",
  "Integrale analyse",
  "Integrale zorg",
  "Jeugdwet",
  "Landelijk Transitie arrangement (LTA)",
  "Lokale teams",
  "(Sociaal) netwerk",
  "Normaliseren",
  "Procesregie",
  "Rekenkameronderzoek",
  "Sociaal pedagogische basis",
  "Zorglandschapstafel",
];

/** All text of a section including its descendants. */
function fullText(section: ImportedSection): string {
  return [sectionPlainText(section), ...section.children.map(fullText)].join("\n\n");
}

describe("importing the Rijnmond regiovisie 2026-2030 from plain text (seed 001)", () => {
  const result = ok(importFromText(regiovisieFromSeed001()));
  const chapters = result.sections;

  test("the chapters come out in document order with their numbers and titles", () => {
    expect(chapters.map((c) => c.kind)).toEqual(EXPECTED_CHAPTERS.map(() => "hoofdstuk"));
    expect(chapters.map(chapterTitle)).toEqual(EXPECTED_CHAPTERS);
  });

  test("the cover becomes the document title, not a chapter, and the table of contents is skipped", () => {
    expect(result.title).toBe("Regiovisie Jeugdhulp Rijnmond");
    expect(chapters.some((c) => /inhoud/i.test(c.title))).toBe(false);
    expect(chapters.some((c) => /regiovisie/i.test(c.title))).toBe(false);
    // The TOC lines ("1<TAB>Onze ambitie: Nabij en Passend<TAB>4") do not leak into any text.
    for (const f of flattenSections(chapters)) expect(sectionPlainText(f.section)).not.toMatch(/Nabij en Passend\t4/);
    expect(result.warnings.some((w) => w.includes("Samen dragen we de toekomst"))).toBe(true);
  });

  test("sentences land in the right chapter", () => {
    const byTitle = (t: string) => {
      const found = chapters.find((c) => c.title === t);
      if (!found) throw new Error(`no chapter ${t}`);
      return fullText(found);
    };
    expect(byTitle("Inleiding")).toContain("wordt de gezamenlijke ambitie voor de komende periode uiteengezet");
    expect(byTitle("Inleiding")).toContain("De opgave vraagt om een gezamenlijke verantwoordelijkheid.");
    expect(byTitle("Onze ambitie: Nabij en passend")).toContain(
      "Onze ambitie blijft helder: jeugdhulp moet nabij en passend zijn.",
    );
    expect(byTitle("Leidende principes")).toContain(
      "Tegelijkertijd worden de principes verder aangescherpt in de praktijk.",
    );
    expect(byTitle("Ontwikkelingen en maatschappelijke uitdagingen")).toContain("Aanpak wachttijden");
    expect(byTitle("Wettelijke eisen en regionale afstemming in jeugdhulp")).toContain("Regionaal Expertiseteam (RER)");
    expect(byTitle("Versterken van de Jeugdhulp aanpak")).toContain(
      "Jeugdhulp is altijd bedoeld als tijdelijk vangnet.",
    );
    expect(byTitle("Onderlinge verwachtingen")).toContain(
      "Er wordt van aanbieders verwacht dat zij zich actief committeren aan de regiovisie.",
    );
    expect(byTitle("Onderlinge verwachtingen")).not.toContain("Casusregie");
  });

  test("sub-headings inside a chapter become paragrafen, a subtitle right under a heading stays text", () => {
    const ambitie = chapters[1];
    expect(ambitie.children.map((c) => [c.kind, c.title])).toEqual([
      ["paragraaf", "Nabij"],
      ["paragraaf", "Passend"],
      ["paragraaf", "Samenhangende ondersteuning"],
    ]);
    expect(sectionPlainText(ambitie.children[0])).toMatch(/^Nabij: Hulp dichtbij de jeugdige en het gezin/);
    const verwachtingen = chapters[6];
    expect(verwachtingen.children.map((c) => c.title)).toEqual(["Gemeenten", "Aanbieders", "Partners", "Samen"]);
    const ontwikkelingen = chapters[3];
    expect(ontwikkelingen.children.map((c) => c.title)).toContain("Wet verbetering beschikbaarheid jeugdzorg");
    // "3 Druk op middelen" is a numbered reason inside chapter 3, not a new chapter 3.
    expect(ontwikkelingen.children.map(chapterTitle)).toContain("3 Druk op middelen, prioriteiten en schaarste");
  });

  test("bullets become a bullet list and **bold** stays bold", () => {
    const ontwikkelingen = chapters[3];
    const wet = ontwikkelingen.children.find((c) => c.title === "Wet verbetering beschikbaarheid jeugdzorg");
    const list = wet?.content.content?.find((n) => n.type === "bulletList");
    expect(list?.content).toHaveLength(5);
    const conclusie = ontwikkelingen.children.find((c) => c.title === "Conclusie");
    expect(JSON.stringify(conclusie?.content)).toContain('"bold"');
    expect(sectionPlainText(conclusie as ImportedSection)).toContain("“BAAT HET NIET, DAN SCHAADT HET WEL”");
  });

  test("the leidende principes become leidend_principe sections", () => {
    const principles = chapters[2].children.filter((c) => c.kind === "leidend_principe");
    expect(principles.map((p) => p.title)).toEqual([
      "Jeugdigen hebben een (t)huis en kunnen naar school",
      "Ouders en opvoeders zijn blijvend",
      "We doen wat helpt",
      "We luisteren naar de vraag van de jeugdige en spreken zijn taal",
      "We streven altijd naar passende hulp: gewoon is goed genoeg",
    ]);
    expect(sectionPlainText(principles[0])).toBe("Alle inzet heeft als uiteindelijk doel dit in stand te houden.");
  });

  test("the begrippenlijst becomes one begrip section per term with its definition", () => {
    const glossary = chapters[7];
    expect(glossary.children.every((c) => c.kind === "begrip")).toBe(true);
    expect(glossary.children.map((c) => c.title)).toEqual(EXPECTED_TERMS);
    expect(sectionPlainText(glossary.children[1])).toMatch(
      /^Coördinatie van hulp en ondersteuning rondom één gezin of jeugdige/,
    );
    expect(sectionPlainText(glossary.children[glossary.children.length - 1])).toBe(
      "Dit is een overlegmoment met alle gecontracteerde partijen en gemeenten op regionaalniveau.",
    );
    expect(countSections(chapters, "begrip")).toBe(EXPECTED_TERMS.length);
  });

  test("every section's content passes the rich-text validation", () => {
    for (const f of flattenSections(chapters)) {
      expect(validateRichText(f.section.content).ok, f.section.title).toBe(true);
    }
  });

  test("without its table of contents the same chapters are found", () => {
    const withoutToc = regiovisieFromSeed001()
      .split("\n")
      .filter((l) => !/\t\d+$/.test(l) && !/^(INHOUDS|OPGAVE)$/.test(l.trim()))
      .join("\n");
    const again = ok(importFromText(withoutToc));
    expect(again.sections.map((c) => c.title)).toEqual(chapters.map((c) => c.title));
    expect(again.sections[7].children).toHaveLength(EXPECTED_TERMS.length);
  });
});

describe("importing the same regiovisie from a Word document", () => {
  test("a DOCX with heading styles, a tabbed table of contents and a real glossary table gives the same tree", async () => {
    const text = regiovisieFromSeed001();
    const buffer = await docxFromText(text, {
      isTitle: (line) => line === "REGIOVISIE",
      isChapterHeading: (line) =>
        line === "INLEIDING" || line === "Begrippenlijst" || (/^\d\.\s+\p{Lu}/u.test(line) && !line.endsWith(".")),
      tableAfter: (line) => line === "Begrippenlijst",
    });
    const fromDocx = ok(await importFromDocx(buffer));
    const fromText = ok(importFromText(text));
    expect(fromDocx.title).toBe(fromText.title);
    expect(summarize(fromDocx.sections)).toEqual(summarize(fromText.sections));
    expect(fromDocx.sections.map(chapterTitle)).toEqual(EXPECTED_CHAPTERS);
  });
});
