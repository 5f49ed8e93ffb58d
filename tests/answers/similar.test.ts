import { beforeAll, describe, expect, test } from "vitest";
import { similarPoints } from "~/answers/similar.server";
import type { Database } from "~/lib/db.server";
import { buildAnsweringScenario, type AnsweringScenario } from "../factories/answers";
import { useTestDatabase } from "../setup/db";

let database: Database;
let s: AnsweringScenario;

beforeAll(async () => {
  database = await useTestDatabase();
  s = await buildAnsweringScenario(database.db, [
    {
      code: "ASDS",
      points: [
        { text: "Veel gezinnen wachten te lang op specialistische jeugdhulp in de regio.", sections: ["Nabij"] },
        { text: "Betrek jongeren bij de uitvoering.", sections: ["Inleiding"] },
      ],
    },
    {
      code: "PRV",
      type: "aanbieder",
      points: [
        {
          text: "Onze casusregisseurs merken in de praktijk dat specialistische jeugdhulp voor gezinnen vaak vastloopt, na een lange aanloop bij het wijkteam, de huisarts, school en de gecertificeerde instelling; daar ligt de kern van het probleem.",
          sections: ["Casusregie"],
        },
      ],
    },
  ]);
});

describe("similar points", () => {
  test("a point on another section with little text overlap is still found through the word stems it shares", async () => {
    const similar = await similarPoints(database.db, s.vision.id, s.point("ASDS-1").id);
    const match = similar.find((p) => p.reference === "PRV-1");
    expect(match).toBeDefined();
    expect(match!.sharedSections).toEqual([]);
    expect(match!.similarity).toBeLessThan(0.3);
    expect(match!.sharedWords).toEqual(expect.arrayContaining(["gezinnen", "specialistische", "jeugdhulp"]));
    expect(similar.map((p) => p.reference)).not.toContain("ASDS-2");
  });
});
