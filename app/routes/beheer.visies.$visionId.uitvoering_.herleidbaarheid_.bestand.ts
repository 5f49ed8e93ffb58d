import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { movedDownload } from "~/lib/downloads";
import { z } from "~/lib/zod.server";

/**
 * Old address of the staff traceability download (`…/herleidbaarheid/bestand?organisatie=…&formaat=pdf|csv`): a permanent redirect to `…/herleidbaarheid/herleidbaarheid.<formaat>?organisatie=…`.
 * It reads nothing itself: the new address checks who may have the file.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const visionId = z.uuid().safeParse(params.visionId);
  if (!visionId.success) throw notFound();
  const to = movedDownload(request.url, `/beheer/visies/${visionId.data}/uitvoering/herleidbaarheid`, "traceability", "pdf");
  if (!to) throw notFound();
  return redirect(to, 301);
}
