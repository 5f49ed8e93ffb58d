import { asc, count, eq } from "drizzle-orm";
import { organisations, regions } from "~db/schema";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { isUniqueViolation } from "~/lib/errors.server";
import { inviteToOrganisation } from "./invitations.server";

export async function listRegions(db: Db) {
  return db
    .select({ id: regions.id, name: regions.name, shortName: regions.shortName, slug: regions.slug, organisations: count(organisations.id) })
    .from(regions)
    .leftJoin(organisations, eq(organisations.regionId, regions.id))
    .groupBy(regions.id)
    .orderBy(asc(regions.name));
}

export type CreateRegionResult =
  | { ok: true; regionId: string; invitationLink: string }
  | { ok: false; field: "slug" | "name"; message: string };

/**
 * A new region shares nothing with others: its own regio organisation (for its staff) and a first
 * staff admin, invited by e-mail.
 */
export async function createRegion(
  db: Db,
  actorId: string,
  input: { name: string; shortName: string; slug: string; adminName: string; adminEmail: string },
): Promise<CreateRegionResult> {
  try {
    return await db.transaction(async (tx) => {
      const [region] = await tx.insert(regions).values({ name: input.name, shortName: input.shortName, slug: input.slug }).returning();
      const [organisation] = await tx
        .insert(organisations)
        .values({ regionId: region!.id, type: "regio", name: input.name, code: input.shortName.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 10) || "REGIO" })
        .returning();
      await writeAudit(tx, { actorId, regionId: region!.id, action: "region.create", entityType: "region", entityId: region!.id, after: region });
      // Same transaction (a savepoint): no region without its first admin's invitation.
      const invite = await inviteToOrganisation(tx, actorId, organisation!, {
        name: input.adminName,
        email: input.adminEmail,
        role: "staff_admin",
      });
      if (!invite.ok) throw new Error(invite.message);
      return { ok: true as const, regionId: region!.id, invitationLink: invite.link };
    });
  } catch (error) {
    const constraint = isUniqueViolation(error);
    if (constraint === "regions_slug_unique") return { ok: false, field: "slug", message: "Deze webadresnaam is al in gebruik." };
    throw error;
  }
}
