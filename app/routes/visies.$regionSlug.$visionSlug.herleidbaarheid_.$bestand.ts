import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { organisationOfRegion, traceability, traceabilityDownload } from "~/implementation/traceability.server";
import { db } from "~/lib/db.server";
import { pickDownload } from "~/lib/downloads";
import { findPublishedVersion } from "~/visions/reading.server";

/** Public download of "wat is er met uw reactie gedaan" for one organisation: `herleidbaarheid.pdf|csv?organisatie=CODE`; other names 404. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", null);
  if (!found) throw notFound();
  const wanted = pickDownload("traceability", params.bestand);
  if (!wanted) throw notFound();
  const code = new URL(request.url).searchParams.get("organisatie") ?? "";
  if (!/^[A-Za-z0-9-]{1,40}$/.test(code)) throw new Response("Kies een organisatie (?organisatie=…).", { status: 400 });
  const organisation = await organisationOfRegion(db(), found.vision.regionId, { code });
  if (!organisation) throw notFound();
  const rows = await traceability(db(), found.vision.id, organisation.id, true);
  const response = await traceabilityDownload(wanted.extension, {
    visionTitle: found.vision.title,
    regionName: found.vision.regionName,
    organisation,
    rows,
    publicOnly: true,
  });
  if (!response) throw notFound();
  return response;
}
