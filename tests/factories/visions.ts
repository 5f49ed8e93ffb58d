import type { JSONContent } from "@tiptap/core";
import type { Db } from "~/lib/db.server";
import type { ImportedSection } from "~/visions/sections-model";
import { createVision, saveImportAsDraft } from "~/visions/visions.server";

export function doc(...paragraphs: string[]): JSONContent {
  return { type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) };
}

export function section(kind: ImportedSection["kind"], title: string, text: string, children: ImportedSection[] = [], number: string | null = null): ImportedSection {
  return { kind, number, title, content: doc(text), children };
}

/** A visie with a draft of two chapters (one with a paragraph) and a begrip. */
export async function createVisionWithDraft(db: Db, actorId: string, regionId: string, slug = `visie-${Math.random().toString(36).slice(2, 8)}`) {
  const created = await createVision(db, actorId, regionId, { title: "Regiovisie Test", slug });
  if (!created.ok) throw new Error(created.message);
  await saveImportAsDraft(
    db,
    actorId,
    regionId,
    created.vision.id,
    [
      section("hoofdstuk", "Inleiding", "Jeugdigen groeien zo veel mogelijk thuis op."),
      section("hoofdstuk", "Onze ambitie", "Hulp is nabij en passend.", [section("paragraaf", "Nabij", "Hulp dichtbij het gezin.", [], "1.1")], "1"),
      section("begrip", "Casusregie", "Coördinatie van hulp rond één gezin."),
    ],
    { filename: "test.txt", format: "text" },
  );
  return created.vision;
}
