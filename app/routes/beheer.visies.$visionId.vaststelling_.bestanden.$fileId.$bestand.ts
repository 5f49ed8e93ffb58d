import type { LoaderFunctionArgs } from "@remix-run/node";
import { findAdoptionFile } from "~/adoptions/adoptions.server";
import { notFound } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { extensionOf, pickDownload } from "~/lib/downloads";
import { fileResponse } from "~/lib/files.server";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";

/**
 * A raadsbesluit or the aanbiedingsbrief (PDF/DOCX) of this visie, for staff of its region, under a
 * name with the stored file's extension (`raadsbesluit.pdf`, `aanbiedingsbrief.docx`); other names 404.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { vision } = await requireVisionStaff(request, context, params.visionId);
  const fileId = z.uuid().safeParse(params.fileId);
  const wanted = pickDownload("adoptionFile", params.bestand);
  if (!fileId.success || !wanted) throw notFound();
  const file = await findAdoptionFile(db(), vision.id, fileId.data);
  if (!file || extensionOf(file.filename) !== wanted.extension) throw notFound();
  return fileResponse(file);
}
