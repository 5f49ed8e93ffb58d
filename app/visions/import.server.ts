/**
 * Import of a regiovisie from plain text, Markdown or DOCX into a tree of
 * typed sections (hoofdstuk, paragraaf, bouwsteen, afspraak, leidend
 * principe, begrip). Generic for Dutch regiovisie documents; see
 * `import-structure.ts` for the heading detection.
 *
 * Every section's content is validated with `validateRichText`, so what comes
 * out can be stored as is.
 */
import { validateRichText } from "~/editor/validate.server";
import type { ImportedSection } from "./sections-model";
import type { Block } from "./import-blocks";
import { htmlToBlocks, type HtmlStats } from "./import-html";
import { markdownToBlocks, type MarkdownStats } from "./import-markdown";
import { buildSections } from "./import-structure";
import { textToBlocks } from "./import-text";
import { inspectZip, isOleCompoundFile, startsWithZipMagic } from "./import-zip";

export type ImportResult =
  { ok: true; title: string | null; sections: ImportedSection[]; warnings: string[] } | { ok: false; message: string };

export const MAX_DOCX_BYTES = 20 * 1024 * 1024;
export const MAX_DOCX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
export const MAX_TEXT_CHARS = 5 * 1024 * 1024;

const MESSAGES = {
  empty: "Het bestand is leeg.",
  noText: "Het bestand bevat geen tekst om in te lezen.",
  binary: "Het bestand bevat geen leesbare tekst. Kies een tekstbestand (.txt of .md) of een Word-document (.docx).",
  looksLikeDocx: "Dit is een Word-document (.docx), geen tekstbestand. Lees het in als Word-document.",
  textTooLarge: `Het bestand is te groot (meer dan ${MAX_TEXT_CHARS / 1024 / 1024} MB tekst).`,
  docxTooLarge: `Het Word-bestand is te groot (maximaal ${MAX_DOCX_BYTES / 1024 / 1024} MB).`,
  notDocx: "Dit bestand is geen Word-document (.docx). Sla het document in Word op als .docx en probeer het opnieuw.",
  ole: "Dit is een ouder Word-bestand (.doc) of een met een wachtwoord beveiligd document. Sla het in Word op als .docx zonder wachtwoord en probeer het opnieuw.",
  corrupt: "Het Word-bestand is beschadigd en kan niet worden gelezen.",
  encrypted: "Het Word-bestand is met een wachtwoord beveiligd. Sla het op zonder wachtwoord en probeer het opnieuw.",
  zipTooLarge: `Het Word-bestand is uitgepakt te groot (meer dan ${MAX_DOCX_UNCOMPRESSED_BYTES / 1024 / 1024} MB) en wordt om veiligheidsredenen geweigerd.`,
  zipSuspicious: "Het Word-bestand is verdacht sterk gecomprimeerd en wordt om veiligheidsredenen geweigerd.",
  unsupported:
    "Het Word-bestand gebruikt een vorm die niet wordt ondersteund. Sla het opnieuw op als .docx en probeer het opnieuw.",
  unreadable: "Het Word-document kon niet worden gelezen. Sla het opnieuw op als .docx en probeer het opnieuw.",
  sectionTooLarge: (title: string) =>
    `Het onderdeel "${title}" is te groot om in één keer op te slaan. Zorg dat het document kopjes heeft, zodat het in kleinere onderdelen wordt opgedeeld.`,
  internal:
    "Het document kon niet goed worden omgezet. Probeer het als platte tekst of neem contact op met de beheerder.",
} as const;

/** NUL bytes, many control characters or replacement characters: not a text file. */
function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, 200_000);
  const controls = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  const replacement = sample.match(/\ufffd/g)?.length ?? 0;
  return controls > sample.length * 0.01 || replacement > Math.max(5, sample.length * 0.01);
}

function checkText(text: string): ImportResult | null {
  if (typeof text !== "string" || text.trim().length === 0) return { ok: false, message: MESSAGES.empty };
  if (text.startsWith("PK\u0003\u0004")) return { ok: false, message: MESSAGES.looksLikeDocx };
  if (text.length > MAX_TEXT_CHARS) return { ok: false, message: MESSAGES.textTooLarge };
  if (looksBinary(text)) return { ok: false, message: MESSAGES.binary };
  return null;
}

