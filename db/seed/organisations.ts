import { eq } from "drizzle-orm";
import { organisations, regions, users } from "~db/schema";
import type { MembershipRole } from "~/auth/roles";
import { hashPassword } from "~/auth/password.server";
import type { Db } from "~/lib/db.server";
import { acceptInvitation, inviteToOrganisation } from "~/organisations/invitations.server";
import { createOrganisation, updatePostalAddress } from "~/organisations/organisations.server";
import { createRegion } from "~/organisations/regions.server";

/** GRJR's member municipalities since Voorne aan Zee was formed on 1 January 2023. */
export const grjrMunicipalities = [
  ["Albrandswaard", "ALB"],
  ["Barendrecht", "BAR"],
  ["Capelle aan den IJssel", "CAP"],
  ["Goeree-Overflakkee", "GO"],
  ["Krimpen aan den IJssel", "KRI"],
  ["Lansingerland", "LAN"],
  ["Maassluis", "MSL"],
  ["Nissewaard", "NIS"],
  ["Ridderkerk", "RID"],
  ["Rotterdam", "RTM"],
  ["Schiedam", "SCH"],
  ["Vlaardingen", "VLA"],
  ["Voorne aan Zee", "VAZ"],
] as const;

/** Postal addresses the seed documents give (the others are left for staff to fill in). */
const municipalityAddresses: Record<string, string> = {
  Vlaardingen: "Postbus 1002\n3130 EB Vlaardingen",
};

/** Members until the merger into Voorne aan Zee (GRJR went from 15 to 13). */
export const grjrFormerMunicipalities = [
  ["Brielle", "BRI"],
  ["Hellevoetsluis", "HEL"],
  ["Westvoorne", "WES"],
] as const;

export interface DemoAccount {
  email: string;
  name: string;
  role: string;
  organisation: string;
}

/** Read by the README and the browser tests: one account per role. */
export const demoAccounts: DemoAccount[] = [
  { email: "platformbeheer@example.org", name: "Pim Platform", role: "platformbeheerder", organisation: "—" },
  { email: "regiobeheer@example.org", name: "Ria Regiobeheer", role: "regiomedewerker (beheerder)", organisation: "Jeugdhulp Rijnmond" },
  { email: "regioredactie@example.org", name: "Ruben Redactie", role: "regiomedewerker (redacteur)", organisation: "Jeugdhulp Rijnmond" },
  { email: "adviesraad@example.org", name: "Anna Adviesraad", role: "lid", organisation: "Adviesraad Sociaal Domein Vlaardingen" },
  { email: "voorzitter@example.org", name: "Victor Voorzitter", role: "ondertekenaar", organisation: "Adviesraad Sociaal Domein Vlaardingen" },
  { email: "gemeente@example.org", name: "Gea Gemeente", role: "gemeentelijk medewerker", organisation: "Vlaardingen" },
  { email: "griffie@example.org", name: "Gijs Griffie", role: "griffie", organisation: "Vlaardingen" },
  { email: "aanbieder@example.org", name: "Aad Aanbieder", role: "ondertekenaar", organisation: "Jeugdhulp Enver" },
  { email: "ervaringsdeskundige@example.org", name: "Eva Ervaring", role: "lid", organisation: "Jongerenpanel Rijnmond" },
  { email: "h10beheer@example.org", name: "Hanna Haaglanden", role: "regiomedewerker (beheerder)", organisation: "Jeugdhulp Haaglanden (H10)" },
];

export interface SeededOrganisations {
  regionId: string;
  regionOrganisationId: string;
  otherRegionId: string;
  municipalities: Record<string, string>;
  advisoryCouncilId: string;
  providerId: string;
  experienceExpertsId: string;
  users: Record<string, string>;
}

/**
 * The demo's people and organisations, made through the same functions the pages call: a platform
 * admin creates the regions, staff create organisations and invite people, people accept.
 */
