import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { organisations, points, regions, visions, visionVersions } from "~db/schema";
import { saveAdoptionRequest, sendAdoptionRequest } from "~/adoptions/adoption-requests.server";
import { attachDecisionFile, recordDecision, targetVersionOf } from "~/adoptions/adoptions.server";
import { importCouncilLetter } from "~/adoptions/council-letters.server";
import { letterRenderers } from "~/adoptions/render.server";
import type { DecisionInput } from "~/adoptions/schema.server";
import { viewerForUser } from "~/auth/guards.server";
import type { Db } from "~/lib/db.server";
import { renderPdf } from "~/letters/pdf.server";
import type { SeededOrganisations } from "./organisations";
import { DEMO_VISION_SLUG } from "./visions";

export const ADOPTION_DEADLINE = "2026-07-01";

/** Vlaardingen's letter of 12 juni 2026 to the AB GRJR, as the griffie would paste it (from "Datum" to the end). */
export function councilLetterSeedText(): string {
  const lines = readFileSync(path.resolve("db/seed/documents/001_33a8688e64a59d40.txt"), "utf8").split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith("Datum 12 juni 2026"));
  return lines.slice(start).join("\n");
}

/** The Vlaardingen raadsbesluit text (seed 001), printed to a PDF as the griffie would upload it. */
function raadsbesluitSeedText(): string[] {
  const lines = readFileSync(path.resolve("db/seed/documents/001_33a8688e64a59d40.txt"), "utf8").split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === "RAADSBESLUIT");
  const end = lines.findIndex((line, index) => index > start && line.startsWith("Westnieuwland 6"));
  return lines
    .slice(start + 1, end)
    .join("\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const aanbiedingsbriefBody = [
  "Het Algemeen Bestuur van de GRJR heeft op 19 december 2025 afgestemd dat de geactualiseerde Regiovisie Jeugdhulp Rijnmond 2026-2030 voor besluitvorming aan de gemeenten verstuurd mag worden. Als voorzitter van de stuurgroep stuur ik u de regiovisie nu toe, met het verzoek om deze vast te laten stellen door uw gemeenteraad.",
  "De regiovisie is het product van inhoudelijke samenwerking tussen de gemeenten en de uitvoeringsorganisatie van de GRJR. De adviesraden sociaal domein, jeugdhulpaanbieders, gecertificeerde instellingen, Veilig Thuis, ervaringsdeskundige jongeren en ouders en andere ketenpartners hebben gereageerd op het eerste concept. Op Herleidbaar staat bij elke reactie wat ermee is gedaan.",
  "Met de regiovisie voldoen de dertien gemeenten aan de Wet verbetering beschikbaarheid jeugdzorg. Pas als alle dertien gemeenteraden de regiovisie hebben vastgesteld, is de regiovisie van kracht. Daarom verzoek ik u uiterlijk 1 juli 2026 de regiovisie formeel vast te laten stellen door uw raad. Ik ga er daarbij van uit dat u ook het advies van uw adviesraad sociaal domein daarin meeneemt.",
  "Wilt u het raadsbesluit, en eventueel de reactiebrief van uw raad, op Herleidbaar vastleggen? Punten uit een reactiebrief krijgen een plek in het uitvoeringsplan.",
].join("\n\n");

