import { readFileSync } from "node:fs";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import type { Db } from "~/lib/db.server";
import { importFromText } from "~/visions/import.server";
import { addSection, updateSection } from "~/visions/sections.server";
import { createVision, ensureDraft, getDraft, listSections, publishDraft, saveImportAsDraft } from "~/visions/visions.server";
import type { SeededOrganisations } from "./organisations";

export const DEMO_VISION_SLUG = "regiovisie-2026-2030";

/** The seed document (a raadsvoorstel with the regiovisie as an attachment), as staff would paste it. */
export function regiovisieSeedText(): string {
  const full = readFileSync(path.resolve("db/seed/documents/001_33a8688e64a59d40.txt"), "utf8");
  const lines = full.split(/\r?\n/);
  // Staff copy the attachment itself: from its cover ("REGIOVISIE") to the end of the begrippenlijst.
  const start = lines.findIndex((line) => line.trim() === "REGIOVISIE");
  const end = lines.findIndex((line, index) => index > start && line.startsWith("Illustraties mede mogelijk gemaakt"));
  return lines.slice(start, end).join("\n");
}

/** Replaces a sentence in the section's text nodes (as an editor would, by typing). */
function replaceText(doc: JSONContent, from: string, to: string): JSONContent {
  const walk = (node: JSONContent): JSONContent => ({
    ...node,
    ...(typeof node.text === "string" ? { text: node.text.replace(from, to) } : {}),
    ...(node.content ? { content: node.content.map(walk) } : {}),
  });
  return walk(doc);
}

function appendParagraph(doc: JSONContent, text: string): JSONContent {
  return { type: "doc", content: [...(doc.content ?? []), { type: "paragraph", content: [{ type: "text", text }] }] };
}

/**
 * The 2026-2030 regiovisie: imported by the importer, published as "eerste concept" with a
 * consultation round (closed since 30 November 2025), then changed after the reactions and
 * published as "definitief" on 19 December 2025, so the compare view has something to show.
 */
export async function seedFirstConcept(db: Db, orgs: SeededOrganisations) {
  const staff = orgs.users["regioredactie@example.org"]!;
  const created = await createVision(db, staff, orgs.regionId, { title: "Regiovisie Jeugdhulp Rijnmond 2026-2030", slug: DEMO_VISION_SLUG });
  if (!created.ok) throw new Error(created.message);
  const visionId = created.vision.id;

  const imported = importFromText(regiovisieSeedText());
  if (!imported.ok) throw new Error(imported.message);
  await saveImportAsDraft(db, staff, orgs.regionId, visionId, imported.sections, { filename: "Regiovisie Jeugdhulp Rijnmond 2026-2030.txt", format: "text" });

  const first = await publishDraft(
    db,
    staff,
    orgs.regionId,
    visionId,
    {
      label: "eerste concept",
      isDefinitive: false,
      round: {
        opensAt: new Date("2025-10-01T08:00:00Z"),
        closesAt: new Date("2025-11-30T22:59:00Z"),
        visibility: "invited",
        acceptsLate: true,
        invitees: [orgs.advisoryCouncilId, orgs.providerId, orgs.experienceExpertsId],
        reference: "adviesaanvraag per mail d.d. 1 oktober 2025",
        message: "Graag ontvangen wij uw advies of reactie op het eerste concept van de regiovisie.",
      },
    },
    new Date("2025-10-01T08:00:00Z"),
  );
  return { visionId, firstVersionId: first.version.id, firstRoundId: first.roundId! };
}

export const REWORDED_SENTENCE = {
  before: "Dit kan alleen als casusregie effectief wordt belegd bij lokale teams en het estafettemodel wordt doorbroken.",
  after: "Dit kan alleen als casusregie effectief wordt belegd bij lokale teams, met één vaste casusregisseur per gezin, en het estafettemodel wordt doorbroken.",
};

/** After the reactions: the changes staff made, published as "definitief" on 19 December 2025. */
export async function seedDefinitive(db: Db, orgs: SeededOrganisations, visionId: string) {
  const staff = orgs.users["regioredactie@example.org"]!;
  await ensureDraft(db, staff, orgs.regionId, visionId);
  const draftSections = async () => listSections(db, (await getDraft(db, visionId))!.id);
  const edit = async (titlePattern: RegExp, change: (doc: JSONContent) => JSONContent) => {
    const section = (await draftSections()).find((s) => titlePattern.test(s.title));
    if (!section) return;
    const draft = (await getDraft(db, visionId))!;
    await updateSection(db, staff, orgs.regionId, visionId, section.key, {
      title: section.title,
      kind: section.kind,
      number: section.number,
      content: change(section.content as JSONContent),
      revision: draft.revision,
    });
  };
  await edit(/samenhangende ondersteuning/i, (doc) =>
    appendParagraph(
      replaceText(doc, REWORDED_SENTENCE.before, REWORDED_SENTENCE.after),
      "De casusregisseur van het lokale team is het vaste aanspreekpunt voor het gezin. Hij of zij blijft betrokken tot het gezin zonder hulp verder kan.",
    ),
  );
  await edit(/^nabij$/i, (doc) => appendParagraph(doc, "Investeren in preventie, zoals laagdrempelige opvoedondersteuning voor ouders, is een voorwaarde om deze ambitie waar te maken."));
  const expectations = (await draftSections()).find((s) => /onderlinge verwachtingen/i.test(s.title));
  if (expectations) {
    const added = await addSection(db, staff, orgs.regionId, visionId, { title: "Uitvoeringsplan", kind: "paragraaf", parentKey: expectations.key });
    const draft = (await getDraft(db, visionId))!;
    await updateSection(db, staff, orgs.regionId, visionId, added.key, {
      title: "Uitvoeringsplan",
      kind: "paragraaf",
      number: null,
      content: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              {
                type: "text",
                text: "De regio werkt deze visie uit in een uitvoeringsplan, samen met gemeenten, aanbieders, onderwijs en ervaringsdeskundigen. Elk punt uit de reacties is daarin terug te vinden.",
              },
            ],
          },
        ],
      },
      revision: draft.revision,
    });
  }
  const definitive = await publishDraft(db, staff, orgs.regionId, visionId, { label: "definitief", isDefinitive: true, round: null }, new Date("2025-12-19T12:00:00Z"));
  return { definitiveVersionId: definitive.version.id };
}
