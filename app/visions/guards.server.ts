import type { AppLoadContext } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { regions, visions } from "~db/schema";
import { forbidden, notFound, requireViewer } from "~/auth/guards.server";
import { staffRegionIds } from "~/auth/roles";
import { type Db, db } from "~/lib/db.server";
import { prepared } from "~/lib/prepared.server";
import { z } from "~/lib/zod.server";

/** Region staff (editor or admin) working on a visie of their own region; any other visie is a 404. */
export async function requireVisionStaff(request: Request, context: AppLoadContext, visionId: string | undefined) {
  const viewer = await requireViewer(request, context);
  const [regionId] = staffRegionIds(viewer);
  if (!regionId) throw forbidden();
  const parsed = z.uuid().safeParse(visionId);
  if (!parsed.success) throw notFound();
  const [row] = await staffVisionQuery(db()).execute({ visionId: parsed.data, regionId });
  if (!row) throw notFound();
  return { viewer, region: row.region, vision: row.vision };
}

/** The visie with its region, in one statement: every staff page of a visie reads it. */
function staffVisionQuery(database: Db) {
  return prepared(database, "staff_vision", (database) =>
    database
      .select({ region: regions, vision: visions })
      .from(visions)
      .innerJoin(regions, eq(regions.id, visions.regionId))
      .where(and(eq(visions.id, sql.placeholder("visionId")), eq(visions.regionId, sql.placeholder("regionId")))),
  );
}
