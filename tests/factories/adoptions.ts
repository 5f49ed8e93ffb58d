import { eq } from "drizzle-orm";
import { organisations } from "~db/schema";
import { viewerForUser } from "~/auth/guards.server";
import type { Db } from "~/lib/db.server";
import { ensureDraft, getDraft, publishDraft } from "~/visions/visions.server";
import type { LetterRenderers } from "~/adoptions/adoption-requests.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "./index";
import { createVisionWithDraft } from "./visions";

/**
 * A region with three member municipalities (Noordstad, Oostdorp and Zuidwaard, which was formed
 * on 2023-01-01 from Westhoek that merged into it), staff, a griffie and a contactambtenaar for
 * Noordstad, a griffie for Oostdorp, and a visie with an "eerste concept", a published
 * "definitief" and an unpublished draft. A second region with its own municipality.
 */
export async function adoptionScenario(db: Db) {
  const { region, regionOrganisation } = await createRegionRecord(db);
  const other = await createRegionRecord(db);
  const gemeente = (name: string, code: string, extra: Partial<typeof organisations.$inferInsert> = {}) =>
    createOrganisationRecord(db, region.id, { type: "gemeente", name, code, ...extra });
  const noordstad = await gemeente("Noordstad", "NRD");
  const oostdorp = await gemeente("Oostdorp", "OST");
  const zuidwaard = await gemeente("Zuidwaard", "ZDW", { memberFrom: "2023-01-01" });
  const westhoek = await gemeente("Westhoek", "WHK", { memberUntil: "2022-12-31" });
  await db.update(organisations).set({ mergedIntoId: zuidwaard.id }).where(eq(organisations.id, westhoek.id));
  const foreign = await createOrganisationRecord(db, other.region.id, { type: "gemeente", name: "Verweg", code: "VWG" });
  const provider = await createOrganisationRecord(db, region.id, { type: "aanbieder", name: "Aanbieder Noord", code: "AAN" });

  const staff = await createUserRecord(db, { name: "Regio Redacteur", memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const griffie = await createUserRecord(db, { name: "Griffier Noordstad", memberships: [{ organisationId: noordstad.id, role: "griffie" }] });
  const contact = await createUserRecord(db, { name: "Contact Noordstad", memberships: [{ organisationId: noordstad.id, role: "municipal_staff" }] });
  const griffieOost = await createUserRecord(db, { name: "Griffier Oostdorp", memberships: [{ organisationId: oostdorp.id, role: "griffie" }] });
  const otherStaff = await createUserRecord(db, { name: "Andere Regio", memberships: [{ organisationId: other.regionOrganisation.id, role: "staff_admin" }] });
  const member = await createUserRecord(db, { name: "Lid Aanbieder", memberships: [{ organisationId: provider.id, role: "member" }] });

  const vision = await createVisionWithDraft(db, staff.id, region.id);
  const first = await publishDraft(db, staff.id, region.id, vision.id, { label: "eerste concept", isDefinitive: false, round: null });
  await ensureDraft(db, staff.id, region.id, vision.id);
  const definitive = await publishDraft(db, staff.id, region.id, vision.id, { label: "definitief", isDefinitive: true, round: null });
  await ensureDraft(db, staff.id, region.id, vision.id);
  const draft = (await getDraft(db, vision.id))!;

  return {
    region,
    regionOrganisation,
    otherRegion: other.region,
    municipalities: { noordstad, oostdorp, zuidwaard, westhoek },
    foreign,
    provider,
    vision,
    versions: { first: first.version, definitive: definitive.version, draft },
    users: { staff, griffie, contact, griffieOost, otherStaff, member },
    viewers: {
      staff: await viewerForUser(staff.id),
      griffie: await viewerForUser(griffie.id),
      contact: await viewerForUser(contact.id),
      griffieOost: await viewerForUser(griffieOost.id),
      otherStaff: await viewerForUser(otherStaff.id),
      member: await viewerForUser(member.id),
    },
  };
}

export type AdoptionScenario = Awaited<ReturnType<typeof adoptionScenario>>;

/** The smallest valid PDF header plus some bytes: enough for the magic-number check. */
export function pdfBytes(text = "raadsbesluit") {
  return new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
}

/** Fast stand-in renderers for tests that are about rows and messages, not about the letter's layout. */
export const fakeRenderers: LetterRenderers = {
  pdf: async (doc) => new TextEncoder().encode(`%PDF-1.7\n% ${doc.title}\n%%EOF\n`),
  docx: async () => new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
};

export function decision(versionId: string, overrides: Record<string, unknown> = {}) {
  return {
    revision: 0,
    versionId,
    proposalNumber: "2051053",
    collegeDate: "2026-03-31",
    portfolioHolder: "J.J. Silos - Knaap",
    committeeDate: "2026-05-20",
    councilDate: "2026-06-12",
    decisionNumber: "1750738",
    outcome: "vastgesteld",
    items: [
      { text: "De regiovisie vast te stellen.", outcome: "vastgesteld" },
      { text: "De brief aan het algemeen bestuur vast te stellen.", outcome: "vastgesteld" },
    ],
    ...overrides,
  } as never;
}
