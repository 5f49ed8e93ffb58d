import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { downloadNames } from "~/lib/downloads";

/**
 * Old address of an open-data CSV (`…/open-data/csv?gegevens=punten`), used by scripts: a permanent
 * redirect to `…/open-data/punten.csv`; without a known set, to the open-data page that lists them.
 * It reads nothing itself: the new address checks that the visie is published.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const name = `${new URL(request.url).searchParams.get("gegevens") ?? ""}.csv`;
  const known = downloadNames.openData.find((n) => n === name && n !== "open-data.json");
  const page = `/visies/${encodeURIComponent(params.regionSlug ?? "")}/${encodeURIComponent(params.visionSlug ?? "")}/open-data`;
  return redirect(known ? `${page}/${known}` : page, 301);
}
