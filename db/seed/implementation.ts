import { and, eq, inArray } from "drizzle-orm";
import { answers, points, sections, visionVersions } from "~db/schema";
import { assignPoints, saveAnswer, signOffAnswer } from "~/answers/answers.server";
import { viewerForUser } from "~/auth/guards.server";
import { docFromPlainText } from "~/editor/plain-text";
import { createAction, linkPoint, recordActionUpdate } from "~/implementation/implementation-actions.server";
import type { ImplementationStatus } from "~/implementation/options";
import type { Db } from "~/lib/db.server";
import type { SeededOrganisations } from "./organisations";

interface DemoAction {
  title: string;
  description: string;
  /** Section titles in the definitive version (bouwstenen); a missing title is skipped. */
  sections: string[];
  /** "regio" or a member municipality's name. */
  owner: string;
  startsOn: string;
  endsOn: string;
  points: string[];
  updates: Array<{ on: string; status: ImplementationStatus; progress: number; text: string }>;
}

/** Vlaardingen's reactiebrief of 12 juni 2026: what the region answers to its four points. */
const councilLetterAnswers: Record<string, string> = {
  "VLA-1":
    "Elk punt uit de adviezen, reacties en reactiebrieven krijgt in het uitvoeringsplan een kenmerk en een of meer acties. Op de openbare pagina 'Wat is er met uw reactie gedaan?' kan iedereen per punt volgen welke actie eruit volgt en hoe ver die is.",
  "VLA-2":
    "Bij de uitwerking van de vaste casusregisseur spreken we af dat het sociale netwerk van het gezin vanaf de triage wordt betrokken. Dit staat in actie U-01 van het uitvoeringsplan.",
  "VLA-3":
    "De lokale teams gaan samenwerken met schuldhulpverlening en armoedebeleid, zodat schulden en spanningen in het gezin samen worden aangepakt. Dit staat in actie U-02.",
  "VLA-4":
    "Samen met onderwijs, kinderopvang, welzijn en huisartsen werken we een domeinoverstijgend ondersteuningsaanbod uit. Dit staat in acties U-03 en U-04.",
};

const demoActions: DemoAction[] = [
  {
    title: "Eén vaste casusregisseur per gezin in elk lokaal team",
    description:
      "Elk lokaal team wijst per gezin één vaste casusregisseur aan, die betrokken blijft tot het gezin zonder hulp verder kan. Het sociale netwerk van het gezin wordt vanaf de triage betrokken.",
    sections: ["Samenhangende ondersteuning", "Regierol en opdrachtgeverschap", "Hulp is tijdelijk, het netwerk is blijvend"],
    owner: "regio",
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
    points: ["ASDV-1", "ENV-1", "JPR-3", "VLA-2"],
    updates: [
      { on: "2026-02-02", status: "loopt", progress: 20, text: "Alle dertien gemeenten hebben een contactpersoon voor de casusregie aangewezen." },
      { on: "2026-06-15", status: "loopt", progress: 60, text: "In negen lokale teams werkt nu een vaste casusregisseur per gezin; het netwerk wordt bij de triage betrokken." },
    ],
  },
  {
    title: "Schulden en bestaanszekerheid samen aanpakken met de lokale teams",
    description: "De lokale teams maken werkafspraken met schuldhulpverlening en armoedebeleid, zodat geldzorgen en spanningen in het gezin samen met de jeugdhulp worden aangepakt.",
    sections: ["Samenhang met aanpalende domeinen"],
    owner: "Vlaardingen",
    startsOn: "2026-03-01",
    endsOn: "2027-03-01",
    points: ["ASDV-3", "VLA-3"],
    updates: [{ on: "2026-07-01", status: "loopt", progress: 25, text: "Vlaardingen en Schiedam zijn gestart met een gezamenlijk spreekuur van lokaal team en schuldhulp." }],
  },
  {
    title: "Samenwerkingsafspraken met onderwijs, voorschool en kinderopvang",
    description: "Afspraken met de samenwerkingsverbanden passend onderwijs en de kinderopvang over hulp op school en de ondersteuning die zij daarvoor krijgen.",
    sections: ["Versterken pedagogische basis", "Samenwerken zonder schotten"],
    owner: "regio",
    startsOn: "2026-09-01",
    endsOn: "2027-06-30",
    points: ["ASDV-5", "ASDV-7", "VLA-4"],
    updates: [],
  },
  {
    title: "Domeinoverstijgend ondersteuningsaanbod met partners",
    description: "Een regionaal overzicht van het ondersteuningsaanbod van welzijn, huisartsen, onderwijs en jeugdhulp, met afspraken over doorverwijzen zonder schotten.",
    sections: ["Samenwerken zonder schotten"],
    owner: "regio",
    startsOn: "2026-10-01",
    endsOn: "2027-12-31",
    points: ["VLA-4"],
    updates: [],
  },
  {
    title: "Elk punt herleidbaar in het uitvoeringsprogramma",
    description: "Elk punt uit adviezen, reacties en reactiebrieven is openbaar te volgen: van antwoord en gewijzigde tekst tot de acties in het uitvoeringsplan.",
    sections: ["Uitvoeringsplan"],
    owner: "regio",
    startsOn: "2026-01-15",
    endsOn: "2026-07-01",
    points: ["VLA-1"],
    updates: [
      { on: "2026-03-01", status: "loopt", progress: 50, text: "De antwoorden op de eerste ronde staan openbaar op Herleidbaar." },
      { on: "2026-06-30", status: "gereed", progress: 100, text: "Alle acties zijn gekoppeld aan de punten waar ze uit voortkomen en openbaar te volgen." },
    ],
  },
  {
    title: "Wachttijden per aanbieder elke maand openbaar",
    description: "De regio publiceert elke maand de wachttijden per aanbieder en per soort hulp.",
    sections: ["Aanpak van wachttijden"],
    owner: "regio",
    startsOn: "2026-01-01",
    endsOn: "2026-03-31",
    points: [],
    updates: [{ on: "2026-03-15", status: "loopt", progress: 70, text: "De cijfers van elf van de vijftien grootste aanbieders staan online; de rest volgt." }],
  },
  {
    title: "Hulp dichtbij school en thuis",
    description: "Spreekuren van het lokale team op school en in de wijk, zodat jongeren niet ver hoeven te reizen voor hulp.",
    sections: ["Nabij"],
    owner: "regio",
    startsOn: "2026-04-01",
    endsOn: "2027-04-01",
    points: ["JPR-1", "ASDV-2", "ASDV-4"],
    updates: [{ on: "2026-09-01", status: "loopt", progress: 20, text: "Op twaalf scholen houdt het lokale team nu wekelijks spreekuur." }],
  },
  {
    title: "Jongeren kiezen mee wie hen helpt",
    description: "Samen met het jongerenpanel een werkwijze waarin jongeren meebeslissen over hun hulpverlener en hulpplan.",
    sections: ["Kind en gezin écht centraal"],
    owner: "regio",
    startsOn: "2026-11-01",
    endsOn: "2027-10-31",
    points: ["JPR-2"],
    updates: [],
  },
  {
    title: "Regionale pilot besloten opvang in Rotterdam-Zuid",
    description: "Een kleinschalige besloten voorziening als alternatief voor JeugdhulpPlus.",
    sections: ["Afbouw JeugdhulpPlus en alternatieven"],
    owner: "Rotterdam",
    startsOn: "2026-02-01",
    endsOn: "2026-12-31",
    points: [],
    updates: [{ on: "2026-05-20", status: "vervallen", progress: 0, text: "Vervallen: opgegaan in de landelijke aanpak voor regionale alternatieven voor gesloten jeugdhulp." }],
  },
];

