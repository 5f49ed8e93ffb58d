import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import { sections, visionVersions } from "~db/schema";
import { docFromPlainText, plainTextOf } from "~/editor/plain-text";
import { validateRichText } from "~/editor/validate.server";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import type { SectionKind } from "./section-kinds";
import type { SectionRow, VersionRow } from "./visions.server";
import { getDraft, listSections, VisionError } from "./visions.server";

/** Every draft edit bumps the version's revision: a form from before another edit is a conflict, never an overwrite. */
async function lockDraft(tx: Db, draft: VersionRow, expectedRevision: number | null) {
  const condition =
    expectedRevision === null
      ? and(eq(visionVersions.id, draft.id), eq(visionVersions.status, "draft"))
      : and(eq(visionVersions.id, draft.id), eq(visionVersions.status, "draft"), eq(visionVersions.revision, expectedRevision));
  const [row] = await tx
    .update(visionVersions)
    .set({ revision: draft.revision + 1 })
    .where(condition)
    .returning({ revision: visionVersions.revision });
  if (!row) {
    throw new VisionError(
      expectedRevision === null
        ? "Deze versie is gepubliceerd en kan niet meer worden gewijzigd."
        : "Iemand anders heeft dit concept intussen gewijzigd. Uw tekst staat hieronder; kopieer hem, ververs de pagina en voeg uw wijziging opnieuw in.",
      "conflict",
    );
  }
  return row.revision;
}

async function requireDraft(db: Db, visionId: string) {
  const draft = await getDraft(db, visionId);
  if (!draft) throw new VisionError("Er is geen concept: maak eerst een nieuwe conceptversie.");
  return draft;
}

export function parseSectionContent(input: { content?: string; contentJson?: string }): { ok: true; doc: JSONContent } | { ok: false; message: string } {
  if (input.contentJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.contentJson);
    } catch {
      return { ok: false, message: "De tekst uit de editor kon niet worden gelezen. Probeer het opnieuw." };
    }
    const checked = validateRichText(parsed);
    return checked.ok ? { ok: true, doc: checked.doc } : { ok: false, message: checked.message };
  }
  const doc = docFromPlainText(input.content ?? "");
  const checked = validateRichText(doc);
  return checked.ok ? { ok: true, doc: checked.doc } : { ok: false, message: checked.message };
}

export async function updateSection(
  db: Db,
  actorId: string,
  regionId: string,
  visionId: string,
  sectionKey: string,
  input: { title: string; kind: SectionKind; number: string | null; content: JSONContent; revision: number },
) {
  const draft = await requireDraft(db, visionId);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(sections).where(and(eq(sections.versionId, draft.id), eq(sections.key, sectionKey)));
    if (!before) throw new VisionError("Onderdeel niet gevonden.");
    const revision = await lockDraft(tx, draft, input.revision);
    const [after] = await tx
      .update(sections)
      .set({ title: input.title, kind: input.kind, number: input.number, content: input.content, plainText: plainTextOf(input.content) })
      .where(eq(sections.id, before.id))
      .returning();
    await writeAudit(tx, {
      actorId,
      regionId,
      action: "section.update",
      entityType: "section",
      entityId: before.id,
      before: { title: before.title, kind: before.kind, number: before.number, content: before.content },
      after: { title: after!.title, kind: after!.kind, number: after!.number, content: after!.content },
    });
    return { section: after!, revision };
  });
}

interface Node {
  row: SectionRow;
  children: Node[];
}

