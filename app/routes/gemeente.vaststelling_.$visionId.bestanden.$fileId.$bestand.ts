import type { LoaderFunctionArgs } from "@remix-run/node";
import { findSentAdoptionRequestFile } from "~/adoptions/adoption-requests.server";
import { requireGriffieVision } from "~/adoptions/guards.server";
import { notFound } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { extensionOf, pickDownload } from "~/lib/downloads";
import { fileResponse } from "~/lib/files.server";
import { z } from "~/lib/zod.server";

/**
 * An aanbiedingsbrief (`aanbiedingsbrief.pdf|docx`, the stored file's extension) that was sent to the
 * griffie's own municipality; anything else is a 404.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { vision, municipality } = await requireGriffieVision(request, context, params.visionId);
  const fileId = z.uuid().safeParse(params.fileId);
  const wanted = pickDownload("sentAdoptionLetter", params.bestand);
  if (!fileId.success || !wanted) throw notFound();
  const file = await findSentAdoptionRequestFile(db(), vision.id, municipality.id, fileId.data);
  if (!file || extensionOf(file.filename) !== wanted.extension) throw notFound();
  return fileResponse(file);
}
