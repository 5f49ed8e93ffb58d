import { readFileSync } from "node:fs";
import fc from "fast-check";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { findDutchDates, guessPointKind, MAX_LETTER_IMPORT_CHARS, parseAdviceLetter, parseDutchDate } from "~/reactions/letter-import";

const SEED = readFileSync(path.resolve("tests/fixtures/seeds/001_33a8688e64a59d40.txt"), "utf8");
const LINES = SEED.split("\n");

/** The Vlaardingen advies of 17 november 2025: from the address to just before the next letter ("GRJR"). */
function vlaardingenAdvies(): string {
  const from = LINES.findIndex((l) => l.startsWith("Aan het College van Burgemeester en Wethouders"));
  const to = LINES.findIndex((l, i) => i > from && l.trim() === "GRJR");
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return LINES.slice(from, to).join("\n");
}

/** The council's letter of 12 juni 2026: from the second "Postbus 1002" (or from "Datum 12 juni 2026") to the end. */
function councilLetter(start: "postbus" | "datum" = "postbus"): string {
  const postbus = LINES.map((l, i) => (l.trim() === "Postbus 1002" ? i : -1)).filter((i) => i >= 0);
  const from = start === "postbus" ? postbus[1]! : LINES.findIndex((l) => l.startsWith("Datum 12 juni 2026"));
  expect(from).toBeGreaterThan(0);
  return LINES.slice(from).join("\n");
}

describe("parseDutchDate", () => {
  test("reads written-out and numeric Dutch dates", () => {
    expect(parseDutchDate("17 november 2025")).toBe("2025-11-17");
    expect(parseDutchDate("Maandag 3 mrt. 2026")).toBe("2026-03-03");
    expect(parseDutchDate("1e april 2026")).toBe("2026-04-01");
    expect(parseDutchDate("31-03-2026")).toBe("2026-03-31");
    expect(parseDutchDate("1/4/2026")).toBe("2026-04-01");
    expect(parseDutchDate("2026-06-12")).toBe("2026-06-12");
    expect(parseDutchDate("12 juni 2026,")).toBe("2026-06-12");
  });

  test("takes the year of a date without one from the reference date (jl. = before, a.s. = after)", () => {
    expect(parseDutchDate("12 juni jl.", "2026-06-20")).toBe("2026-06-12");
    expect(parseDutchDate("12 juni jl.", "2026-03-01")).toBe("2025-06-12");
    expect(parseDutchDate("1 februari a.s.", "2026-11-17")).toBe("2027-02-01");
    expect(parseDutchDate("12 juni jl.")).toBeNull();
    expect(parseDutchDate("5 mei")).toBeNull();
  });

  test("refuses impossible dates and text that is more than a date", () => {
    expect(parseDutchDate("31 februari 2026")).toBeNull();
    expect(parseDutchDate("31-13-2026")).toBeNull();
    expect(parseDutchDate("adviesaanvraag per mail d.d. 1 oktober 2025")).toBeNull();
    expect(findDutchDates("per mail d.d. 1 oktober 2025 en op 31-03-2026")).toEqual(["2025-10-01", "2026-03-31"]);
  });
});

describe("guessPointKind", () => {
  test("guesses the kind from the wording", () => {
    expect(guessPointKind("Hoe wordt de wachttijd teruggebracht?")).toBe("vraag");
    expect(guessPointKind("Wij verzoeken u de paragraaf over inkoop aan te passen.")).toBe("wijzigingsvoorstel");
    expect(guessPointKind("Wij stellen voor een doel per gemeente op te nemen.")).toBe("wijzigingsvoorstel");
    expect(guessPointKind("De regio zou moeten investeren in preventie.")).toBe("wijzigingsvoorstel");
    expect(guessPointKind("Graag zien wij de tekst over scholen aangepast.")).toBe("wijzigingsvoorstel");
    expect(guessPointKind("De leidende principes onderschrijven wij volledig.")).toBe("steun");
    expect(guessPointKind("Wij zijn positief over de aandacht voor het netwerk.")).toBe("steun");
    expect(guessPointKind("Wij maken bezwaar tegen het sluiten van de dagbehandeling.")).toBe("bezwaar");
    expect(guessPointKind("Wij zijn het niet eens met de afbouw.")).toBe("bezwaar");
    expect(guessPointKind("Minder regels.")).toBe("aandachtspunt");
    // A request only for attention is an aandachtspunt, not a change proposal.
    expect(guessPointKind("Daarnaast verzoeken wij u aandacht te besteden aan het netwerk.")).toBe("aandachtspunt");
  });

  test("uses a lead-in when the point itself says nothing about its kind", () => {
    expect(guessPointKind("De rol van het onderwijs.", "Wij hebben nog de volgende vragen:")).toBe("vraag");
    expect(guessPointKind("Nabij en passend als hoofdambitie.", "Wat wij steunen:")).toBe("steun");
    expect(guessPointKind("Is dit haalbaar?", "Wat wij steunen:")).toBe("vraag");
  });
});

