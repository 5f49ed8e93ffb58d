import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { regions, visions } from "~db/schema";
import { forbidden, notFound, requireViewer } from "~/auth/guards.server";
import { staffRegionIds } from "~/auth/roles";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";

/** Region staff (editor or admin) working on a visie of their own region; any other visie is a 404. */
export async function requireVisionStaff(request: Request, context: AppLoadContext, visionId: string | undefined) {
  const viewer = await requireViewer(request, context);
  const [regionId] = staffRegionIds(viewer);
  if (!regionId) throw forbidden();
  const parsed = z.uuid().safeParse(visionId);
  if (!parsed.success) throw notFound();
  // The region comes with the visie: one statement on every staff page instead of two.
  const [row] = await db()
    .select({ region: regions, vision: visions })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(and(eq(visions.id, parsed.data), eq(visions.regionId, regionId)));
  if (!row) throw notFound();
  return { viewer, region: row.region, vision: row.vision };
}
