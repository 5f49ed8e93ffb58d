import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadPublicAdoptionStatus, todayIso } from "~/adoptions/adoptions.server";
import { longDutchDate, outcomeLabels } from "~/adoptions/in-force";
import { notFound } from "~/auth/guards.server";
import { db } from "~/lib/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Vaststelling — ${data.vision.title} — Herleidbaar` : "Vaststelling — Herleidbaar" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const overview = await loadPublicAdoptionStatus(db(), params.regionSlug ?? "", params.visionSlug ?? "", todayIso());
  if (!overview) throw notFound();
  // ?versie= names a version like the reading view does: only a published one exists for the public.
  const versie = new URL(request.url).searchParams.get("versie");
  if (versie !== null && !overview.publishedVersions.some((v) => String(v.number) === versie)) throw notFound();
  const published = new Set(overview.publishedVersions.map((v) => v.id));
  return {
    vision: { title: overview.vision.title, regionName: overview.vision.regionName, regionSlug: overview.vision.regionSlug, slug: overview.vision.slug },
    target: overview.target ? { label: overview.target.label } : null,
    deadline: overview.deadline,
    status: overview.status.inForce
      ? { inForce: true as const, effectiveDate: overview.status.effectiveDate, reasons: [] as string[] }
      : { inForce: false as const, effectiveDate: null, reasons: overview.status.reasons },
    adoptedCount: overview.adoptedCount,
    requiredCount: overview.requiredCount,
    rows: overview.rows
      .filter((r) => r.required)
      .map((r) => ({
        id: r.municipality.id,
        name: r.municipality.name,
        outcome: r.adoption?.outcome ? outcomeLabels[r.adoption.outcome] : null,
        councilDate: r.adoption?.outcome ? r.adoption.councilDate : null,
        versionLabel: r.adoption?.outcome && r.adoption.versionId && published.has(r.adoption.versionId) ? r.versionLabel : null,
        overdue: r.overdue,
      })),
  };
}

export default function PublicAdoptionPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/visies/${data.vision.regionSlug}/${data.vision.slug}`}>
          Terug naar {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Vaststelling door de gemeenteraden</h1>
      <p className="utrecht-paragraph">
        {data.vision.title} van {data.vision.regionName} geldt pas als de gemeenteraden van alle gemeenten in de regio dezelfde definitieve versie hebben
        vastgesteld.
        {data.deadline ? ` De regio vroeg de raden om een besluit uiterlijk op ${longDutchDate(data.deadline)}.` : ""}
      </p>
      <div className={`adoption-status ${data.status.inForce ? "adoption-status--in-force" : "adoption-status--not-in-force"}`}>
        {data.status.inForce ? (
          <p className="utrecht-paragraph">
            <strong>Van kracht</strong> sinds {longDutchDate(data.status.effectiveDate)}. Alle {data.requiredCount} gemeenten hebben de versie &lsquo;
            {data.target?.label}&rsquo; vastgesteld.
          </p>
        ) : (
          <>
            <p className="utrecht-paragraph">
              <strong>Nog niet van kracht.</strong> {data.adoptedCount} van de {data.requiredCount} gemeenten hebben de visie vastgesteld. Waarom nog niet:
            </p>
            <ul className="utrecht-unordered-list">
              {data.status.reasons.map((reason) => (
                <li key={reason} className="utrecht-unordered-list__item">
                  {reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Besluiten per gemeente, horizontaal te scrollen">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">Besluit per gemeente</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Gemeente</th>
              <th scope="col" className="utrecht-table__header-cell">Besluit van de raad</th>
              <th scope="col" className="utrecht-table__header-cell">Datum</th>
              <th scope="col" className="utrecht-table__header-cell">Versie</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.rows.map((r) => (
              <tr key={r.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">{r.name}</th>
                <td className="utrecht-table__cell">
                  {r.outcome ?? "nog geen besluit"}
                  {r.overdue ? " (termijn verstreken)" : ""}
                </td>
                <td className="utrecht-table__cell">{r.councilDate ? longDutchDate(r.councilDate) : "—"}</td>
                <td className="utrecht-table__cell">{r.versionLabel ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
