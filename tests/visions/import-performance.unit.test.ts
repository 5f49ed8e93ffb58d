import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { expect, test } from "vitest";
import { importFromDocx } from "~/visions/import.server";
import { countSections, flattenSections, sectionPlainText } from "~/visions/sections-model";

const WORDS = (
  "jeugdhulp gemeenten aanbieders onderwijs gezin jeugdige samenwerking regio visie ambitie nabij passend " +
  "ondersteuning preventie wijkteam casusregie inkoop contract wachttijd veiligheid ouders school netwerk"
).split(" ");

/** Deterministic pseudo-Dutch sentence of about `n` words. */
function sentence(seed: number, n: number): string {
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[(seed * 31 + i * 17) % WORDS.length]);
  const s = words.join(" ");
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

function paragraphText(seed: number): string {
  return Array.from({ length: 5 }, (_, i) => sentence(seed + i, 20)).join(" ");
}

test("a 50-page DOCX (about 60 sections, 25,000 words) is imported", async () => {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: "Regiovisie Jeugd Proefregio 2026-2030", heading: HeadingLevel.TITLE }),
  ];
  let seed = 1;
  for (let h = 1; h <= 8; h++) {
    children.push(new Paragraph({ text: `${h}. Hoofdstuk over thema ${h}`, heading: HeadingLevel.HEADING_1 }));
    children.push(new Paragraph(paragraphText(seed++)), new Paragraph(paragraphText(seed++)));
    for (let p = 1; p <= 7; p++) {
      children.push(
        new Paragraph({ text: `${h}.${p} Onderwerp ${p} van thema ${h}`, heading: HeadingLevel.HEADING_2 }),
      );
      for (let k = 0; k < 4; k++) children.push(new Paragraph({ children: [new TextRun(paragraphText(seed++))] }));
      children.push(
        new Paragraph({ text: sentence(seed++, 12), bullet: { level: 0 } }),
        new Paragraph({ text: sentence(seed++, 12), bullet: { level: 0 } }),
      );
    }
    children.push(
      new Table({
        rows: [1, 2, 3].map(
          (r) =>
            new TableRow({
              children: [
                new TableCell({ children: [new Paragraph(`Rij ${r}`)] }),
                new TableCell({ children: [new Paragraph(sentence(seed++, 8))] }),
              ],
            }),
        ),
      }),
    );
  }
  const buffer = await Packer.toBuffer(new Document({ sections: [{ children }] }));

  const started = performance.now();
  const result = await importFromDocx(buffer);
  const elapsed = performance.now() - started;
  if (!result.ok) throw new Error(result.message);

  const words = flattenSections(result.sections).reduce(
    (sum, f) => sum + sectionPlainText(f.section).split(/\s+/).filter(Boolean).length,
    0,
  );
  console.log(
    `DOCX import: ${(buffer.length / 1024).toFixed(0)} KB, ${countSections(result.sections)} sections, ${words} words in ${elapsed.toFixed(0)} ms`,
  );
  expect(result.title).toBe("Regiovisie Jeugd Proefregio 2026-2030");
  expect(countSections(result.sections, "hoofdstuk")).toBe(8);
  expect(countSections(result.sections, "paragraaf")).toBe(56);
  expect(words).toBeGreaterThan(24_000);
}, 60_000);
