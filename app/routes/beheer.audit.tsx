import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaffAdmin, requireStaffRegion } from "~/auth/guards.server";
import { Pagination, parsePage } from "~/components/Pagination";
import { StaffNav } from "~/components/StaffNav";
import { listAuditEvents } from "~/lib/audit-log.server";
import { auditActions } from "~/lib/audit-labels";
import { formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";

export const meta: MetaFunction = () => [{ title: "Auditlog — Beheer — Herleidbaar" }];

function parseDay(value: string | null): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { region } = await requireStaffRegion(request, context);
  await requireStaffAdmin(request, context, region.id);
  const url = new URL(request.url);
  const actionParam = url.searchParams.get("actie") ?? "";
  // Allow-listed: an unknown action is ignored, never passed on.
  const action = actionParam in auditActions ? actionParam : undefined;
  const from = parseDay(url.searchParams.get("van"));
  const untilDay = parseDay(url.searchParams.get("tot"));
  const until = untilDay ? new Date(untilDay.getTime() + 24 * 3600 * 1000) : undefined;
  const page = parsePage(url.searchParams.get("pagina"));
  const result = await listAuditEvents(db(), region.id, { action, from, until }, page);
  return {
    region: { name: region.name },
    filters: { action: action ?? "", from: url.searchParams.get("van") ?? "", until: url.searchParams.get("tot") ?? "" },
    page,
    total: result.total,
    pageSize: result.pageSize,
    rows: result.rows.map((r) => ({
      id: r.id,
      at: formatDateTime(r.at),
      action: auditActions[r.action] ?? r.action,
      entity: `${r.entityType} ${r.entityId.slice(0, 8)}`,
      actor: r.actorName ?? "systeem",
      change: JSON.stringify(r.after ?? r.before ?? {}).slice(0, 300),
    })),
  };
}

export default function AuditLogPage() {
  const data = useLoaderData<typeof loader>();
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (data.filters.action) params.set("actie", data.filters.action);
    if (data.filters.from) params.set("van", data.filters.from);
    if (data.filters.until) params.set("tot", data.filters.until);
    params.set("pagina", String(page));
    return `/beheer/audit?${params}`;
  };
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin />
      <h1 className="utrecht-heading-1">Auditlog</h1>
      <p className="utrecht-paragraph">Elke wijziging: wie, wanneer, wat, en de gegevens ervoor en erna.</p>
      <form method="get" className="filters" aria-label="Auditlog filteren">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="actie">
            Actie
          </label>
          <select id="actie" name="actie" className="utrecht-select utrecht-select--html-select" defaultValue={data.filters.action}>
            <option value="">Alle acties</option>
            {Object.entries(auditActions).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="van">
            Van
          </label>
          <input id="van" name="van" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={data.filters.from} />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="tot">
            Tot en met
          </label>
          <input id="tot" name="tot" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={data.filters.until} />
        </div>
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Filteren
        </button>
      </form>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel, horizontaal te scrollen">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">{data.total} gebeurtenissen</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Wanneer</th>
              <th scope="col" className="utrecht-table__header-cell">Wie</th>
              <th scope="col" className="utrecht-table__header-cell">Actie</th>
              <th scope="col" className="utrecht-table__header-cell">Wat</th>
              <th scope="col" className="utrecht-table__header-cell">Gegevens</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.rows.map((r) => (
              <tr key={r.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{r.at}</td>
                <td className="utrecht-table__cell">{r.actor}</td>
                <td className="utrecht-table__cell">{r.action}</td>
                <td className="utrecht-table__cell">{r.entity}</td>
                <td className="utrecht-table__cell">
                  <code className="utrecht-code">{r.change}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} buildHref={href} />
    </>
  );
}
