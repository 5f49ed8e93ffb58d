import type { JSONContent } from "@tiptap/core";
import { and, asc, eq, sql } from "drizzle-orm";
import { answers, implementationActionPoints, implementationActions, organisations, points, reactions, sections, visionVersions } from "~db/schema";
import { plainTextOf } from "~/editor/validate.server";
import { renderRichTextToHtml } from "~/editor/render.server";
import type { Db } from "~/lib/db.server";
import type { DocumentBlock, ReportDocument } from "~/letters/letter-model";
import { renderPdf } from "~/letters/render.server";
import { fileResponse } from "~/lib/files.server";
import { csvResponse, toCsv } from "./csv";
import { publicPointCondition } from "./implementation-actions.server";
import { dispositionLabels, statusLabels, type ImplementationStatus } from "./options";

/**
 * Rendered answers, by answer id and revision (an edit raises the revision, so a stale entry is never
 * served). Rendering costs ~3 ms per answer; a page of 200 points would otherwise spend 0.6 s on it.
 */
const renderedAnswers = new Map<string, string>();
const RENDER_CACHE_SIZE = 5000;

function answerHtml(answerId: string, revision: number, body: JSONContent): string {
  const key = `${answerId}:${revision}`;
  const cached = renderedAnswers.get(key);
  if (cached !== undefined) return cached;
  const html = renderRichTextToHtml(body);
  if (renderedAnswers.size >= RENDER_CACHE_SIZE) renderedAnswers.delete(renderedAnswers.keys().next().value!);
  renderedAnswers.set(key, html);
  return html;
}

/** Not anonymous: neither the flag nor the publication choice asks to hide the organisation. */
const namedReaction = sql`(not ${reactions.isAnonymous} and coalesce(${reactions.publicationChoice}::text, '') <> 'anoniem')`;

/**
 * Organisations of the visie's region that raised points on it (staff: every submitted reaction;
 * public: only published points of reactions that are not anonymous), with their point count.
 */
export async function traceableOrganisations(db: Db, visionId: string, publicOnly: boolean) {
  const where = publicOnly
    ? and(eq(points.visionId, visionId), publicPointCondition, namedReaction)
    : and(eq(points.visionId, visionId), eq(reactions.status, "submitted"));
  return db
    .select({ id: organisations.id, code: organisations.code, name: organisations.name, type: organisations.type, points: sql<number>`count(*)::int` })
    .from(points)
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .where(where)
    .groupBy(organisations.id, organisations.code, organisations.name, organisations.type)
    .orderBy(asc(organisations.name));
}

export interface TracedAction {
  id: string;
  reference: string;
  title: string;
  status: ImplementationStatus;
  progress: number;
  endsOn: string | null;
}

export interface TracedPoint {
  id: string;
  reference: string;
  text: string;
  reactionKind: string;
  reactionReference: string | null;
  letterDate: string | null;
  answer: null | {
    status: string;
    disposition: string | null;
    dispositionLabel: string | null;
    html: string;
    text: string;
  };
  changedSection: null | { number: string | null; title: string; versionLabel: string; versionNumber: number };
  actions: TracedAction[];
}

/** The first query behind traceability(): the points with answer and changed section. */
export function traceabilityQuery(db: Db, visionId: string, organisationId: string, publicOnly: boolean) {
  const where = publicOnly
    ? and(eq(points.visionId, visionId), eq(reactions.organisationId, organisationId), publicPointCondition, namedReaction)
    : and(eq(points.visionId, visionId), eq(reactions.organisationId, organisationId), eq(reactions.status, "submitted"));
  return db
    .select({
      id: points.id,
      reference: points.reference,
      text: points.plainText,
      reactionKind: reactions.kind,
      reactionReference: reactions.reference,
      letterDate: reactions.letterDate,
      answerId: answers.id,
      answerRevision: answers.revision,
      answerStatus: answers.status,
      disposition: answers.disposition,
      answerBody: answers.body,
      sectionNumber: sections.number,
      sectionTitle: sections.title,
      versionLabel: visionVersions.label,
      versionNumber: visionVersions.number,
    })
    .from(points)
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .leftJoin(answers, eq(answers.pointId, points.id))
    .leftJoin(visionVersions, eq(visionVersions.id, answers.changedVersionId))
    .leftJoin(sections, and(eq(sections.versionId, answers.changedVersionId), eq(sections.key, answers.changedSectionKey)))
    .where(where)
    .orderBy(sql`${reactions.letterDate} asc nulls last`, asc(reactions.createdAt), asc(points.number));
}

