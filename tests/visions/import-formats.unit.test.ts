import { describe, expect, test } from "vitest";
import { validateRichText } from "~/editor/validate.server";
import { htmlToBlocks } from "~/visions/import-html";
import { buildSections } from "~/visions/import-structure";
import { importFromMarkdown, importFromText, type ImportResult } from "~/visions/import.server";
import { flattenSections, sectionLabel, sectionPlainText, type ImportedSection } from "~/visions/sections-model";

function ok(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(`import failed: ${result.message}`);
  return result;
}

function outline(sections: ImportedSection[]): string[] {
  return flattenSections(sections).map(
    (f) => `${"  ".repeat(f.depth - 1)}${f.section.kind}: ${sectionLabel(f.section)}`,
  );
}

function allValid(sections: ImportedSection[]): void {
  for (const f of flattenSections(sections)) expect(validateRichText(f.section.content).ok, f.section.title).toBe(true);
}

const LONG =
  "Gemeenten, jeugdhulpaanbieders en het onderwijs werken samen aan een jeugdhulpstelsel dat dicht bij huis begint en alleen waar nodig specialistisch wordt.";

describe("Markdown import", () => {
  const md = `# Regiovisie Jeugd Voorbeeldregio 2026-2029

Vastgesteld door het algemeen bestuur.

## 1 Inleiding

${LONG}

### 1.1 Aanleiding

De wet vraagt om een **regiovisie** met *heldere* keuzes. Zie [de wet](https://wetten.overheid.nl/jeugdwet) of [dit](javascript:alert(1)).

- eerste punt
- tweede punt
  - een subpunt

### 1.2 Leeswijzer

1. Eerst de ambitie.
2. Dan de afspraken.

## 2 Ambitie

> Samen zorgen we dat ieder kind veilig opgroeit.

${LONG}

## 3 Begrippenlijst

| Begrip | Omschrijving |
| --- | --- |
| Casusregie | Coördinatie van hulp rond één gezin. |
| Normaliseren | Niet elk probleem vraagt om hulp. |
`;

  const result = ok(importFromMarkdown(md));

  test("a lone top heading is the title and the next levels are chapters and paragrafen", () => {
    expect(result.title).toBe("Regiovisie Jeugd Voorbeeldregio 2026-2029");
    expect(outline(result.sections)).toEqual([
      "hoofdstuk: 1 Inleiding",
      "  paragraaf: 1.1 Aanleiding",
      "  paragraaf: 1.2 Leeswijzer",
      "hoofdstuk: 2 Ambitie",
      "hoofdstuk: 3 Begrippenlijst",
      "  begrip: Casusregie",
      "  begrip: Normaliseren",
    ]);
    expect(result.warnings.some((w) => w.includes("Vastgesteld door het algemeen bestuur"))).toBe(true);
  });

  test("inline marks, safe links, nested lists, ordered lists and quotes are kept; unsafe links become text", () => {
    const aanleiding = result.sections[0].children[0].content;
    const json = JSON.stringify(aanleiding);
    expect(json).toContain('"bold"');
    expect(json).toContain('"italic"');
    expect(json).toContain("https://wetten.overheid.nl/jeugdwet");
    expect(json).not.toContain("javascript");
    expect(sectionPlainText(result.sections[0].children[0])).toContain("of dit.");
    const list = aanleiding.content?.find((n) => n.type === "bulletList");
    expect(list?.content).toHaveLength(2);
    expect(JSON.stringify(list)).toContain('"bulletList"'); // the nested list
    expect(JSON.stringify(result.sections[0].children[1].content)).toContain('"orderedList"');
    expect(result.sections[1].content.content?.[0].type).toBe("blockquote");
    expect(result.warnings.some((w) => w.includes("als gewone tekst"))).toBe(true);
    allValid(result.sections);
  });

  test("a glossary table under a begrippenlijst heading becomes begrippen", () => {
    expect(sectionPlainText(result.sections[2].children[0])).toBe("Coördinatie van hulp rond één gezin.");
  });
});

