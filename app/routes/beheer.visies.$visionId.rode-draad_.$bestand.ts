import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { pickDownload } from "~/lib/downloads";
import { fileResponse } from "~/lib/files.server";
import { z } from "~/lib/zod.server";
import { renderDocx, renderPdf } from "~/letters/render.server";
import { isoDateInAmsterdam } from "~/letters/response-letter-model.server";
import { DOCX_MIME, PDF_MIME } from "~/letters/response-letters.server";
import { buildThreadReport, pickRound } from "~/letters/response-report.server";
import { requireVisionStaff } from "~/visions/guards.server";

const query = z.object({ ronde: z.uuid().nullable().catch(null) });

/** "Rode draad reacties op de concept-regiovisie" as `rode-draad.pdf` or `rode-draad.docx` (`?ronde=`); other names 404. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { vision } = await requireVisionStaff(request, context, params.visionId);
  const wanted = pickDownload("threadReport", params.bestand);
  if (!wanted) throw notFound();
  const q = { ...query.parse({ ronde: new URL(request.url).searchParams.get("ronde") }), formaat: wanted.extension };
  const round = await pickRound(db(), vision.id, q.ronde);
  if (q.ronde && !round) throw notFound();
  const report = await buildThreadReport(db(), vision.id, round);
  const bytes = q.formaat === "pdf" ? await renderPdf(report) : await renderDocx(report);
  return fileResponse({
    filename: `${wanted.stem}-${isoDateInAmsterdam(new Date())}.${q.formaat}`,
    mime: q.formaat === "pdf" ? PDF_MIME : DOCX_MIME,
    content: Buffer.from(bytes),
  });
}
