import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { csvResponse } from "~/implementation/csv";
import { datasets, openData, openDataCsv, type Dataset } from "~/implementation/open-data.server";
import { db } from "~/lib/db.server";
import { findPublishedVersion } from "~/visions/reading.server";

/** Public resource route: one open-data set of a visie as CSV (`?gegevens=punten|antwoorden|besluiten|acties`). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", null);
  if (!found) throw notFound();
  const dataset = new URL(request.url).searchParams.get("gegevens") ?? "";
  if (!datasets.includes(dataset as Dataset)) throw new Response(`Kies gegevens: ${datasets.join(", ")}.`, { status: 400 });
  const data = await openData(db(), found.vision.id);
  return csvResponse(`${found.vision.slug}-${dataset}.csv`, openDataCsv(data, dataset as Dataset), "public, max-age=60");
}