describe("a regiovisie built from bouwstenen with afspraken", () => {
  const text = `REGIOVISIE JEUGDHULP
Regio Westerkwartier en omstreken

1 INLEIDING

${LONG} Deze visie is de basis voor de inkoop vanaf 2027.

2 ONZE BOUWSTENEN

De visie is uitgewerkt in bouwstenen. Per bouwsteen staat wat we willen bereiken en welke afspraken we daarover maken met elkaar.

Bouwsteen 1: Hulp dichtbij huis

Jeugdigen krijgen hulp in hun eigen omgeving: thuis, op school of in de wijk. Het lokale team is het eerste aanspreekpunt voor ouders.

Afspraken

• Elke gemeente heeft een lokaal team met jeugdexpertise.
• Het lokale team werkt op elke school voor voortgezet onderwijs.
• Wachttijden voor het lokale team zijn korter dan vier weken.

Bouwsteen 2: Veilig opgroeien

Als de veiligheid van een kind in het geding is, grijpen we snel en samen in. Veilig Thuis en het lokale team trekken daarbij samen op.

Afspraken:
- Veilig Thuis en het lokale team maken samen één plan.
- Binnen vijf werkdagen is er contact met het gezin.

Bouwsteen 12: Inkoop en contractmanagement

We kopen regionaal in waar dat nodig is en lokaal waar dat kan. Contractmanagement stuurt op resultaat en niet op productie.

Afspraken
- Aanbieders leveren elk kwartaal sturingsinformatie aan.

3 BEGRIPPENLIJST

Lokaal team: het team van de gemeente dat ondersteuning biedt aan inwoners.
Veilig Thuis: het advies- en meldpunt huiselijk geweld en kindermishandeling.
`;

  const result = ok(importFromText(text));

  test("chapters, bouwstenen with their numbers, and afspraken under each bouwsteen", () => {
    expect(result.title).toBe("Regiovisie jeugdhulp Regio Westerkwartier en omstreken");
    expect(outline(result.sections)).toEqual([
      "hoofdstuk: 1 Inleiding",
      "hoofdstuk: 2 Onze bouwstenen",
      "  bouwsteen: 1 Hulp dichtbij huis",
      "    afspraak: Elke gemeente heeft een lokaal team met jeugdexpertise",
      "    afspraak: Het lokale team werkt op elke school voor voortgezet onderwijs",
      "    afspraak: Wachttijden voor het lokale team zijn korter dan vier weken",
      "  bouwsteen: 2 Veilig opgroeien",
      "    afspraak: Veilig Thuis en het lokale team maken samen één plan",
      "    afspraak: Binnen vijf werkdagen is er contact met het gezin",
      "  bouwsteen: 12 Inkoop en contractmanagement",
      "    afspraak: Aanbieders leveren elk kwartaal sturingsinformatie aan",
      "hoofdstuk: 3 Begrippenlijst",
      "  begrip: Lokaal team",
      "  begrip: Veilig Thuis",
    ]);
  });

  test("a bouwsteen keeps its own text and each afspraak its sentence", () => {
    const b1 = result.sections[1].children[0];
    expect(sectionPlainText(b1)).toMatch(/^Jeugdigen krijgen hulp in hun eigen omgeving/);
    expect(sectionPlainText(b1)).not.toContain("Afspraken");
    expect(sectionPlainText(b1.children[2])).toBe("Wachttijden voor het lokale team zijn korter dan vier weken.");
    expect(sectionPlainText(result.sections[2].children[1])).toBe(
      "het advies- en meldpunt huiselijk geweld en kindermishandeling.",
    );
    allValid(result.sections);
  });
});

