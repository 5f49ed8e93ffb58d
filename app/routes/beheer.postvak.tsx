import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaffAdmin, requireStaffRegion } from "~/auth/guards.server";
import { Pagination, parsePage } from "~/components/Pagination";
import { StaffNav } from "~/components/StaffNav";
import { formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { getMailboxMessage, listMailbox } from "~/lib/mailbox.server";
import { z } from "~/lib/zod";

export const meta: MetaFunction = () => [{ title: "Postvak — Beheer — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { region } = await requireStaffRegion(request, context);
  await requireStaffAdmin(request, context, region.id);
  const url = new URL(request.url);
  const page = parsePage(url.searchParams.get("pagina"));
  const selectedId = z.uuid().safeParse(url.searchParams.get("bericht"));
  const [list, selected] = await Promise.all([
    listMailbox(db(), region.id, page),
    selectedId.success ? getMailboxMessage(db(), region.id, selectedId.data) : Promise.resolve(null),
  ]);
  return {
    region: { name: region.name },
    page,
    total: list.total,
    pageSize: list.pageSize,
    messages: list.rows.map((m) => ({ ...m, createdAt: formatDateTime(m.createdAt) })),
    selected: selected ? { ...selected, createdAt: formatDateTime(selected.createdAt) } : null,
  };
}

const statusLabels: Record<string, string> = {
  pending: "wacht op verzending",
  sending: "wordt verzonden",
  sent: "verzonden",
  failed: "mislukt, wordt opnieuw geprobeerd",
  dead: "definitief mislukt",
};

export default function MailboxPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin />
      <h1 className="utrecht-heading-1">Postvak</h1>
      <p className="utrecht-paragraph">
        Alle e-mails die het platform voor deze regio verstuurt of klaarzet. Zonder e-mailserver (de ingebouwde
        demo) blijven ze hier staan, zodat u links uit uitnodigingen kunt openen.
      </p>
      {data.selected ? (
        <section aria-labelledby="bericht-titel" className="card">
          <h2 id="bericht-titel" className="utrecht-heading-2">
            {data.selected.subject}
          </h2>
          <p className="utrecht-paragraph">
            Aan: {data.selected.toName ? `${data.selected.toName} <${data.selected.toAddress}>` : data.selected.toAddress}
            <br />
            Aangemaakt: {data.selected.createdAt} · Status: {statusLabels[data.selected.status]}
          </p>
          <div className="mailbox-body">{data.selected.textBody}</div>
        </section>
      ) : null}
      <div className="table-scroll">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">Uitgaande berichten, nieuwste eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Onderwerp</th>
              <th scope="col" className="utrecht-table__header-cell">Aan</th>
              <th scope="col" className="utrecht-table__header-cell">Aangemaakt</th>
              <th scope="col" className="utrecht-table__header-cell">Status</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.messages.map((m) => (
              <tr key={m.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">
                  <a className="utrecht-link" href={`/beheer/postvak?bericht=${m.id}&pagina=${data.page}`}>
                    {m.subject}
                  </a>
                </td>
                <td className="utrecht-table__cell">{m.toAddress}</td>
                <td className="utrecht-table__cell">{m.createdAt}</td>
                <td className="utrecht-table__cell">{statusLabels[m.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} buildHref={(p) => `/beheer/postvak?pagina=${p}`} />
    </>
  );
}
