import type { AppLoadContext } from "@remix-run/node";
import { notFound, requireViewer } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { getReactionForViewer } from "./reactions.server";

/** The reaction if the viewer may see it (members; staff once submitted); anything else is a 404. */
export async function requireReaction(request: Request, context: AppLoadContext, reactionId: string | undefined) {
  const viewer = await requireViewer(request, context);
  const id = z.uuid().safeParse(reactionId);
  if (!id.success) throw notFound();
  const found = await getReactionForViewer(db(), viewer, id.data);
  if (!found) throw notFound();
  return { viewer, ...found };
}