describe("parseAdviceLetter: the Vlaardingen advies (seed)", () => {
  const letter = parseAdviceLetter(vlaardingenAdvies());

  test("proposes exactly its nine bulleted items as points", () => {
    expect(letter.points).toHaveLength(9);
    expect(letter.points.every((p) => p.source === "list-item")).toBe(true);
    expect(letter.points[0]!.text).toMatch(/^Allereerst de versterking van de regierol/);
    expect(letter.points[0]!.text).toMatch(/Dat vraagt om ontschotting tussen verschillende domeinen\.$/);
    expect(letter.points[1]!.text).toMatch(/^Investeren in preventie/);
    expect(letter.points[2]!.text).toBe("Vergroten bestaanszekerheid van gezinnen.");
    expect(letter.points[7]!.text).toBe("Reductie van de wachttijd bij Veilig thuis, nadat een casus daar gemeld is.");
    expect(letter.points[8]!.text).toBe("Minder regels.");
    expect(letter.points.map((p) => p.kind).every((k) => k === "aandachtspunt")).toBe(true);
  });

  test("recognises the letter metadata", () => {
    expect(letter.metadata).toMatchObject({
      addressee: "College van Burgemeester en Wethouders van de gemeente Vlaardingen",
      place: "Vlaardingen",
      letterDate: "2025-11-17",
      subject: "Advies Regiovisie Jeugdhulp Rijnmond 2026-2030",
      reference: "adviesaanvraag per mail d.d. 1 oktober 2025",
      theirReference: null,
      letterNumber: null,
      replyReference: null,
    });
  });

  test("recognises the two chairs as signatories, not the 'Namens' line or the contactambtenaar signing 'voor deze'", () => {
    expect(letter.metadata.signatories).toEqual([
      { name: "I.B. van Ham", title: "voorzitter" },
      { name: "R. Hoozemans", title: "voorzitter" },
    ]);
    expect(letter.warnings.join(" ")).toMatch(/L\. Zwagemaker tekent "voor deze"/);
  });

  test("puts the Inleiding in the introduction and Conclusies / Tot slot en vervolg in the conclusion", () => {
    expect(letter.introduction).toMatch(/^Bijgevoegd treft u het advies/);
    expect(letter.introduction).toContain("De adviesraad heeft met belangstelling kennisgenomen");
    expect(letter.introduction).toMatch(/in een plan van aanpak:$/);
    expect(letter.introduction).not.toMatch(/^Inleiding$/m);
    expect(letter.conclusion).toMatch(/^Het is een ambitieus plan/);
    expect(letter.conclusion).toContain("De adviesraad wil de komende tijd graag meegenomen worden");
    expect(letter.conclusion).toMatch(/Regiovisie Jeugdhulp Rijnmond 2026-2030\*\.$/);
    expect(letter.conclusion).not.toMatch(/^(Conclusies|Tot slot en vervolg)$/m);
    expect(letter.conclusion).not.toContain("Met vriendelijke groet");
  });
});

