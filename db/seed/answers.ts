import { and, eq } from "drizzle-orm";
import { points, sections, visionVersions } from "~db/schema";
import { assignPoints, publishAnswers, reuseAnswer, saveAnswer, signOffAnswer } from "~/answers/answers.server";
import type { Disposition } from "~/answers/labels";
import { createTheme } from "~/answers/themes.server";
import { viewerForUser } from "~/auth/guards.server";
import { docFromPlainText } from "~/editor/plain-text";
import type { Db } from "~/lib/db.server";
import type { SeededOrganisations } from "./organisations";

interface SeededAnswer {
  reference: string;
  disposition: Disposition;
  /** Title of the changed section in version 2 "definitief" (overgenomen, or deels overgenomen with a change). */
  changedSection?: string;
  /** regiobeheer answered (left for regioredactie to sign off); otherwise regioredactie answered and regiobeheer signed off. */
  byAdmin?: boolean;
  text: string;
}

/**
 * The answers to the first concept's round. Where the definitive version changed (seedDefinitive:
 * one vaste casusregisseur in "Samenhangende ondersteuning", preventie in "Nabij", a new paragraph
 * "Uitvoeringsplan"), the answer is "overgenomen" with that section.
 */
export const demoAnswers: SeededAnswer[] = [
  {
    reference: "ASDV-1",
    disposition: "overgenomen",
    changedSection: "Samenhangende ondersteuning",
    text: "De regio onderschrijft het belang van een sterke regierol van de lokale teams. In de definitieve visie staat in de paragraaf Samenhangende ondersteuning dat elk gezin één vaste casusregisseur van het lokale team heeft. Die blijft betrokken tot het gezin zonder hulp verder kan.\n\nHoe lokale teams domeinoverstijgend en zonder schotten werken, werken de gemeenten uit in het uitvoeringsplan.",
  },
  {
    reference: "ASDV-2",
    disposition: "overgenomen",
    changedSection: "Nabij",
    text: "In de paragraaf Nabij is toegevoegd dat investeren in preventie, zoals laagdrempelige opvoedondersteuning voor ouders, een voorwaarde is om de ambitie waar te maken. Het versterken van het pedagogisch klimaat werken de gemeenten lokaal uit, samen met hun partners in de sociaal pedagogische basis.",
  },
  {
    reference: "ASDV-3",
    disposition: "meegenomen_in_uitvoeringsplan",
    text: "Bestaanszekerheid valt grotendeels buiten de Jeugdwet, maar heeft grote invloed op hoe jeugdigen opgroeien. In het uitvoeringsplan nemen we op hoe lokale teams samenwerken met schuldhulpverlening en armoedebeleid, als onderdeel van de samenhang met aanpalende domeinen.",
  },
  {
    reference: "ASDV-4",
    disposition: "deels_overgenomen",
    changedSection: "Nabij",
    text: "De visie gaat uit van ouders en opvoeders als blijvende factor in het leven van een kind (leidend principe Ouders en opvoeders zijn blijvend). De toegevoegde passage over laagdrempelige opvoedondersteuning in de paragraaf Nabij sluit aan op uw advies. Concrete activiteiten om ouders te versterken kiezen de gemeenten lokaal.",
  },
  {
    reference: "ASDV-5",
    disposition: "meegenomen_in_uitvoeringsplan",
    text: "De samenwerking met onderwijs, kinderopvang, voorzorg, welzijn, huisartsen en jeugdprofessionals werken we uit in het uitvoeringsplan. Dat stellen we op samen met deze partners en met ervaringsdeskundigen; de definitieve visie noemt dit in de nieuwe paragraaf Uitvoeringsplan.",
  },
  {
    reference: "ASDV-6",
    disposition: "niet_overgenomen",
    text: "Vroegtijdig signaleren is al een kern van de paragraaf Nabij en van Versterken pedagogische basis. Wij passen de tekst van de visie daarom niet aan. De beschikbaarheid van het juiste ondersteuningsaanbod op het juiste moment is een onderwerp van de nieuwe inkoopperiode.",
  },
  {
    reference: "ASDV-7",
    disposition: "meegenomen_in_uitvoeringsplan",
    text: "U vraagt terecht aandacht voor de belasting van scholen, voorschool en kinderopvang. In het uitvoeringsplan leggen we vast welke ondersteuning zij krijgen als zij hulp nabij en vroegtijdig inzetten, bijvoorbeeld via de samenwerking met de samenwerkingsverbanden passend onderwijs.",
  },
  {
    reference: "ASDV-8",
    disposition: "niet_overgenomen",
    text: "De wachttijden bij Veilig Thuis vallen buiten deze regiovisie; de aanpak van wachttijden in de jeugdhulp staat in de paragraaf Aanpak van wachttijden. Wij brengen uw zorg over de wachttijd na een melding onder de aandacht van de gemeenten, die Veilig Thuis aansturen.",
  },
  {
    reference: "ASDV-9",
    disposition: "voor_kennisgeving",
    byAdmin: true,
    text: "Wij delen de wens om regels en administratieve lasten te verminderen. In de nieuwe inkoopperiode streven de gemeenten naar eenvoudiger afspraken met aanbieders. In de visie zelf nemen we hierover geen aparte passage op.",
  },
  {
    reference: "ENV-2",
    disposition: "voor_kennisgeving",
    byAdmin: true,
    text: "Dank voor uw steun. Afspraken over het afbouwen van hulp zodra herstel zichtbaar is, maken we samen met aanbieders en lokale teams bij de uitwerking van de visie.",
  },
  {
    reference: "JPR-1",
    disposition: "meegenomen_in_uitvoeringsplan",
    text: "Dank je wel voor je reactie. Daarom willen we hulp dichtbij regelen, in de buurt van school en thuis. Jouw voorbeeld van de twee bussen nemen we mee in het uitvoeringsplan.",
  },
  {
    reference: "JPR-2",
    disposition: "meegenomen_in_uitvoeringsplan",
    text: "Je hebt gelijk: jij moet kunnen meepraten over wie je helpt. In de visie staat al dat we luisteren naar wat jij vraagt. In het uitvoeringsplan spreken we af hoe je zelf mee kunt kiezen.",
  },
  {
    reference: "JPR-3",
    disposition: "overgenomen",
    changedSection: "Samenhangende ondersteuning",
    text: "Goed idee. In de nieuwe versie van de visie staat nu dat elk gezin één vaste casusregisseur krijgt. Die blijft betrokken tot het goed gaat. Hoe dat gaat als je 18 wordt, werken we uit in het uitvoeringsplan.",
  },
];

