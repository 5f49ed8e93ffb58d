import type { JSONContent } from "@tiptap/core";
import { and, eq, inArray } from "drizzle-orm";
import { organisations, reactions, regions, sections, visions, visionVersions } from "~db/schema";
import { addressLines, isoDateInAmsterdam } from "~/letters/response-letter-model.server";
import type { DocumentBlock, LetterDocument } from "~/letters/letter-model";
import { renderPdf } from "~/letters/render.server";
import type { Db } from "~/lib/db.server";
import { loadReactionDetails } from "./reactions.server";
import { pointKindLabels } from "./options";

function richOrEmpty(doc: unknown): JSONContent | null {
  const content = doc as JSONContent | null;
  return content && Array.isArray(content.content) && content.content.length > 0 ? content : null;
}

/**
 * A submitted reaction as the letter it is (seed 001: the advies of the Vlaardingen adviesraad):
 * letter metadata, introduction, every point with its reference, kind, the part of the visie it is
 * about and any quoted passage, the conclusion and the signatories. Attached to the
 * ontvangstbevestiging and downloadable by whoever may read the reaction.
 */
export async function buildReactionDocument(db: Db, reactionId: string): Promise<LetterDocument | null> {
  const [row] = await db
    .select({ reaction: reactions, organisation: organisations, vision: visions, version: visionVersions, region: regions })
    .from(reactions)
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .innerJoin(visions, eq(visions.id, reactions.visionId))
    .innerJoin(visionVersions, eq(visionVersions.id, reactions.versionId))
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(eq(reactions.id, reactionId));
  if (!row) return null;
  const { reaction, organisation, vision, version, region } = row;
  const details = await loadReactionDetails(db, reactionId);
  const sectionKeys = [...new Set(details.points.flatMap((p) => p.anchors.map((a) => a.sectionKey)))];
  const [addressedTo, sectionRows] = await Promise.all([
    reaction.addressedToId ? db.select().from(organisations).where(eq(organisations.id, reaction.addressedToId)).then((r) => r[0] ?? null) : Promise.resolve(null),
    sectionKeys.length
      ? db
          .select({ key: sections.key, number: sections.number, title: sections.title })
          .from(sections)
          .where(and(eq(sections.versionId, reaction.versionId), inArray(sections.key, sectionKeys)))
      : Promise.resolve([]),
  ]);
  const sectionName = new Map(sectionRows.map((s) => [s.key, `${s.number ? `${s.number} ` : ""}${s.title}`]));
  const kindWord = reaction.kind === "advies" ? "Advies" : reaction.kind === "reactiebrief" ? "Reactiebrief" : "Reactie";
  const subject = reaction.subject ?? `${kindWord} op ${vision.title} (${version.label})`;
  const recipientName = addressedTo ? (addressedTo.type === "gemeente" ? `College van burgemeester en wethouders van ${addressedTo.name}` : addressedTo.name) : region.name;

  const body: DocumentBlock[] = [];
  const introduction = richOrEmpty(reaction.introduction);
  if (introduction) body.push({ type: "text", content: { kind: "rich", doc: introduction } });
  body.push({ type: "heading", level: 2, text: details.points.length === 1 ? "Ons punt" : `Onze ${details.points.length} punten` });
  for (const point of details.points) {
    body.push({ type: "heading", level: 3, text: `${point.reference} — ${pointKindLabels[point.kind]}` });
    const about = point.isGeneral ? "de visie als geheel" : point.anchors.map((a) => sectionName.get(a.sectionKey) ?? "een onderdeel van de visie").join("; ");
    body.push({ type: "facts", rows: [{ label: "Over", value: about }] });
    for (const anchor of point.anchors) {
      if (anchor.exact) body.push({ type: "quote", content: { kind: "plain", text: anchor.exact }, source: sectionName.get(anchor.sectionKey) });
    }
    const text = richOrEmpty(point.body);
    body.push({ type: "text", content: text ? { kind: "rich", doc: text } : { kind: "plain", text: point.plainText } });
  }
  const conclusion = richOrEmpty(reaction.conclusion);
  if (conclusion) {
    body.push({ type: "heading", level: 2, text: "Tot slot" });
    body.push({ type: "text", content: { kind: "rich", doc: conclusion } });
  }
  const letterDate = reaction.letterDate ?? isoDateInAmsterdam(reaction.submittedAt ?? reaction.createdAt);
  return {
    type: "letter",
    title: `${kindWord} van ${organisation.name} op ${vision.title}`,
    sender: { name: organisation.name, addressLines: addressLines(organisation.postalAddress) },
    recipient: { name: recipientName, addressLines: addressLines(addressedTo?.postalAddress) },
    references: {
      date: letterDate,
      ourReference: reaction.reference,
      subject,
      theirReference: reaction.theirReference,
      attachments: [],
    },
    salutation: addressedTo?.type === "gemeente" ? "Geacht college," : "Geacht bestuur,",
    body,
    closingFormula: "Met vriendelijke groet,",
    signatures: details.signatories.map((s) => ({ name: s.name, title: s.title, onBehalfOf: organisation.name })),
    replyNote: null,
  };
}

export async function renderReactionPdf(db: Db, reactionId: string): Promise<{ filename: string; bytes: Uint8Array } | null> {
  const document = await buildReactionDocument(db, reactionId);
  if (!document) return null;
  const [row] = await db
    .select({ code: organisations.code, kind: reactions.kind })
    .from(reactions)
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .where(eq(reactions.id, reactionId));
  return { filename: `${row!.kind}-${row!.code}.pdf`.toLowerCase(), bytes: await renderPdf(document) };
}