describe("parseAdviceLetter: the council's letter of 12 juni 2026 (seed)", () => {
  const letter = parseAdviceLetter(councilLetter());

  test("proposes the four paragraphs after 'de onderstaande punten' as points", () => {
    expect(letter.points.map((p) => p.source)).toEqual(["paragraph", "paragraph", "paragraph", "paragraph"]);
    const [a, b, c, d] = letter.points.map((p) => p.text);
    expect(a).toMatch(/^We zien de uitgangspunten .* herleidbaar terug in het uitvoeringsprogramma\.$/);
    expect(b).toMatch(/betrokkenheid van de directe omgeving van een kind bij het triageren/);
    expect(b).toMatch(/sociale netwerk/);
    expect(c).toMatch(/integraal mogelijke benadering .* schulden en spanningen/);
    expect(d).toMatch(/^Tot slot verwachten we .* ondersteuningsaanbod domein overstijgend/);
    expect(letter.introduction).toMatch(/verzoeken wij u rekening te houden met de onderstaande punten\.$/);
    expect(letter.introduction).toMatch(/^Dank voor het toezenden/);
    expect(letter.conclusion).toBe("Wij zien de uitwerking van het uitvoeringsprogramma met vertrouwen tegemoet.");
  });

  test("keeps briefnummer and the number to quote in a reply apart, and reads the letterhead cells", () => {
    expect(letter.metadata).toMatchObject({
      letterDate: "2026-06-12",
      subject: "Regiovisie Jeugdhulp Rijnmond 2026-2030",
      letterNumber: "2051077",
      replyReference: "2051071",
      theirReference: null,
      reference: null,
      addressee: null,
    });
  });

  test("pairs the titles written above the names", () => {
    expect(letter.metadata.signatories).toEqual([
      { name: "R. Pfoster Msc", title: "griffier" },
      { name: "E.F.A. Zevenbergen", title: "burgemeester" },
    ]);
  });

  test("reads the same when pasted from the 'Datum' line", () => {
    const fromDatum = parseAdviceLetter(councilLetter("datum"));
    expect(fromDatum.points.map((p) => p.text)).toEqual(letter.points.map((p) => p.text));
    expect(fromDatum.metadata).toEqual(letter.metadata);
  });
});

