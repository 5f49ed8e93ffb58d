import { randomUUID } from "node:crypto";
import { memberships, organisations, regions, users } from "~db/schema";
import type { MembershipRole, OrganisationType } from "~/auth/roles";
import { hashPassword } from "~/auth/password.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import type { Db } from "~/lib/db.server";

export const TEST_PASSWORD = "correct-paard-batterij-niet";
let passwordHash: Promise<string> | undefined;

function uniqueSuffix() {
  return randomUUID().slice(0, 8);
}

export async function createRegionRecord(db: Db, overrides: Partial<typeof regions.$inferInsert> = {}) {
  const suffix = uniqueSuffix();
  const [region] = await db
    .insert(regions)
    .values({ name: `Regio ${suffix}`, shortName: `R${suffix.slice(0, 4)}`, slug: `regio-${suffix}`, ...overrides })
    .returning();
  const [regionOrganisation] = await db
    .insert(organisations)
    .values({ regionId: region!.id, type: "regio", name: region!.name, code: "REGIO" })
    .returning();
  return { region: region!, regionOrganisation: regionOrganisation! };
}

export async function createOrganisationRecord(
  db: Db,
  regionId: string,
  overrides: Partial<typeof organisations.$inferInsert> & { type?: OrganisationType } = {},
) {
  const suffix = uniqueSuffix().toUpperCase();
  const [row] = await db
    .insert(organisations)
    .values({
      regionId,
      type: "adviesraad",
      name: `Organisatie ${suffix}`,
      code: `O${suffix.replace(/[^A-Z0-9]/g, "").slice(0, 6)}`,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createUserRecord(
  db: Db,
  options: { email?: string; name?: string; isPlatformAdmin?: boolean; memberships?: Array<{ organisationId: string; role: MembershipRole }> } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: options.email ?? `persoon-${uniqueSuffix()}@example.org`,
      name: options.name ?? "Test Persoon",
      passwordHash: await passwordHash,
      isPlatformAdmin: options.isPlatformAdmin ?? false,
    })
    .returning();
  for (const membership of options.memberships ?? []) {
    await db.insert(memberships).values({ userId: user!.id, ...membership });
  }
  return user!;
}

/** A logged-in browser: the Cookie header for a fresh session of the user. */
export async function sessionFor(db: Db, userId: string) {
  const session = await createSession(db, userId);
  const cookie = sessionCookie(session.token, session.expiresAt).split(";")[0]!;
  return { ...session, cookie };
}
