import type { JSONContent } from "@tiptap/core";
import { plainTextOf } from "~/editor/plain-text";
import { validateRichText } from "~/editor/validate.server";
import { z } from "~/lib/zod.server";
import type { ImportResult } from "./import.server";
import { importFromDocx, importFromMarkdown, importFromText } from "./import.server";
import { sectionKinds } from "./section-kinds";
import type { ImportedSection } from "./sections-model";
import { flattenSections } from "./sections-model";

/**
 * The import preview travels between browser and server as JSON in a hidden field (no server state
 * between steps), so every step validates it again as if it were new input.
 */
const MAX_PREVIEW_CHARS = 8 * 1024 * 1024;

type PreviewNode = {
  kind: ImportedSection["kind"];
  number: string | null;
  title: string;
  content: unknown;
  children: PreviewNode[];
};

const PreviewNodeSchema: z.ZodType<PreviewNode> = z.lazy(() =>
  z.object({
    kind: z.enum(sectionKinds),
    number: z.string().max(20).nullable(),
    title: z.string().min(1).max(300),
    content: z.unknown(),
    children: z.array(PreviewNodeSchema).max(2000),
  }),
);

export function parsePreview(json: string): { ok: true; sections: ImportedSection[] } | { ok: false; message: string } {
  if (json.length > MAX_PREVIEW_CHARS)
    return { ok: false, message: "Het voorbeeld is te groot. Importeer het document opnieuw." };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: "Het voorbeeld kon niet worden gelezen. Importeer het document opnieuw." };
  }
  const parsed = z.array(PreviewNodeSchema).max(2000).safeParse(raw);
  if (!parsed.success) return { ok: false, message: "Het voorbeeld is ongeldig. Importeer het document opnieuw." };
  const check = (nodes: PreviewNode[]): ImportedSection[] | string => {
    const out: ImportedSection[] = [];
    for (const node of nodes) {
      const content = validateRichText(node.content);
      if (!content.ok) return content.message;
      const children = check(node.children);
      if (typeof children === "string") return children;
      out.push({ kind: node.kind, number: node.number, title: node.title, content: content.doc, children });
    }
    return out;
  };
  const sections = check(parsed.data);
  return typeof sections === "string" ? { ok: false, message: sections } : { ok: true, sections };
}

export type ImportFormat = "docx" | "markdown" | "text";

export function detectFormat(filename: string, bytes: Uint8Array): ImportFormat {
  const lower = filename.toLowerCase();
  if (lower.endsWith(".docx") || lower.endsWith(".doc")) return "docx";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "docx";
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  return "text";
}

export async function importUpload(format: ImportFormat, bytes: Buffer): Promise<ImportResult> {
  if (format === "docx") return importFromDocx(bytes);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return format === "markdown" ? importFromMarkdown(text) : importFromText(text);
}

export type PreviewOperation =
  | { op: "kind"; index: number; kind: ImportedSection["kind"] }
  | { op: "merge"; index: number }
  | { op: "split"; index: number; paragraph: number };

function rebuild(flat: Array<{ section: ImportedSection; depth: number }>): ImportedSection[] {
  const roots: ImportedSection[] = [];
  const stack: Array<{ node: ImportedSection; depth: number }> = [];
  for (const item of flat) {
    const node: ImportedSection = { ...item.section, children: [] };
    while (stack.length && stack.at(-1)!.depth >= item.depth) stack.pop();
    (stack.length ? stack.at(-1)!.node.children : roots).push(node);
    stack.push({ node, depth: item.depth });
  }
  return roots;
}

/** Adjustments before saving: change a section's kind, merge it into the one above, or split it at a paragraph. */
export function adjustPreview(
  sections: ImportedSection[],
  operation: PreviewOperation,
): { ok: true; sections: ImportedSection[] } | { ok: false; message: string } {
  const flat = flattenSections(sections).map((f) => ({ section: { ...f.section }, depth: f.depth }));
  const target = flat[operation.index];
  if (!target) return { ok: false, message: "Dat onderdeel bestaat niet (meer)." };
  if (operation.op === "kind") {
    target.section.kind = operation.kind;
    return { ok: true, sections: rebuild(flat) };
  }
  if (operation.op === "merge") {
    if (operation.index === 0)
      return { ok: false, message: "Het eerste onderdeel kan niet met een vorige worden samengevoegd." };
    const previous = flat[operation.index - 1]!;
    const heading: JSONContent = {
      type: "paragraph",
      content: [{ type: "text", text: target.section.title, marks: [{ type: "bold" }] }],
    };
    previous.section.content = {
      type: "doc",
      content: [...(previous.section.content.content ?? []), heading, ...(target.section.content.content ?? [])],
    };
    flat.splice(operation.index, 1);
    return { ok: true, sections: rebuild(flat) };
  }
  const blocks = target.section.content.content ?? [];
  if (operation.paragraph < 1 || operation.paragraph >= blocks.length) {
    return { ok: false, message: "Splitsen kan alleen tussen twee alinea's van het onderdeel." };
  }
  const rest = blocks.slice(operation.paragraph);
  const firstText = plainTextOf({ type: "doc", content: rest.slice(0, 1) }).trim();
  target.section.content = { type: "doc", content: blocks.slice(0, operation.paragraph) };
  const newSection: ImportedSection = {
    kind: target.section.kind === "hoofdstuk" ? "paragraaf" : target.section.kind,
    number: null,
    title: (firstText.split(/[.!?]\s/)[0] ?? "Nieuw onderdeel").slice(0, 80) || "Nieuw onderdeel",
    content: { type: "doc", content: rest },
    children: [],
  };
  flat.splice(operation.index + 1, 0, {
    section: newSection,
    depth: target.section.kind === "hoofdstuk" ? target.depth + 1 : target.depth,
  });
  return { ok: true, sections: rebuild(flat) };
}

/** What the preview table shows per section. */
export function previewRows(sections: ImportedSection[]) {
  return flattenSections(sections).map((f, index) => {
    const text = plainTextOf(f.section.content);
    return {
      index,
      depth: f.depth,
      kind: f.section.kind,
      number: f.section.number,
      title: f.section.title,
      paragraphs: (f.section.content.content ?? []).length,
      excerpt: text.slice(0, 160),
      words: text.split(/\s+/).filter(Boolean).length,
    };
  });
}
