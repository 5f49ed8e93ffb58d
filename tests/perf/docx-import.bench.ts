// Benchmark (issue 4): import of a 50-page DOCX (8 chapters, 56 paragraphs, ~25,000 words, lists and
// tables), goal under 2 s. Prints one line "docx-import: <ms> ms …" that bench.mjs puts in its summary.
// Run: npx tsx tests/perf/docx-import.bench.ts
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { importFromDocx } from "~/visions/import.server";
import { countSections } from "~/visions/sections-model";
import { VOCABULARY } from "./large-round";

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);

function sentence(seed: number, n: number) {
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(VOCABULARY[(seed * 31 + i * 17) % VOCABULARY.length]!);
  const s = words.join(" ");
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}
const paragraphText = (seed: number) => Array.from({ length: 5 }, (_, i) => sentence(seed + i, 20)).join(" ");

const children: Array<Paragraph | Table> = [new Paragraph({ text: "Regiovisie Jeugd Benchregio 2026-2030", heading: HeadingLevel.TITLE })];
let seed = 1;
for (let h = 1; h <= 8; h++) {
  children.push(new Paragraph({ text: `${h}. Hoofdstuk ${h}`, heading: HeadingLevel.HEADING_1 }), new Paragraph(paragraphText(seed++)), new Paragraph(paragraphText(seed++)));
  for (let p = 1; p <= 7; p++) {
    children.push(new Paragraph({ text: `${h}.${p} Onderwerp ${p} van hoofdstuk ${h}`, heading: HeadingLevel.HEADING_2 }));
    for (let k = 0; k < 4; k++) children.push(new Paragraph({ children: [new TextRun(paragraphText(seed++))] }));
    children.push(new Paragraph({ text: sentence(seed++, 12), bullet: { level: 0 } }), new Paragraph({ text: sentence(seed++, 12), bullet: { level: 0 } }));
  }
  children.push(
    new Table({
      rows: [1, 2, 3].map((r) => new TableRow({ children: [new TableCell({ children: [new Paragraph(`Rij ${r}`)] }), new TableCell({ children: [new Paragraph(sentence(seed++, 8))] })] })),
    }),
  );
}
const buffer = await Packer.toBuffer(new Document({ sections: [{ children }] }));

const times: number[] = [];
let sectionCount = 0;
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const result = await importFromDocx(buffer);
  times.push(performance.now() - started);
  if (!result.ok) throw new Error(result.message);
  sectionCount = countSections(result.sections);
}
const worst = Math.max(...times);
console.log(`docx-import: ${worst.toFixed(0)} ms (slowest of ${RUNS}; ${(buffer.length / 1024).toFixed(0)} KB, ${sectionCount} sections; goal < 2000 ms)`);