/**
 * Point → answer and disposition → changed section → linked actions, for one organisation, in two
 * queries (points with answers and sections; then the actions of those points). publicOnly applies the publication rule: a
 * round's points once its answers are published, a reactiebrief's once its answer is vastgesteld;
 * anonymous reactions are left out (showing them here would name the organisation).
 */
export async function traceability(db: Db, visionId: string, organisationId: string, publicOnly: boolean): Promise<TracedPoint[]> {
  // Both queries at once: the points, and every action link of this organisation's points on the visie.
  const [rows, links] = await Promise.all([
    traceabilityQuery(db, visionId, organisationId, publicOnly),
    db
      .select({
        pointId: implementationActionPoints.pointId,
        id: implementationActions.id,
        reference: implementationActions.reference,
        title: implementationActions.title,
        status: implementationActions.status,
        progress: implementationActions.progress,
        endsOn: implementationActions.endsOn,
      })
      .from(implementationActionPoints)
      .innerJoin(implementationActions, eq(implementationActions.id, implementationActionPoints.actionId))
      .innerJoin(points, eq(points.id, implementationActionPoints.pointId))
      .innerJoin(reactions, eq(reactions.id, points.reactionId))
      .where(and(eq(implementationActions.visionId, visionId), eq(points.visionId, visionId), eq(reactions.organisationId, organisationId)))
      .orderBy(asc(implementationActions.reference)),
  ]);
  const actionsByPoint = new Map<string, TracedAction[]>();
  for (const { pointId, ...action } of links) {
    const list = actionsByPoint.get(pointId) ?? [];
    list.push(action);
    actionsByPoint.set(pointId, list);
  }
  return rows.map((r) => {
    // Public pages show an answer once it is given (beantwoord or vastgesteld), never a draft answer.
    const answerVisible = r.answerStatus && (publicOnly ? r.answerStatus === "beantwoord" || r.answerStatus === "vastgesteld" : true);
    const body = (r.answerBody as JSONContent | null) ?? null;
    return {
      id: r.id,
      reference: r.reference,
      text: r.text,
      reactionKind: r.reactionKind,
      reactionReference: r.reactionReference,
      letterDate: r.letterDate,
      answer: answerVisible
        ? {
            status: r.answerStatus!,
            disposition: r.disposition,
            dispositionLabel: r.disposition ? (dispositionLabels[r.disposition] ?? r.disposition) : null,
            html: body ? answerHtml(r.answerId!, r.answerRevision!, body) : "",
            text: body ? plainTextOf(body) : "",
          }
        : null,
      changedSection:
        answerVisible && r.sectionTitle && r.versionLabel
          ? { number: r.sectionNumber, title: r.sectionTitle, versionLabel: r.versionLabel, versionNumber: r.versionNumber! }
          : null,
      actions: actionsByPoint.get(r.id) ?? [],
    };
  });
}

export async function organisationOfRegion(db: Db, regionId: string, by: { id?: string; code?: string }) {
  const condition = by.id ? eq(organisations.id, by.id) : eq(sql`upper(${organisations.code})`, (by.code ?? "").toUpperCase());
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, code: organisations.code, type: organisations.type })
    .from(organisations)
    .where(and(eq(organisations.regionId, regionId), condition));
  return row ?? null;
}

const traceColumns = ["punt", "soort_reactie", "tekst", "afweging", "antwoordstatus", "antwoord", "gewijzigd_onderdeel", "in_versie", "acties", "actiestatus"] as const;

