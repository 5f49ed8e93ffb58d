import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireViewer } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { fileResponse } from "~/lib/files.server";
import { z } from "~/lib/zod.server";
import { letterFile } from "~/letters/response-letters.server";

const params = z.object({ visionId: z.uuid(), reactionId: z.uuid() });
const format = z.enum(["pdf", "docx"]).catch("pdf");

/**
 * The antwoordbrief as PDF (default) or DOCX (`?formaat=docx`): staff of the visie's region (a
 * concept is rendered on the fly), and once sent the reacting organisation's members. Anyone else
 * gets 404.
 */
export async function loader({ request, context, params: raw }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw notFound();
  const wanted = format.parse(new URL(request.url).searchParams.get("formaat") ?? "pdf");
  const file = await letterFile(db(), viewer, parsed.data.visionId, parsed.data.reactionId, wanted);
  if (!file) throw notFound();
  return fileResponse(file);
}
