import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { adoptionRequests, adoptions, files, organisations, outboxMessages, points, reactions, regions, visions } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { sentAdoptionRequests } from "~/adoptions/adoption-requests.server";
import { loadAdoptionOverview } from "~/adoptions/adoptions.server";
import type { Database } from "~/lib/db.server";
import { useTestDatabase } from "../setup/db";

let database: Database;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  database = await useTestDatabase();
  seeded = await seedDemo(database.db, "demo-wachtwoord-voor-test");
}, 180_000);

async function demoVision() {
  const [row] = await database.db
    .select({ id: visions.id })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(and(eq(regions.slug, "rijnmond"), eq(visions.slug, "regiovisie-2026-2030")));
  return row!.id;
}

describe("demo adoption", () => {
  test("Vlaardingen's record lists the aanbiedingsbrief sent to it, with kenmerk and both files", async () => {
    const visionId = await demoVision();
    const [vlaardingen] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, "VLA"));
    const sent = await sentAdoptionRequests(database.db, visionId, vlaardingen!.id);
    expect(sent).toEqual([expect.objectContaining({ letterNumber: "26U0000412", deadline: "2026-07-01", pdfFileId: expect.any(String), docxFileId: expect.any(String) })]);
  });

  test("the aanbiedingsbrief was sent with a deadline, as PDF to the Vlaardingen contacts", async () => {
    const [request] = await database.db.select().from(adoptionRequests);
    expect(request).toMatchObject({ deadline: "2026-07-01", letterNumber: "26U0000412" });
    expect(request!.sentAt).not.toBeNull();
    const mails = await database.db.select().from(outboxMessages).where(eq(outboxMessages.template, "aanbiedingsbrief"));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["gemeente@example.org", "griffie@example.org"]);
  });

  test("Vlaardingen adopted the definitive version (seed 001) with its raadsbesluit and its reactiebrief of 12 juni 2026", async () => {
    const [vla] = await database.db.select().from(organisations).where(eq(organisations.code, "VLA"));
    const [adoption] = await database.db.select().from(adoptions).where(eq(adoptions.municipalityId, vla!.id));
    expect(adoption).toMatchObject({ proposalNumber: "2051053", collegeDate: "2026-03-31", portfolioHolder: "J.J. Silos - Knaap", councilDate: "2026-06-12", outcome: "vastgesteld" });
    const [pdf] = await database.db.select().from(files).where(eq(files.id, adoption!.decisionFileId!));
    expect(Buffer.from(pdf!.content).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const [letter] = await database.db.select().from(reactions).where(eq(reactions.id, adoption!.councilLetterId!));
    expect(letter).toMatchObject({ kind: "reactiebrief", roundId: null, reference: "2051077", replyReference: "2051071", letterDate: "2026-06-12" });
    const letterPoints = await database.db.select().from(points).where(eq(points.reactionId, letter!.id));
    expect(letterPoints.map((p) => p.reference).sort()).toEqual(["VLA-1", "VLA-2", "VLA-3", "VLA-4"]);
    if (!seeded.seeded) throw new Error("not seeded");
    expect(seeded.adoptions.councilLetterId).toBe(letter!.id);
    expect(seeded.adoptions.councilLetterPointReferences).toEqual(["VLA-1", "VLA-2", "VLA-3", "VLA-4"]);
  });

  test("the board says niet van kracht, and why: Lansingerland held over, Maassluis and Schiedam without a decision", async () => {
    const overview = await loadAdoptionOverview(database.db, await demoVision(), "2026-11-23");
    expect(overview!.requiredCount).toBe(13);
    expect(overview!.adoptedCount).toBe(10);
    expect(overview!.status).toMatchObject({
      inForce: false,
      reasons: ["Lansingerland: besluit aangehouden op 18 juni 2026", "Maassluis: nog geen besluit", "Schiedam: nog geen besluit"],
    });
    expect(overview!.rows.filter((r) => r.overdue).map((r) => r.municipality.name)).toEqual(["Lansingerland", "Maassluis", "Schiedam"]);
  });
});
