import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { organisationTypeLabels, roleLabels } from "~/auth/roles";
import { db } from "~/lib/db.server";
import { listMembers } from "~/organisations/organisations.server";

export const meta: MetaFunction = () => [{ title: "Mijn organisaties — Herleidbaar" }];

const organisationRoles = new Set(["member", "signatory", "municipal_staff", "griffie"]);

/** Members see who else works on their organisation's reactions. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const own = viewer.memberships.filter((m) => organisationRoles.has(m.role));
  const members = await listMembers(
    db(),
    own.map((m) => m.organisationId),
  );
  return {
    organisations: own.map((m) => ({
      id: m.organisationId,
      name: m.organisationName,
      type: organisationTypeLabels[m.organisationType],
      region: m.regionName,
      myRole: roleLabels[m.role],
      members: members
        .filter((member) => member.organisationId === m.organisationId)
        .map((member) => ({ id: member.userId, name: member.name, role: roleLabels[member.role] })),
    })),
  };
}

export default function MyOrganisationsPage() {
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="utrecht-heading-1">Mijn organisaties</h1>
      {organisations.length === 0 ? <p className="utrecht-paragraph">U hoort nog bij geen organisatie.</p> : null}
      {organisations.map((o) => (
        <section key={o.id} aria-labelledby={`org-${o.id}`} className="card">
          <h2 id={`org-${o.id}`} className="utrecht-heading-2">
            {o.name}
          </h2>
          <p className="utrecht-paragraph">
            {o.type} in {o.region}. Uw rol: {o.myRole}.
          </p>
          <h3 className="utrecht-heading-3">Mensen</h3>
          <ul className="utrecht-unordered-list">
            {o.members.map((m) => (
              <li key={m.id} className="utrecht-unordered-list__item">
                {m.name} — {m.role}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
