import { describe, expect, it } from "vitest";
import { renderDocx } from "~/letters/docx.server";
import type { DocumentBlock, LetterDocument, ReportDocument } from "~/letters/letter-model";
import { renderPdf } from "~/letters/pdf.server";
import { readDocx, readPdf, squash } from "./render-helpers";

const points = Array.from({ length: 12 }, (_, i) => ({
  reference: `ASDV-${i + 1}`,
  quote: `Wij vragen aandacht voor de wachtlijsten in de jeugdhulp, punt ${i + 1} van onze reactie.`,
  answer: `Antwoord ${i + 1}: de regio pakt de wachtlijsten samen met de gemeenten aan.`,
}));

function letterBody(): DocumentBlock[] {
  const body: DocumentBlock[] = [
    { type: "text", content: { kind: "plain", text: "Dank voor uw advies over de concept-regiovisie." } },
  ];
  for (const p of points) {
    body.push({ type: "heading", level: 2, text: `Punt ${p.reference}` });
    body.push({ type: "quote", content: { kind: "plain", text: p.quote }, source: `Uw reactie, ${p.reference}` });
    body.push({
      type: "text",
      content: {
        kind: "rich",
        doc: {
          type: "doc",
          content: [
            { type: "paragraph", content: [{ type: "text", text: p.answer }] },
            {
              type: "bulletList",
              content: [
                {
                  type: "listItem",
                  content: [
                    { type: "paragraph", content: [{ type: "text", text: "eerste stap", marks: [{ type: "bold" }] }] },
                  ],
                },
                {
                  type: "listItem",
                  content: [
                    {
                      type: "paragraph",
                      content: [
                        {
                          type: "text",
                          text: "tweede stap",
                          marks: [{ type: "link", attrs: { href: "https://example.org/stap" } }],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    });
    body.push({ type: "facts", rows: [{ label: "Afweging", value: "overgenomen" }] });
  }
  return body;
}

const letter: LetterDocument = {
  type: "letter",
  title: "Antwoordbrief aan Adviesraad Sociaal Domein Vlaardingen",
  sender: { name: "Gemeente Vlaardingen", addressLines: ["Westnieuwland 6", "3131 VX Vlaardingen"] },
  recipient: {
    name: "Adviesraad Sociaal Domein Vlaardingen",
    attention: "t.a.v. de voorzitter",
    addressLines: ["Postbus 1002", "3130 EB Vlaardingen"],
  },
  references: {
    date: "2026-06-12",
    ourReference: "RIJ-2026-014",
    letterNumber: "2051077",
    subject: "Uw advies over de Regiovisie Jeugdhulp Rijnmond 2026-2030",
    theirReference: "adviesaanvraag per mail d.d. 1 oktober 2025",
    theirLetterDate: "2025-11-17",
    handledBy: "J. de Vries",
    attachments: ["Nota van beantwoording"],
  },
  salutation: "Geacht bestuur,",
  body: letterBody(),
  closingFormula: "Hoogachtend,",
  signatures: [
    { name: "drs. E. Stolk", title: "de secretaris", onBehalfOf: "Burgemeester en wethouders van Vlaardingen," },
    { name: "E.F.A. Zevenbergen", title: "de burgemeester", onBehalfOf: "Burgemeester en wethouders van Vlaardingen," },
  ],
  replyNote: "Wilt u bij beantwoording van deze brief het briefnummer 2051077 vermelden?",
};

const report: ReportDocument = {
  type: "report",
  title: "Nota van beantwoording",
  subtitle: "Regiovisie Jeugdhulp Rijnmond 2026-2030, eerste concept",
  publisher: "Jeugdhulp Rijnmond",
  date: "2026-03-01",
  body: [
    { type: "heading", level: 2, text: "1. Inleiding" },
    {
      type: "table",
      caption: "Alle punten",
      header: ["Kenmerk", "Organisatie", "Antwoord"],
      rows: Array.from({ length: 80 }, (_, i) => [`ENV-${i + 1}`, "Jeugdhulp Enver", `Antwoord op punt ${i + 1}`]),
    },
    { type: "list", items: ["overgenomen: 3", "niet overgenomen: 1"] },
  ],
};

describe("PDF renderer", () => {
  it("produces a tagged Dutch PDF with title, structure tree and every point and answer", async () => {
    const pdf = await readPdf(await renderPdf(letter));
    expect(pdf.info.Language).toBe("nl-NL");
    expect(pdf.info.Title).toBe(letter.title);
    expect(pdf.info.PDFFormatVersion).toBe("1.7");
    expect(pdf.markInfo?.Marked).toBe(true);
    expect(pdf.hasStructTree).toBe(true);
    for (const role of ["Document", "H2", "P", "BlockQuote", "L", "LI", "Lbl", "LBody"])
      expect(pdf.structRoles).toContain(role);
    const text = squash(pdf.text);
    for (const p of points) {
      expect(text).toContain(squash(`Punt ${p.reference}`));
      expect(text).toContain(squash(p.quote));
      expect(text).toContain(squash(p.answer));
    }
    // Links are printed as text with their address; formatting keeps the words.
    expect(text).toContain(squash("tweede stap (https://example.org/stap)"));
    expect(text).toContain(squash("12 juni 2026"));
    expect(text).toContain(squash("Uw brief van 17 november 2025"));
    expect(text).toContain(squash("Wilt u bij beantwoording van deze brief het briefnummer 2051077 vermelden?"));
  });

  it("numbers every page as 'pagina x van y' and repeats datum and kenmerk from page 2", async () => {
    const pdf = await readPdf(await renderPdf(letter));
    const count = pdf.pages.length;
    expect(count).toBeGreaterThan(1);
    pdf.pages.forEach((page, i) => expect(squash(page)).toContain(squash(`pagina ${i + 1} van ${count}`)));
    expect(squash(pdf.pages[1]!)).toContain(squash("Datum 12 juni 2026"));
    expect(squash(pdf.pages[1]!)).toContain(squash("Kenmerk 2051077"));
  });

  it("identifies itself as PDF/UA and embeds its fonts", async () => {
    const bytes = await renderPdf(letter);
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).toContain("pdfuaid:part");
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it("tags a report's table with header cells and repeats the header row on the next page", async () => {
    const pdf = await readPdf(await renderPdf(report));
    for (const role of ["H1", "Table", "TR", "TH", "TD", "Caption"]) expect(pdf.structRoles).toContain(role);
    expect(pdf.pages.length).toBeGreaterThan(1);
    expect(squash(pdf.pages[1]!)).toContain(squash("Kenmerk Organisatie Antwoord"));
    const text = squash(pdf.text);
    for (let i = 1; i <= 80; i++) expect(text).toContain(squash(`Antwoord op punt ${i}`));
  });

  it("prints markup and script from answers literally", async () => {
    const hostile: LetterDocument = {
      ...letter,
      body: [{ type: "text", content: { kind: "plain", text: '<script>alert("x")</script> <b>vet</b> & =SUM(A1)' } }],
    };
    const pdf = await readPdf(await renderPdf(hostile));
    expect(squash(pdf.text)).toContain(squash('<script>alert("x")</script> <b>vet</b> & =SUM(A1)'));
    const docx = await readDocx(await renderDocx(hostile));
    expect(docx.documentXml).toContain("&lt;script&gt;");
    expect(docx.documentXml).not.toContain("<script>");
    expect(squash(docx.text)).toContain(squash('<script>alert("x")</script> <b>vet</b> & =SUM(A1)'));
  });
});

describe("DOCX renderer", () => {
  it("uses Word's heading and quote styles, real lists, language nl-NL and the title", async () => {
    const docx = await readDocx(await renderDocx(letter));
    expect(docx.documentXml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(docx.documentXml).toContain('<w:pStyle w:val="Quote"/>');
    expect(docx.documentXml).toMatch(/<w:numPr>/);
    expect(docx.stylesXml).toContain('<w:lang w:val="nl-NL"/>');
    expect(docx.coreXml).toContain(`<dc:title>${letter.title}</dc:title>`);
    const text = squash(docx.text);
    for (const p of points) {
      expect(text).toContain(squash(`Punt ${p.reference}`));
      expect(text).toContain(squash(p.quote));
      expect(text).toContain(squash(p.answer));
    }
    for (const label of [
      "Datum",
      "Ons kenmerk",
      "Briefnummer",
      "Onderwerp",
      "Uw kenmerk",
      "Uw brief van",
      "Behandeld door",
      "Bijlagen",
    ]) {
      expect(docx.text).toContain(label);
    }
  });

  it("has 'pagina X van Y' in the footer and datum and kenmerk in the header from page 2", async () => {
    const docx = await readDocx(await renderDocx(letter));
    expect(docx.documentXml).toContain("<w:titlePg/>");
    expect(docx.footers.join("")).toMatch(/PAGE[\s\S]*NUMPAGES/);
    expect(docx.footers.join("")).toContain("pagina ");
    expect(docx.headers.join("")).toContain("Datum 12 juni 2026");
    expect(docx.headers.join("")).toContain("Kenmerk 2051077");
  });

  it("renders a report's table as a Word table with a repeating header row", async () => {
    const docx = await readDocx(await renderDocx(report));
    expect(docx.documentXml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(docx.documentXml).toContain("<w:tblHeader/>");
    expect((docx.documentXml.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(81);
    expect(squash(docx.text)).toContain(squash("Antwoord op punt 80"));
  });
});
