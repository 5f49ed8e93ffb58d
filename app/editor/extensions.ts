/**
 * THE Tiptap extension list. The editor (client), the server-side validation
 * (`validate.server.ts`) and the static HTML renderer (`render.server.ts`) all
 * use this exact list, so a document that validates is a document the editor
 * can open and the renderer can draw.
 *
 * Kept deliberately small. Visie texts are policy prose that is quoted,
 * anchored (W3C TextQuoteSelector) and exported to PDF/DOCX letters, so every
 * node or mark we allow is one more thing every exporter has to support.
 *
 * Disabled StarterKit parts and why:
 * - code, codeBlock: policy documents contain no source code; monospace text
 *   in letters looks broken.
 * - strike: strikethrough is how people fake "track changes"; we track changes
 *   with versions and changelogs instead, and struck text is ambiguous when
 *   quoted in a reaction.
 * - underline: on the web underlined text reads as a link (accessibility);
 *   use bold/italic for emphasis.
 * - horizontalRule: structure comes from sections, not from lines.
 *
 * Importable on the server: building a schema from these extensions touches
 * no DOM (only `new Editor(...)` does).
 */
import type { Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";

/** Heading levels inside a section's text. Level 1 is the section title itself. */
export const HEADING_LEVELS = [2, 3, 4] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

/** URL schemes a link may use. */
export const ALLOWED_LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/** The rel attribute every rendered link gets. */
export const LINK_REL = "noopener noreferrer";

/**
 * Normalises a link target for the safety check: removes every ASCII control
 * character and whitespace anywhere in the string (browsers ignore tabs and
 * newlines inside a scheme, so `java\tscript:` is `javascript:`), and
 * lower-cases it. Only for deciding; the stored href is the trimmed original.
 */
function hrefForCheck(href: string): string {
  return href
    .replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, "")
    .toLowerCase();
}

/**
 * True when `href` is an absolute http(s) or mailto URL. Relative URLs,
 * fragments (`#x`), protocol-relative URLs (`//host`) and every other scheme
 * (`javascript:`, `data:`, `vbscript:`, `file:` …) are refused.
 */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== "string") return false;
  const trimmed = href.trim();
  if (trimmed.length === 0 || trimmed.length > 2048) return false;
  // Control characters or whitespace inside the URL are a trick, not a typo.
  if (/[\u0000-\u001f\u007f\s]/.test(trimmed)) return false;
  const folded = hrefForCheck(trimmed);
  if (folded.startsWith("mailto:")) return folded.length > "mailto:".length && !folded.includes("<");
  if (!/^https?:\/\/[^/?#]/.test(folded)) return false;
  try {
    const url = new URL(trimmed);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const extensions: Extensions = [
  StarterKit.configure({
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    horizontalRule: false,
    heading: { levels: [...HEADING_LEVELS] },
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      protocols: [],
      defaultProtocol: "https",
      HTMLAttributes: { rel: LINK_REL, target: null, class: null },
      isAllowedUri: (url) => isSafeHref(url),
      shouldAutoLink: (url) => isSafeHref(url) || isSafeHref(`https://${url}`),
    },
  }),
  Table.configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
];

/** Node type names the schema knows, for error messages and tests. */
export const NODE_TYPES = [
  "doc",
  "paragraph",
  "text",
  "heading",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "hardBreak",
  "table",
  "tableRow",
  "tableHeader",
  "tableCell",
] as const;

export const MARK_TYPES = ["bold", "italic", "link"] as const;
