import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { cleanText, flowOf, formatLetterDate, type FlowBlock, type Run } from "./flow.server";
import type { DocumentBlock, LetterDocument, PrintDocument, ReportDocument } from "./letter-model";

/**
 * Tagged PDF (PDF/UA identification, language nl-NL, title shown by the viewer) from the print-document
 * model, with pdfkit. Every piece of content is either inside a structure element (Document → H1/H2/H3,
 * P, BlockQuote, L/LI/Lbl/LBody, Table/TR/TH/TD) or marked as an artifact (running header, page
 * numbers, rules and table borders). DejaVu Sans is embedded, so every Dutch character prints.
 * A4, municipal-letter layout: letterhead, address window, reference block, "pagina 1 van 2" on every
 * page and, from page 2, the datum and kenmerk repeated at the top.
 */

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = { top: 96, bottom: 72, left: 72, right: 64 } as const;
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
const BODY_SIZE = 10;
const GREY = "#4a4a4a";
const BLACK = "#000000";

const FONT = { regular: "Sans", bold: "Sans-Bold", italic: "Sans-Italic", boldItalic: "Sans-BoldItalic" } as const;

interface FontFiles {
  regular: Buffer;
  bold: Buffer;
  italic: Buffer;
  boldItalic: Buffer;
}

let fontCache: FontFiles | null = null;
/** fontkit fonts parsed by the first document, handed to the next ones (pdfkit accepts a parsed font). */
let parsedFonts: Record<keyof typeof FONT, unknown> | null = null;

