import type { JSONContent } from "@tiptap/core";
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  answers,
  organisations,
  pointAnchors,
  points,
  reactions,
  regions,
  responseLetters,
  sections,
  visions,
} from "~db/schema";
import type { Db } from "~/lib/db.server";
import { dispositionLabels, type Disposition } from "./labels";
import type { DocumentBlock, DocumentText, LetterDocument, Signature } from "./letter-model";
import { fillPlaceholders, getResponseLetterTemplate, type PlaceholderValues } from "./templates.server";

/**
 * Builds the antwoordbrief of one reaction as a print-document model: sender (the region, or the
 * college of the municipality the reaction was addressed to), reference block, introduction from the
 * template, then per point in point order its reference and anchor, the point's own text as a quote,
 * the answer and the disposition, then the closing and signatures. The PDF, the DOCX and the HTML
 * preview are all drawn from this one model.
 */

export type LetterRow = typeof responseLetters.$inferSelect;

export interface LetterPoint {
  id: string;
  number: number;
  reference: string;
  kind: string;
  body: unknown;
  plainText: string;
  isGeneral: boolean;
  anchor: string | null;
  answerBody: unknown;
  disposition: Disposition | null;
  answerStatus: "nieuw" | "in_behandeling" | "beantwoord" | "vastgesteld" | null;
}

export interface LetterContext {
  reaction: typeof reactions.$inferSelect;
  organisation: typeof organisations.$inferSelect;
  vision: typeof visions.$inferSelect;
  region: typeof regions.$inferSelect;
  regionOrganisation: typeof organisations.$inferSelect | null;
  addressedTo: typeof organisations.$inferSelect | null;
  /** The sending body: the municipality (college) when the reaction was addressed to it, else the region's organisation. */
  sender: {
    organisationId: string | null;
    name: string;
    onBehalfOf: string;
    isCollege: boolean;
    addressLines: string[];
  };
  points: LetterPoint[];
  letter: LetterRow | null;
}

export function isAnswered(point: Pick<LetterPoint, "answerStatus">): boolean {
  return point.answerStatus === "beantwoord" || point.answerStatus === "vastgesteld";
}

/** "2026-06-12" in the Netherlands for a moment. */
export function isoDateInAmsterdam(moment: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(moment);
}

