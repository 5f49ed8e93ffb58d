import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { memberships, reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { Db } from "~/lib/db.server";
import { proposeLetterImport } from "~/reactions/letter-import.server";
import { applyLetterImport, forwardReaction, operationOf, saveReaction, setSignatories, startReaction, submitPlainReaction, submitReaction } from "~/reactions/reactions.server";
import type { SeededOrganisations } from "./organisations";
import { REWORDED_SENTENCE } from "./visions";

/** The Vlaardingen advies of 17 November 2025 as its members would paste it: from the address to the contactambtenaar. */
export function adviceLetterSeedText(): string {
  const lines = readFileSync(path.resolve("db/seed/documents/001_33a8688e64a59d40.txt"), "utf8").split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith("Aan het College van Burgemeester en Wethouders"));
  const end = lines.findIndex((line, index) => index > start && line.trim() === "GRJR");
  return lines.slice(start, end).join("\n");
}

async function revisionOf(db: Db, reactionId: string) {
  const [row] = await db.select({ revision: reactions.revision }).from(reactions).where(eq(reactions.id, reactionId));
  return row!.revision;
}

/**
 * Reactions on the eerste concept: the Vlaardingen advies through the letter importer (submitted
 * on 17 November, forwarded by the municipality on 19 November) and a short provider reactie
 * written point by point.
 */
export async function seedReactions(db: Db, orgs: SeededOrganisations, visions: { firstRoundId: string }) {
  await db.update(memberships).set({ title: "voorzitter" }).where(eq(memberships.userId, orgs.users["voorzitter@example.org"]!));

  const member = await viewerForUser(orgs.users["adviesraad@example.org"]!);
  const advies = await startReaction(db, member, { roundId: visions.firstRoundId, organisationId: orgs.advisoryCouncilId }, new Date("2025-11-10T10:00:00Z"));
  const proposal = await proposeLetterImport(db, advies.versionId, adviceLetterSeedText());
  await applyLetterImport(db, member, advies.id, {
    metadata: proposal.letter.metadata,
    introduction: proposal.letter.introduction,
    conclusion: proposal.letter.conclusion,
    points: proposal.points.map((p) => ({ text: p.text, kind: p.kind, sectionKeys: p.suggestions[0] ? [p.suggestions[0].key] : [], general: !p.suggestions[0] })),
  });
  await setSignatories(db, member, advies.id, [orgs.users["voorzitter@example.org"]!]);
  await submitReaction(db, member, advies.id, { revision: await revisionOf(db, advies.id), submissionKey: "demo-advies-asdv" }, new Date("2025-11-17T15:00:00Z"));
  const municipalStaff = await viewerForUser(orgs.users["gemeente@example.org"]!);
  await forwardReaction(db, municipalStaff, advies.id, new Date("2025-11-19T09:00:00Z"));

  const provider = await viewerForUser(orgs.users["aanbieder@example.org"]!);
  const reactie = await startReaction(db, provider, { roundId: visions.firstRoundId, organisationId: orgs.providerId }, new Date("2025-11-20T09:00:00Z"));
  const base = {
    addressedToId: reactie.addressedToId!,
    place: "Rotterdam",
    letterDate: "2025-11-25",
    reference: "ENV-2025-114",
    theirReference: null,
    subject: reactie.subject,
    introduction: "Jeugdhulp Enver dankt de regio voor de gelegenheid om te reageren. Wij herkennen ons in de ambitie Nabij en passend.",
    conclusion: "Wij denken graag mee over het uitvoeringsplan.",
    signatories: [] as string[],
    submissionKey: undefined,
  };
  const pointsOf = () => db.query.points.findMany({ where: (p, { eq: equals }) => equals(p.reactionId, reactie.id), orderBy: (p, { asc }) => [asc(p.number)] });
  // As a member does on the page: "Punt toevoegen" twice (each save keeps the points already there).
  for (let i = 0; i < 2; i++) {
    const existing = (await pointsOf()).map((p) => ({ id: p.id, kind: p.kind, body: p.plainText, sectionKeys: [], quote: null, general: "ja" as const }));
    await saveReaction(db, provider, reactie.id, { ...base, revision: await revisionOf(db, reactie.id), points: existing, intent: "add-point" }, operationOf("add-point"));
  }
  const created = await pointsOf();
  const sectionFor = async (pattern: RegExp) => {
    const rows = await db.query.sections.findMany({ where: (s, { eq: equals }) => equals(s.versionId, reactie.versionId) });
    return rows.find((s) => pattern.test(s.title))?.key;
  };
  const caseManagement = await sectionFor(/samenhangende ondersteuning/i);
  const providers = await sectionFor(/^aanbieders$/i);
  await saveReaction(
    db,
    provider,
    reactie.id,
    {
      ...base,
      revision: await revisionOf(db, reactie.id),
      intent: "save",
      points: [
        {
          id: created[0]!.id,
          kind: "vraag",
          body: "Hoe wordt de casusregie bij lokale teams belegd als een gezin ook specialistische hulp van een aanbieder krijgt? Wie houdt dan het overzicht?",
          sectionKeys: caseManagement ? [caseManagement] : [],
          // Quoted, so the definitive version shows how this passage changed.
          quote: caseManagement ? REWORDED_SENTENCE.before : null,
        },
        {
          id: created[1]!.id,
          kind: "steun",
          body: "Wij steunen dat hulp wordt afgebouwd zodra herstel zichtbaar is, en willen daar samen met de lokale teams afspraken over maken.",
          sectionKeys: providers ? [providers] : [],
          quote: null,
          general: providers ? undefined : "ja",
        },
      ],
    },
    operationOf("save"),
  );
  await setSignatories(db, provider, reactie.id, [orgs.users["aanbieder@example.org"]!]);
  await submitReaction(db, provider, reactie.id, { revision: await revisionOf(db, reactie.id), submissionKey: "demo-reactie-enver" }, new Date("2025-11-28T11:00:00Z"));
  // A young person with lived experience, through the plain-language form.
  const youngPerson = await viewerForUser(orgs.users["ervaringsdeskundige@example.org"]!);
  const nearby = await sectionFor(/^nabij$/i);
  const plain = await submitPlainReaction(
    db,
    youngPerson,
    {
      roundId: visions.firstRoundId,
      organisationId: orgs.experienceExpertsId,
      sectionKey: nearby,
      opinion: "Goed dat hulp dichtbij moet zijn. Ik moest vroeg met twee bussen naar mijn afspraken, dat lukte niet altijd.",
      missing: "Dat je zelf mag meepraten over wie je hulpverlener is.",
      helps: "Eén vast persoon die je kunt appen en die blijft, ook als je 18 wordt.",
      publication: "alleen_organisatie",
      submissionKey: "demo-eenvoudig-jongerenpanel",
    },
    new Date("2025-11-26T16:00:00Z"),
  );
  return { adviceId: advies.id, providerReactionId: reactie.id, plainReactionId: plain.id };
}