describe("text extracted from a two-column PDF", () => {
  const text = [
    "REGIOVISIE JEUGD",
    "HAAGLANDEN 2025-2028",
    "",
    "\f",
    "Regiovisie Jeugd Haaglanden 2025   pagina 2",
    "1. Inleiding",
    "De tien gemeenten in de regio werken sinds",
    "de decentralisatie van de jeugdhulp samen",
    "aan de inkoop van specialistische jeugdhulp.",
    "In deze visie beschrijven we hoe we dat de",
    "komende jaren willen doen.",
    "2",
    "\f",
    "Regiovisie Jeugd Haaglanden 2025   pagina 3",
    "1.1 Aanleiding",
    "Sinds 2015 zijn gemeenten verantwoordelijk",
    "voor de jeugdhulp. De kosten stijgen en de",
    "wachttijden lopen op. Daarom is een nieuwe",
    "koers nodig met meer aandacht voor ge-",
    "zinnen en voor de samenwerking tussen",
    "3",
    "\f",
    "Regiovisie Jeugd Haaglanden 2025   pagina 4",
    "gemeenten, onderwijs en aanbieders van",
    "jeugd- en gezinshulp.",
    "",
    "2. Visie en ambitie",
    "Wij willen dat kinderen veilig en gezond",
    "opgroeien in hun eigen omgeving. Wet- en",
    "regelgeving geven daarvoor de kaders.",
    "4",
    "\f",
    "Regiovisie Jeugd Haaglanden 2025   pagina 5",
    "2.1 Normaliseren",
    "Niet elk probleem vraagt om professionele",
    "hulp. Opvoeden gaat met vallen en opstaan.",
    "- ouders en school zijn de eerste",
    "  vangnetten van een kind;",
    "- hulp is tijdelijk.",
    "5",
  ].join("\n");

  const result = ok(importFromText(text));

  test("page headers and lone page numbers are removed and the numbered headings form the tree", () => {
    expect(outline(result.sections)).toEqual([
      "hoofdstuk: 1 Inleiding",
      "  paragraaf: 1.1 Aanleiding",
      "hoofdstuk: 2 Visie en ambitie",
      "  paragraaf: 2.1 Normaliseren",
    ]);
    const all = flattenSections(result.sections)
      .map((f) => sectionPlainText(f.section))
      .join("\n");
    expect(all).not.toMatch(/pagina/);
    expect(all).not.toMatch(/^\d+$/m);
    expect(result.title).toBe("Regiovisie jeugd Haaglanden 2025-2028");
    expect(result.warnings.some((w) => /paginanummers/.test(w))).toBe(true);
  });

  test("lines broken mid-sentence, across pages and by hyphenation are joined", () => {
    expect(sectionPlainText(result.sections[0])).toBe(
      "De tien gemeenten in de regio werken sinds de decentralisatie van de jeugdhulp samen aan de inkoop van specialistische jeugdhulp. In deze visie beschrijven we hoe we dat de komende jaren willen doen.",
    );
    expect(sectionPlainText(result.sections[0].children[0])).toBe(
      "Sinds 2015 zijn gemeenten verantwoordelijk voor de jeugdhulp. De kosten stijgen en de wachttijden lopen op. Daarom is een nieuwe koers nodig met meer aandacht voor gezinnen en voor de samenwerking tussen gemeenten, onderwijs en aanbieders van jeugd- en gezinshulp.",
    );
    expect(sectionPlainText(result.sections[1])).toContain("Wet- en regelgeving geven daarvoor de kaders.");
    const normaliseren = result.sections[1].children[0];
    const list = normaliseren.content.content?.find((n) => n.type === "bulletList");
    expect(list?.content).toHaveLength(2);
    expect(sectionPlainText(normaliseren)).toContain("ouders en school zijn de eerste vangnetten van een kind;");
    allValid(result.sections);
  });
});

describe("documents without recognisable structure", () => {
  test("unnumbered short headings followed by text become chapters when nothing else marks chapters", () => {
    const result = ok(importFromText(`Inleiding\n\n${LONG}\n\nOnze visie\n\n${LONG}\n\nVervolg\n\n${LONG}\n`));
    expect(outline(result.sections)).toEqual(["hoofdstuk: Inleiding", "hoofdstuk: Onze visie", "hoofdstuk: Vervolg"]);
  });

  test("plain prose without any heading becomes one chapter, with a warning", () => {
    const result = ok(importFromText(`${LONG}\n\n${LONG}`));
    expect(result.sections).toHaveLength(1);
    expect(result.sections[0].kind).toBe("hoofdstuk");
    expect(result.warnings.some((w) => w.includes("geen hoofdstukken"))).toBe(true);
  });
});

describe("HTML as mammoth produces it", () => {
  test("a glossary table whose rows are all marked as header rows still yields begrippen", () => {
    const html =
      "<h1>Begrippenlijst</h1><table><tr><th><p>Begrip</p></th><th><p>Omschrijving</p></th></tr>" +
      "<tr><th><p>Casusregie</p></th><th><p>Coördinatie van hulp.</p></th></tr>" +
      "<tr><th><p>Jeugdwet</p></th><th><p>De wet die jeugdhulp regelt.</p></th></tr></table>";
    const { sections } = buildSections(htmlToBlocks(html));
    expect(outline(sections)).toEqual(["hoofdstuk: Begrippenlijst", "  begrip: Casusregie", "  begrip: Jeugdwet"]);
  });
});
