import { asc, eq } from "drizzle-orm";
import { sections } from "~db/schema";
import type { Db } from "~/lib/db.server";
import { inspectZip, startsWithZipMagic } from "~/visions/import-zip";
import { MAX_DOCX_BYTES, MAX_DOCX_UNCOMPRESSED_BYTES } from "~/visions/import.server";
import { parseAdviceLetter, type ParsedLetter } from "./letter-import";
import { suggestAnchors } from "./suggest-anchors";

/** Text of an uploaded Word letter, with the same size and zip-bomb checks as the visie import. */
export async function docxLetterText(buffer: Buffer): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  if (buffer.length > MAX_DOCX_BYTES) return { ok: false, message: "Het Word-bestand is te groot (maximaal 20 MB)." };
  if (!startsWithZipMagic(buffer)) return { ok: false, message: "Dit bestand is geen Word-document (.docx)." };
  const zip = inspectZip(buffer, { maxTotalUncompressed: MAX_DOCX_UNCOMPRESSED_BYTES, maxEntries: 5_000, maxRatio: 200, ratioCheckFrom: 1024 * 1024 });
  if (!zip.ok) return { ok: false, message: "Het Word-bestand kan niet veilig worden gelezen. Sla het opnieuw op als .docx." };
  try {
    const { default: mammoth } = await import("mammoth"); // on first use (~15 MB per process)
    const result = await mammoth.extractRawText({ buffer });
    return { ok: true, text: result.value };
  } catch {
    return { ok: false, message: "Het Word-document kon niet worden gelezen." };
  }
}

export interface LetterProposal {
  letter: ParsedLetter;
  points: Array<ParsedLetter["points"][number] & { suggestions: ReturnType<typeof suggestAnchors> }>;
}

/** Proposed points with suggested anchors, computed on the server against the version's sections. */
export async function proposeLetterImport(db: Db, versionId: string, text: string): Promise<LetterProposal> {
  const letter = parseAdviceLetter(text);
  const versionSections = await db
    .select({ key: sections.key, title: sections.title, number: sections.number, plainText: sections.plainText })
    .from(sections)
    .where(eq(sections.versionId, versionId))
    .orderBy(asc(sections.position));
  return { letter, points: letter.points.map((point) => ({ ...point, suggestions: suggestAnchors(point.text, versionSections, 3) })) };
}
