import type { AppLoadContext } from "@remix-run/node";
import { notFound, requireStaffRegion } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod";
import { getVision } from "./visions.server";

/** Region staff (editor or admin) working on a visie of their own region; any other visie is a 404. */
export async function requireVisionStaff(request: Request, context: AppLoadContext, visionId: string | undefined) {
  const { viewer, region } = await requireStaffRegion(request, context);
  const parsed = z.uuid().safeParse(visionId);
  if (!parsed.success) throw notFound();
  const vision = await getVision(db(), region.id, parsed.data);
  if (!vision) throw notFound();
  return { viewer, region, vision };
}