export function traceabilityCsv(rows: TracedPoint[]) {
  return toCsv(
    traceColumns,
    rows.map((p) => [
      p.reference,
      p.reactionKind,
      p.text,
      p.answer?.dispositionLabel ?? "",
      p.answer?.status ?? "",
      p.answer?.text ?? "",
      p.changedSection ? [p.changedSection.number, p.changedSection.title].filter(Boolean).join(" ") : "",
      p.changedSection?.versionLabel ?? "",
      p.actions.map((a) => `${a.reference} ${a.title}`).join(" | "),
      p.actions.map((a) => `${a.reference}: ${statusLabels[a.status]} (${a.progress}%)`).join(" | "),
    ]),
  );
}

/** The traceability overview as a ReportDocument for renderPdf (no HTML reaches the renderer). */
export function traceabilityReport(input: {
  visionTitle: string;
  regionName: string;
  organisationName: string;
  rows: TracedPoint[];
  publicOnly: boolean;
  date: string;
}): ReportDocument {
  const body: DocumentBlock[] = [
    {
      type: "text",
      content: {
        kind: "plain",
        text: `Dit overzicht laat per punt van ${input.organisationName} zien wat ermee is gedaan: het antwoord en de afweging, het onderdeel van de visie dat is gewijzigd en de acties in het uitvoeringsplan.${input.publicOnly ? " Alleen gepubliceerde antwoorden staan erin." : ""}`,
      },
    },
    {
      type: "table",
      caption: `Punten van ${input.organisationName} en wat ermee is gedaan`,
      header: ["Punt", "Afweging", "Gewijzigd onderdeel", "Acties"],
      rows: input.rows.map((p) => [
        p.reference,
        p.answer?.dispositionLabel ?? "nog niet beantwoord",
        p.changedSection ? `${[p.changedSection.number, p.changedSection.title].filter(Boolean).join(" ")} (${p.changedSection.versionLabel})` : "—",
        p.actions.length ? p.actions.map((a) => `${a.reference} ${a.title}: ${statusLabels[a.status]}, ${a.progress}%`).join("; ") : "—",
      ]),
    },
  ];
  for (const p of input.rows) {
    body.push({ type: "heading", level: 2, text: `Punt ${p.reference}` });
    body.push({ type: "quote", content: { kind: "plain", text: p.text || "(geen tekst)" }, source: input.organisationName });
    body.push({
      type: "facts",
      rows: [
        { label: "Afweging", value: p.answer?.dispositionLabel ?? "nog niet beantwoord" },
        ...(p.changedSection ? [{ label: "Gewijzigd onderdeel", value: `${[p.changedSection.number, p.changedSection.title].filter(Boolean).join(" ")} (${p.changedSection.versionLabel})` }] : []),
        ...p.actions.map((a) => ({ label: `Actie ${a.reference}`, value: `${a.title}: ${statusLabels[a.status]}, ${a.progress}%` })),
      ],
    });
    if (p.answer?.text) body.push({ type: "text", content: { kind: "plain", text: p.answer.text } });
  }
  return {
    type: "report",
    title: `Herleidbaarheid: ${input.organisationName}`,
    subtitle: input.visionTitle,
    publisher: input.regionName,
    date: input.date,
    body,
  };
}

/** The overview as a download: CSV, or PDF through the shared renderer; null for an unknown format. */
export async function traceabilityDownload(
  format: string | null,
  input: { visionTitle: string; regionName: string; organisation: { name: string; code: string }; rows: TracedPoint[]; publicOnly: boolean },
): Promise<Response | null> {
  const suffix = input.publicOnly ? "" : "-intern";
  const name = `herleidbaarheid-${input.organisation.code.replace(/[^\w-]/g, "_")}${suffix}`;
  if (format === "csv") return csvResponse(`${name}.csv`, traceabilityCsv(input.rows), input.publicOnly ? "public, max-age=60" : "private, no-store");
  if (format !== "pdf") return null;
  const bytes = await renderPdf(
    traceabilityReport({
      visionTitle: input.visionTitle,
      regionName: input.regionName,
      organisationName: input.organisation.name,
      rows: input.rows,
      publicOnly: input.publicOnly,
      date: new Date().toISOString().slice(0, 10),
    }),
  );
  return fileResponse({ filename: `${name}.pdf`, mime: "application/pdf", content: Buffer.from(bytes) });
}
