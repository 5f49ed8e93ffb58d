/**
 * Download addresses. Every URL that answers with a file ends in the file's name with its extension
 * (`…/nota/nota-van-beantwoording.pdf`), so people, browsers, crawlers and the site walker can tell
 * it is a file and the saved file gets a sensible name.
 *
 * One pattern: the file name is the last path segment of the page it belongs to. Routes take it as a
 * `$bestand` parameter checked against the allow-list below (anything else is a 404); the format the
 * user picks (PDF, Word, CSV) is the extension. Only where the page already has a dynamic child
 * segment (the uitvoeringsplan's `$actionId`) is the one name a static escaped segment
 * (`uitvoeringsplan[.]csv`). Pages link to these names; the route-policy table lists them per route
 * (`download`), which tests/security/route-table.test.ts checks against the route files.
 *
 * Client-safe: no server imports.
 */

export const downloadExtensions = ["pdf", "docx", "csv", "json", "zip"] as const;
export type DownloadExtension = (typeof downloadExtensions)[number];

/** The file names each download route serves. */
export const downloadNames = {
  /** Staff (and, once sent, the organisation's) antwoordbrief. */
  letter: ["antwoordbrief.pdf", "antwoordbrief.docx"],
  nota: ["nota-van-beantwoording.pdf", "nota-van-beantwoording.docx", "nota-van-beantwoording.csv"],
  threadReport: ["rode-draad.pdf", "rode-draad.docx"],
  actionsCsv: ["uitvoeringsplan.csv"],
  /** Staff and public traceability of one organisation (`?organisatie=`). */
  traceability: ["herleidbaarheid.pdf", "herleidbaarheid.csv"],
  /** Raadsbesluit (PDF) or aanbiedingsbrief (PDF/DOCX) of an adoption, by file id. */
  adoptionFile: ["raadsbesluit.pdf", "aanbiedingsbrief.pdf", "aanbiedingsbrief.docx"],
  /** An aanbiedingsbrief sent to the griffie's municipality, by file id. */
  sentAdoptionLetter: ["aanbiedingsbrief.pdf", "aanbiedingsbrief.docx"],
  reaction: ["reactie.pdf"],
  publicLetter: ["antwoordbrief.pdf"],
  openData: ["punten.csv", "antwoorden.csv", "besluiten.csv", "acties.csv", "open-data.json"],
  personalData: ["mijn-gegevens.json"],
} as const satisfies Record<string, readonly `${string}.${DownloadExtension}`[]>;

export type DownloadKind = keyof typeof downloadNames;
export type DownloadName<K extends DownloadKind> = (typeof downloadNames)[K][number];

/** The extension of a file name when it is one of ours ("brief.PDF" → "pdf"), else null. */
export function extensionOf(name: string): DownloadExtension | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(name);
  const ext = match?.[1]?.toLowerCase();
  return downloadExtensions.find((e) => e === ext) ?? null;
}

/**
 * The `$bestand` segment of a request when it is one of the kind's names: the name, its stem and
 * extension; null (the route answers 404) for anything else.
 */
export function pickDownload<K extends DownloadKind>(
  kind: K,
  segment: string | undefined,
): { name: DownloadName<K>; stem: string; extension: DownloadExtension } | null {
  const names: readonly string[] = downloadNames[kind];
  if (!segment || !names.includes(segment)) return null;
  const extension = extensionOf(segment)!;
  return { name: segment as DownloadName<K>, stem: segment.slice(0, -extension.length - 1), extension };
}

/** The allowed name of a kind with this extension ("nota", "csv" → "nota-van-beantwoording.csv"). */
export function downloadNameFor<K extends DownloadKind>(kind: K, extension: string | null): DownloadName<K> | null {
  const names: readonly string[] = downloadNames[kind];
  return (names.find((n) => extensionOf(n) === extension) as DownloadName<K> | undefined) ?? null;
}

/**
 * Where an old download address that chose the format by query (`…/bestand?formaat=pdf&ronde=…`)
 * lives now: `page/<name>` with the rest of the query kept. A missing format is `fallback`; an
 * unknown one null (the old route answers 404).
 */
export function movedDownload(oldUrl: string, page: string, kind: DownloadKind, fallback: DownloadExtension): string | null {
  const url = new URL(oldUrl);
  const name = downloadNameFor(kind, url.searchParams.get("formaat") ?? fallback);
  if (!name) return null;
  url.searchParams.delete("formaat");
  const search = url.searchParams.toString();
  return `${page}/${name}${search ? `?${search}` : ""}`;
}
