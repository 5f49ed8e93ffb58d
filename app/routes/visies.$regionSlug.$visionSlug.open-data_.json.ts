import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

/**
 * Old address of the open data as JSON (`…/open-data/json`), used by scripts: a permanent redirect to
 * `…/open-data/open-data.json`. It reads nothing itself: the new address checks that the visie is published.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/visies/${encodeURIComponent(params.regionSlug ?? "")}/${encodeURIComponent(params.visionSlug ?? "")}/open-data/open-data.json`, 301);
}
