import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { publicLetterFile } from "~/letters/public-letters.server";
import { db } from "~/lib/db.server";
import { pickDownload } from "~/lib/downloads";
import { fileResponse } from "~/lib/files.server";
import { z } from "~/lib/zod.server";
import { findPublishedVersion } from "~/visions/reading.server";

/**
 * Public: the sent antwoordbrief (`antwoordbrief.pdf`, the stored file of the frozen snapshot) to one
 * reaction, under the publication rule of app/letters/public-letters.server.ts; anything else is a 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", null);
  if (!found) throw notFound();
  const reactionId = z.uuid().safeParse(params.reactionId);
  if (!reactionId.success || !pickDownload("publicLetter", params.bestand)) throw notFound();
  const file = await publicLetterFile(db(), found.vision.id, reactionId.data);
  if (!file) throw notFound();
  return fileResponse(file);
}
