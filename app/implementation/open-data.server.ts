import type { JSONContent } from "@tiptap/core";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { adoptions, answers, implementationActions, organisations, points, reactions, sections, visionVersions } from "~db/schema";
import { plainTextOf } from "~/editor/validate.server";
import type { Db } from "~/lib/db.server";
import { toCsv } from "./csv";
import { publicPointCondition } from "./implementation-actions.server";

/**
 * Open data of a visie: the published points, answers, adoption decisions and actions, under the
 * same publication rule as the public pages. Field names are documented here and on the open-data
 * page; rows are ordered by a stable key so that two downloads of the same state are identical.
 */
export const openDataFields = {
  punten: {
    punt_id: "Vaste id van het punt (UUID).",
    kenmerk: "Kenmerk van het punt, zoals ASDV-3; leeg bij een anonieme inzender.",
    organisatie: "Naam van de organisatie; leeg bij een anonieme inzender.",
    soort_reactie: "advies, reactie of reactiebrief.",
    soort_punt: "vraag, aandachtspunt, wijzigingsvoorstel, steun of bezwaar.",
    brief_datum: "Datum van de brief (jjjj-mm-dd), als die bekend is.",
    tekst: "De tekst van het punt.",
  },
  antwoorden: {
    punt_id: "Het punt waar het antwoord bij hoort.",
    afweging: "overgenomen, deels_overgenomen, niet_overgenomen, meegenomen_in_uitvoeringsplan of voor_kennisgeving.",
    status: "beantwoord of vastgesteld.",
    antwoord: "De tekst van het antwoord.",
    gewijzigd_onderdeel: "Nummer en titel van het onderdeel dat door het punt is gewijzigd.",
    in_versie: "De versie van de visie waarin dat onderdeel is gewijzigd.",
  },
  besluiten: {
    gemeente: "De gemeente die over de visie besliste.",
    versie: "De versie waarover de raad besloot.",
    raadsvergadering: "Datum van de raadsvergadering (jjjj-mm-dd).",
    uitkomst: "vastgesteld, vastgesteld_met_amendement, aangehouden of verworpen.",
    besluitnummer: "Nummer van het raadsbesluit.",
  },
  acties: {
    kenmerk: "Kenmerk van de actie, zoals U-01.",
    titel: "Titel van de actie.",
    status: "gepland, loopt, gereed of vervallen.",
    voortgang: "Voortgang in procenten (0-100).",
    start: "Startdatum (jjjj-mm-dd).",
    eind: "Einddatum (jjjj-mm-dd).",
    eigenaar: "Organisatie die de actie trekt.",
    punten: "Kenmerken van de gepubliceerde punten waar de actie uit voortkomt, gescheiden door komma's.",
  },
} as const;

export type Dataset = keyof typeof openDataFields;
export const datasets = Object.keys(openDataFields) as Dataset[];

const anonymous = sql<boolean>`(${reactions.isAnonymous} or coalesce(${reactions.publicationChoice}::text, '') = 'anoniem')`;

export async function openData(db: Db, visionId: string) {
  const [pointRows, answerRows, decisionRows, actionRows] = await Promise.all([
    db
      .select({ id: points.id, reference: points.reference, organisation: organisations.name, reactionKind: reactions.kind, kind: points.kind, letterDate: reactions.letterDate, text: points.plainText, anonymous })
      .from(points)
      .innerJoin(reactions, eq(reactions.id, points.reactionId))
      .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
      .where(and(eq(points.visionId, visionId), publicPointCondition))
      .orderBy(asc(points.id)),
    db
      .select({ pointId: points.id, disposition: answers.disposition, status: answers.status, body: answers.body, sectionNumber: sections.number, sectionTitle: sections.title, versionLabel: visionVersions.label })
      .from(answers)
      .innerJoin(points, eq(points.id, answers.pointId))
      .innerJoin(reactions, eq(reactions.id, points.reactionId))
      .leftJoin(visionVersions, eq(visionVersions.id, answers.changedVersionId))
      .leftJoin(sections, and(eq(sections.versionId, answers.changedVersionId), eq(sections.key, answers.changedSectionKey)))
      .where(and(eq(points.visionId, visionId), publicPointCondition, sql`${answers.status} in ('beantwoord', 'vastgesteld')`))
      .orderBy(asc(points.id)),
    db
      .select({ municipality: organisations.name, versionLabel: visionVersions.label, councilDate: adoptions.councilDate, outcome: adoptions.outcome, decisionNumber: adoptions.decisionNumber })
      .from(adoptions)
      .innerJoin(organisations, eq(organisations.id, adoptions.municipalityId))
      .leftJoin(visionVersions, eq(visionVersions.id, adoptions.versionId))
      .where(and(eq(adoptions.visionId, visionId), isNotNull(adoptions.outcome)))
      .orderBy(asc(organisations.name)),
    db
      .select({
        reference: implementationActions.reference,
        title: implementationActions.title,
        status: implementationActions.status,
        progress: implementationActions.progress,
        startsOn: implementationActions.startsOn,
        endsOn: implementationActions.endsOn,
        owner: organisations.name,
        points: sql<string>`coalesce((select string_agg(points.reference, ',' order by points.reference) from implementation_action_points iap
          join points on points.id = iap.point_id join reactions on reactions.id = points.reaction_id
          where iap.action_id = ${implementationActions.id} and ${publicPointCondition}
          and not (reactions.is_anonymous or coalesce(reactions.publication_choice::text, '') = 'anoniem')), '')`,
      })
      .from(implementationActions)
      .leftJoin(organisations, eq(organisations.id, implementationActions.ownerOrganisationId))
      .where(eq(implementationActions.visionId, visionId))
      .orderBy(asc(implementationActions.reference)),
  ]);
  return {
    punten: pointRows.map((p) => ({
      punt_id: p.id,
      kenmerk: p.anonymous ? null : p.reference,
      organisatie: p.anonymous ? null : p.organisation,
      soort_reactie: p.reactionKind,
      soort_punt: p.kind,
      brief_datum: p.letterDate,
      tekst: p.text,
    })),
    antwoorden: answerRows.map((a) => ({
      punt_id: a.pointId,
      afweging: a.disposition,
      status: a.status,
      antwoord: a.body ? plainTextOf(a.body as JSONContent) : "",
      gewijzigd_onderdeel: a.sectionTitle ? [a.sectionNumber, a.sectionTitle].filter(Boolean).join(" ") : null,
      in_versie: a.sectionTitle ? a.versionLabel : null,
    })),
    besluiten: decisionRows.map((d) => ({ gemeente: d.municipality, versie: d.versionLabel, raadsvergadering: d.councilDate, uitkomst: d.outcome, besluitnummer: d.decisionNumber })),
    acties: actionRows.map((a) => ({
      kenmerk: a.reference,
      titel: a.title,
      status: a.status,
      voortgang: a.progress,
      start: a.startsOn,
      eind: a.endsOn,
      eigenaar: a.owner,
      punten: a.points,
    })),
  };
}

export type OpenData = Awaited<ReturnType<typeof openData>>;

export function openDataCsv(data: OpenData, dataset: Dataset) {
  const columns = Object.keys(openDataFields[dataset]);
  const rows = data[dataset] as Array<Record<string, unknown>>;
  return toCsv(columns, rows.map((row) => columns.map((c) => row[c] ?? "")));
}
