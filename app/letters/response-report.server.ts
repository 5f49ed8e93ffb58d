import type { JSONContent } from "@tiptap/core";
import { stringify } from "csv-stringify/sync";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import {
  answers,
  consultationRounds,
  organisations,
  points,
  pointThemes,
  reactions,
  regions,
  themes,
  visions,
  visionVersions,
} from "~db/schema";
import { organisationTypeLabels, type OrganisationType } from "~/auth/roles";
import type { Db } from "~/lib/db.server";
import { flowOf, flowText } from "./flow.server";
import { changingDispositions, dispositionLabels, dispositionOrder, type Disposition } from "./labels";
import type { DocumentBlock, DocumentText, ReportDocument } from "./letter-model";
import { anchorsOf, isoDateInAmsterdam } from "./response-letter-model.server";

/**
 * Reports of a consultation round: the Nota van beantwoording (every point with organisation,
 * reference, anchor, answer and disposition, grouped by section or organisation, with totals) as
 * PDF/DOCX/CSV, and the rode draad document (per theme its summary, counts and points).
 */

export type Grouping = "onderdeel" | "organisatie";

export interface RoundOption {
  id: string;
  versionLabel: string;
  versionNumber: number;
  closesAt: Date;
}

export async function roundsOfVision(db: Db, visionId: string): Promise<RoundOption[]> {
  return db
    .select({
      id: consultationRounds.id,
      versionLabel: visionVersions.label,
      versionNumber: visionVersions.number,
      closesAt: consultationRounds.closesAt,
    })
    .from(consultationRounds)
    .innerJoin(visionVersions, eq(visionVersions.id, consultationRounds.versionId))
    .where(eq(visionVersions.visionId, visionId))
    .orderBy(desc(visionVersions.number), desc(consultationRounds.closesAt));
}

/** The chosen round of the visie, or else the most recent round that received reactions (else the most recent). */
export async function pickRound(db: Db, visionId: string, requested: string | null): Promise<RoundOption | null> {
  const rounds = await roundsOfVision(db, visionId);
  if (requested) return rounds.find((r) => r.id === requested) ?? null;
  if (rounds.length === 0) return null;
  const withReactions = await db
    .selectDistinct({ roundId: reactions.roundId })
    .from(reactions)
    .where(
      and(
        inArray(
          reactions.roundId,
          rounds.map((r) => r.id),
        ),
        eq(reactions.status, "submitted"),
      ),
    );
  const ids = new Set(withReactions.map((r) => r.roundId));
  return rounds.find((r) => ids.has(r.id)) ?? rounds[0]!;
}

export interface ReportPoint {
  id: string;
  reference: string;
  number: number;
  body: unknown;
  plainText: string;
  isGeneral: boolean;
  organisation: string;
  organisationType: OrganisationType;
  reactionId: string;
  anchorKey: string | null;
  anchor: string | null;
  anchorPosition: number;
  answerBody: unknown;
  disposition: Disposition | null;
  status: string | null;
}

/** Every point of the round's submitted reactions with organisation, anchor and answer (three queries in all). */
export async function roundPoints(db: Db, roundId: string): Promise<ReportPoint[]> {
  const rows = await db
    .select({
      id: points.id,
      reference: points.reference,
      number: points.number,
      body: points.body,
      plainText: points.plainText,
      isGeneral: points.isGeneral,
      organisation: organisations.name,
      organisationType: organisations.type,
      reactionId: reactions.id,
      answerBody: answers.body,
      disposition: answers.disposition,
      status: answers.status,
    })
    .from(points)
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .leftJoin(answers, eq(answers.pointId, points.id))
    .where(and(eq(reactions.roundId, roundId), eq(reactions.status, "submitted")))
    .orderBy(asc(organisations.name), asc(points.number));
  const anchors = await anchorsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const a = anchors.get(r.id);
    return {
      ...r,
      anchorKey: a?.sectionKey ?? null,
      anchor: a?.label ?? null,
      anchorPosition: a?.position ?? Number.MAX_SAFE_INTEGER,
    };
  });
}

function answered(p: ReportPoint) {
  return p.status === "beantwoord" || p.status === "vastgesteld";
}

function textOf(value: unknown, fallback = ""): DocumentText {
  if (value && typeof value === "object" && (value as JSONContent).type === "doc")
    return { kind: "rich", doc: value as JSONContent };
  if (typeof value === "string") return { kind: "plain", text: value };
  return { kind: "plain", text: fallback };
}

export function plainOf(value: unknown, fallback = ""): string {
  return flowText(flowOf(textOf(value, fallback)))
    .replace(/\s+\n/g, "\n")
    .trim();
}

export interface Totals {
  points: number;
  reactions: number;
  answered: number;
  changedVision: number;
  byDisposition: { disposition: Disposition; label: string; count: number }[];
}

