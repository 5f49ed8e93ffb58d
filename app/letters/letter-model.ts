import type { JSONContent } from "@tiptap/core";

/**
 * One model for every document the platform prints: letters (antwoordbrief, aanbiedingsbrief) and
 * reports (Nota van beantwoording, rode draad, traceability). The PDF (tagged) and DOCX renderers in
 * this folder take only this model, so a letter looks the same in both formats and nothing else
 * reaches the renderers (no HTML, ever).
 */

/** Rich text from the editor (validated ProseMirror JSON) or plain text (split on blank lines). */
export type DocumentText = { kind: "rich"; doc: JSONContent } | { kind: "plain"; text: string };

export type DocumentBlock =
  | { type: "heading"; level: 1 | 2 | 3; text: string }
  | { type: "text"; content: DocumentText }
  /** A passage quoted from a reaction or the visie, set off and marked as a quotation. */
  | { type: "quote"; content: DocumentText; source?: string }
  /** Label/value pairs such as "Afweging: overgenomen" or "Kenmerk: ASDV-3". */
  | { type: "facts"; rows: { label: string; value: string }[] }
  /** A real table with a header row (tagged as a table in the PDF, a Word table in DOCX). */
  | { type: "table"; caption: string; header: string[]; rows: string[][] }
  | { type: "list"; items: string[] };

export interface PostalParty {
  name: string;
  /** E.g. "t.a.v. de voorzitter". */
  attention?: string;
  addressLines: string[];
}

/** Dutch municipal letter conventions: the reference block beside the address. */
export interface LetterReferences {
  /** ISO date (yyyy-mm-dd), printed as "12 juni 2026". */
  date: string;
  ourReference?: string | null;
  letterNumber?: string | null;
  subject: string;
  theirReference?: string | null;
  /** ISO date of the letter this one answers ("uw brief van"). */
  theirLetterDate?: string | null;
  handledBy?: string | null;
  attachments?: string[];
}

export interface Signature {
  name: string;
  title?: string | null;
  /** E.g. "het college van burgemeester en wethouders van Vlaardingen". */
  onBehalfOf?: string | null;
}

export interface LetterDocument {
  type: "letter";
  /** Document title (PDF metadata and DOCX core properties), e.g. "Antwoordbrief aan …". */
  title: string;
  sender: PostalParty;
  recipient: PostalParty;
  references: LetterReferences;
  /** E.g. "Geacht bestuur,". */
  salutation: string;
  body: DocumentBlock[];
  /** E.g. "Met vriendelijke groet,". */
  closingFormula: string;
  signatures: Signature[];
  /** E.g. "Wilt u bij beantwoording van deze brief het briefnummer 2051077 vermelden?" */
  replyNote?: string | null;
}

export interface ReportDocument {
  type: "report";
  title: string;
  subtitle?: string | null;
  /** Who publishes it, printed on the title block, e.g. "Jeugdhulp Rijnmond". */
  publisher: string;
  /** ISO date. */
  date: string;
  body: DocumentBlock[];
}

export type PrintDocument = LetterDocument | ReportDocument;