function finish(blocks: Block[], extraWarnings: string[]): ImportResult {
  const hasText = blocks.some((b) => b.kind !== "para" || b.inline.length > 0);
  if (!hasText) return { ok: false, message: MESSAGES.noText };
  const { title, sections, warnings } = buildSections(blocks);
  const check = (list: ImportedSection[]): ImportResult | null => {
    for (const section of list) {
      const result = validateRichText(section.content);
      if (!result.ok) {
        if (/te lang/.test(result.message)) return { ok: false, message: MESSAGES.sectionTooLarge(section.title) };
        return { ok: false, message: MESSAGES.internal };
      }
      section.content = result.doc;
      const failed = check(section.children);
      if (failed) return failed;
    }
    return null;
  };
  const failed = check(sections);
  if (failed) return failed;
  return { ok: true, title, sections, warnings: [...extraWarnings, ...warnings] };
}

export function importFromText(text: string): ImportResult {
  const bad = checkText(text);
  if (bad) return bad;
  const { blocks, removedLines } = textToBlocks(text);
  const warnings: string[] = [];
  if (removedLines > 0) {
    warnings.push(
      `${removedLines} ${removedLines === 1 ? "regel" : "regels"} met paginanummers of kop- en voetteksten ${removedLines === 1 ? "is" : "zijn"} weggelaten.`,
    );
  }
  return finish(blocks, warnings);
}

export function importFromMarkdown(md: string): ImportResult {
  const bad = checkText(md);
  if (bad) return bad;
  const stats: MarkdownStats = { images: 0, unsafeLinks: 0 };
  const blocks = markdownToBlocks(md, stats);
  const warnings: string[] = [];
  if (stats.images > 0)
    warnings.push(`${stats.images} ${stats.images === 1 ? "afbeelding is" : "afbeeldingen zijn"} niet overgenomen.`);
  if (stats.unsafeLinks > 0) {
    warnings.push(
      `${stats.unsafeLinks} ${stats.unsafeLinks === 1 ? "link is" : "links zijn"} als gewone tekst overgenomen (alleen http-, https- en mailto-links zijn toegestaan).`,
    );
  }
  return finish(blocks, warnings);
}

export async function importFromDocx(buffer: Buffer): Promise<ImportResult> {
  if (!Buffer.isBuffer(buffer) || buffer.length === 0) return { ok: false, message: MESSAGES.empty };
  if (buffer.length > MAX_DOCX_BYTES) return { ok: false, message: MESSAGES.docxTooLarge };
  if (isOleCompoundFile(buffer)) return { ok: false, message: MESSAGES.ole };
  if (!startsWithZipMagic(buffer)) return { ok: false, message: MESSAGES.notDocx };
  const zip = inspectZip(buffer, {
    maxTotalUncompressed: MAX_DOCX_UNCOMPRESSED_BYTES,
    maxEntries: 5_000,
    maxRatio: 200,
    ratioCheckFrom: 1024 * 1024,
  });
  if (!zip.ok) {
    switch (zip.reason) {
      case "too-large":
        return { ok: false, message: MESSAGES.zipTooLarge };
      case "suspicious":
        return { ok: false, message: MESSAGES.zipSuspicious };
      case "encrypted":
        return { ok: false, message: MESSAGES.encrypted };
      case "unsupported":
        return { ok: false, message: MESSAGES.unsupported };
      case "ole":
        return { ok: false, message: MESSAGES.ole };
      case "not-zip":
        return { ok: false, message: MESSAGES.notDocx };
      default:
        return { ok: false, message: MESSAGES.corrupt };
    }
  }
  if (!zip.entries.some((e) => e.name === "word/document.xml")) return { ok: false, message: MESSAGES.notDocx };

  let html: string;
  let images = 0;
  // Loaded on first use: mammoth costs every server process ~15 MB for a rare staff action.
  const { default: mammoth } = await import("mammoth");
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: ["p[style-name='Title'] => p.doc-title:fresh", "p[style-name='Subtitle'] => p.doc-subtitle:fresh"],
        externalFileAccess: false,
        // Never decode image data: count and drop.
        convertImage: mammoth.images.imgElement(() => {
          images++;
          return Promise.resolve({ src: "" });
        }),
      },
    );
    html = result.value;
  } catch {
    return { ok: false, message: MESSAGES.unreadable };
  }
  const stats: HtmlStats = { images: 0, droppedElements: 0 };
  const blocks = htmlToBlocks(html, stats);
  const warnings: string[] = [];
  if (images > 0) warnings.push(`${images} ${images === 1 ? "afbeelding is" : "afbeeldingen zijn"} niet overgenomen.`);
  return finish(blocks, warnings);
}
