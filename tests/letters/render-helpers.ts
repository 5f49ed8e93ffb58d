import JSZip from "jszip";

/** Text, metadata and structure of a PDF, read with pdfjs-dist as a PDF reader would. */
export async function readPdf(bytes: Uint8Array) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false })
    .promise;
  const pages: string[] = [];
  const structRoles = new Set<string>();
  const collect = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const n = node as { role?: string; children?: unknown[] };
    if (n.role) structRoles.add(n.role);
    for (const child of n.children ?? []) collect(child);
  };
  let hasStructTree = true;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
    const tree = await page.getStructTree();
    if (!tree) hasStructTree = false;
    collect(tree);
  }
  const metadata = await doc.getMetadata();
  const markInfo = await doc.getMarkInfo();
  const info = metadata.info as Record<string, unknown>;
  await doc.destroy();
  return { pages, text: pages.join("\n"), info, markInfo, hasStructTree, structRoles };
}

/** word/document.xml (and headers/footers) of a DOCX. */
export async function readDocx(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
  const documentXml = await read("word/document.xml");
  const headers = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/header\d*\.xml$/.test(n))
      .map(read),
  );
  const footers = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/footer\d*\.xml$/.test(n))
      .map(read),
  );
  const text = [...documentXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!)).join(" ");
  return {
    documentXml,
    stylesXml: await read("word/styles.xml"),
    coreXml: await read("docProps/core.xml"),
    numberingXml: await read("word/numbering.xml"),
    headers,
    footers,
    text,
  };
}

function decodeXml(value: string): string {
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Whitespace-insensitive containment (lines wrap differently in each format). */
export function squash(value: string): string {
  return value.replace(/\s+/g, "");
}