export async function seedOrganisations(db: Db, password: string): Promise<SeededOrganisations> {
  const platformAdmin = await ensurePlatformAdmin(db, password);

  const grjr = await createRegion(db, platformAdmin, {
    name: "Jeugdhulp Rijnmond",
    shortName: "GRJR",
    slug: "rijnmond",
    adminName: "Ria Regiobeheer",
    adminEmail: "regiobeheer@example.org",
  });
  if (!grjr.ok) throw new Error(grjr.message);
  const staffAdminId = await acceptLink(db, grjr.invitationLink, password);

  const [regionOrganisation] = await db.select().from(organisations).where(eq(organisations.regionId, grjr.regionId));
  const regionOrganisationId = regionOrganisation!.id;
  // The addresses on the seed letters (001): the GRJR's and Vlaardingen's postbus.
  await updatePostalAddress(db, staffAdminId, regionOrganisation!, "Postbus 70013\n3000 KR Rotterdam");

  const municipalities: Record<string, string> = {};
  for (const [name, code] of grjrMunicipalities) {
    const postalAddress = municipalityAddresses[name];
    municipalities[name] = await create(db, staffAdminId, grjr.regionId, { name, code, type: "gemeente", postalAddress });
  }
  for (const [name, code] of grjrFormerMunicipalities) {
    municipalities[name] = await create(db, staffAdminId, grjr.regionId, { name, code, type: "gemeente" });
  }
  await recordMembershipPeriods(db, municipalities);

  const advisoryCouncilId = await create(db, staffAdminId, grjr.regionId, {
    name: "Adviesraad Sociaal Domein Vlaardingen",
    code: "ASDV",
    type: "adviesraad",
    municipalityId: municipalities.Vlaardingen,
    // The advies in seed 001 reaches the adviesraad through its contactambtenaar at the town hall.
    postalAddress: "p/a gemeente Vlaardingen\nPostbus 1002\n3130 EB Vlaardingen",
  });
  const providerId = await create(db, staffAdminId, grjr.regionId, { name: "Jeugdhulp Enver", code: "ENV", type: "aanbieder" });
  const experienceExpertsId = await create(db, staffAdminId, grjr.regionId, {
    name: "Jongerenpanel Rijnmond",
    code: "JPR",
    type: "ervaringsdeskundigen",
  });

  const invite = async (organisationId: string, email: string, role: MembershipRole) => {
    const [organisation] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
    const account = demoAccounts.find((a) => a.email === email)!;
    const result = await inviteToOrganisation(db, staffAdminId, organisation!, { name: account.name, email, role });
    if (!result.ok) throw new Error(result.message);
    return acceptLink(db, result.link, password);
  };

  const seededUsers: Record<string, string> = {
    "platformbeheer@example.org": platformAdmin,
    "regiobeheer@example.org": staffAdminId,
    "regioredactie@example.org": await invite(regionOrganisationId, "regioredactie@example.org", "staff_editor"),
    "adviesraad@example.org": await invite(advisoryCouncilId, "adviesraad@example.org", "member"),
    "voorzitter@example.org": await invite(advisoryCouncilId, "voorzitter@example.org", "signatory"),
    "gemeente@example.org": await invite(municipalities.Vlaardingen!, "gemeente@example.org", "municipal_staff"),
    "griffie@example.org": await invite(municipalities.Vlaardingen!, "griffie@example.org", "griffie"),
    "aanbieder@example.org": await invite(providerId, "aanbieder@example.org", "signatory"),
    "ervaringsdeskundige@example.org": await invite(experienceExpertsId, "ervaringsdeskundige@example.org", "member"),
  };

  // A second jeugdregio that shares nothing with the first.
  const h10 = await createRegion(db, platformAdmin, {
    name: "Jeugdhulp Haaglanden (H10)",
    shortName: "H10",
    slug: "haaglanden",
    adminName: "Hanna Haaglanden",
    adminEmail: "h10beheer@example.org",
  });
  if (!h10.ok) throw new Error(h10.message);
  seededUsers["h10beheer@example.org"] = await acceptLink(db, h10.invitationLink, password);

  return {
    regionId: grjr.regionId,
    regionOrganisationId,
    otherRegionId: h10.regionId,
    municipalities,
    advisoryCouncilId,
    providerId,
    experienceExpertsId,
    users: seededUsers,
  };
}

async function create(db: Db, actorId: string, regionId: string, input: Parameters<typeof createOrganisation>[3]) {
  const result = await createOrganisation(db, actorId, regionId, input);
  if (!result.ok) throw new Error(result.message);
  return result.organisation.id;
}

async function acceptLink(db: Db, link: string, password: string) {
  const token = link.slice(link.lastIndexOf("/") + 1);
  const result = await acceptInvitation(db, token, password);
  if (!result.ok) throw new Error(result.message);
  return result.userId;
}

async function recordMembershipPeriods(db: Db, municipalities: Record<string, string>) {
  const voorneAanZee = municipalities["Voorne aan Zee"]!;
  await db.update(organisations).set({ memberFrom: "2023-01-01" }).where(eq(organisations.id, voorneAanZee));
  for (const [name] of grjrFormerMunicipalities) {
    await db
      .update(organisations)
      .set({ memberUntil: "2022-12-31", mergedIntoId: voorneAanZee })
      .where(eq(organisations.id, municipalities[name]!));
  }
}

/** Bootstrap: the first platform admin has nobody to invite them. */
async function ensurePlatformAdmin(db: Db, password: string) {
  const email = "platformbeheer@example.org";
  const [existing] = await db.select().from(users).where(eq(users.email, email));
  if (existing) return existing.id;
  const [user] = await db
    .insert(users)
    .values({ email, name: "Pim Platform", passwordHash: await hashPassword(password), isPlatformAdmin: true, passwordChangedAt: new Date() })
    .returning();
  return user!.id;
}

export async function isSeeded(db: Db) {
  const rows = await db.select({ id: regions.id }).from(regions).where(eq(regions.slug, "rijnmond"));
  return rows.length > 0;
}

