import { randomUUID } from "node:crypto";
import { consultationRounds, reactions, roundInvitees, visions, visionVersions } from "~db/schema";
import type { EmailContext } from "../../emails";
import type { Db } from "~/lib/db.server";
import type { WorkerOptions } from "~/email/worker.server";
import { EmailWorker } from "~/email/worker.server";
import type { MailTransport } from "~/email/transport.server";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "../factories";

export const context: EmailContext = { appUrl: "https://herleidbaar.test", preferencesUrl: "https://herleidbaar.test/account/meldingen" };

/** A clock the test moves by hand. */
export function testClock(start: string | Date) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(value: string | Date) {
      current = new Date(value);
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** A worker with test defaults: manual clock, no jitter, no scheduler unless asked, quiet. */
export function testWorker(db: Db, transport: MailTransport | null, options: Partial<WorkerOptions> = {}) {
  return new EmailWorker({
    db,
    transport,
    context,
    from: "Herleidbaar test <noreply@herleidbaar.test>",
    backoff: { baseMs: 60_000, maxMs: 60 * 60_000, jitter: 0 },
    schedulerEveryMs: 0,
    log: () => {},
    ...options,
  });
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A region with a published version, a round closing at `closesAt`, and invited organisations with members. */
export async function createRound(db: Db, options: { opensAt: Date; closesAt: Date; invitees?: number }) {
  const { region } = await createRegionRecord(db);
  const [vision] = await db.insert(visions).values({ regionId: region.id, slug: `visie-${randomUUID().slice(0, 8)}`, title: "Regiovisie jeugdhulp" }).returning();
  const [version] = await db
    .insert(visionVersions)
    .values({ visionId: vision!.id, number: 1, label: "eerste concept", status: "published", publishedAt: options.opensAt })
    .returning();
  const [round] = await db.insert(consultationRounds).values({ versionId: version!.id, opensAt: options.opensAt, closesAt: options.closesAt }).returning();
  const organisations = [];
  for (let i = 0; i < (options.invitees ?? 3); i++) {
    const organisation = await createOrganisationRecord(db, region.id, { type: "adviesraad" });
    const members = [
      await createUserRecord(db, { name: `Lid ${i}`, memberships: [{ organisationId: organisation.id, role: "member" }] }),
      await createUserRecord(db, { name: `Voorzitter ${i}`, memberships: [{ organisationId: organisation.id, role: "signatory" }] }),
    ];
    await db.insert(roundInvitees).values({ roundId: round!.id, organisationId: organisation.id, adviceRequestReference: `REF-${i}` });
    organisations.push({ organisation, members });
  }
  return { region, vision: vision!, version: version!, round: round!, organisations };
}

export async function submitReaction(db: Db, fixture: Awaited<ReturnType<typeof createRound>>, organisationId: string, at: Date) {
  await db.insert(reactions).values({
    visionId: fixture.vision.id,
    roundId: fixture.round.id,
    versionId: fixture.version.id,
    organisationId,
    kind: "advies",
    status: "submitted",
    submittedAt: at,
  });
}

export function samplePdf(label = "reactie"): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}