/** The DejaVu TTF folder: resolved as a package (vitest, Node) or from the working directory (server build). */
function fontDirectory(): string {
  const candidates: string[] = [];
  try {
    const require = createRequire(import.meta.url);
    candidates.push(path.dirname(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")));
  } catch {
    // import.meta.url may not be a file URL in every bundle; fall back to the working directory.
  }
  candidates.push(path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf"));
  for (const dir of candidates) {
    try {
      readFileSync(path.join(dir, "DejaVuSans.ttf"), { flag: "r" }).subarray(0, 1);
      return dir;
    } catch {
      // try the next candidate
    }
  }
  throw new Error("DejaVu-lettertypen niet gevonden (pakket dejavu-fonts-ttf)");
}

function fonts(): FontFiles {
  if (!fontCache) {
    const dir = fontDirectory();
    fontCache = {
      regular: readFileSync(path.join(dir, "DejaVuSans.ttf")),
      bold: readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")),
      italic: readFileSync(path.join(dir, "DejaVuSans-Oblique.ttf")),
      boldItalic: readFileSync(path.join(dir, "DejaVuSans-BoldOblique.ttf")),
    };
  }
  return fontCache;
}

function fontFor(run: { bold?: boolean; italic?: boolean }): string {
  if (run.bold && run.italic) return FONT.boldItalic;
  if (run.bold) return FONT.bold;
  if (run.italic) return FONT.italic;
  return FONT.regular;
}

function dropEmpty(lines: (string | null | undefined)[]): string[] {
  return lines.map((l) => cleanText(l ?? "").trim()).filter((l) => l.length > 0);
}

class PdfWriter {
  readonly doc: Doc;
  readonly root: Struct;

  constructor(doc: Doc) {
    this.doc = doc;
    this.root = doc.struct("Document");
    doc.addStructure(this.root);
  }

  get bottom(): number {
    return PAGE_HEIGHT - MARGIN.bottom;
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
      this.doc.x = MARGIN.left;
      this.doc.y = MARGIN.top;
    }
  }

  /** A structure element under `parent` whose content is drawn by `draw` (tagged as marked content). */
  element(parent: Struct, tag: string, draw: () => void, options: Record<string, unknown> = {}): Struct {
    const el = this.doc.struct(tag, options as PDFKit.Mixins.StructureElementOptions);
    parent.add(el);
    el.add(draw);
    el.end();
    return el;
  }

  /** Decoration that carries no content (rules, borders): an artifact. */
  artifact(draw: () => void): void {
    this.doc.markContent("Artifact", { type: "Layout" });
    draw();
    this.doc.endMarkedContent();
  }

  writeRuns(runs: Run[], x: number, width: number, size: number, options: PDFKit.Mixins.TextOptions = {}): void {
    const doc = this.doc;
    const printable = runs.filter((r) => r.text.length > 0);
    if (printable.length === 0) return;
    doc.fontSize(size).fillColor(BLACK);
    printable.forEach((run, i) => {
      const last = i === printable.length - 1;
      doc.font(fontFor(run));
      if (i === 0) doc.text(run.text, x, doc.y, { width, lineGap: 2, ...options, continued: !last });
      else doc.text(run.text, { continued: !last });
    });
  }

  runsHeight(runs: Run[], width: number, size: number): number {
    this.doc.font(FONT.regular).fontSize(size);
    return this.doc.heightOfString(runs.map((r) => r.text).join("") || " ", { width, lineGap: 2 });
  }

  paragraph(
    parent: Struct,
    runs: Run[],
    x: number = MARGIN.left,
    width: number = CONTENT_WIDTH,
    size: number = BODY_SIZE,
    tag = "P",
  ): void {
    const doc = this.doc;
    doc.fontSize(size);
    const lineHeight = doc.currentLineHeight(true) + 2;
    // Keep short paragraphs together and never leave a lone first line at the bottom of a page.
    this.ensureSpace(Math.min(this.runsHeight(runs, width, size), lineHeight * 3));
    this.element(parent, tag, () => this.writeRuns(runs, x, width, size));
    doc.x = MARGIN.left;
    doc.moveDown(0.5);
  }

  heading(parent: Struct, level: 1 | 2 | 3, runs: Run[], x: number = MARGIN.left, width: number = CONTENT_WIDTH): void {
    const size = level === 1 ? 16 : level === 2 ? 13 : 11;
    const doc = this.doc;
    doc.moveDown(level === 1 ? 0.4 : 0.6);
    // A heading stays with at least three lines of what follows.
    this.ensureSpace(this.runsHeight(runs, width, size) + 3 * (BODY_SIZE + 4));
    this.element(parent, `H${level}`, () =>
      this.writeRuns(
        runs.map((r) => ({ ...r, bold: true })),
        x,
        width,
        size,
      ),
    );
    doc.x = MARGIN.left;
    doc.moveDown(0.4);
  }

  flow(
    parent: Struct,
    blocks: FlowBlock[],
    x: number = MARGIN.left,
    width: number = CONTENT_WIDTH,
    size = BODY_SIZE,
  ): void {
    for (const block of blocks) {
      switch (block.kind) {
        case "paragraph":
          this.paragraph(parent, block.runs, x, width, size);
          break;
        case "heading":
          this.heading(parent, block.level, block.runs, x, width);
          break;
        case "list":
          this.list(parent, block.ordered, block.items, x, width, size);
          break;
        case "quote":
          this.quote(parent, block.blocks, undefined, x, width);
          break;
        case "table":
          this.table(
            parent,
            null,
            block.rows.find((r) => r.header)?.cells ?? null,
            block.rows.filter((r) => !r.header).map((r) => r.cells),
            x,
            width,
          );
          break;
      }
    }
  }

  list(parent: Struct, ordered: boolean, items: FlowBlock[][], x: number, width: number, size = BODY_SIZE): void {
    const doc = this.doc;
    const indent = 18;
    const list = doc.struct("L");
    parent.add(list);
    items.forEach((item, i) => {
      doc.fontSize(size);
      const lineHeight = doc.currentLineHeight(true) + 2;
      const first = item[0];
      const firstHeight =
        first && first.kind === "paragraph" ? this.runsHeight(first.runs, width - indent, size) : lineHeight;
      // The label never stays behind at the bottom of a page without its text.
      this.ensureSpace(Math.min(firstHeight, lineHeight * 3) + 1);
      const li = doc.struct("LI");
      list.add(li);
      const y = doc.y;
      const label = ordered ? `${i + 1}.` : "•";
      this.element(li, "Lbl", () => {
        doc.font(FONT.regular).fontSize(size).fillColor(BLACK);
        doc.text(label, x, y, { width: indent, lineBreak: false });
      });
      doc.y = y;
      const body = doc.struct("LBody");
      li.add(body);
      if (item.length === 0) item = [{ kind: "paragraph", runs: [{ text: " " }] }];
      // The first paragraph of an item starts on the label's line.
      this.flow(body, item, x + indent, width - indent, size);
      body.end();
      li.end();
    });
    list.end();
  }

  quote(
    parent: Struct,
    blocks: FlowBlock[],
    source: string | undefined,
    x: number = MARGIN.left,
    width: number = CONTENT_WIDTH,
  ): void {
    const doc = this.doc;
    const quote = doc.struct("BlockQuote");
    parent.add(quote);
    const startPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
    const startY = doc.y;
    const italic = blocks.map((b) =>
      b.kind === "paragraph" ? { ...b, runs: b.runs.map((r) => ({ ...r, italic: true })) } : b,
    );
    this.flow(quote, italic, x + 14, width - 14, BODY_SIZE - 0.5);
    if (source) this.paragraph(quote, [{ text: source }], x + 14, width - 14, BODY_SIZE - 1.5);
    quote.end();
    const samePage = doc.bufferedPageRange().start + doc.bufferedPageRange().count === startPage;
    const top = samePage ? startY : MARGIN.top;
    const end = doc.y - 6;
    if (end > top) {
      this.artifact(() => {
        doc
          .save()
          .lineWidth(2)
          .strokeColor("#8a8a8a")
          .moveTo(x + 3, top)
          .lineTo(x + 3, end)
          .stroke()
          .restore();
      });
    }
  }

  facts(parent: Struct, rows: { label: string; value: string }[]): void {
    for (const row of rows) {
      this.paragraph(parent, [
        { text: `${cleanText(row.label)}: `, bold: true },
        { text: cleanText(row.value) || "-" },
      ]);
    }
  }

  /** A table with a header row (TH, scope column), repeated as an artifact on each following page. */
  table(
    parent: Struct,
    caption: string | null,
    header: string[] | null,
    rows: string[][],
    x: number = MARGIN.left,
    width = CONTENT_WIDTH,
  ): void {
    const doc = this.doc;
    const columns = Math.max(header?.length ?? 0, ...rows.map((r) => r.length), 1);
    const pad = 4;
    const size = 8.5;
    // Every column is at least as wide as its longest word (so words never break), the rest of the
    // width follows the longest text in each column, within bounds.
    const all = [header ?? [], ...rows];
    doc.font(FONT.bold).fontSize(size);
    const minimum = Array.from({ length: columns }, (_, c) => {
      const words = all.flatMap((r) => cleanText(r[c] ?? "").split(/\s+/));
      return Math.min(width / columns, Math.max(20, ...words.map((w) => doc.widthOfString(w))) + 2 * pad + 1);
    });
    const weights = Array.from({ length: columns }, (_, c) => {
      const longest = Math.max(...all.map((r) => (r[c] ?? "").length), 4);
      return Math.min(Math.max(longest, 6), 60);
    });
    const spare = Math.max(0, width - minimum.reduce((a, b) => a + b, 0));
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w, c) => minimum[c]! + (w / total) * spare);

    const table = doc.struct("Table");
    parent.add(table);
    if (caption) {
      this.ensureSpace(60);
      this.element(table, "Caption", () =>
        this.writeRuns([{ text: cleanText(caption), bold: true }], x, width, BODY_SIZE - 0.5),
      );
      doc.moveDown(0.3);
    }

    const rowHeight = (cells: string[], bold: boolean): number => {
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
      return (
        Math.max(
          ...widths.map((w, c) => doc.heightOfString(cleanText(cells[c] ?? "") || " ", { width: w - 2 * pad })),
          0,
        ) +
        2 * pad
      );
    };

    const drawRow = (cells: string[], isHeader: boolean, tagged: boolean): void => {
      const height = rowHeight(cells, isHeader);
      const y = doc.y;
      const draw = (c: number, cellX: number) => () => {
        doc
          .font(isHeader ? FONT.bold : FONT.regular)
          .fontSize(size)
          .fillColor(BLACK);
        doc.text(cleanText(cells[c] ?? ""), cellX + pad, y + pad, { width: widths[c]! - 2 * pad, lineGap: 1 });
      };
      if (tagged) {
        const tr = doc.struct("TR");
        table.add(tr);
        let cellX = x;
        widths.forEach((w, c) => {
          this.element(tr, isHeader ? "TH" : "TD", draw(c, cellX), isHeader ? { scope: "Column" } : {});
          cellX += w;
        });
        tr.end();
      } else {
        this.artifact(() => {
          let cellX = x;
          widths.forEach((w, c) => {
            draw(c, cellX)();
            cellX += w;
          });
        });
      }
      this.artifact(() => {
        doc.save().lineWidth(0.5).strokeColor("#7a7a7a");
        if (isHeader)
          doc.rect(x, y, width, height).fillOpacity(0.08).fillAndStroke("#000000", "#7a7a7a").fillOpacity(1);
        let cellX = x;
        widths.forEach((w) => {
          doc.rect(cellX, y, w, height).stroke();
          cellX += w;
        });
        doc.restore();
      });
      doc.x = MARGIN.left;
      doc.y = y + height;
    };

    if (header) {
      this.ensureSpace(rowHeight(header, true) + (rows[0] ? rowHeight(rows[0], false) : 0));
      drawRow(header, true, true);
    }
    for (const row of rows) {
      const height = rowHeight(row, false);
      if (doc.y + height > this.bottom) {
        this.ensureSpace(height + 1000);
        if (header) drawRow(header, true, false);
      }
      drawRow(row, false, true);
    }
    table.end();
    doc.moveDown(0.8);
  }

  blocks(parent: Struct, body: DocumentBlock[]): void {
    for (const block of body) {
      switch (block.type) {
        case "heading":
          this.heading(parent, block.level, [{ text: cleanText(block.text) }]);
          break;
        case "text":
          this.flow(parent, flowOf(block.content));
          break;
        case "quote":
          this.quote(parent, flowOf(block.content), block.source ? cleanText(block.source) : undefined);
          break;
        case "facts":
          this.facts(parent, block.rows);
          break;
        case "table":
          this.table(parent, block.caption, block.header, block.rows);
          break;
        case "list":
          this.list(
            parent,
            false,
            block.items.map((item) => [{ kind: "paragraph" as const, runs: [{ text: cleanText(item) }] }]),
            MARGIN.left,
            CONTENT_WIDTH,
          );
          break;
      }
    }
  }

  /** Page numbers on every page and, from page 2, the running header; all artifacts. */
  decoratePages(runningHeader: string): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      const margins = doc.page.margins;
      const savedBottom = margins.bottom;
      margins.bottom = 0;
      doc.markContent("Artifact", { type: "Pagination" });
      doc.font(FONT.regular).fontSize(8).fillColor(GREY);
      doc.text(`pagina ${i + 1} van ${range.count}`, MARGIN.left, PAGE_HEIGHT - 48, {
        width: CONTENT_WIDTH,
        align: "right",
        lineBreak: false,
      });
      if (i > 0 && runningHeader) {
        doc.text(runningHeader, MARGIN.left, 48, { width: CONTENT_WIDTH, lineBreak: false });
        doc
          .save()
          .lineWidth(0.5)
          .strokeColor("#9a9a9a")
          .moveTo(MARGIN.left, 64)
          .lineTo(PAGE_WIDTH - MARGIN.right, 64)
          .stroke()
          .restore();
      }
      doc.endMarkedContent();
      margins.bottom = savedBottom;
    }
  }
}

