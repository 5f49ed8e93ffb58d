import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { pickDownload } from "~/lib/downloads";
import { fileResponse } from "~/lib/files.server";
import { requireReaction } from "~/reactions/guards.server";
import { renderReactionPdf } from "~/reactions/reaction-document.server";

/** The reaction as a tagged PDF (`reactie.pdf`), for whoever may read it (members; once submitted also its receivers). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const found = await requireReaction(request, context, params.reactionId);
  if (!pickDownload("reaction", params.bestand)) throw notFound();
  const pdf = await renderReactionPdf(db(), found.reaction.id);
  if (!pdf) throw notFound();
  return fileResponse({ filename: pdf.filename, mime: "application/pdf", content: Buffer.from(pdf.bytes) });
}