export function totalsOf(list: ReportPoint[]): Totals {
  const counts = new Map<Disposition, number>();
  for (const p of list)
    if (p.disposition && answered(p)) counts.set(p.disposition, (counts.get(p.disposition) ?? 0) + 1);
  return {
    points: list.length,
    reactions: new Set(list.map((p) => p.reactionId)).size,
    answered: list.filter(answered).length,
    changedVision: list.filter((p) => answered(p) && p.disposition && changingDispositions.includes(p.disposition))
      .length,
    byDisposition: dispositionOrder.map((d) => ({
      disposition: d,
      label: dispositionLabels[d],
      count: counts.get(d) ?? 0,
    })),
  };
}

export interface Group {
  title: string;
  points: ReportPoint[];
}

export function groupPoints(list: ReportPoint[], grouping: Grouping): Group[] {
  const groups = new Map<string, Group & { order: number }>();
  for (const p of list) {
    const key = grouping === "organisatie" ? p.organisation : (p.anchorKey ?? "algemeen");
    const title = grouping === "organisatie" ? p.organisation : (p.anchor ?? "Algemeen (niet bij één onderdeel)");
    const order = grouping === "organisatie" ? 0 : p.anchorPosition;
    const group = groups.get(key) ?? { title, points: [], order };
    group.points.push(p);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, "nl"));
}

async function reportHeader(db: Db, visionId: string) {
  const [row] = await db
    .select({ title: visions.title, regionName: regions.name, regionId: regions.id })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(eq(visions.id, visionId));
  const [regionOrg] = row
    ? await db
        .select({ name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.regionId, row.regionId), eq(organisations.type, "regio")))
        .limit(1)
    : [];
  return { visionTitle: row?.title ?? "", publisher: regionOrg?.name ?? row?.regionName ?? "" };
}

/** The Nota van beantwoording of a round as a report model. */
export async function buildResponseReport(
  db: Db,
  visionId: string,
  round: RoundOption | null,
  grouping: Grouping,
  today = new Date(),
): Promise<ReportDocument> {
  const header = await reportHeader(db, visionId);
  const list = round ? await roundPoints(db, round.id) : [];
  const totals = totalsOf(list);
  const body: DocumentBlock[] = [
    { type: "heading", level: 2, text: "Samenvatting" },
    {
      type: "facts",
      rows: [
        { label: "Reacties", value: String(totals.reactions) },
        { label: "Punten", value: String(totals.points) },
        { label: "Beantwoord", value: String(totals.answered) },
        { label: "Punten die de visie hebben veranderd", value: String(totals.changedVision) },
      ],
    },
    {
      type: "table",
      caption: "Aantal punten per afweging",
      header: ["Afweging", "Aantal punten"],
      rows: [
        ...totals.byDisposition.map((d) => [d.label, String(d.count)]),
        ["Nog niet beantwoord", String(totals.points - totals.answered)],
      ],
    },
  ];
  for (const group of groupPoints(list, grouping)) {
    body.push({
      type: "heading",
      level: 2,
      text: `${group.title} (${group.points.length} ${group.points.length === 1 ? "punt" : "punten"})`,
    });
    for (const p of group.points) {
      body.push({ type: "heading", level: 3, text: `${p.reference}, ${p.organisation}` });
      body.push({
        type: "facts",
        rows: [
          {
            label: "Organisatie",
            value: `${p.organisation} (${organisationTypeLabels[p.organisationType] ?? p.organisationType})`,
          },
          { label: "Kenmerk", value: p.reference },
          { label: "Onderdeel", value: p.anchor ?? "Algemeen" },
          {
            label: "Afweging",
            value: p.disposition && answered(p) ? dispositionLabels[p.disposition] : "Nog niet beantwoord",
          },
        ],
      });
      body.push({ type: "quote", content: textOf(p.body, p.plainText), source: `Punt ${p.reference}` });
      body.push({
        type: "text",
        content: answered(p) ? textOf(p.answerBody, "") : { kind: "plain", text: "Nog geen antwoord." },
      });
    }
  }
  return {
    type: "report",
    title: "Nota van beantwoording",
    subtitle: round
      ? `${header.visionTitle}, reacties op ${round.versionLabel}; per ${grouping === "organisatie" ? "organisatie" : "onderdeel"}`
      : `${header.visionTitle}: nog geen reactieronde`,
    publisher: header.publisher,
    date: isoDateInAmsterdam(today),
    body,
  };
}

