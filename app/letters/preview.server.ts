import { flowOf, formatLetterDate } from "./flow.server";
import type { DocumentBlock, LetterDocument } from "./letter-model";
import type { LetterPreviewData, PreviewBlock } from "./preview";

export function previewBlocks(body: DocumentBlock[]): PreviewBlock[] {
  return body.map((block): PreviewBlock => {
    switch (block.type) {
      case "heading":
        return block;
      case "text":
        return { type: "flow", blocks: flowOf(block.content) };
      case "quote":
        return { type: "quote", blocks: flowOf(block.content), source: block.source ?? null };
      case "facts":
      case "table":
      case "list":
        return block;
    }
  });
}

/** The reference block rows as printed (same order and labels as the PDF and DOCX). */
export function referenceRows(doc: LetterDocument): { label: string; value: string }[] {
  const r = doc.references;
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
  return rows.filter((row): row is [string, string] => !!row[1]).map(([label, value]) => ({ label, value }));
}

export function letterPreview(doc: LetterDocument): LetterPreviewData {
  return {
    sender: { name: doc.sender.name, addressLines: doc.sender.addressLines },
    recipient: {
      name: doc.recipient.name,
      attention: doc.recipient.attention ?? null,
      addressLines: doc.recipient.addressLines,
    },
    references: referenceRows(doc),
    salutation: doc.salutation,
    body: previewBlocks(doc.body),
    closingFormula: doc.closingFormula,
    onBehalfOf: [...new Set(doc.signatures.map((s) => s.onBehalfOf ?? "").filter(Boolean))],
    signatures: doc.signatures.map((s) => ({ name: s.name, title: s.title ?? null })),
    replyNote: doc.replyNote ?? null,
  };
}
