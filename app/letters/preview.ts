import type { FlowBlock } from "./flow.server";

/**
 * The letter or report model as plain data for an on-screen preview: rich text is already walked
 * into flow blocks on the server (the same walk as the PDF and DOCX), so the page renders text
 * nodes only, never HTML.
 */
export type PreviewBlock =
  | { type: "heading"; level: 1 | 2 | 3; text: string }
  | { type: "flow"; blocks: FlowBlock[] }
  | { type: "quote"; blocks: FlowBlock[]; source: string | null }
  | { type: "facts"; rows: { label: string; value: string }[] }
  | { type: "table"; caption: string; header: string[]; rows: string[][] }
  | { type: "list"; items: string[] };

export interface LetterPreviewData {
  sender: { name: string; addressLines: string[] };
  recipient: { name: string; attention: string | null; addressLines: string[] };
  references: { label: string; value: string }[];
  salutation: string;
  body: PreviewBlock[];
  closingFormula: string;
  onBehalfOf: string[];
  signatures: { name: string; title: string | null }[];
  replyNote: string | null;
}

export type { FlowBlock };
