import type { Db } from "~/lib/db.server";
import { seedAdoptions } from "./adoptions";
import { seedAnswers } from "./answers";
import { seedImplementation } from "./implementation";
import { seedLetters } from "./letters";
import { isSeeded, seedOrganisations } from "./organisations";
import { seedReactions } from "./reactions";
import { seedDefinitive, seedFirstConcept } from "./visions";

export const DEFAULT_DEMO_PASSWORD = "herleidbaar-demo-2026";

/**
 * The demo grows with every capability: each stage of the seed process is added here through the
 * same functions the pages use.
 */
export async function seedDemo(db: Db, password: string) {
  if (await isSeeded(db)) return { seeded: false as const };
  const organisations = await seedOrganisations(db, password);
  const firstConcept = await seedFirstConcept(db, organisations);
  const reactions = await seedReactions(db, organisations, firstConcept);
  const definitive = await seedDefinitive(db, organisations, firstConcept.visionId);
  const answers = await seedAnswers(db, { organisations, visions: firstConcept });
  const letters = await seedLetters(db, { organisations, visions: firstConcept });
  const adoptions = await seedAdoptions(db, { organisations });
  const implementation = await seedImplementation(db, { organisations, visions: firstConcept });
  return { seeded: true as const, organisations, visions: { ...firstConcept, ...definitive }, reactions, answers, letters, adoptions, implementation };
}
