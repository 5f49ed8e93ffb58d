import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/implementation/csv";
import { exportActionsCsv } from "~/implementation/implementation-actions.server";
import { db } from "~/lib/db.server";
import { requireVisionStaff } from "~/visions/guards.server";

/** Resource route: every action of the visie as `uitvoeringsplan.csv` (the import reads the same columns). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { vision } = await requireVisionStaff(request, context, params.visionId);
  return csvResponse(`uitvoeringsplan-${vision.slug}.csv`, await exportActionsCsv(db(), vision.id));
}
