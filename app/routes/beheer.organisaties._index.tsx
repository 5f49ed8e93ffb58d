import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaffRegion } from "~/auth/guards.server";
import type { OrganisationType } from "~/auth/roles";
import { canManageOrganisations, isStaffAdmin, organisationTypeLabels } from "~/auth/roles";
import { Pagination, parsePage } from "~/components/Pagination";
import { StaffNav } from "~/components/StaffNav";
import { db } from "~/lib/db.server";
import { listOrganisations } from "~/organisations/organisations.server";

export const meta: MetaFunction = () => [{ title: "Organisaties — Beheer — Herleidbaar" }];

const filterTypes = Object.keys(organisationTypeLabels) as OrganisationType[];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, region } = await requireStaffRegion(request, context);
  const url = new URL(request.url);
  const typeParam = url.searchParams.get("soort");
  // Allow-listed filter: anything else is ignored.
  const type = filterTypes.find((t) => t === typeParam);
  const query = (url.searchParams.get("zoek") ?? "").trim().slice(0, 100);
  const page = parsePage(url.searchParams.get("pagina"));
  const result = await listOrganisations(db(), region.id, { type, query: query || undefined, page });
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    canManage: canManageOrganisations(viewer, region.id),
    filters: { type: type ?? "", query },
    page,
    ...result,
    rows: result.rows.map((o) => ({
      id: o.id,
      name: o.name,
      code: o.code,
      type: organisationTypeLabels[o.type],
      former: !!o.memberUntil,
    })),
  };
}

export default function OrganisationsPage() {
  const data = useLoaderData<typeof loader>();
  const buildHref = (page: number) => {
    const params = new URLSearchParams();
    if (data.filters.type) params.set("soort", data.filters.type);
    if (data.filters.query) params.set("zoek", data.filters.query);
    params.set("pagina", String(page));
    return `/beheer/organisaties?${params}`;
  };
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <h1 className="utrecht-heading-1">Organisaties</h1>
      {data.canManage ? (
        <p className="utrecht-paragraph">
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/beheer/organisaties/nieuw">
            Organisatie toevoegen
          </a>
        </p>
      ) : null}
      <form method="get" className="filters" role="search" aria-label="Organisaties filteren">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="soort">
            Soort
          </label>
          <select id="soort" name="soort" className="utrecht-select utrecht-select--html-select" defaultValue={data.filters.type}>
            <option value="">Alle soorten</option>
            {filterTypes.map((t) => (
              <option key={t} value={t}>
                {organisationTypeLabels[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="zoek">
            Zoek op naam of afkorting
          </label>
          <input id="zoek" name="zoek" type="search" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={data.filters.query} />
        </div>
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Filteren
        </button>
      </form>
      <p className="utrecht-paragraph" role="status">
        {data.total} organisaties gevonden.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel, horizontaal te scrollen">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">Organisaties in {data.region.name}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Naam</th>
              <th scope="col" className="utrecht-table__header-cell">Afkorting</th>
              <th scope="col" className="utrecht-table__header-cell">Soort</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.rows.map((o) => (
              <tr key={o.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">
                  <a className="utrecht-link" href={`/beheer/organisaties/${o.id}`}>
                    {o.name}
                  </a>
                  {o.former ? <span className="muted"> (geen lid meer)</span> : null}
                </td>
                <td className="utrecht-table__cell">{o.code}</td>
                <td className="utrecht-table__cell">{o.type}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} buildHref={buildHref} />
    </>
  );
}
