import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { ActionStatus, formatIsoDate } from "~/implementation/components";
import { gapsReport } from "~/implementation/gaps.server";
import { db } from "~/lib/db.server";
import type { ScriptsHandle } from "~/lib/hydration";
import { requireVisionStaff } from "~/visions/guards.server";

export const handle: ScriptsHandle = { scripts: false };
export const meta: MetaFunction = () => [{ title: "Tekortenrapport — Uitvoeringsplan — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const report = await gapsReport(db(), vision.id);
  return { region: { name: region.name }, isAdmin: isStaffAdmin(viewer, region.id), vision: { id: vision.id, title: vision.title }, ...report };
}

export default function GapsPage() {
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
      <h1 className="utrecht-heading-1">Tekortenrapport</h1>
      <h2 className="utrecht-heading-2">Beloofd, maar zonder actie</h2>
      <p className="utrecht-paragraph">Punten met de afweging &ldquo;meegenomen in uitvoeringsplan&rdquo; die nog aan geen enkele actie zijn gekoppeld.</p>
      {data.unlinked.length === 0 ? (
        <p className="utrecht-paragraph">Geen: elk punt dat in het uitvoeringsplan wordt meegenomen, heeft een actie.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Punten zonder actie, horizontaal te scrollen">
          <table className="utrecht-table">
            <caption className="utrecht-table__caption">{data.unlinked.length} punten zonder actie</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">Punt</th>
                <th scope="col" className="utrecht-table__header-cell">Organisatie</th>
                <th scope="col" className="utrecht-table__header-cell">Tekst</th>
                <th scope="col" className="utrecht-table__header-cell">Antwoord</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {data.unlinked.map((p) => (
                <tr key={p.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{p.reference}</td>
                  <td className="utrecht-table__cell">{p.organisation}</td>
                  <td className="utrecht-table__cell">{p.text.length > 200 ? `${p.text.slice(0, 200)}…` : p.text}</td>
                  <td className="utrecht-table__cell">{p.answerStatus}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 className="utrecht-heading-2">Acties over de einddatum</h2>
      {data.overdue.length === 0 ? (
        <p className="utrecht-paragraph">Geen: alle acties met een verstreken einddatum zijn gereed of vervallen.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Acties over de einddatum, horizontaal te scrollen">
          <table className="utrecht-table">
            <caption className="utrecht-table__caption">{data.overdue.length} acties over de einddatum</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">Actie</th>
                <th scope="col" className="utrecht-table__header-cell">Eigenaar</th>
                <th scope="col" className="utrecht-table__header-cell">Einddatum</th>
                <th scope="col" className="utrecht-table__header-cell">Stand</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {data.overdue.map((a) => (
                <tr key={a.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <a className="utrecht-link" href={`${base}/${a.id}`}>
                      {a.reference} {a.title}
                    </a>
                  </td>
                  <td className="utrecht-table__cell">{a.owner ?? "—"}</td>
                  <td className="utrecht-table__cell">
                    {formatIsoDate(a.endsOn)} ({a.daysLate} {a.daysLate === 1 ? "dag" : "dagen"} te laat)
                  </td>
                  <td className="utrecht-table__cell">
                    <ActionStatus status={a.status} progress={a.progress} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