/** A cell that Excel would read as a formula gets a leading apostrophe. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The Nota as CSV for Excel: UTF-8 with BOM, `;` between cells, formulas neutralised. */
export async function responseReportCsv(db: Db, round: RoundOption | null, grouping: Grouping): Promise<string> {
  const list = round ? await roundPoints(db, round.id) : [];
  const ordered = groupPoints(list, grouping).flatMap((g) => g.points);
  const rows = ordered.map((p) =>
    [
      p.reference,
      p.organisation,
      organisationTypeLabels[p.organisationType] ?? p.organisationType,
      p.anchor ?? "Algemeen",
      plainOf(p.body, p.plainText),
      answered(p) ? plainOf(p.answerBody) : "",
      p.disposition && answered(p) ? dispositionLabels[p.disposition] : "",
      p.status ?? "nieuw",
    ].map((cell) => neutraliseCell(cell)),
  );
  return stringify(rows, {
    bom: true,
    delimiter: ";",
    record_delimiter: "windows",
    header: true,
    columns: ["Kenmerk", "Organisatie", "Soort organisatie", "Onderdeel", "Punt", "Antwoord", "Afweging", "Status"],
    quoted_match: /[;"\n\r]/,
  });
}

export interface ThemeReport {
  id: string;
  title: string;
  summary: unknown;
  points: ReportPoint[];
}

/** Themes of the visie with their points in this round (two queries besides the points). */
export async function themesOfRound(db: Db, visionId: string, roundId: string): Promise<ThemeReport[]> {
  const themeRows = await db.select().from(themes).where(eq(themes.visionId, visionId)).orderBy(asc(themes.title));
  if (themeRows.length === 0) return [];
  const links = await db
    .select({ themeId: pointThemes.themeId, pointId: pointThemes.pointId })
    .from(pointThemes)
    .where(
      inArray(
        pointThemes.themeId,
        themeRows.map((t) => t.id),
      ),
    );
  const byId = new Map((await roundPoints(db, roundId)).map((p) => [p.id, p]));
  return themeRows.map((t) => ({
    id: t.id,
    title: t.title,
    summary: t.summary,
    points: links
      .filter((l) => l.themeId === t.id)
      .map((l) => byId.get(l.pointId))
      .filter((p): p is ReportPoint => !!p)
      .sort((a, b) => a.reference.localeCompare(b.reference, "nl", { numeric: true })),
  }));
}

function countBy<T>(list: T[], key: (item: T) => string): [string, number][] {
  const map = new Map<string, number>();
  for (const item of list) map.set(key(item), (map.get(key(item)) ?? 0) + 1);
  return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "nl"));
}

/** "Rode draad reacties op de concept-regiovisie": per theme its summary, counts and points. */
export async function buildThreadReport(
  db: Db,
  visionId: string,
  round: RoundOption | null,
  today = new Date(),
): Promise<ReportDocument> {
  const header = await reportHeader(db, visionId);
  const list = round ? await themesOfRound(db, visionId, round.id) : [];
  const body: DocumentBlock[] = [];
  body.push({
    type: "table",
    caption: "Thema's en aantal punten",
    header: ["Thema", "Punten", "Organisaties"],
    rows: list.map((t) => [
      t.title,
      String(t.points.length),
      String(new Set(t.points.map((p) => p.organisation)).size),
    ]),
  });
  if (list.length === 0)
    body.push({ type: "text", content: { kind: "plain", text: "Er zijn nog geen thema's vastgelegd." } });
  for (const theme of list) {
    body.push({ type: "heading", level: 2, text: theme.title });
    if (theme.summary) body.push({ type: "text", content: textOf(theme.summary, "") });
    body.push({
      type: "facts",
      rows: [
        { label: "Punten", value: String(theme.points.length) },
        { label: "Organisaties", value: String(new Set(theme.points.map((p) => p.organisation)).size) },
      ],
    });
    if (theme.points.length) {
      body.push({
        type: "table",
        caption: `${theme.title}: punten per onderdeel, soort organisatie en afweging`,
        header: ["Telling", "Waarde", "Punten"],
        rows: [
          ...countBy(theme.points, (p) => p.anchor ?? "Algemeen").map(([k, n]) => ["Onderdeel", k, String(n)]),
          ...countBy(theme.points, (p) => organisationTypeLabels[p.organisationType] ?? p.organisationType).map(
            ([k, n]) => ["Soort organisatie", k, String(n)],
          ),
          ...countBy(theme.points, (p) =>
            p.disposition && answered(p) ? dispositionLabels[p.disposition] : "Nog niet beantwoord",
          ).map(([k, n]) => ["Afweging", k, String(n)]),
        ],
      });
      body.push({ type: "heading", level: 3, text: `Punten bij ${theme.title}` });
      body.push({
        type: "list",
        items: theme.points.map((p) => {
          const text = p.plainText.length > 240 ? `${p.plainText.slice(0, 237)}…` : p.plainText;
          return `${p.reference} (${p.organisation}${p.anchor ? `, ${p.anchor}` : ""}): ${text}`;
        }),
      });
    }
  }
  return {
    type: "report",
    title: "Rode draad reacties op de concept-regiovisie",
    subtitle: round
      ? `${header.visionTitle}, reacties op ${round.versionLabel}`
      : `${header.visionTitle}: nog geen reactieronde`,
    publisher: header.publisher,
    date: isoDateInAmsterdam(today),
    body,
  };
}