/**
 * The uitvoeringsplan of the definitive regiovisie, made through the functions the pages use: the
 * region answers Vlaardingen's reactiebrief (if the adoption step created it and nobody answered it
 * yet), creates the actions with their bouwstenen, links the points they follow from and records
 * dated updates (status changes e-mail the organisations behind the points). One action is overdue.
 */
export async function seedImplementation(db: Db, demo: { organisations: SeededOrganisations; visions: { visionId: string } }) {
  const orgs = demo.organisations;
  const visionId = demo.visions.visionId;
  const editor = await viewerForUser(orgs.users["regioredactie@example.org"]!);
  const admin = await viewerForUser(orgs.users["regiobeheer@example.org"]!);
  const scope = { id: visionId, regionId: orgs.regionId };

  // Vlaardingen's reactiebrief: answered "meegenomen in uitvoeringsplan" and vastgesteld (four eyes), so it is public.
  const letterPoints = await db
    .select({ id: points.id, reference: points.reference, answer: answers.id })
    .from(points)
    .leftJoin(answers, eq(answers.pointId, points.id))
    .where(and(eq(points.visionId, visionId), inArray(points.reference, Object.keys(councilLetterAnswers))));
  const unanswered = letterPoints.filter((p) => !p.answer);
  if (unanswered.length > 0) {
    const at = new Date("2026-06-22T10:00:00Z");
    await assignPoints(db, editor, scope, unanswered.map((p) => p.id), editor.user.id, at);
    for (const p of unanswered) {
      const saved = await saveAnswer(
        db,
        editor,
        scope,
        p.id,
        { revision: 1, body: docFromPlainText(councilLetterAnswers[p.reference]!), disposition: "meegenomen_in_uitvoeringsplan", changedSection: undefined, assigneeId: editor.user.id },
        at,
      );
      await signOffAnswer(db, admin, scope, p.id, { revision: saved.revision }, new Date("2026-06-24T10:00:00Z"));
    }
  }

  const latest = await db
    .select({ key: sections.key, title: sections.title, versionId: sections.versionId, number: visionVersions.number })
    .from(sections)
    .innerJoin(visionVersions, eq(visionVersions.id, sections.versionId))
    .where(and(eq(visionVersions.visionId, visionId), eq(visionVersions.status, "published")));
  const newest = Math.max(...latest.map((s) => s.number));
  const sectionKey = (title: string) => latest.find((s) => s.number === newest && s.title.toLowerCase() === title.toLowerCase())?.key;
  const ownerId = (owner: string) => (owner === "regio" ? orgs.regionOrganisationId : orgs.municipalities[owner]);

  const created: Array<{ id: string; reference: string }> = [];
  for (const item of demoActions) {
    const result = await createAction(db, editor, visionId, {
      title: item.title,
      description: item.description,
      ownerOrganisationId: ownerId(item.owner) ?? "",
      startsOn: item.startsOn,
      endsOn: item.endsOn,
      sectionKeys: item.sections.map(sectionKey).filter((k): k is string => !!k),
    });
    if (!result.ok) throw new Error(`demo action "${item.title}": ${result.message}`);
    for (const reference of item.points) {
      const linked = await linkPoint(db, editor, result.action.id, { pointReference: reference });
      // A point of a step that is not in this demo (e.g. no reactiebrief yet) is skipped.
      if (!linked.ok && !/bestaat niet/.test(linked.message)) throw new Error(`demo link ${reference}: ${linked.message}`);
    }
    for (const update of item.updates) {
      const recorded = await recordActionUpdate(db, editor, result.action.id, update);
      if (!recorded.ok) throw new Error(`demo update ${result.action.reference}: ${recorded.message}`);
    }
    created.push({ id: result.action.id, reference: result.action.reference });
  }
  return { actions: created };
}
