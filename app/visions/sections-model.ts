/**
 * The importer's output: a tree of typed sections (see DESIGN.md, "Draft").
 * Isomorphic: no server-only imports.
 */
import type { JSONContent } from "@tiptap/core";
import { plainTextOf } from "~/editor/plain-text";

export const IMPORTED_SECTION_KINDS = [
  "hoofdstuk",
  "paragraaf",
  "bouwsteen",
  "afspraak",
  "leidend_principe",
  "begrip",
] as const;

export type ImportedSectionKind = (typeof IMPORTED_SECTION_KINDS)[number];

export type ImportedSection = {
  kind: ImportedSectionKind;
  /** The number as printed in the document ("2", "2.3", "12"), or null. */
  number: string | null;
  title: string;
  /** A Tiptap document valid against `~/editor/extensions`. */
  content: JSONContent;
  children: ImportedSection[];
};

export type FlatSection = {
  section: ImportedSection;
  /** 1 for top-level sections. */
  depth: number;
  /** Indexes from the root, e.g. [2, 0] is the first child of the third top-level section. */
  path: number[];
  parent: ImportedSection | null;
};

/** Depth-first, document order. */
export function flattenSections(sections: ImportedSection[]): FlatSection[] {
  const out: FlatSection[] = [];
  const walk = (list: ImportedSection[], depth: number, prefix: number[], parent: ImportedSection | null) => {
    list.forEach((section, i) => {
      const path = [...prefix, i];
      out.push({ section, depth, path, parent });
      walk(section.children, depth + 1, path, section);
    });
  };
  walk(sections, 1, [], null);
  return out;
}

/** Number of sections in the tree, optionally only of one kind. */
export function countSections(sections: ImportedSection[], kind?: ImportedSectionKind): number {
  return flattenSections(sections).filter((f) => kind === undefined || f.section.kind === kind).length;
}

/** Counts per kind, all kinds present (zero when absent). */
export function countSectionsByKind(sections: ImportedSection[]): Record<ImportedSectionKind, number> {
  const counts = Object.fromEntries(IMPORTED_SECTION_KINDS.map((k) => [k, 0])) as Record<ImportedSectionKind, number>;
  for (const f of flattenSections(sections)) counts[f.section.kind] += 1;
  return counts;
}

export function sectionPlainText(section: ImportedSection): string {
  return plainTextOf(section.content);
}

/** "2.3 Verstevigen casusregie", "Inleiding". */
export function sectionLabel(section: Pick<ImportedSection, "number" | "title">): string {
  return section.number ? `${section.number} ${section.title}` : section.title;
}

/** Maximum depth of the tree (0 for an empty list). */
export function sectionTreeDepth(sections: ImportedSection[]): number {
  return flattenSections(sections).reduce((max, f) => Math.max(max, f.depth), 0);
}
