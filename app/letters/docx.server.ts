import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ISectionOptions,
} from "docx";
import { cleanText, flowOf, formatLetterDate, type FlowBlock, type Run } from "./flow.server";
import type { DocumentBlock, LetterDocument, PrintDocument, ReportDocument } from "./letter-model";

/**
 * DOCX from the print-document model, with the `docx` package: Word's built-in Heading 1-3 and Quote
 * styles, real (numbered and bulleted) lists, Word tables with a repeating header row, the reference
 * block as tab-aligned lines, "pagina X van Y" in the footer and, from page 2, datum and kenmerk in
 * the header. Language nl-NL and the document title are set in the styles and core properties.
 * The same text walk as the PDF renderer (flow.server.ts), so both formats carry the same words.
 */

const FONT = "Arial";
const LANGUAGE = { value: "nl-NL" } as const;
/** Twips (1/20 pt): A4 with 25 mm left and 22 mm right margins. */
const PAGE = { width: 11906, height: 16838 };
const MARGINS = { top: 1700, bottom: 1440, left: 1440, right: 1260, header: 700, footer: 700 };

/** Context for list numbering: each ordered list restarts at 1 through its own instance number. */
interface Ctx {
  listInstance: number;
}

function textRuns(runs: Run[], extra: { size?: number; italics?: boolean; color?: string } = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    const parts = run.text.split("\n");
    parts.forEach((part, i) => {
      out.push(
        new TextRun({
          text: part,
          bold: run.bold,
          italics: run.italic || extra.italics,
          size: extra.size,
          color: extra.color,
          ...(i > 0 ? { break: 1 } : {}),
        }),
      );
    });
  }
  return out;
}

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function wordTable(caption: string | null, header: string[] | null, rows: string[][]): (Paragraph | Table)[] {
  const columns = Math.max(header?.length ?? 0, ...rows.map((r) => r.length), 1);
  const cell = (text: string, isHeader: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          children: textRuns([{ text: cleanText(text), bold: isHeader }], { size: 18 }),
        }),
      ],
      shading: isHeader ? { fill: "E8E8E8" } : undefined,
    });
  const pad = (row: string[]) => Array.from({ length: columns }, (_, i) => row[i] ?? "");
  const tableRows: TableRow[] = [];
  if (header)
    tableRows.push(
      new TableRow({ tableHeader: true, cantSplit: true, children: pad(header).map((h) => cell(h, true)) }),
    );
  for (const row of rows)
    tableRows.push(new TableRow({ cantSplit: true, children: pad(row).map((c) => cell(c, false)) }));
  if (tableRows.length === 0) return [];
  const out: (Paragraph | Table)[] = [];
  if (caption)
    out.push(new Paragraph({ style: "Caption", keepNext: true, children: textRuns([{ text: cleanText(caption) }]) }));
  out.push(new Table({ rows: tableRows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  out.push(new Paragraph({ children: [] }));
  return out;
}

function flowToWord(
  blocks: FlowBlock[],
  ctx: Ctx,
  options: { style?: string; level?: number } = {},
): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case "paragraph":
        out.push(new Paragraph({ style: options.style, children: textRuns(block.runs) }));
        break;
      case "heading":
        out.push(new Paragraph({ heading: HEADING[block.level], keepNext: true, children: textRuns(block.runs) }));
        break;
      case "quote":
        out.push(...flowToWord(block.blocks, ctx, { ...options, style: "Quote" }));
        break;
      case "list": {
        const level = Math.min(options.level ?? 0, 2);
        const instance = block.ordered ? ++ctx.listInstance : 0;
        for (const item of block.items) {
          item.forEach((inner, i) => {
            if (inner.kind === "paragraph" || inner.kind === "heading") {
              out.push(
                new Paragraph({
                  style: options.style,
                  children: textRuns(inner.runs),
                  ...(i === 0
                    ? {
                        numbering: {
                          reference: block.ordered ? "numbers" : "bullets",
                          level,
                          ...(block.ordered ? { instance } : {}),
                        },
                      }
                    : { indent: { left: 720 * (level + 1) } }),
                }),
              );
            } else {
              out.push(...flowToWord([inner], ctx, { ...options, level: level + 1 }));
            }
          });
          if (item.length === 0) {
            out.push(
              new Paragraph({ numbering: { reference: block.ordered ? "numbers" : "bullets", level }, children: [] }),
            );
          }
        }
        break;
      }
      case "table":
        out.push(
          ...wordTable(
            null,
            block.rows.find((r) => r.header)?.cells ?? null,
            block.rows.filter((r) => !r.header).map((r) => r.cells),
          ),
        );
        break;
    }
  }
  return out;
}

