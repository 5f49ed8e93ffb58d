import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { organisationOfRegion, traceability, traceabilityDownload } from "~/implementation/traceability.server";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";

/** Staff download of the full traceability of one organisation (`?organisatie=<id>&formaat=pdf|csv`). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { region, vision } = await requireVisionStaff(request, context, params.visionId);
  const url = new URL(request.url);
  const id = z.uuid().safeParse(url.searchParams.get("organisatie"));
  if (!id.success) throw new Response("Kies een organisatie (?organisatie=…).", { status: 400 });
  const organisation = await organisationOfRegion(db(), region.id, { id: id.data });
  if (!organisation) throw notFound();
  const rows = await traceability(db(), vision.id, organisation.id, false);
  const response = await traceabilityDownload(url.searchParams.get("formaat"), { visionTitle: vision.title, regionName: region.name, organisation, rows, publicOnly: false });
  if (!response) throw new Response("Kies formaat=pdf of formaat=csv.", { status: 400 });
  return response;
}