function buildTree(rows: SectionRow[]): Node[] {
  const byKey = new Map(rows.map((row) => [row.key, { row, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const row of rows) {
    const node = byKey.get(row.key)!;
    const parent = row.parentKey ? byKey.get(row.parentKey) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function locate(roots: Node[], key: string, parent: Node | null = null): { siblings: Node[]; index: number; parent: Node | null } | null {
  const index = roots.findIndex((n) => n.row.key === key);
  if (index >= 0) return { siblings: roots, index, parent };
  for (const node of roots) {
    const found = locate(node.children, key, node);
    if (found) return found;
  }
  return null;
}

/** Writes back document order and parents for every section whose place changed. */
async function persistTree(tx: Db, roots: Node[]) {
  let position = 0;
  const walk = async (nodes: Node[], parentKey: string | null) => {
    for (const node of nodes) {
      if (node.row.position !== position || node.row.parentKey !== parentKey) {
        await tx.update(sections).set({ position, parentKey }).where(eq(sections.id, node.row.id));
      }
      position++;
      await walk(node.children, node.row.key);
    }
  };
  await walk(roots, null);
}

/** Keyboard-operable moves: up and down among siblings, in (under the previous sibling) and out (after the parent). */
export async function moveSection(db: Db, actorId: string, regionId: string, visionId: string, sectionKey: string, direction: "up" | "down" | "in" | "out") {
  const draft = await requireDraft(db, visionId);
  await db.transaction(async (tx) => {
    await lockDraft(tx, draft, null);
    const roots = buildTree(await listSections(tx, draft.id));
    const found = locate(roots, sectionKey);
    if (!found) throw new VisionError("Onderdeel niet gevonden.");
    const { siblings, index, parent } = found;
    const [node] = siblings.splice(index, 1);
    if (direction === "up") {
      if (index === 0) throw new VisionError("Dit onderdeel staat al bovenaan.");
      siblings.splice(index - 1, 0, node!);
    } else if (direction === "down") {
      if (index >= siblings.length) throw new VisionError("Dit onderdeel staat al onderaan.");
      siblings.splice(index + 1, 0, node!);
    } else if (direction === "in") {
      if (index === 0) throw new VisionError("Er staat geen onderdeel boven dit onderdeel om het onder te hangen.");
      siblings[index - 1]!.children.push(node!);
    } else {
      if (!parent) throw new VisionError("Dit onderdeel staat al op het hoogste niveau.");
      const outer = locate(roots, parent.row.key)!;
      outer.siblings.splice(outer.index + 1, 0, node!);
    }
    await persistTree(tx, roots);
    await writeAudit(tx, { actorId, regionId, action: "section.move", entityType: "section", entityId: node!.row.id, after: { direction } });
  });
}

export async function addSection(db: Db, actorId: string, regionId: string, visionId: string, input: { title: string; kind: SectionKind; parentKey?: string }) {
  const draft = await requireDraft(db, visionId);
  return db.transaction(async (tx) => {
    await lockDraft(tx, draft, null);
    const rows = await listSections(tx, draft.id);
    const roots = buildTree(rows);
    if (input.parentKey && !rows.some((r) => r.key === input.parentKey)) throw new VisionError("Het bovenliggende onderdeel bestaat niet.");
    const content = docFromPlainText("");
    const [row] = await tx
      .insert(sections)
      .values({ versionId: draft.id, key: randomUUID(), parentKey: input.parentKey ?? null, position: rows.length, kind: input.kind, title: input.title, content, plainText: "" })
      .returning();
    const node = { row: row!, children: [] };
    if (input.parentKey) locate(roots, input.parentKey)!.siblings[locate(roots, input.parentKey)!.index]!.children.push(node);
    else roots.push(node);
    await persistTree(tx, roots);
    await writeAudit(tx, { actorId, regionId, action: "section.create", entityType: "section", entityId: row!.id, after: { title: row!.title, kind: row!.kind } });
    return row!;
  });
}

/** Deletes the section with everything under it. */
export async function deleteSection(db: Db, actorId: string, regionId: string, visionId: string, sectionKey: string) {
  const draft = await requireDraft(db, visionId);
  await db.transaction(async (tx) => {
    await lockDraft(tx, draft, null);
    const roots = buildTree(await listSections(tx, draft.id));
    const found = locate(roots, sectionKey);
    if (!found) throw new VisionError("Onderdeel niet gevonden.");
    const [node] = found.siblings.splice(found.index, 1);
    const ids: string[] = [];
    const collect = (n: Node) => {
      ids.push(n.row.id);
      n.children.forEach(collect);
    };
    collect(node!);
    await tx.delete(sections).where(inArray(sections.id, ids));
    await persistTree(tx, roots);
    await writeAudit(tx, { actorId, regionId, action: "section.delete", entityType: "section", entityId: node!.row.id, before: { title: node!.row.title, kind: node!.row.kind, removed: ids.length } });
  });
}

/** Chapters 1, 2, 3…; paragraphs 2.1, 2.2… within their chapter; bouwstenen 1…n across the document. */
export async function renumberDraft(db: Db, actorId: string, regionId: string, visionId: string) {
  const draft = await requireDraft(db, visionId);
  await db.transaction(async (tx) => {
    await lockDraft(tx, draft, null);
    const roots = buildTree(await listSections(tx, draft.id));
    let chapter = 0;
    let buildingBlock = 0;
    const changes: Array<{ id: string; number: string | null }> = [];
    const walk = (nodes: Node[], chapterNumber: string | null) => {
      let paragraph = 0;
      for (const node of nodes) {
        let number = node.row.number;
        if (node.row.kind === "hoofdstuk" && node.row.number !== null) number = String(++chapter);
        else if (node.row.kind === "paragraaf" && chapterNumber) number = `${chapterNumber}.${++paragraph}`;
        else if (node.row.kind === "bouwsteen") number = String(++buildingBlock);
        if (number !== node.row.number) changes.push({ id: node.row.id, number });
        walk(node.children, node.row.kind === "hoofdstuk" ? number : chapterNumber);
      }
    };
    walk(roots, null);
    for (const change of changes) await tx.update(sections).set({ number: change.number }).where(eq(sections.id, change.id));
    await writeAudit(tx, { actorId, regionId, action: "version.renumber", entityType: "vision_version", entityId: draft.id, after: { changed: changes.length } });
  });
}
