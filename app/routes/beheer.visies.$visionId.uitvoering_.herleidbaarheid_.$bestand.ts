import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { organisationOfRegion, traceability, traceabilityDownload } from "~/implementation/traceability.server";
import { db } from "~/lib/db.server";
import { pickDownload } from "~/lib/downloads";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";

/** Staff download of the full traceability of one organisation: `herleidbaarheid.pdf|csv?organisatie=<id>`; other names 404. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { region, vision } = await requireVisionStaff(request, context, params.visionId);
  const wanted = pickDownload("traceability", params.bestand);
  if (!wanted) throw notFound();
  const id = z.uuid().safeParse(new URL(request.url).searchParams.get("organisatie"));
  if (!id.success) throw new Response("Kies een organisatie (?organisatie=…).", { status: 400 });
  const organisation = await organisationOfRegion(db(), region.id, { id: id.data });
  if (!organisation) throw notFound();
  const rows = await traceability(db(), vision.id, organisation.id, false);
  const response = await traceabilityDownload(wanted.extension, { visionTitle: vision.title, regionName: region.name, organisation, rows, publicOnly: false });
  if (!response) throw notFound();
  return response;
}
