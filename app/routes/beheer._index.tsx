import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaffRegion } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { db } from "~/lib/db.server";
import { regionSummary } from "~/organisations/organisations.server";

export const meta: MetaFunction = () => [{ title: "Beheer — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, region } = await requireStaffRegion(request, context);
  const summary = await regionSummary(db(), region.id);
  return { region: { name: region.name }, isAdmin: isStaffAdmin(viewer, region.id), summary };
}

export default function StaffDashboardPage() {
  const { region, isAdmin, summary } = useLoaderData<typeof loader>();
  return (
    <>
      <StaffNav regionName={region.name} isAdmin={isAdmin} />
      <h1 className="utrecht-heading-1">Beheer {region.name}</h1>
      <ul className="card-list">
        <li className="card">
          <h2 className="utrecht-heading-3">Organisaties</h2>
          <p className="utrecht-paragraph">
            {summary.organisations} organisaties, waarvan {summary.municipalities} gemeenten.
          </p>
          <a className="utrecht-link" href="/beheer/organisaties">
            Organisaties en mensen beheren
          </a>
        </li>
        <li className="card">
          <h2 className="utrecht-heading-3">Mensen</h2>
          <p className="utrecht-paragraph">
            {summary.people} mensen met een rol, {summary.openInvitations} openstaande uitnodigingen.
          </p>
        </li>
      </ul>
    </>
  );
}
