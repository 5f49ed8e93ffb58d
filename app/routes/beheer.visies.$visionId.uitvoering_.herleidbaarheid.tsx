import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { Pagination, parsePage } from "~/components/Pagination";
import { StaffNav } from "~/components/StaffNav";
import { findStaffOrganisations, staffOrganisationTrace, type StaffOrganisationChoice } from "~/implementation/trace-page.server";
import type { ScriptsHandle } from "~/lib/hydration";
import { withoutNul, z } from "~/lib/zod.server";
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
  const search = withoutNul(url.searchParams.get("zoek") ?? "").trim().slice(0, 200);
  const page = parsePage(url.searchParams.get("pagina"));
  const publicBase = `/visies/${region.slug}/${vision.slug}`;
  // The organisations and the chosen organisation's points, each memoised per data version.
  const [found, trace] = await Promise.all([
    organisationId ? Promise.resolve(undefined) : findStaffOrganisations(region.id, vision.id, search, page),
    organisationId ? staffOrganisationTrace(vision, region.id, organisationId, publicBase) : Promise.resolve(undefined),
  ]);
  if (trace === null) throw notFound();
  // A code typed in full is the organisation itself.
  if (found?.exact) throw redirect(`/beheer/visies/${vision.id}/uitvoering/herleidbaarheid?organisatie=${found.exact.id}`);
  return {
    region: { name: region.name, slug: region.slug },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title, slug: vision.slug },
    search: trace ? trace.organisation.code : search,
    page,
    found: found ? { total: found.total, pageSize: found.pageSize, items: found.items } : null,
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
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="zoek">
            Organisatie
          </label>
          <p id="zoek-uitleg" className="utrecht-form-field-description">
            De code van de organisatie of een deel van de naam.
          </p>
          <input id="zoek" name="zoek" type="search" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={data.search} aria-describedby="zoek-uitleg" />
        </div>{" "}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Zoeken
        </button>
      </Form>
      {data.found ? <OrganisationChoices found={data.found} search={data.search} page={data.page} base={`${base}/herleidbaarheid`} /> : null}
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

function OrganisationChoices({ found, search, page, base }: { found: { total: number; pageSize: number; items: StaffOrganisationChoice[] }; search: string; page: number; base: string }) {
  const query = search ? `zoek=${encodeURIComponent(search)}&` : "";
  if (found.total === 0) {
    return (
      <p className="utrecht-paragraph" role="status">
        Geen organisatie gevonden met code of naam &lsquo;{search}&rsquo;.
      </p>
    );
  }
  return (
    <>
      <h2 className="utrecht-heading-2">{search ? `Organisaties met '${search}' in code of naam` : "Alle organisaties van de regio"}</h2>
      <p className="utrecht-paragraph">
        {found.total} {found.total === 1 ? "organisatie" : "organisaties"}
        {found.total > found.pageSize ? `, pagina ${page}` : ""}. Kies een organisatie om haar punten te zien.
      </p>
      <ul className="utrecht-unordered-list">
        {found.items.map((o) => (
          <li key={o.id} className="utrecht-unordered-list__item">
            <a className="utrecht-link" href={`${base}?organisatie=${o.id}`}>
              {o.name}
            </a>{" "}
            <span className="muted">
              ({o.code}, {o.points} {o.points === 1 ? "punt" : "punten"})
            </span>
          </li>
        ))}
      </ul>
      <Pagination page={page} pageSize={found.pageSize} total={found.total} buildHref={(p) => `${base}?${query}pagina=${p}`} />
    </>
  );
}