function referenceRows(letter: LetterDocument): [string, string][] {
  const r = letter.references;
  const rows: [string, string | null | undefined][] = [
    ["Datum", formatLetterDate(r.date)],
    ["Ons kenmerk", r.ourReference],
    ["Briefnummer", r.letterNumber],
    ["Onderwerp", r.subject],
    ["Uw kenmerk", r.theirReference || "-"],
    ["Uw brief van", r.theirLetterDate ? formatLetterDate(r.theirLetterDate) : null],
    ["Behandeld door", r.handledBy],
    ["Bijlagen", r.attachments && r.attachments.length ? r.attachments.join(", ") : "-"],
  ];
  return rows
    .filter((row): row is [string, string] => typeof row[1] === "string" && row[1].trim().length > 0)
    .map(([l, v]) => [l, cleanText(v)]);
}

function runningHeaderOfLetter(letter: LetterDocument): string {
  const kenmerk = letter.references.letterNumber ?? letter.references.ourReference;
  return [`Datum ${formatLetterDate(letter.references.date)}`, kenmerk ? `Kenmerk ${kenmerk}` : null]
    .filter(Boolean)
    .join("     ");
}

function writeLetter(w: PdfWriter, letter: LetterDocument): void {
  const doc = w.doc;
  const root = w.root;

  // Letterhead: the sender's name left, its postal address in a narrow column on the right.
  w.element(root, "P", () => {
    doc.font(FONT.bold).fontSize(14).fillColor(BLACK);
    doc.text(cleanText(letter.sender.name), MARGIN.left, 40, { width: 300 });
  });
  const senderLines = dropEmpty([letter.sender.attention, ...letter.sender.addressLines]);
  if (senderLines.length) {
    w.element(root, "P", () => {
      doc.font(FONT.regular).fontSize(8).fillColor(GREY);
      doc.text(senderLines.join("\n"), 400, 42, { width: PAGE_WIDTH - 400 - MARGIN.right / 2, lineGap: 1 });
    });
  }

  // Address window (NEN 1026 position, 50 mm from the top).
  const recipientLines = dropEmpty([
    letter.recipient.name,
    letter.recipient.attention,
    ...letter.recipient.addressLines,
  ]);
  w.element(root, "P", () => {
    doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor(BLACK);
    doc.text(recipientLines.join("\n"), MARGIN.left, 142, { width: 260, lineGap: 1 });
  });

  // Reference block.
  doc.y = 250;
  for (const [label, value] of referenceRows(letter)) {
    const y = doc.y;
    w.element(root, "P", () => {
      doc.font(FONT.regular).fontSize(8).fillColor(GREY);
      doc.text(label, MARGIN.left, y + 1, { width: 95, lineBreak: false });
      doc.font(FONT.regular).fontSize(9).fillColor(BLACK);
      doc.text(value, MARGIN.left + 100, y, { width: CONTENT_WIDTH - 100 });
    });
    doc.y = Math.max(doc.y, y + 13) + 1;
  }
  doc.x = MARGIN.left;
  doc.y += 22;

  w.paragraph(root, [{ text: cleanText(letter.salutation) }]);
  w.blocks(root, letter.body);

  // Closing and signatures.
  doc.moveDown(0.5);
  w.ensureSpace(120);
  w.paragraph(root, [{ text: cleanText(letter.closingFormula) }]);
  const onBehalf = [...new Set(letter.signatures.map((s) => cleanText(s.onBehalfOf ?? "").trim()).filter(Boolean))];
  for (const line of onBehalf) w.paragraph(root, [{ text: line }]);
  const signatures = letter.signatures;
  if (signatures.length) {
    const perRow = Math.min(3, signatures.length);
    const colWidth = CONTENT_WIDTH / perRow;
    for (let start = 0; start < signatures.length; start += perRow) {
      w.ensureSpace(70);
      const y = doc.y + 6;
      let bottom = y;
      signatures.slice(start, start + perRow).forEach((s, i) => {
        const x = MARGIN.left + i * colWidth;
        w.element(root, "P", () => {
          doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor(BLACK);
          const title = cleanText(s.title ?? "").trim();
          doc.text(title ? `${title}\n\n\n${cleanText(s.name)}` : `\n\n\n${cleanText(s.name)}`, x, y, {
            width: colWidth - 10,
            lineGap: 1,
          });
        });
        bottom = Math.max(bottom, doc.y);
      });
      doc.x = MARGIN.left;
      doc.y = bottom + 10;
    }
  }
  if (letter.replyNote) {
    doc.moveDown(0.5);
    w.paragraph(root, [{ text: cleanText(letter.replyNote), italic: true }], MARGIN.left, CONTENT_WIDTH, 8.5);
  }
  w.decoratePages(runningHeaderOfLetter(letter));
}