/** Decisions of the other member municipalities: most adopted the definitive version; three are still open. */
const otherDecisions: Array<{ name: string; college: string; committee: string | null; council: string | null; outcome: DecisionInput["outcome"]; number: string }> = [
  { name: "Albrandswaard", college: "2026-03-24", committee: "2026-04-14", council: "2026-04-28", outcome: "vastgesteld", number: "RV-2026-031" },
  { name: "Barendrecht", college: "2026-03-17", committee: "2026-04-13", council: "2026-05-19", outcome: "vastgesteld", number: "2026-0112" },
  { name: "Capelle aan den IJssel", college: "2026-03-10", committee: "2026-05-11", council: "2026-05-26", outcome: "vastgesteld_met_amendement", number: "RV 26/044" },
  { name: "Goeree-Overflakkee", college: "2026-03-31", committee: "2026-05-21", council: "2026-06-04", outcome: "vastgesteld", number: "GO-2026-0578" },
  { name: "Krimpen aan den IJssel", college: "2026-04-07", committee: "2026-05-19", council: "2026-06-02", outcome: "vastgesteld", number: "1021466" },
  { name: "Nissewaard", college: "2026-03-03", committee: "2026-04-08", council: "2026-04-22", outcome: "vastgesteld", number: "Z-26-114201" },
  { name: "Rotterdam", college: "2026-03-24", committee: "2026-05-27", council: "2026-06-11", outcome: "vastgesteld", number: "26bb1840" },
  { name: "Voorne aan Zee", college: "2026-04-14", committee: "2026-06-08", council: "2026-06-25", outcome: "vastgesteld", number: "RV-VAZ-2026-29" },
  // Still open, so the board shows "niet van kracht" and why (the deadline has passed for all three):
  { name: "Lansingerland", college: "2026-04-21", committee: "2026-06-02", council: "2026-06-18", outcome: "aangehouden", number: "2026-0233" },
  { name: "Maassluis", college: "2026-05-12", committee: "2026-06-15", council: null, outcome: undefined, number: "RV 2026-19" },
];

export interface SeededAdoptions {
  adoptionRequestId: string;
  /** Vlaardingen's reactiebrief of 12 juni 2026 and its four points (VLA-1 … VLA-4). */
  councilLetterId: string;
  councilLetterPointIds: string[];
  councilLetterPointReferences: string[];
}

/**
 * Adoption of the definitive regiovisie (issue 7): the aanbiedingsbrief sent to the thirteen colleges
 * (deadline 1 July 2026); Vlaardingen's griffie records the raadsvoorstel and raadsbesluit of seed 001
 * with the PDF and the council's reactiebrief (imported from the seed text); Ridderkerk's follows the
 * shape of seed 000 (zaaknummer, commissie samen leven, raad 22 april); most others adopted (recorded
 * by staff on their behalf); Lansingerland held its decision over, Maassluis has a raadsvoorstel but
 * no raad yet, Schiedam nothing: niet van kracht. Looks everything up by slug and name.
 */
