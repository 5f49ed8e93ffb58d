import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { z } from "~/lib/zod.server";

/**
 * Old address of a public antwoordbrief (`…/herleidbaarheid/antwoordbrief/:reactionId`): a permanent
 * redirect to `…/antwoordbrief/:reactionId/antwoordbrief.pdf`. It reads nothing itself: the new
 * address applies the publication rule.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const reactionId = z.uuid().safeParse(params.reactionId);
  if (!reactionId.success) throw notFound();
  const page = `/visies/${encodeURIComponent(params.regionSlug ?? "")}/${encodeURIComponent(params.visionSlug ?? "")}/herleidbaarheid`;
  return redirect(`${page}/antwoordbrief/${reactionId.data}/antwoordbrief.pdf`, 301);
}
