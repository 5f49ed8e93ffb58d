import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { pickDownload } from "~/lib/downloads";
import { fileResponse } from "~/lib/files.server";
import { z } from "~/lib/zod.server";
import { renderDocx, renderPdf } from "~/letters/render.server";
import { isoDateInAmsterdam } from "~/letters/response-letter-model.server";
import { DOCX_MIME, PDF_MIME } from "~/letters/response-letters.server";
import { buildResponseReport, pickRound, responseReportCsv } from "~/letters/response-report.server";
import { requireVisionStaff } from "~/visions/guards.server";

const query = z.object({
  ronde: z.uuid().nullable().catch(null),
  groep: z.enum(["onderdeel", "organisatie"]).catch("onderdeel"),
});

/**
 * The Nota van beantwoording of a round as `nota-van-beantwoording.pdf`, `.docx` or `.csv` (for
 * Excel); `?ronde=` and `?groep=` as on the page. Any other file name is a 404.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { vision } = await requireVisionStaff(request, context, params.visionId);
  const wanted = pickDownload("nota", params.bestand);
  if (!wanted) throw notFound();
  const search = new URL(request.url).searchParams;
  const q = { ...query.parse({ ronde: search.get("ronde"), groep: search.get("groep") ?? "onderdeel" }), formaat: wanted.extension };
  const round = await pickRound(db(), vision.id, q.ronde);
  if (q.ronde && !round) throw notFound();
  const slug = vision.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const base = `${wanted.stem}-${slug}-${isoDateInAmsterdam(new Date())}`;
  if (q.formaat === "csv") {
    const csv = await responseReportCsv(db(), round, q.groep);
    return fileResponse({
      filename: `${base}.csv`,
      mime: "text/csv; charset=utf-8",
      content: Buffer.from(csv, "utf8"),
    });
  }
  const report = await buildResponseReport(db(), vision.id, round, q.groep);
  const bytes = q.formaat === "pdf" ? await renderPdf(report) : await renderDocx(report);
  return fileResponse({
    filename: `${base}.${q.formaat}`,
    mime: q.formaat === "pdf" ? PDF_MIME : DOCX_MIME,
    content: Buffer.from(bytes),
  });
}
