import type { JSONContent } from "@tiptap/core";
import { eq, inArray } from "drizzle-orm";
import { answers, organisations, points, reactions } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { Db } from "~/lib/db.server";
import { createOrganisationRecord, createUserRecord } from "./index";
import { buildAnsweringScenario } from "./answers";

export function richDoc(...paragraphs: string[]): JSONContent {
  return { type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) };
}

/**
 * Two submitted reactions on one round: an advies of an adviesraad addressed to the college of a
 * member municipality (sender: that college) with three points, and a provider's reactie addressed
 * to the region with two points. Answers are inserted directly (tests only) with `answerPoints`.
 */
export async function letterScenario(db: Db) {
  const s = await buildAnsweringScenario(
    db,
    [
      {
        code: "ADV",
        type: "adviesraad",
        name: "Adviesraad Westerhaven",
        points: [
          { text: "Wij vragen aandacht voor de wachtlijsten in de jeugdhulp.", sections: ["Nabij"] },
          { text: "Betrek het netwerk van het kind bij de triage.", sections: ["Casusregie"] },
          { text: "Zorg voor een integrale aanpak van schulden." },
        ],
      },
      {
        code: "AAN",
        type: "aanbieder",
        name: "Jeugdzorg Aanbieder",
        points: [
          { text: "Maak de administratieve lasten kleiner.", sections: ["Inleiding"] },
          { text: "Investeer in de pedagogische basis.", sections: ["Onze ambitie"] },
        ],
      },
    ],
    { secondVersion: false },
  );
  const municipality = await createOrganisationRecord(db, s.region.id, {
    type: "gemeente",
    name: "Westerhaven",
    code: "WHV",
    postalAddress: "Postbus 10\n1000 AA Westerhaven",
  });
  await db
    .update(reactions)
    .set({ addressedToId: municipality.id, reference: "ADV-2026-07", letterDate: "2026-02-27" })
    .where(eq(reactions.id, s.reactionIds.ADV!));
  await db
    .update(organisations)
    .set({ postalAddress: "Stadhuisplein 1\n1000 AB Westerhaven" })
    .where(eq(organisations.id, s.organisations.ADV!.id));
  const member = await createUserRecord(db, {
    name: "Mia Lid",
    memberships: [{ organisationId: s.organisations.ADV!.id, role: "member" }],
  });
  const pointsOf = async (code: "ADV" | "AAN") =>
    db.select().from(points).where(eq(points.reactionId, s.reactionIds[code]!)).orderBy(points.number);
  return {
    ...s,
    municipality,
    memberUser: member,
    member: await viewerForUser(member.id),
    signatoryUserId: s.organisations.ADV!.userId,
    pointsOf,
  };
}

export type LetterScenario = Awaited<ReturnType<typeof letterScenario>>;

/** Answers the points (status beantwoord) with "Antwoord op <reference>: …" texts. */
export async function answerPoints(
  db: Db,
  pointRows: { id: string; reference: string }[],
  options: {
    disposition?: (typeof answers.$inferInsert)["disposition"];
    status?: "beantwoord" | "vastgesteld" | "in_behandeling";
    text?: (reference: string) => string;
  } = {},
) {
  if (pointRows.length === 0) return;
  await db.delete(answers).where(
    inArray(
      answers.pointId,
      pointRows.map((p) => p.id),
    ),
  );
  await db.insert(answers).values(
    pointRows.map((p) => ({
      pointId: p.id,
      body: richDoc(
        options.text ? options.text(p.reference) : `Antwoord op ${p.reference}: wij nemen dit mee in de visie.`,
      ),
      disposition: options.disposition ?? "overgenomen",
      status: options.status ?? "beantwoord",
      answeredAt: new Date(),
    })),
  );
}

/** The letter form as the page posts it. */
export function letterForm(overrides: Record<string, unknown> = {}) {
  return {
    revision: 0,
    letterNumber: "2051077",
    subject: "",
    handledBy: "J. de Vries",
    letterDate: "2026-06-12",
    signatoryNames: ["drs. E. Stolk", "E.F.A. Zevenbergen"],
    signatoryTitles: ["de secretaris", "de burgemeester"],
    introduction: "Dank voor uw reactie van {datum_reactie} namens {organisatie} (uw kenmerk {kenmerk_reactie}).",
    closing: "Met vragen kunt u terecht bij {regio}.",
    ...overrides,
  };
}
