import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AdoptionRequestList } from "~/adoptions/AdoptionRequestList";
import { DecisionForms } from "~/adoptions/DecisionForms";
import { decisionPageData, handleDecisionAction } from "~/adoptions/decision-page.server";
import { requireGriffieVision } from "~/adoptions/guards.server";
import { notFound } from "~/auth/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Vaststelling ${data?.page.vision.title ?? "visie"} — Herleidbaar` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { vision, municipality } = await requireGriffieVision(request, context, params.visionId);
  const page = await decisionPageData(vision.id, municipality.id);
  if (!page) throw notFound();
  return { page, saved: new URL(request.url).searchParams.get("opgeslagen") };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, vision, municipality } = await requireGriffieVision(request, context, params.visionId);
  return handleDecisionAction(request, viewer, vision.id, municipality.id, `/gemeente/vaststelling/${vision.id}`);
}

export default function GriffieDecisionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/gemeente/vaststelling">
          Terug naar het overzicht
        </a>
      </p>
      <h1 className="utrecht-heading-1">
        Vaststelling {data.page.vision.title} door de raad van {data.page.municipality.name}
      </h1>
      <p className="utrecht-paragraph">
        Leg hier het raadsvoorstel en het besluit van uw gemeenteraad vast, voeg het raadsbesluit toe en eventueel de reactiebrief van de raad. De regio
        krijgt bericht van elk besluit.
      </p>
      <AdoptionRequestList
        requests={data.page.adoptionRequests}
        heading="Aanbiedingsbrieven aan uw gemeente"
        headingId="aanbiedingsbrieven-kop"
        caption={`Aanbiedingsbrieven verzonden aan ${data.page.municipality.name}, nieuwste eerst`}
        fileHref={(fileId, name) => `/gemeente/vaststelling/${data.page.vision.id}/bestanden/${fileId}/${name}`}
      />
      <DecisionForms data={data.page} actionData={actionData} saved={data.saved} fileHref={null} />
    </>
  );
}
