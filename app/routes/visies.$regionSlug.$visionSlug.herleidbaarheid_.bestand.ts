import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { movedDownload } from "~/lib/downloads";

/**
 * Old address of the public traceability download (`…/herleidbaarheid/bestand?organisatie=CODE&formaat=pdf|csv`):
 * a permanent redirect to `…/herleidbaarheid/herleidbaarheid.<formaat>?organisatie=CODE`. It reads
 * nothing itself: the new address checks that the visie is published.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const page = `/visies/${encodeURIComponent(params.regionSlug ?? "")}/${encodeURIComponent(params.visionSlug ?? "")}/herleidbaarheid`;
  const to = movedDownload(request.url, page, "traceability", "pdf");
  if (!to) throw notFound();
  return redirect(to, 301);
}
