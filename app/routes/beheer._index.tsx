import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaffRegion } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { twoFactorStatus } from "~/auth/two-factor.server";
import { StaffNav } from "~/components/StaffNav";
import { db } from "~/lib/db.server";
import { regionSummary } from "~/organisations/organisations.server";

export const meta: MetaFunction = () => [{ title: "Beheer — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, region } = await requireStaffRegion(request, context);
  const [summary, twoFactor] = await Promise.all([regionSummary(db(), region.id), twoFactorStatus(db(), viewer.user.id)]);
  return { region: { name: region.name }, isAdmin: isStaffAdmin(viewer, region.id), summary, hasTwoFactor: twoFactor.enabledAt !== null };
}

export default function StaffDashboardPage() {
  const { region, isAdmin, summary, hasTwoFactor } = useLoaderData<typeof loader>();
  return (
    <>
      <StaffNav regionName={region.name} isAdmin={isAdmin} />
      <h1 className="utrecht-heading-1">Beheer {region.name}</h1>
      {hasTwoFactor ? null : (
        <div className="utrecht-alert utrecht-alert--warning" role="note">
          <p className="utrecht-paragraph">
            U ziet als medewerker stukken die nog niet openbaar zijn. Beveilig uw account met{" "}
            <a className="utrecht-link" href="/account/tweestapsverificatie">
              tweestapsverificatie
            </a>
            .
          </p>
        </div>
      )}
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
