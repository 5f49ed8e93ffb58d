import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { z } from "~/lib/zod.server";

/**
 * Old address of the reaction PDF (`/reacties/:reactionId/pdf`): a permanent redirect to
 * `/reacties/:reactionId/reactie.pdf`. It reads nothing itself: the new address checks who may read it.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const reactionId = z.uuid().safeParse(params.reactionId);
  if (!reactionId.success) throw notFound();
  return redirect(`/reacties/${reactionId.data}/reactie.pdf`, 301);
}