export async function seedAdoptions(db: Db, demo: { organisations: SeededOrganisations }): Promise<SeededAdoptions> {
  const orgs = demo.organisations;
  const [vision] = await db
    .select({ id: visions.id })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(and(eq(regions.slug, "rijnmond"), eq(visions.slug, DEMO_VISION_SLUG)));
  if (!vision) throw new Error("seedAdoptions: the demo visie is missing");
  const target = targetVersionOf(await db.select().from(visionVersions).where(eq(visionVersions.visionId, vision.id)));
  if (!target) throw new Error("seedAdoptions: the definitive version is missing");
  const municipalityId = async (name: string) => {
    const known = orgs.municipalities[name];
    if (known) return known;
    const [row] = await db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.regionId, orgs.regionId), eq(organisations.name, name)));
    return row!.id;
  };

  const staff = await viewerForUser(orgs.users["regiobeheer@example.org"]!);
  const request = await saveAdoptionRequest(db, staff, vision.id, {
    versionId: target.id,
    letterDate: "2026-01-08",
    letterNumber: "26U0000412",
    deadline: ADOPTION_DEADLINE,
    body: aanbiedingsbriefBody,
    signedByName: "Wouter Struijk\nWethouder jeugd Nissewaard\nVoorzitter van de regionale stuurgroep transformatie",
  });
  await sendAdoptionRequest(db, staff, vision.id, request.id, letterRenderers, new Date("2026-01-08T09:00:00Z"));

  // Vlaardingen (seed 001): recorded by its own griffie.
  const griffie = await viewerForUser(orgs.users["griffie@example.org"]!);
  const vlaardingen = await municipalityId("Vlaardingen");
  const recorded = await recordDecision(
    db,
    griffie,
    {
      visionId: vision.id,
      municipalityId: vlaardingen,
      decision: {
        revision: 1,
        versionId: target.id,
        proposalNumber: "2051053",
        collegeDate: "2026-03-31",
        portfolioHolder: "J.J. Silos - Knaap",
        committeeDate: "",
        councilDate: "2026-06-12",
        decisionNumber: "1750738",
        outcome: "vastgesteld",
        items: [
          { text: "De Regiovisie Jeugdhulp Rijnmond 2026-2030 vast te stellen.", outcome: "vastgesteld" },
          {
            text: "De brief aan Algemeen Bestuur Gemeenschappelijke Regeling Jeugdhulp Rijnmond (GRJR) met reactie op de Regiovisie Jeugdhulp Rijnmond 2026-2030 vast te stellen.",
            outcome: "vastgesteld",
          },
        ],
      },
    },
    new Date("2026-06-15T09:00:00Z"),
  );
  const decisionPdf = await renderPdf({
    type: "report",
    title: "Raadsbesluit Regiovisie Jeugdhulp Rijnmond 2026-2030",
    subtitle: "Registratienummer 1750738",
    publisher: "Gemeenteraad van Vlaardingen",
    date: "2026-06-12",
    body: raadsbesluitSeedText().map((text) => ({ type: "text" as const, content: { kind: "plain" as const, text } })),
  });
  await attachDecisionFile(db, griffie, {
    visionId: vision.id,
    municipalityId: vlaardingen,
    revision: recorded.adoption.revision,
    filename: "Raadsbesluit 1750738 Regiovisie Jeugdhulp Rijnmond.pdf",
    bytes: decisionPdf,
  });
  const letter = await importCouncilLetter(db, griffie, { visionId: vision.id, municipalityId: vlaardingen, text: councilLetterSeedText() }, new Date("2026-06-15T09:30:00Z"));

  // Ridderkerk (the shape of seed 000, in 2026): zaaknummer, commissie samen leven, raad on 22 April.
  await recordDecision(
    db,
    staff,
    {
      visionId: vision.id,
      municipalityId: await municipalityId("Ridderkerk"),
      decision: {
        revision: 1,
        versionId: target.id,
        proposalNumber: "255278",
        collegeDate: "2026-03-09",
        portfolioHolder: "",
        committeeDate: "2026-04-07",
        councilDate: "2026-04-22",
        decisionNumber: "",
        outcome: "vastgesteld",
        items: [{ text: "De Regiovisie Jeugdhulp Rijnmond 2026-2030 vast te stellen.", outcome: "vastgesteld" }],
      },
    },
    new Date("2026-04-23T09:00:00Z"),
  );

  for (const other of otherDecisions) {
    await recordDecision(
      db,
      staff,
      {
        visionId: vision.id,
        municipalityId: await municipalityId(other.name),
        decision: {
          revision: 1,
          versionId: target.id,
          proposalNumber: other.number,
          collegeDate: other.college,
          portfolioHolder: "",
          committeeDate: other.committee ?? "",
          councilDate: other.council ?? "",
          decisionNumber: "",
          outcome: other.outcome ?? "",
          items: [{ text: "De Regiovisie Jeugdhulp Rijnmond 2026-2030 vast te stellen.", outcome: other.outcome ?? "" }],
        },
      },
      new Date(`${other.council ?? other.committee ?? other.college}T18:00:00Z`),
    );
  }

  const letterPoints = await db.select({ id: points.id, reference: points.reference }).from(points).where(eq(points.reactionId, letter.reaction.id)).orderBy(asc(points.number));
  return {
    adoptionRequestId: request.id,
    councilLetterId: letter.reaction.id,
    councilLetterPointIds: letterPoints.map((p) => p.id),
    councilLetterPointReferences: letterPoints.map((p) => p.reference),
  };
}
