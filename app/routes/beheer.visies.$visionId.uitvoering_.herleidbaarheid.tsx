import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { ownerCandidates } from "~/implementation/implementation-actions.server";
import { TraceabilityView } from "~/implementation/TraceabilityView";
import { organisationOfRegion, traceability, traceableOrganisations } from "~/implementation/traceability.server";
import { db } from "~/lib/db.server";
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
  const [all, withPoints] = await Promise.all([ownerCandidates(db(), region.id), traceableOrganisations(db(), vision.id, false)]);
  const counts = new Map(withPoints.map((o) => [o.id, Number(o.points)]));
  let organisation: { id: string; name: string; code: string } | null = null;
  let rows: Awaited<ReturnType<typeof traceability>> = [];
  if (chosen) {
    const id = z.uuid().safeParse(chosen);
    if (!id.success) throw notFound();
    organisation = await organisationOfRegion(db(), region.id, { id: id.data });
    if (!organisation) throw notFound();
    rows = await traceability(db(), vision.id, organisation.id, false);
  }
  return {
    region: { name: region.name, slug: region.slug },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title, slug: vision.slug },
    organisations: all.map((o) => ({ id: o.id, name: o.name, points: counts.get(o.id) ?? 0 })),
    organisation,
    rows,
  };
}

export default function StaffTraceabilityPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/beheer/visies/${data.vision.id}/uitvoering`;
  const publicBase = `/visies/${data.region.slug}/${data.vision.slug}`;
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
        <select id="organisatie" name="organisatie" className="utrecht-select utrecht-select--html-select" defaultValue={data.organisation?.id ?? ""}>
          <option value="">Kies een organisatie</option>
          {data.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.points} {o.points === 1 ? "punt" : "punten"})
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Tonen
        </button>
      </Form>
      {data.organisation ? (
        <>
          <h2 className="utrecht-heading-2">Punten van {data.organisation.name}</h2>
          {data.rows.length === 0 ? (
            <p className="utrecht-paragraph">Deze organisatie heeft geen punten ingediend op deze visie.</p>
          ) : (
            <>
              <p className="utrecht-paragraph">
                Download als{" "}
                <a className="utrecht-link" href={`${base}/herleidbaarheid/bestand?organisatie=${data.organisation.id}&formaat=pdf`} download>
                  PDF
                </a>{" "}
                of{" "}
                <a className="utrecht-link" href={`${base}/herleidbaarheid/bestand?organisatie=${data.organisation.id}&formaat=csv`} download>
                  CSV
                </a>
                .
              </p>
              <TraceabilityView rows={data.rows} readingHref={(n) => `${publicBase}?versie=${n}`} actionHref={(a) => `${base}/${a.id}`} />
            </>
          )}
        </>
      ) : null}
    </>
  );
}