function bodyToWord(body: DocumentBlock[], ctx: Ctx): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const block of body) {
    switch (block.type) {
      case "heading":
        out.push(
          new Paragraph({
            heading: HEADING[block.level],
            keepNext: true,
            children: textRuns([{ text: cleanText(block.text) }]),
          }),
        );
        break;
      case "text":
        out.push(...flowToWord(flowOf(block.content), ctx));
        break;
      case "quote":
        out.push(...flowToWord(flowOf(block.content), ctx, { style: "Quote" }));
        if (block.source)
          out.push(
            new Paragraph({ style: "Quote", children: textRuns([{ text: cleanText(block.source) }], { size: 17 }) }),
          );
        break;
      case "facts":
        for (const row of block.rows) {
          out.push(
            new Paragraph({
              children: textRuns([
                { text: `${cleanText(row.label)}: `, bold: true },
                { text: cleanText(row.value) || "-" },
              ]),
            }),
          );
        }
        break;
      case "table":
        out.push(...wordTable(block.caption, block.header, block.rows));
        break;
      case "list":
        for (const item of block.items) {
          out.push(
            new Paragraph({
              numbering: { reference: "bullets", level: 0 },
              children: textRuns([{ text: cleanText(item) }]),
            }),
          );
        }
        break;
    }
  }
  return out;
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({
            children: ["pagina ", PageNumber.CURRENT, " van ", PageNumber.TOTAL_PAGES],
            size: 16,
            color: "4A4A4A",
          }),
        ],
      }),
    ],
  });
}

function runningHeader(text: string): Header {
  return new Header({
    children: [
      new Paragraph({
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "9A9A9A", space: 4 } },
        children: [new TextRun({ text, size: 16, color: "4A4A4A" })],
      }),
    ],
  });
}

function section(children: (Paragraph | Table)[], headerText: string): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: { size: { width: PAGE.width, height: PAGE.height }, margin: MARGINS },
    },
    headers: { default: runningHeader(headerText), first: new Header({ children: [new Paragraph({ children: [] })] }) },
    footers: { default: footer(), first: footer() },
    children,
  };
}

function lines(values: (string | null | undefined)[]): string[] {
  return values.map((v) => cleanText(v ?? "").trim()).filter((v) => v.length > 0);
}

function letterChildren(letter: LetterDocument, ctx: Ctx): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  // Letterhead.
  out.push(new Paragraph({ children: textRuns([{ text: cleanText(letter.sender.name), bold: true }], { size: 28 }) }));
  const senderLines = lines([letter.sender.attention, ...letter.sender.addressLines]);
  if (senderLines.length) {
    out.push(new Paragraph({ children: textRuns([{ text: senderLines.join("\n") }], { size: 16, color: "4A4A4A" }) }));
  }
  out.push(new Paragraph({ spacing: { before: 600 }, children: [] }));
  // Address.
  out.push(
    new Paragraph({
      children: textRuns([
        {
          text: lines([letter.recipient.name, letter.recipient.attention, ...letter.recipient.addressLines]).join("\n"),
        },
      ]),
    }),
  );
  out.push(new Paragraph({ spacing: { before: 600 }, children: [] }));
  // Reference block: tab-aligned label/value lines.
  const r = letter.references;
  const refs: [string, string | null | undefined][] = [
    ["Datum", formatLetterDate(r.date)],
    ["Ons kenmerk", r.ourReference],
    ["Briefnummer", r.letterNumber],
    ["Onderwerp", r.subject],
    ["Uw kenmerk", r.theirReference || "-"],
    ["Uw brief van", r.theirLetterDate ? formatLetterDate(r.theirLetterDate) : null],
    ["Behandeld door", r.handledBy],
    ["Bijlagen", r.attachments && r.attachments.length ? r.attachments.join(", ") : "-"],
  ];
  for (const [label, value] of refs) {
    if (!value || !value.trim()) continue;
    out.push(
      new Paragraph({
        tabStops: [{ type: TabStopType.LEFT, position: 2000 }],
        children: [
          new TextRun({ text: label, size: 16, color: "4A4A4A" }),
          new TextRun({ children: [new Tab()] }),
          new TextRun({ text: cleanText(value), size: 18 }),
        ],
      }),
    );
  }
  out.push(new Paragraph({ spacing: { before: 400 }, children: textRuns([{ text: cleanText(letter.salutation) }]) }));
  out.push(...bodyToWord(letter.body, ctx));
  out.push(
    new Paragraph({
      spacing: { before: 240 },
      keepNext: true,
      children: textRuns([{ text: cleanText(letter.closingFormula) }]),
    }),
  );
  const onBehalf = [...new Set(letter.signatures.map((s) => cleanText(s.onBehalfOf ?? "").trim()).filter(Boolean))];
  for (const line of onBehalf) out.push(new Paragraph({ keepNext: true, children: textRuns([{ text: line }]) }));
  for (const s of letter.signatures) {
    const title = cleanText(s.title ?? "").trim();
    out.push(
      new Paragraph({
        spacing: { before: 240 },
        keepLines: true,
        children: textRuns([{ text: `${title ? `${title}\n` : ""}\n\n${cleanText(s.name)}` }]),
      }),
    );
  }
  if (letter.replyNote) {
    out.push(
      new Paragraph({
        spacing: { before: 360 },
        children: textRuns([{ text: cleanText(letter.replyNote), italic: true }], { size: 17 }),
      }),
    );
  }
  return out;
}