describe("parseAdviceLetter: other letter shapes", () => {
  test("numbered points with a lead-in, labelled metadata and titles below the names", () => {
    const letter = parseAdviceLetter(
      [
        "Aan het dagelijks bestuur van de Jeugdregio Voorbeeld",
        "Postbus 123",
        "1234 AB Voorbeeldstad",
        "",
        "Datum: 3 maart 2026",
        "Ons kenmerk: MR-2026-014",
        "Uw kenmerk: JR/2026/0042",
        "Onderwerp: Reactie op het concept van de regiovisie",
        "",
        "Geacht bestuur,",
        "",
        "Hierbij ontvangt u de reactie van de cliëntenraad op het concept van de regiovisie.",
        "",
        "Wij hebben de volgende opmerkingen en vragen:",
        "",
        "1. Hoe wordt de wachttijd voor specialistische jeugdhulp teruggebracht?",
        "2. Wij stellen voor om in hoofdstuk 4 een paragraaf over mantelzorg op te nemen.",
        "3. De leidende principes onderschrijven wij volledig.",
        "4. Wij maken bezwaar tegen het afbouwen van de dagbehandeling zonder alternatief.",
        "5. Let op de bereikbaarheid van het lokale team in de avonduren.",
        "",
        "Wij horen graag uw reactie.",
        "",
        "Met vriendelijke groet,",
        "",
        "J. de Vries",
        "voorzitter cliëntenraad",
        "",
        "drs. M. Bakker",
        "secretaris",
      ].join("\n"),
    );
    expect(letter.points.map((p) => [p.kind, p.source])).toEqual([
      ["vraag", "list-item"],
      ["wijzigingsvoorstel", "list-item"],
      ["steun", "list-item"],
      ["bezwaar", "list-item"],
      ["aandachtspunt", "list-item"],
    ]);
    expect(letter.points[0]!.text).toBe("Hoe wordt de wachttijd voor specialistische jeugdhulp teruggebracht?");
    expect(letter.metadata).toEqual({
      addressee: "dagelijks bestuur van de Jeugdregio Voorbeeld",
      place: null,
      letterDate: "2026-03-03",
      subject: "Reactie op het concept van de regiovisie",
      reference: "MR-2026-014",
      theirReference: "JR/2026/0042",
      letterNumber: null,
      replyReference: null,
      signatories: [
        { name: "J. de Vries", title: "voorzitter cliëntenraad" },
        { name: "drs. M. Bakker", title: "secretaris" },
      ],
    });
    expect(letter.introduction).toBe(
      "Hierbij ontvangt u de reactie van de cliëntenraad op het concept van de regiovisie.\n\nWij hebben de volgende opmerkingen en vragen:",
    );
    expect(letter.conclusion).toBe("Wij horen graag uw reactie.");
    expect(letter.warnings).toEqual([]);
  });

  test("questions and ideas as paragraphs, one per line, without a list", () => {
    const letter = parseAdviceLetter(
      [
        "Jongerenraad Voorbeeldstad",
        "Rotterdam, 5 februari 2026",
        "Betreft: onze reactie op de regiovisie",
        "",
        "Beste mensen van de jeugdregio,",
        "Wij zijn de jongerenraad en we hebben de regiovisie samen gelezen. We hebben een paar vragen en ideeën.",
        "Waarom staat er zo weinig in over jongeren die 18 worden? Veel van ons vallen dan tussen wal en schip.",
        "Wij vinden het goed dat jongeren zoveel mogelijk thuis kunnen blijven wonen, dat steunen we.",
        "De tekst over school zou moeten worden aangepast: scholen hebben nu al te weinig tijd.",
        "Jongeren moeten ook meepraten over de uitvoering.",
        "Wij hopen dat u iets met onze reactie doet.",
        "Met vriendelijke groet,",
        "Namens de Jongerenraad Voorbeeldstad,",
        "Fatima el Amrani en Daan Jansen",
      ].join("\n"),
    );
    expect(letter.metadata.place).toBe("Rotterdam");
    expect(letter.metadata.letterDate).toBe("2026-02-05");
    expect(letter.metadata.subject).toBe("onze reactie op de regiovisie");
    expect(letter.metadata.addressee).toBeNull();
    expect(letter.metadata.signatories).toEqual([
      { name: "Fatima el Amrani", title: null },
      { name: "Daan Jansen", title: null },
    ]);
    expect(letter.introduction).toMatch(/^Wij zijn de jongerenraad/);
    expect(letter.points.map((p) => p.kind)).toEqual(["vraag", "steun", "wijzigingsvoorstel", "aandachtspunt"]);
    expect(letter.points.every((p) => p.source === "paragraph")).toBe(true);
    expect(letter.conclusion).toBe("Wij hopen dat u iets met onze reactie doet.");
    expect(letter.warnings.some((w) => w.startsWith("Geen opsomming gevonden"))).toBe(true);
  });

  test("numbered headings with paragraphs become one point each; lettered items are list items", () => {
    const letter = parseAdviceLetter(
      [
        "Aan: Jeugdregio Voorbeeld",
        "Datum: 12-01-2026",
        "Kenmerk: 2026/AR/3",
        "",
        "Geacht college,",
        "",
        "Op 1 december 2025 heeft u ons gevraagd te adviseren over de concept-regiovisie.",
        "",
        "1. Preventie",
        "",
        "Wij missen in de visie concrete doelen voor preventie. Wij adviseren om per gemeente een doel op te nemen.",
        "",
        "2. Wachttijden",
        "",
        "De wachttijden zijn te lang. Welke maatregelen neemt de regio op korte termijn?",
        "",
        "Tot slot",
        "",
        "Wij zijn graag bereid ons advies toe te lichten.",
        "",
        "Hoogachtend,",
        "",
        "De voorzitter,",
        "A. Yilmaz",
        "",
        "Wilt u bij beantwoording van deze brief ons kenmerk 2026/AR/3 vermelden.",
      ].join("\n"),
    );
    expect(letter.metadata).toMatchObject({
      addressee: "Jeugdregio Voorbeeld",
      letterDate: "2026-01-12",
      reference: "2026/AR/3",
      replyReference: "2026/AR/3",
      signatories: [{ name: "A. Yilmaz", title: "voorzitter" }],
    });
    expect(letter.introduction).toBe("Op 1 december 2025 heeft u ons gevraagd te adviseren over de concept-regiovisie.");
    expect(letter.points).toEqual([
      {
        text: "Preventie\n\nWij missen in de visie concrete doelen voor preventie. Wij adviseren om per gemeente een doel op te nemen.",
        kind: "wijzigingsvoorstel",
        source: "paragraph",
      },
      { text: "Wachttijden\n\nDe wachttijden zijn te lang. Welke maatregelen neemt de regio op korte termijn?", kind: "vraag", source: "paragraph" },
    ]);
    expect(letter.conclusion).toBe("Wij zijn graag bereid ons advies toe te lichten.");

    const lettered = parseAdviceLetter(
      [
        "Geachte heer, mevrouw,",
        "",
        "Wij reageren als volgt:",
        "a) De visie is helder geschreven en wij steunen de ambitie.",
        "b) Het hoofdstuk over inkoop is te abstract; graag zien wij dit",
        "   aangevuld met de gevolgen voor kleine aanbieders.",
        "c) Wat betekent de afbouw van JeugdhulpPlus voor onze regio?",
        "",
        "Met vriendelijke groet,",
        "Stichting Voorbeeldzorg",
        "",
        "K. Jansen-de Boer",
        "Bestuurder",
      ].join("\n"),
    );
    expect(lettered.points.map((p) => [p.kind, p.text])).toEqual([
      ["steun", "De visie is helder geschreven en wij steunen de ambitie."],
      ["wijzigingsvoorstel", "Het hoofdstuk over inkoop is te abstract; graag zien wij dit aangevuld met de gevolgen voor kleine aanbieders."],
      ["vraag", "Wat betekent de afbouw van JeugdhulpPlus voor onze regio?"],
    ]);
    expect(lettered.metadata.signatories).toEqual([{ name: "K. Jansen-de Boer", title: "bestuurder" }]);
    expect(lettered.warnings).toContain("Geen datum van de brief gevonden.");
  });

  test("a bare list without salutation or closing still gives points, with warnings", () => {
    const letter = parseAdviceLetter("• Meer aandacht voor mantelzorgers.\n• Kortere wachttijden.\n\uf0b7 Minder regels.");
    expect(letter.points.map((p) => p.text)).toEqual(["Meer aandacht voor mantelzorgers.", "Kortere wachttijden.", "Minder regels."]);
    expect(letter.metadata.signatories).toEqual([]);
    expect(letter.warnings.some((w) => w.startsWith("Geen aanhef"))).toBe(true);
    expect(letter.warnings.some((w) => w.startsWith("Geen afsluiting"))).toBe(true);
  });

  test("empty and oversized input", () => {
    const empty = parseAdviceLetter("");
    expect(empty.points).toEqual([]);
    expect(empty.warnings.length).toBeGreaterThan(0);
    const huge = parseAdviceLetter(`Geacht college,\n\n${"- Een punt.\n".repeat(MAX_LETTER_IMPORT_CHARS / 10)}`);
    expect(huge.warnings[0]).toMatch(/alleen het begin is ingelezen/);
  });
});

describe("parseAdviceLetter: robustness", () => {
  test("never throws, and every point has text", () => {
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom("Geacht College,", "Met vriendelijke groet,", "Hoogachtend,", "- punt", "1. punt", "", "Datum", "De griffier,", "(Voorzitters)", "Conclusies", "Kenmerk:", "J. Jansen"),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const letter = parseAdviceLetter(lines.join("\n"));
        for (const p of letter.points) expect(p.text.trim().length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  test("a long letter of many lines is read in linear time", () => {
    const paragraph = "Wij vinden het belangrijk dat de regio samen met de gemeenten werkt aan preventie en nabije hulp.";
    const long = `Geacht college,\n\n${Array.from({ length: 1500 }, () => paragraph).join("\n\n")}\n\nMet vriendelijke groet,\n\nJ. Jansen`;
    const lines = `Geacht college,\n\n${"a\n".repeat(90_000)}`;
    const t0 = performance.now();
    expect(parseAdviceLetter(long).points.length).toBeGreaterThan(1000);
    expect(parseAdviceLetter(lines).points).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
