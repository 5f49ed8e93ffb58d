import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { openData, openDataFields } from "~/implementation/open-data.server";
import { db } from "~/lib/db.server";
import { findPublishedVersion } from "~/visions/reading.server";

/** Public resource route: the open data of a visie as one JSON document with its field descriptions. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", null);
  if (!found) throw notFound();
  const data = await openData(db(), found.vision.id);
  const body = {
    visie: { titel: found.vision.title, regio: found.vision.regionName, slug: found.vision.slug, laatste_versie: found.version.label },
    velden: openDataFields,
    ...data,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="${found.vision.slug}.json"`,
      "Cache-Control": "public, max-age=60",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