function reportChildren(report: ReportDocument, ctx: Ctx): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: textRuns([{ text: cleanText(report.title) }]) }));
  if (report.subtitle)
    out.push(new Paragraph({ children: textRuns([{ text: cleanText(report.subtitle) }], { size: 24 }) }));
  out.push(
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "7A7A7A", space: 4 } },
      children: textRuns([{ text: `${cleanText(report.publisher)} · ${formatLetterDate(report.date)}` }], {
        size: 18,
        color: "4A4A4A",
      }),
    }),
  );
  out.push(new Paragraph({ children: [] }));
  out.push(...bodyToWord(report.body, ctx));
  return out;
}

function listLevels(format: "bullet" | "decimal") {
  return [0, 1, 2].map((level) => ({
    level,
    format: format === "bullet" ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === "bullet" ? ["•", "–", "·"][level]! : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** Renders a letter or report to a Word document (.docx). */
export async function renderDocx(input: PrintDocument): Promise<Uint8Array> {
  const ctx: Ctx = { listInstance: 0 };
  const headerText =
    input.type === "letter"
      ? [
          `Datum ${formatLetterDate(input.references.date)}`,
          input.references.letterNumber || input.references.ourReference
            ? `Kenmerk ${input.references.letterNumber ?? input.references.ourReference}`
            : null,
        ]
          .filter(Boolean)
          .join("     ")
      : `${cleanText(input.title)} · ${formatLetterDate(input.date)}`;
  const children = input.type === "letter" ? letterChildren(input, ctx) : reportChildren(input, ctx);
  const doc = new Document({
    title: cleanText(input.title),
    subject: cleanText(input.type === "letter" ? input.references.subject : (input.subtitle ?? input.title)),
    creator: cleanText(input.type === "letter" ? input.sender.name : input.publisher),
    description: "Gemaakt met Herleidbaar",
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 20, language: LANGUAGE },
          paragraph: { spacing: { after: 120, line: 276 } },
        },
        heading1: {
          run: { font: FONT, size: 32, bold: true, color: "000000" },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading2: {
          run: { font: FONT, size: 26, bold: true, color: "000000" },
          paragraph: { spacing: { before: 240, after: 100 } },
        },
        heading3: {
          run: { font: FONT, size: 22, bold: true, color: "000000" },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
      },
      paragraphStyles: [
        {
          id: "Quote",
          name: "Quote",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { italics: true, color: "333333" },
          paragraph: {
            indent: { left: 425 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: "8A8A8A", space: 8 } },
          },
        },
        {
          id: "Caption",
          name: "caption",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { bold: true, size: 19 },
        },
      ],
    },
    numbering: {
      config: [
        { reference: "bullets", levels: listLevels("bullet") },
        { reference: "numbers", levels: listLevels("decimal") },
      ],
    },
    sections: [section(children, headerText)],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer);
}
