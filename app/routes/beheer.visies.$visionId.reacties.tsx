import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { isStaffAdmin } from "~/auth/roles";
import { Pagination, parsePage } from "~/components/Pagination";
import { StaffNav } from "~/components/StaffNav";
import { formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { listSubmittedReactions } from "~/reactions/reactions.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Ontvangen reacties — Beheer — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const page = parsePage(new URL(request.url).searchParams.get("pagina"));
  const result = await listSubmittedReactions(db(), vision.id, page);
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    page,
    total: result.total,
    pageSize: result.pageSize,
    rows: result.rows.map((r) => ({
      ...r,
      submittedAt: r.submittedAt ? formatDateTime(r.submittedAt) : "—",
      forwardedAt: r.forwardedAt ? formatDateTime(r.forwardedAt) : null,
      points: Number(r.points),
    })),
  };
}

export default function SubmittedReactionsPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Ontvangen reacties</h1>
      <p className="utrecht-paragraph">Concepten blijven bij de organisatie; hier staan alleen ingediende reacties.</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel, horizontaal te scrollen">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">{data.total} ingediende reacties</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Organisatie</th>
              <th scope="col" className="utrecht-table__header-cell">Soort</th>
              <th scope="col" className="utrecht-table__header-cell">Op versie</th>
              <th scope="col" className="utrecht-table__header-cell">Ingediend</th>
              <th scope="col" className="utrecht-table__header-cell">Punten</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.rows.map((r) => (
              <tr key={r.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">
                  <a className="utrecht-link" href={`/reacties/${r.id}`}>
                    {r.organisation}
                  </a>
                </td>
                <td className="utrecht-table__cell">{r.kind}</td>
                <td className="utrecht-table__cell">{r.versionLabel}</td>
                <td className="utrecht-table__cell">
                  {r.submittedAt}
                  {r.isLate ? " (te laat)" : ""}
                  {r.forwardedAt ? `; doorgestuurd door de gemeente op ${r.forwardedAt}` : ""}
                  {r.correctsId ? " (correctie van een eerdere versie)" : ""}
                </td>
                <td className="utrecht-table__cell">{r.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} buildHref={(p) => `/beheer/visies/${data.vision.id}/reacties?pagina=${p}`} />
    </>
  );
}
