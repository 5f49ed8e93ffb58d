import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AdoptionRequestList } from "~/adoptions/AdoptionRequestList";
import { DecisionForms } from "~/adoptions/DecisionForms";
import { decisionPageData, handleDecisionAction } from "~/adoptions/decision-page.server";
import { requireAdoptionStaff } from "~/adoptions/guards.server";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Besluit ${data?.page.municipality.name ?? "gemeente"} — Beheer — Herleidbaar` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision, municipality } = await requireAdoptionStaff(request, context, params.visionId, params.municipalityId);
  const page = await decisionPageData(vision.id, municipality.id);
  if (!page) throw notFound();
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    page,
    saved: new URL(request.url).searchParams.get("opgeslagen"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, vision, municipality } = await requireAdoptionStaff(request, context, params.visionId, params.municipalityId);
  return handleDecisionAction(request, viewer, vision.id, municipality.id, `/beheer/visies/${vision.id}/vaststelling/${municipality.id}`);
}

export default function StaffDecisionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { page } = data;
  const base = `/beheer/visies/${page.vision.id}/vaststelling`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          Terug naar de vaststelling van {page.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Besluit van de gemeenteraad van {page.municipality.name}</h1>
      <p className="utrecht-paragraph">
        U legt dit besluit vast namens de gemeente {page.municipality.name}. Dat wordt in de auditlog bewaard. De griffie van de gemeente kan het ook zelf doen.
      </p>
      <AdoptionRequestList
        requests={page.adoptionRequests}
        heading="Aanbiedingsbrieven aan deze gemeente"
        headingId="aanbiedingsbrieven-kop"
        caption={`Aanbiedingsbrieven verzonden aan ${page.municipality.name}, nieuwste eerst`}
        fileHref={(fileId, name) => `${base}/bestanden/${fileId}/${name}`}
      />
      <DecisionForms
        data={page}
        actionData={actionData}
        saved={data.saved}
        fileHref={page.adoption.decisionFileId ? `${base}/bestanden/${page.adoption.decisionFileId}/raadsbesluit.pdf` : null}
      />
    </>
  );
}
