import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireViewer } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { pickDownload } from "~/lib/downloads";
import { fileResponse } from "~/lib/files.server";
import { z } from "~/lib/zod.server";
import { letterFile } from "~/letters/response-letters.server";

const params = z.object({ visionId: z.uuid(), reactionId: z.uuid() });

/**
 * The antwoordbrief as `antwoordbrief.pdf` or `antwoordbrief.docx`: staff of the visie's region (a
 * concept is rendered on the fly), and once sent the reacting organisation's members. Anyone else,
 * and any other file name, gets 404.
 */
export async function loader({ request, context, params: raw }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const parsed = params.safeParse(raw);
  const wanted = pickDownload("letter", raw.bestand);
  if (!parsed.success || !wanted) throw notFound();
  const format = wanted.extension === "docx" ? "docx" : "pdf";
  const file = await letterFile(db(), viewer, parsed.data.visionId, parsed.data.reactionId, format);
  if (!file) throw notFound();
  return fileResponse(file);
}