/** ENV-1 asks the same as ASDV-1 (casusregie bij lokale teams): staff reuse that answer ("gebruik dit antwoord"). */
const REUSED = { reference: "ENV-1", from: "ASDV-1" };

const demoThemes: Array<{ title: string; summary: string; points: string[] }> = [
  {
    title: "Casusregie en lokale teams",
    summary: "De adviesraad, de aanbieder en het jongerenpanel vragen om één vast aanspreekpunt dat het overzicht houdt, ook als specialistische hulp nodig is. De definitieve visie regelt dit met één vaste casusregisseur per gezin.",
    points: ["ASDV-1", "ENV-1", "JPR-3"],
  },
  {
    title: "Preventie en opvoedondersteuning",
    summary: "Investeren in preventie, opvoedondersteuning en vroegsignalering is volgens de adviesraad een voorwaarde voor de ambitie Nabij en passend. De visie noemt preventie nu uitdrukkelijk.",
    points: ["ASDV-2", "ASDV-4", "ASDV-6"],
  },
  {
    title: "Betrokkenheid van het sociale netwerk en partners",
    summary: "Samenwerking met gezinnen, onderwijs, kinderopvang en andere partners, en de belasting die dat voor hen meebrengt. Dit wordt uitgewerkt in het uitvoeringsplan.",
    points: ["ASDV-5", "ASDV-7", "ENV-2"],
  },
  {
    title: "Wachttijden en toegang",
    summary: "Wachttijden (ook bij Veilig Thuis), bereikbaarheid van hulp dichtbij en minder regels.",
    points: ["ASDV-8", "ASDV-9", "JPR-1", "JPR-2"],
  },
];