function writeReport(w: PdfWriter, report: ReportDocument): void {
  const doc = w.doc;
  const root = w.root;
  doc.y = MARGIN.top - 30;
  w.element(root, "H1", () =>
    w.writeRuns([{ text: cleanText(report.title), bold: true }], MARGIN.left, CONTENT_WIDTH, 18),
  );
  doc.moveDown(0.3);
  if (report.subtitle) w.paragraph(root, [{ text: cleanText(report.subtitle) }], MARGIN.left, CONTENT_WIDTH, 12);
  w.paragraph(
    root,
    [{ text: `${cleanText(report.publisher)} · ${formatLetterDate(report.date)}` }],
    MARGIN.left,
    CONTENT_WIDTH,
    9,
  );
  const y = doc.y + 2;
  w.artifact(() => {
    doc
      .save()
      .lineWidth(1)
      .strokeColor("#7a7a7a")
      .moveTo(MARGIN.left, y)
      .lineTo(PAGE_WIDTH - MARGIN.right, y)
      .stroke()
      .restore();
  });
  doc.y = y + 14;
  w.blocks(root, report.body);
  w.decoratePages(`${cleanText(report.title)} · ${formatLetterDate(report.date)}`);
}

/** Renders a letter or report to a tagged, accessible PDF. */
export async function renderPdf(input: PrintDocument): Promise<Uint8Array> {
  // Loaded on first use: pdfkit and fontkit cost every server process ~25 MB and a second at start.
  const { default: PDFDocument } = await import("pdfkit");
  const f = fonts();
  const author = input.type === "letter" ? input.sender.name : input.publisher;
  const subject = input.type === "letter" ? input.references.subject : (input.subtitle ?? input.title);
  const doc = new PDFDocument({
    size: "A4",
    margins: { ...MARGIN },
    bufferPages: true,
    autoFirstPage: false,
    pdfVersion: "1.7",
    tagged: true,
    lang: "nl-NL",
    displayTitle: true,
    // pdfkit 0.20 writes the PDF/UA identification (pdfuaid:part 1); the types only list PDF/A.
    subset: "PDF/UA" as unknown as PDFKit.Mixins.PDFSubsets,
    info: {
      Title: cleanText(input.title),
      Author: cleanText(author),
      Subject: cleanText(subject),
      Creator: "Herleidbaar",
      Producer: "Herleidbaar (pdfkit)",
    },
  });
  // The parsed fonts (fontkit objects) are kept for the next document: parsing DejaVu and warming
  // its glyph caches is most of the cost of a small letter.
  const keys = Object.keys(FONT) as (keyof typeof FONT)[];
  for (const key of keys) doc.registerFont(FONT[key], (parsedFonts?.[key] ?? f[key]) as Buffer);
  if (!parsedFonts) {
    const parsed = {} as Record<keyof typeof FONT, unknown>;
    for (const key of keys) {
      doc.font(FONT[key]);
      parsed[key] = (doc as unknown as { _font: { font: unknown } })._font.font;
    }
    parsedFonts = parsed;
  }
  doc.font(FONT.regular);

  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });

  try {
    doc.addPage();
    doc.font(FONT.regular);
    const writer = new PdfWriter(doc);
    if (input.type === "letter") writeLetter(writer, input);
    else writeReport(writer, input);
    writer.root.end();
    doc.end();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}
