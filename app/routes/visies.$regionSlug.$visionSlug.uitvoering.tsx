import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { Pagination, parsePage } from "~/components/Pagination";
import { ActionStatus, formatIsoDate } from "~/implementation/components";
import { publicPlan } from "~/implementation/implementation-actions.server";
import { implementationStatuses, statusLabels, type ImplementationStatus } from "~/implementation/options";
import { db } from "~/lib/db.server";
import type { ScriptsHandle } from "~/lib/hydration";
import { findPublishedVersion } from "~/visions/reading.server";

export const handle: ScriptsHandle = { scripts: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Uitvoeringsplan — ${data.vision.title} — Herleidbaar` : "Uitvoeringsplan — Herleidbaar" }];

/** Public: the uitvoeringsplan of a published visie, paginated, filtered by status. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", null);
  if (!found) throw notFound();
  const url = new URL(request.url);
  const page = parsePage(url.searchParams.get("pagina"));
  const statusParam = url.searchParams.get("status");
  const status = implementationStatuses.includes(statusParam as ImplementationStatus) ? (statusParam as ImplementationStatus) : null;
  const { counts, ...list } = await publicPlan(found.vision.id, { status, page });
  return {
    vision: { title: found.vision.title, slug: found.vision.slug, regionSlug: found.vision.regionSlug, regionName: found.vision.regionName },
    page,
    status,
    counts,
    ...list,
  };
}

export default function PublicPlanPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/visies/${data.vision.regionSlug}/${data.vision.slug}`;
  const all = Object.values(data.counts).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Uitvoeringsplan</h1>
      <p className="utrecht-paragraph">
        Zo werkt {data.vision.regionName} de visie uit. Bij elke actie ziet u de stand van zaken, de bouwstenen van de visie waar de actie bij hoort en de punten uit reacties waar ze uit voortkomt.
      </p>
      <ul className="utrecht-link-list">
        <li className="utrecht-link-list__item">
          <a className="utrecht-link" href={`${base}/herleidbaarheid`}>
            Wat is er met uw reactie gedaan?
          </a>
        </li>
        <li className="utrecht-link-list__item">
          <a className="utrecht-link" href={`${base}/open-data`}>
            Open data (CSV en JSON)
          </a>
        </li>
      </ul>
      <p className="utrecht-paragraph">
        {implementationStatuses.map((s, i) => (
          <span key={s}>
            {i > 0 ? ", " : ""}
            {data.counts[s] ?? 0} {statusLabels[s]}
          </span>
        ))}
        {` (samen ${all})`}
      </p>
      <Form method="get" className="form-inline">
        <label className="utrecht-form-label" htmlFor="status-filter">
          Toon acties met status
        </label>{" "}
        <select id="status-filter" name="status" className="utrecht-select utrecht-select--html-select" defaultValue={data.status ?? ""}>
          <option value="">alle</option>
          {implementationStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Tonen
        </button>
      </Form>
      <h2 className="utrecht-heading-2">
        {data.total} {data.total === 1 ? "actie" : "acties"}
        {data.status ? ` met status ${statusLabels[data.status]}` : ""}
      </h2>
      <ol className="action-list">
        {data.rows.map((a) => (
          <li key={a.id} className="action-list__item">
            <h3 className="utrecht-heading-3">
              <a className="utrecht-link" href={`${base}/uitvoering/${a.reference}`}>
                {a.reference} {a.title}
              </a>
            </h3>
            <p className="utrecht-paragraph">
              <ActionStatus status={a.status} progress={a.progress} />
            </p>
            <dl className="facts">
              <dt>Trekker</dt>
              <dd>{a.owner ?? "nog niet bekend"}</dd>
              <dt>Periode</dt>
              <dd>
                {formatIsoDate(a.startsOn)} – {formatIsoDate(a.endsOn)}
              </dd>
              <dt>Bouwstenen</dt>
              <dd>{a.sections.length ? a.sections.map((s) => [s.number, s.title].filter(Boolean).join(" ")).join("; ") : "—"}</dd>
              <dt>Laatste nieuws</dt>
              <dd>{a.latestUpdate ? `${formatIsoDate(a.latestUpdate.on)}: ${a.latestUpdate.text}` : "—"}</dd>
              <dt>Komt voort uit</dt>
              <dd>
                {a.pointCount} {a.pointCount === 1 ? "punt" : "punten"} uit reacties
              </dd>
            </dl>
          </li>
        ))}
      </ol>
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} buildHref={(p) => `${base}/uitvoering?pagina=${p}${data.status ? `&status=${data.status}` : ""}`} />
    </>
  );
}
