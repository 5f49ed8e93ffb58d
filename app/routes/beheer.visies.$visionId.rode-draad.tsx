import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { db } from "~/lib/db.server";
import { PreviewBody } from "~/letters/LetterPreview";
import { previewBlocks } from "~/letters/preview.server";
import { buildThreadReport, pickRound } from "~/letters/response-report.server";
import { ThreadReportQuerySchema } from "~/letters/schema.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Rode draad — Beheer — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const search = new URL(request.url).searchParams;
  const q = ThreadReportQuerySchema.parse({ ronde: search.get("ronde") });
  const round = await pickRound(db(), vision.id, q.ronde);
  if (q.ronde && !round) throw notFound();
  const report = round ? await buildThreadReport(db(), vision.id, round) : null;
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    round: round ? { id: round.id, label: round.versionLabel } : null,
    subtitle: report?.subtitle ?? null,
    body: report ? previewBlocks(report.body) : [],
  };
}

export default function ThreadReportPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/beheer/visies/${data.vision.id}/rode-draad`;
  const q = data.round ? `?ronde=${data.round.id}` : "";
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Rode draad reacties op de concept-regiovisie</h1>
      {data.round ? (
        <>
          <p className="utrecht-paragraph">{data.subtitle}</p>
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={`${base}/rode-draad.pdf${q}`} download>
              Rode draad als PDF
            </a>
            {" · "}
            <a className="utrecht-link" href={`${base}/rode-draad.docx${q}`} download>
              Rode draad als Word-bestand
            </a>
          </p>
          <PreviewBody blocks={data.body} headingOffset={0} />
        </>
      ) : (
        <p className="utrecht-paragraph">Deze visie heeft nog geen reactieronde.</p>
      )}
    </>
  );
}