export function addressLines(postal: string | null | undefined): string[] {
  return (postal ?? "")
    .split(/\r?\n|,\s*/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Signatories are stored one per line in signed_by_name / signed_by_title (same line, same person). */
export function signatoriesOf(
  letter: Pick<LetterRow, "signedByName" | "signedByTitle"> | null,
): { name: string; title: string }[] {
  if (!letter?.signedByName) return [];
  const names = letter.signedByName.split("\n");
  const titles = (letter.signedByTitle ?? "").split("\n");
  return names
    .map((name, i) => ({ name: name.trim(), title: (titles[i] ?? "").trim() }))
    .filter((s) => s.name.length > 0);
}

/** Points of some reactions with their answers and first anchor (section number and title), in point order. */
export async function loadLetterPoints(db: Db, reactionIds: string[]): Promise<Map<string, LetterPoint[]>> {
  const result = new Map<string, LetterPoint[]>();
  if (reactionIds.length === 0) return result;
  const rows = await db
    .select({
      id: points.id,
      reactionId: points.reactionId,
      number: points.number,
      reference: points.reference,
      kind: points.kind,
      body: points.body,
      plainText: points.plainText,
      isGeneral: points.isGeneral,
      answerBody: answers.body,
      disposition: answers.disposition,
      answerStatus: answers.status,
    })
    .from(points)
    .leftJoin(answers, eq(answers.pointId, points.id))
    .where(inArray(points.reactionId, reactionIds))
    .orderBy(asc(points.reactionId), asc(points.number));
  const anchors = await anchorsOf(
    db,
    rows.map((r) => r.id),
  );
  for (const row of rows) {
    const list = result.get(row.reactionId) ?? [];
    list.push({ ...row, anchor: anchors.get(row.id)?.label ?? null });
    result.set(row.reactionId, list);
  }
  return result;
}

/** The first anchor of each point as "2.1 Title", with its section key (one query). */
export async function anchorsOf(db: Db, pointIds: string[]) {
  const map = new Map<string, { sectionKey: string; label: string; position: number }>();
  if (pointIds.length === 0) return map;
  const rows = await db
    .select({
      pointId: pointAnchors.pointId,
      sectionKey: pointAnchors.sectionKey,
      number: sections.number,
      title: sections.title,
      position: sections.position,
    })
    .from(pointAnchors)
    .innerJoin(sections, and(eq(sections.key, pointAnchors.sectionKey), eq(sections.versionId, pointAnchors.versionId)))
    .where(inArray(pointAnchors.pointId, pointIds))
    .orderBy(asc(pointAnchors.pointId), asc(sections.position));
  for (const row of rows) {
    if (map.has(row.pointId)) continue;
    map.set(row.pointId, {
      sectionKey: row.sectionKey,
      label: [row.number, row.title].filter(Boolean).join(" "),
      position: row.position,
    });
  }
  return map;
}

/** Everything the letter of one reaction is built from; null when the reaction is not a submitted one of this visie. */
export async function loadLetterContext(db: Db, visionId: string, reactionId: string): Promise<LetterContext | null> {
  const [row] = await db
    .select({ reaction: reactions, organisation: organisations, vision: visions, region: regions })
    .from(reactions)
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .innerJoin(visions, eq(visions.id, reactions.visionId))
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(and(eq(reactions.id, reactionId), eq(reactions.visionId, visionId), eq(reactions.status, "submitted")));
  if (!row) return null;
  const [regionOrganisation] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.regionId, row.region.id), eq(organisations.type, "regio")))
    .limit(1);
  const addressedTo = row.reaction.addressedToId
    ? ((await db.select().from(organisations).where(eq(organisations.id, row.reaction.addressedToId)))[0] ?? null)
    : null;
  const [letter] = await db.select().from(responseLetters).where(eq(responseLetters.reactionId, reactionId));
  const pointMap = await loadLetterPoints(db, [reactionId]);
  return {
    ...row,
    regionOrganisation: regionOrganisation ?? null,
    addressedTo,
    sender: senderOf(row.region, regionOrganisation ?? null, addressedTo),
    points: pointMap.get(reactionId) ?? [],
    letter: letter ?? null,
  };
}

function senderOf(
  region: typeof regions.$inferSelect,
  regionOrganisation: typeof organisations.$inferSelect | null,
  addressedTo: typeof organisations.$inferSelect | null,
): LetterContext["sender"] {
  if (addressedTo && addressedTo.type === "gemeente" && addressedTo.regionId === region.id) {
    const place = addressedTo.name.replace(/^gemeente\s+/i, "");
    return {
      organisationId: addressedTo.id,
      name: `Gemeente ${place}`,
      onBehalfOf: `Burgemeester en wethouders van ${place},`,
      isCollege: true,
      addressLines: addressLines(addressedTo.postalAddress),
    };
  }
  const name = regionOrganisation?.name ?? region.name;
  return {
    organisationId: regionOrganisation?.id ?? null,
    name,
    onBehalfOf: `${name},`,
    isCollege: false,
    addressLines: addressLines(regionOrganisation?.postalAddress),
  };
}

export function placeholderValues(ctx: LetterContext): PlaceholderValues {
  const r = ctx.reaction;
  const reactionDate = r.letterDate ?? (r.submittedAt ? isoDateInAmsterdam(r.submittedAt) : null);
  return {
    organisatie: ctx.organisation.name,
    datum_reactie: reactionDate ? formatIsoDate(reactionDate) : "-",
    kenmerk_reactie: r.reference ?? "-",
    visie: ctx.vision.title,
    regio: ctx.region.name,
    afzender: ctx.sender.isCollege
      ? `het college van burgemeester en wethouders van ${ctx.sender.name.replace(/^Gemeente /, "")}`
      : ctx.sender.name,
    aantal_punten: String(ctx.points.length),
  };
}

