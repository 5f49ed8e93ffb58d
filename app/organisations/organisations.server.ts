import { sql } from "drizzle-orm";
import { and, asc, count, countDistinct, eq, gt, ilike, inArray, isNull, or } from "drizzle-orm";
import { invitations, memberships, organisations, regions, users } from "~db/schema";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import type { OrganisationType } from "~/auth/roles";
import { isUniqueViolation } from "~/lib/errors.server";

export const PAGE_SIZE = 25;

export type OrganisationRow = typeof organisations.$inferSelect;

export async function listOrganisations(
  db: Db,
  regionId: string,
  options: { type?: OrganisationType; query?: string; page: number },
) {
  const filters = [eq(organisations.regionId, regionId)];
  if (options.type) filters.push(eq(organisations.type, options.type));
  if (options.query) {
    const pattern = `%${options.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(organisations.name, pattern), ilike(organisations.code, pattern));
    if (match) filters.push(match);
  }
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(organisations)
      .where(where)
      .orderBy(asc(organisations.type), asc(organisations.name))
      .limit(PAGE_SIZE)
      .offset((options.page - 1) * PAGE_SIZE),
    db.select({ value: count() }).from(organisations).where(where),
  ]);
  return { rows, total: total?.value ?? 0, pageSize: PAGE_SIZE };
}

/** Only within the region: another region's organisation is simply not found. */
export async function getOrganisation(db: Db, regionId: string, organisationId: string) {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), eq(organisations.regionId, regionId)));
  return row ?? null;
}

export async function listMunicipalities(db: Db, regionId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.regionId, regionId), eq(organisations.type, "gemeente")))
    .orderBy(asc(organisations.name));
}

export async function listMembers(db: Db, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .select({
      organisationId: memberships.organisationId,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      title: memberships.title,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.organisationId, organisationIds))
    .orderBy(asc(users.name));
}

export type CreateOrganisationInput = {
  name: string;
  code: string;
  type: Exclude<OrganisationType, "regio">;
  municipalityId?: string;
  postalAddress?: string;
};

export type CreateOrganisationResult =
  | { ok: true; organisation: OrganisationRow }
  | { ok: false; field: "name" | "code" | "municipalityId"; message: string };

export async function createOrganisation(
  db: Db,
  actorId: string,
  regionId: string,
  input: CreateOrganisationInput,
): Promise<CreateOrganisationResult> {
  if (input.municipalityId) {
    const municipality = await getOrganisation(db, regionId, input.municipalityId);
    if (!municipality || municipality.type !== "gemeente") {
      return { ok: false, field: "municipalityId", message: "Kies een gemeente van deze regio." };
    }
  }
  try {
    const organisation = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(organisations)
        .values({
          regionId,
          name: input.name,
          code: input.code,
          type: input.type,
          municipalityId: input.municipalityId ?? null,
          postalAddress: input.postalAddress || null,
        })
        .returning();
      await writeAudit(tx, {
        actorId,
        regionId,
        action: "organisation.create",
        entityType: "organisation",
        entityId: row!.id,
        after: row,
      });
      return row!;
    });
    return { ok: true, organisation };
  } catch (error) {
    const constraint = isUniqueViolation(error);
    if (constraint === "organisations_region_code_idx") {
      return { ok: false, field: "code", message: "Deze afkorting is in deze regio al in gebruik." };
    }
    if (constraint === "organisations_region_name_idx") {
      return { ok: false, field: "name", message: "Er is in deze regio al een organisatie met deze naam." };
    }
    throw error;
  }
}

/** The address letters to and from this organisation carry; staff admins keep it current. */
export async function updatePostalAddress(
  db: Db,
  actorId: string,
  organisation: OrganisationRow,
  postalAddress: string | undefined,
): Promise<OrganisationRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(organisations)
      .set({ postalAddress: postalAddress || null })
      .where(eq(organisations.id, organisation.id))
      .returning();
    await writeAudit(tx, {
      actorId,
      regionId: organisation.regionId,
      action: "organisation.address",
      entityType: "organisation",
      entityId: organisation.id,
      before: { postalAddress: organisation.postalAddress },
      after: { postalAddress: row!.postalAddress },
    });
    return row!;
  });
}

export async function getRegion(db: Db, regionId: string) {
  const [row] = await db.select().from(regions).where(eq(regions.id, regionId));
  return row ?? null;
}

export async function regionSummary(db: Db, regionId: string, now = new Date()) {
  const [orgs, people, open] = await Promise.all([
    db
      .select({ total: count(), municipalities: count(sql`case when ${organisations.type} = 'gemeente' and ${organisations.memberUntil} is null then 1 end`) })
      .from(organisations)
      .where(eq(organisations.regionId, regionId)),
    db
      .select({ value: countDistinct(memberships.userId) })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(organisations.regionId, regionId)),
    db
      .select({ value: count() })
      .from(invitations)
      .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
      .where(and(eq(organisations.regionId, regionId), isNull(invitations.usedAt), gt(invitations.expiresAt, now))),
  ]);
  return {
    organisations: orgs[0]?.total ?? 0,
    municipalities: orgs[0]?.municipalities ?? 0,
    people: people[0]?.value ?? 0,
    openInvitations: open[0]?.value ?? 0,
  };
}

export async function listOpenInvitations(db: Db, organisationId: string, now = new Date()) {
  return db
    .select({ id: invitations.id, name: invitations.name, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.organisationId, organisationId), isNull(invitations.usedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt));
}
