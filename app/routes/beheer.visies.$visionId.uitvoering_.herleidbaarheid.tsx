import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { staffOrganisationPicker, staffOrganisationTrace, withSelectedOption } from "~/implementation/trace-page.server";
import type { ScriptsHandle } from "~/lib/hydration";
import { z } from "~/lib/zod";
import { requireVisionStaff } from "~/visions/guards.server";

export const handle: ScriptsHandle = { scripts: false };
export const meta: MetaFunction = () => [{ title: "Herleidbaarheid — Uitvoeringsplan — Herleidbaar" }];

/** Staff: every submitted point of any organisation of the region, published or not. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const url = new URL(request.url);
  const chosen = url.searchParams.get("organisatie");
  let organisationId: string | null = null;
  if (chosen) {
    const id = z.uuid().safeParse(chosen);
    if (!id.success) throw notFound();
    organisationId = id.data;
  }
  const publicBase = `/visies/${region.slug}/${vision.slug}`;
  // The picker and the chosen organisation's points, each memoised per data version as HTML.
  const [picker, trace] = await Promise.all([
    staffOrganisationPicker(region.id, vision.id),
    organisationId ? staffOrganisationTrace(vision, region.id, organisationId, publicBase) : Promise.resolve(undefined),
  ]);
  if (trace === null) throw notFound();
  return {
    region: { name: region.name, slug: region.slug },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title, slug: vision.slug },
    optionsHtml: withSelectedOption(picker.optionsHtml, trace?.organisation.id ?? ""),
    organisation: trace?.organisation ?? null,
    points: trace?.points ?? 0,
    itemsHtml: trace?.itemsHtml ?? "",
  };
}

export default function StaffTraceabilityPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/beheer/visies/${data.vision.id}/uitvoering`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          Terug naar het uitvoeringsplan
        </a>
      </p>
      <h1 className="utrecht-heading-1">Herleidbaarheid per organisatie</h1>
      <p className="utrecht-paragraph">Alle ingediende punten, ook als de antwoorden nog niet openbaar zijn. De openbare pagina toont alleen wat gepubliceerd is.</p>
      <Form method="get" className="form-inline">
        <label className="utrecht-form-label" htmlFor="organisatie">
          Organisatie
        </label>{" "}
        <select id="organisatie" name="organisatie" className="utrecht-select utrecht-select--html-select" dangerouslySetInnerHTML={{ __html: data.optionsHtml }} />{" "}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Tonen
        </button>
      </Form>
      {data.organisation ? (
        <>
          <h2 className="utrecht-heading-2">Punten van {data.organisation.name}</h2>
          {data.points === 0 ? (
            <p className="utrecht-paragraph">Deze organisatie heeft geen punten ingediend op deze visie.</p>
          ) : (
            <>
              <p className="utrecht-paragraph">
                Download als{" "}
                <a className="utrecht-link" href={`${base}/herleidbaarheid/herleidbaarheid.pdf?organisatie=${data.organisation.id}`} download>
                  PDF
                </a>{" "}
                of{" "}
                <a className="utrecht-link" href={`${base}/herleidbaarheid/herleidbaarheid.csv?organisatie=${data.organisation.id}`} download>
                  CSV
                </a>
                .
              </p>
              <ol className="trace-list" dangerouslySetInnerHTML={{ __html: data.itemsHtml }} />
            </>
          )}
        </>
      ) : null}
    </>
  );
}
