import { ExternalHyperlink, Document, Packer, Paragraph, TextRun, HeadingLevel } from "docx";
import { describe, expect, test } from "vitest";
import { renderRichTextToHtml } from "~/editor/render.server";
import { validateRichText } from "~/editor/validate.server";
import { blocksToDoc } from "~/visions/import-blocks";
import { htmlToBlocks } from "~/visions/import-html";
import { inspectZip } from "~/visions/import-zip";
import { importFromDocx, importFromMarkdown, importFromText, type ImportResult } from "~/visions/import.server";
import { flattenSections } from "~/visions/sections-model";
import { makeZip } from "../fixtures/import-helpers";

function message(result: ImportResult): string {
  if (result.ok) throw new Error("expected the import to be refused");
  return result.message;
}

async function smallDocx(children: Paragraph[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

describe("refusing bad text input with a clear Dutch message", () => {
  test("an empty or blank file", () => {
    expect(message(importFromText(""))).toBe("Het bestand is leeg.");
    expect(message(importFromText(" \n\t\n  "))).toBe("Het bestand is leeg.");
    expect(message(importFromMarkdown(""))).toBe("Het bestand is leeg.");
  });

  test("binary garbage: NUL bytes, control characters, undecodable bytes", () => {
    expect(message(importFromText("Inleiding\u0000\u0000\u0001binair"))).toMatch(/geen leesbare tekst/);
    const garbage = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)).toString("latin1");
    expect(message(importFromText(garbage))).toMatch(/geen leesbare tekst/);
    const undecodable = Buffer.from(Array.from({ length: 4000 }, (_, i) => 0x80 + (i % 64))).toString("utf8");
    expect(message(importFromMarkdown(undecodable))).toMatch(/geen leesbare tekst/);
  });

  test("a Word file read as text", async () => {
    const docx = await smallDocx([new Paragraph("Hallo")]);
    expect(message(importFromText(docx.toString("latin1")))).toMatch(/Word-document/);
  });

  test("a file with only page numbers has no text", () => {
    expect(message(importFromText("1\n\n2\n\n3"))).toBe("Het bestand bevat geen tekst om in te lezen.");
  });
});

describe("refusing bad DOCX input", () => {
  test("an empty buffer", async () => {
    expect(message(await importFromDocx(Buffer.alloc(0)))).toBe("Het bestand is leeg.");
  });

  test("a text file or PDF renamed to .docx", async () => {
    expect(message(await importFromDocx(Buffer.from("Dit is gewoon tekst, geen Word.")))).toMatch(/geen Word-document/);
    expect(message(await importFromDocx(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj")))).toMatch(/geen Word-document/);
  });

  test("an old .doc or password-protected file (OLE compound file)", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(message(await importFromDocx(ole))).toMatch(/ouder Word-bestand \(\.doc\)/);
  });

  test("a file over 20 MB", async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    big.writeUInt32LE(0x04034b50, 0);
    expect(message(await importFromDocx(big))).toMatch(/te groot \(maximaal 20 MB\)/);
  });

  test("a ZIP that is not a Word document", async () => {
    const zip = makeZip([{ name: "hallo.txt", data: Buffer.from("hallo") }]);
    expect(message(await importFromDocx(zip))).toMatch(/geen Word-document/);
  });

  test("a truncated or corrupt DOCX", async () => {
    const docx = await smallDocx([new Paragraph("Hallo")]);
    expect(message(await importFromDocx(docx.subarray(0, Math.floor(docx.length / 2))))).toMatch(/beschadigd/);
    const mangled = Buffer.from(docx);
    mangled.fill(0x41, 200, 600); // overwrite compressed data of the first entries
    const result = await importFromDocx(mangled);
    expect(result.ok).toBe(false);
  });

  test("a zip bomb that declares its size: refused on the sum of uncompressed sizes", async () => {
    const zip = makeZip([
      { name: "word/document.xml", data: Buffer.from("<w:document/>"), declaredSize: 60 * 1024 * 1024 },
      { name: "word/media/a.bin", data: Buffer.from("x"), declaredSize: 60 * 1024 * 1024 },
    ]);
    expect(message(await importFromDocx(zip))).toMatch(/uitgepakt te groot/);
  });

  test("a zip bomb with an absurd compression ratio", async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const zip = makeZip([{ name: "word/document.xml", data: zeros }]);
    expect(inspectZip(zip)).toEqual({ ok: false, reason: "suspicious" });
    expect(message(await importFromDocx(zip))).toMatch(/verdacht sterk gecomprimeerd/);
  });

  test("a zip bomb that lies about its size: the trial inflate stops at the declared size", async () => {
    const zip = makeZip([{ name: "word/document.xml", data: Buffer.alloc(4 * 1024 * 1024, 0x20), declaredSize: 1000 }]);
    expect(inspectZip(zip)).toEqual({ ok: false, reason: "suspicious" });
    expect((await importFromDocx(zip)).ok).toBe(false);
  });

  test("a Word document without any text", async () => {
    const docx = await smallDocx([new Paragraph("")]);
    expect(message(await importFromDocx(docx))).toBe("Het bestand bevat geen tekst om in te lezen.");
  });
});

