import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { downloadNameFor } from "~/lib/downloads";
import { z } from "~/lib/zod.server";

const params = z.object({ visionId: z.uuid(), reactionId: z.uuid() });

/**
 * Old address of the antwoordbrief (`…/brieven/bestand/:reactionId?formaat=pdf|docx`), still in
 * e-mails already sent: a permanent redirect to `…/brieven/:reactionId/antwoordbrief.pdf|docx`,
 * which checks who may read it. It reads nothing itself.
 */
export async function loader({ params: raw, request }: LoaderFunctionArgs) {
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw notFound();
  const name = downloadNameFor("letter", new URL(request.url).searchParams.get("formaat") ?? "pdf") ?? "antwoordbrief.pdf";
  return redirect(`/beheer/visies/${parsed.data.visionId}/brieven/${parsed.data.reactionId}/${name}`, 301);
}
