import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { csvResponse } from "~/implementation/csv";
import { datasets, openData, openDataCsv, openDataFields, type Dataset } from "~/implementation/open-data.server";
import { db } from "~/lib/db.server";
import { pickDownload } from "~/lib/downloads";
import { findPublishedVersion } from "~/visions/reading.server";

/**
 * Public resource route: the open data of a visie, as one CSV per set (`punten.csv`, `antwoorden.csv`,
 * `besluiten.csv`, `acties.csv`) or everything with its field descriptions as `open-data.json`.
 * Other names 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", null);
  if (!found) throw notFound();
  const wanted = pickDownload("openData", params.bestand);
  if (!wanted) throw notFound();
  const data = await openData(db(), found.vision.id);
  if (wanted.extension === "csv") {
    const dataset = datasets.find((d) => d === wanted.stem);
    if (!dataset) throw notFound();
    return csvResponse(`${found.vision.slug}-${dataset}.csv`, openDataCsv(data, dataset satisfies Dataset), "public, max-age=60");
  }
  const body = {
    visie: { titel: found.vision.title, regio: found.vision.regionName, slug: found.vision.slug, laatste_versie: found.version.label },
    velden: openDataFields,
    ...data,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="${found.vision.slug}-open-data.json"`,
      "Cache-Control": "public, max-age=60",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