describe("pathological input", () => {
  test("unbalanced emphasis, deeply nested quotes and deeply nested HTML are handled without blowing up", () => {
    const started = performance.now();
    expect(importFromMarkdown(`# 1 Inleiding\n\n${"_a ".repeat(30_000)}`).ok).toBe(true);
    expect(importFromMarkdown(`# 1 Inleiding\n\n${">".repeat(5_000)} diep`).ok).toBe(true);
    expect(importFromText(`1 INLEIDING\n\n${"**a ".repeat(1_000)}\n\n**${"b ".repeat(30_000)}`).ok).toBe(true);
    const nested = `${"<div><ul><li>".repeat(5_000)}tekst${"</li></ul></div>".repeat(5_000)}`;
    const checked = validateRichText(blocksToDoc(htmlToBlocks(nested)));
    expect(checked.ok && checked.plainText).toBe("tekst");
    console.log(`pathological inputs: ${(performance.now() - started).toFixed(0)} ms`);
  });
});

describe("cleaning what a document may carry", () => {
  test("HTML with event handlers, scripts, styles, images and javascript: links is reduced to safe rich text", () => {
    const html =
      '<h1 onclick="alert(1)">Inleiding</h1>' +
      '<p onclick="alert(1)" style="color:red" class="x">Hallo <script>alert("x")</script><strong onmouseover="steal()">wereld</strong>' +
      '<img src="x" onerror="alert(1)"> <a href="javascript:alert(1)">klik</a> <a href=" JaVaScRiPt:alert(1)">twee</a> ' +
      '<a href="https://example.org" onclick="x()">veilig</a></p><style>p { color: red }</style>' +
      '<iframe src="https://evil.example">binnen</iframe><svg><script>alert(2)</script></svg><p>na &lt;tag&gt; &amp; &#x3C;b&#x3E;</p>';
    const blocks = htmlToBlocks(html);
    const docJson = blocksToDoc(blocks);
    const checked = validateRichText(docJson);
    if (!checked.ok) throw new Error(checked.message);
    const json = JSON.stringify(checked.doc);
    for (const forbidden of [
      "onclick",
      "onmouseover",
      "onerror",
      "script",
      "alert",
      "style",
      "javascript",
      "iframe",
      "evil",
      "steal",
    ]) {
      expect(json.toLowerCase(), forbidden).not.toContain(forbidden.toLowerCase());
    }
    expect(checked.plainText).toBe("Inleiding\n\nHallo wereld klik twee veilig\n\nna <tag> & <b>");
    expect(json).toContain("https://example.org");
    const rendered = renderRichTextToHtml(checked.doc);
    expect(rendered).toContain("na &lt;tag&gt; &amp; &lt;b&gt;");
    expect(rendered).not.toMatch(/on[a-z]+=/);
  });

  test("a DOCX with a javascript: hyperlink keeps the text but not the link", async () => {
    const docx = await smallDocx([
      new Paragraph({ text: "1 Inleiding", heading: HeadingLevel.HEADING_1 }),
      new Paragraph({
        children: [
          new TextRun("Lees "),
          new ExternalHyperlink({ link: "javascript:alert(document.cookie)", children: [new TextRun("dit")] }),
          new TextRun(" of "),
          new ExternalHyperlink({ link: "https://www.rijksoverheid.nl/", children: [new TextRun("de Rijksoverheid")] }),
          new TextRun(" voor meer informatie over de Jeugdwet en de hervormingsagenda."),
        ],
      }),
    ]);
    const result = await importFromDocx(docx);
    if (!result.ok) throw new Error(result.message);
    const json = JSON.stringify(result.sections);
    expect(json).not.toContain("javascript");
    expect(json).toContain("https://www.rijksoverheid.nl/");
    for (const f of flattenSections(result.sections)) expect(validateRichText(f.section.content).ok).toBe(true);
  });
});
