import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireViewer } from "~/auth/guards.server";
import { exportPersonalData } from "~/auth/personal-data.server";
import { db } from "~/lib/db.server";
import { pickDownload } from "~/lib/downloads";

/**
 * Everything the platform holds about the logged-in person, as `mijn-gegevens.json` (AVG art. 15 and
 * 20); other names 404. Inline, like the open-data JSON: the link on Mijn gegevens carries `download`
 * and saves it, while opening the address shows the JSON instead of aborting the navigation. Never cached.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  if (!pickDownload("personalData", params.bestand)) throw notFound();
  const data = await exportPersonalData(db(), viewer.user.id);
  if (!data) throw notFound();
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'inline; filename="mijn-gegevens-herleidbaar.json"',
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