const day = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);

export interface AnswersDemoInput {
  organisations: SeededOrganisations;
  visions: { visionId: string; firstRoundId: string };
}

/**
 * Answering the first concept's round, as the demo staff would on the pages: regioredactie triages
 * (assigns everything to themselves), answers, reuses an answer for a similar point and sets up the
 * rode draad; regiobeheer answers two points and signs off the rest; the answers are published with
 * the definitive version. Deterministic: fixed dates and texts.
 */
export async function seedAnswers(db: Db, demo: AnswersDemoInput) {
  const orgs = demo.organisations;
  const editor = await viewerForUser(orgs.users["regioredactie@example.org"]!);
  const admin = await viewerForUser(orgs.users["regiobeheer@example.org"]!);
  const scope = { id: demo.visions.visionId, regionId: orgs.regionId };
  const allPoints = await db.select({ id: points.id, reference: points.reference }).from(points).where(eq(points.visionId, scope.id));
  const pointId = (reference: string) => {
    const found = allPoints.find((p) => p.reference === reference);
    if (!found) throw new Error(`demo point ${reference} is missing`);
    return found.id;
  };
  const [definitive] = await db
    .select({ id: visionVersions.id })
    .from(visionVersions)
    .where(and(eq(visionVersions.visionId, scope.id), eq(visionVersions.isDefinitive, true)));
  if (!definitive) throw new Error("the definitive version is missing");
  const definitiveSections = await db.select({ key: sections.key, title: sections.title }).from(sections).where(eq(sections.versionId, definitive.id));
  const changedSection = (title: string) => {
    const found = definitiveSections.find((s) => s.title === title);
    if (!found) throw new Error(`section ${title} is missing in the definitive version`);
    return { versionId: definitive.id, sectionKey: found.key };
  };

  const roundReferences = [...demoAnswers.map((a) => a.reference), REUSED.reference];
  await assignPoints(db, editor, scope, roundReferences.map(pointId), editor.user.id, day("2025-12-01"));

  const answerIds: Record<string, { revision: number }> = {};
  for (const [index, answer] of demoAnswers.entries()) {
    const saved = await saveAnswer(
      db,
      answer.byAdmin ? admin : editor,
      scope,
      pointId(answer.reference),
      {
        revision: 1,
        body: docFromPlainText(answer.text),
        disposition: answer.disposition,
        changedSection: answer.changedSection ? changedSection(answer.changedSection) : undefined,
        assigneeId: answer.byAdmin ? admin.user.id : editor.user.id,
      },
      day("2025-12-08", 9 + (index % 8)),
    );
    answerIds[answer.reference] = { revision: saved.revision };
    if (answer.reference === REUSED.from) {
      await reuseAnswer(db, editor, scope, pointId(REUSED.reference), { sourceAnswerId: saved.id, revision: 1 }, day("2025-12-08", 17));
    }
  }
  // The four-eyes principle: regiobeheer signs off what regioredactie answered (and the reused copy).
  for (const answer of demoAnswers.filter((a) => !a.byAdmin)) {
    await signOffAnswer(db, admin, scope, pointId(answer.reference), answerIds[answer.reference]!, day("2025-12-15"));
  }
  const [reused] = await db.query.answers.findMany({ where: (a, { eq: equals }) => equals(a.pointId, pointId(REUSED.reference)) });
  await signOffAnswer(db, admin, scope, pointId(REUSED.reference), { revision: reused!.revision }, day("2025-12-15"));

  for (const theme of demoThemes) {
    await createTheme(db, editor, scope, { title: theme.title, summary: docFromPlainText(theme.summary), pointIds: theme.points.map(pointId) });
  }
  await publishAnswers(db, admin, scope, demo.visions.firstRoundId, day("2025-12-19", 13));
  return { answered: roundReferences.length, themes: demoThemes.length };
}