function formatIsoDate(iso: string): string {
  const months = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
  ];
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}` : iso;
}

export function defaultSubject(ctx: Pick<LetterContext, "reaction" | "vision">): string {
  const what = ctx.reaction.kind === "advies" ? "advies" : ctx.reaction.kind === "reactiebrief" ? "brief" : "reactie";
  return `Antwoord op uw ${what} over de ${ctx.vision.title}`;
}

/** The plain text stored for introduction/closing (jsonb: a string or a DocumentText). */
export function storedText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && (value as { kind?: unknown }).kind === "plain") {
    const text = (value as { text?: unknown }).text;
    return typeof text === "string" ? text : null;
  }
  return null;
}

function richOrPlain(value: unknown, fallback: string): DocumentText {
  if (value && typeof value === "object" && (value as JSONContent).type === "doc")
    return { kind: "rich", doc: value as JSONContent };
  if (typeof value === "string" && value.trim()) return { kind: "plain", text: value };
  return { kind: "plain", text: fallback };
}

export interface LetterTexts {
  introduction: string;
  closing: string;
}

/** The introduction and closing of this letter: its own texts, or the region's template. */
export async function letterTexts(db: Db, ctx: LetterContext): Promise<LetterTexts> {
  const template = await getResponseLetterTemplate(db, ctx.region.id);
  return {
    introduction: storedText(ctx.letter?.introduction) ?? template.introduction,
    closing: storedText(ctx.letter?.closing) ?? template.closing,
  };
}

/** The letter model (what is printed). `today` is the date used while the letter has no date of its own. */
export function buildResponseLetter(ctx: LetterContext, texts: LetterTexts, today: Date): LetterDocument {
  const values = placeholderValues(ctx);
  const letter = ctx.letter;
  const letterNumber = letter?.letterNumber?.trim() || null;
  const subject = letter?.subject?.trim() || defaultSubject(ctx);
  const body: DocumentBlock[] = [
    { type: "text", content: { kind: "plain", text: fillPlaceholders(texts.introduction, values) } },
  ];
  for (const point of ctx.points) {
    const where = point.anchor ? `, over ${point.anchor}` : point.isGeneral ? ", algemeen" : "";
    body.push({ type: "heading", level: 2, text: `Punt ${point.reference}${where}` });
    body.push({
      type: "quote",
      content: richOrPlain(point.body, point.plainText),
      source: `Uw reactie, punt ${point.reference}`,
    });
    if (isAnswered(point) && point.answerBody) {
      body.push({ type: "text", content: richOrPlain(point.answerBody, "") });
    } else {
      body.push({ type: "text", content: { kind: "plain", text: "Op dit punt is nog geen antwoord vastgelegd." } });
    }
    body.push({
      type: "facts",
      rows: [
        {
          label: "Wat wij ermee doen",
          value: point.disposition && isAnswered(point) ? dispositionLabels[point.disposition] : "nog niet bepaald",
        },
      ],
    });
  }
  body.push({ type: "text", content: { kind: "plain", text: fillPlaceholders(texts.closing, values) } });
  const signatures: Signature[] = signatoriesOf(letter).map((s) => ({
    name: s.name,
    title: s.title || null,
    onBehalfOf: ctx.sender.onBehalfOf,
  }));
  const recipientAttention =
    ctx.organisation.type === "adviesraad"
      ? "t.a.v. de voorzitter"
      : ctx.organisation.type === "gemeente"
        ? "t.a.v. het college"
        : "t.a.v. het bestuur";
  const salutation =
    ctx.organisation.type === "ervaringsdeskundigen" ? `Beste leden van ${ctx.organisation.name},` : "Geacht bestuur,";
  return {
    type: "letter",
    title: `Antwoordbrief aan ${ctx.organisation.name}: ${subject}`,
    sender: { name: ctx.sender.name, addressLines: ctx.sender.addressLines },
    recipient: {
      name: ctx.organisation.name,
      attention: recipientAttention,
      addressLines: addressLines(ctx.organisation.postalAddress),
    },
    references: {
      date: isoDateInAmsterdam(letter?.letterDate ?? today),
      ourReference: null,
      letterNumber,
      subject,
      theirReference: ctx.reaction.reference ?? null,
      theirLetterDate: ctx.reaction.letterDate ?? null,
      handledBy: letter?.handledBy?.trim() || null,
      attachments: [],
    },
    salutation,
    body,
    closingFormula: ctx.sender.isCollege ? "Hoogachtend," : "Met vriendelijke groet,",
    signatures: signatures.length ? signatures : [{ name: ctx.sender.name, title: null, onBehalfOf: null }],
    replyNote: letterNumber
      ? `Wilt u bij beantwoording van deze brief het briefnummer ${letterNumber} vermelden?`
      : null,
  };
}
