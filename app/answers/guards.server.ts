import type { AppLoadContext } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";
import { getPointForStaff } from "./answers.server";

/** A point reference as in the URL (ASDV-3); anything else is a 404. */
export const pointReference = z.string().regex(/^[A-Za-z0-9]{1,20}-[0-9]{1,6}$/);

/**
 * Region staff (editor or admin) on a submitted point of a visie of their own region, by its
 * reference (ASDV-3). A point of another region, a draft or an unknown reference is a 404.
 */
export async function requireAnsweringPoint(request: Request, context: AppLoadContext, visionId: string | undefined, reference: string | undefined) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, visionId);
  const parsed = pointReference.safeParse(reference);
  if (!parsed.success) throw notFound();
  const found = await getPointForStaff(db(), vision.id, parsed.data);
  if (!found) throw notFound();
  return { viewer, region, vision, ...found };
}
