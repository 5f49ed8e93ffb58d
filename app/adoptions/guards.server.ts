import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { organisations, visions, visionVersions } from "~db/schema";
import { notFound, requireViewer } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";
import { griffieMunicipalities } from "./permissions";

/** Staff of the visie's region, for one member municipality of that region; anything else is a 404. */
export async function requireAdoptionStaff(request: Request, context: AppLoadContext, visionId: string | undefined, municipalityId: string | undefined) {
  const found = await requireVisionStaff(request, context, visionId);
  const parsed = z.uuid().safeParse(municipalityId);
  if (!parsed.success) throw notFound();
  const [municipality] = await db()
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, parsed.data), eq(organisations.regionId, found.region.id), eq(organisations.type, "gemeente")));
  if (!municipality) throw notFound();
  return { ...found, municipality };
}

/**
 * The griffie of a member municipality of the visie's region, recording its own council's decision.
 * Everyone else (also staff, who use the beheer pages), and any visie never published, gets a 404.
 */
export async function requireGriffieVision(request: Request, context: AppLoadContext, visionId: string | undefined) {
  const viewer = await requireViewer(request, context);
  const parsed = z.uuid().safeParse(visionId);
  if (!parsed.success) throw notFound();
  const [vision] = await db().select().from(visions).where(eq(visions.id, parsed.data));
  if (!vision) throw notFound();
  // A visie that was never published is the staff's business only.
  const [published] = await db()
    .select({ id: visionVersions.id })
    .from(visionVersions)
    .where(and(eq(visionVersions.visionId, vision.id), eq(visionVersions.status, "published")))
    .limit(1);
  if (!published) throw notFound();
  const [membership] = griffieMunicipalities(viewer, vision.regionId);
  if (!membership) throw notFound();
  const [municipality] = await db().select().from(organisations).where(eq(organisations.id, membership.organisationId));
  if (!municipality) throw notFound();
  return { viewer, vision, municipality };
}
