import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getViewer, notFound } from "~/auth/guards.server";
import { isStaff } from "~/auth/roles";
import { pointsBehindChanges } from "~/visions/changelog.server";
import { db } from "~/lib/db.server";
import { compareForReaders, findPublishedVersion } from "~/visions/reading.server";
import type { ScriptsHandle } from "~/lib/hydration";

export const handle: ScriptsHandle = { scripts: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Wat is er veranderd — ${data.vision.title} — Herleidbaar` : "Vergelijken — Herleidbaar" },
];

function versionNumber(value: string | null) {
  return value && /^\d{1,4}$/.test(value) ? Number(value) : null;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const from = versionNumber(url.searchParams.get("van"));
  const to = versionNumber(url.searchParams.get("naar"));
  const newer = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", to);
  if (!newer) throw notFound();
  const olderNumber = from ?? newer.versions.find((v) => v.number < newer.version.number)?.number ?? null;
  const older = olderNumber === null ? null : newer.versions.find((v) => v.number === olderNumber);
  if (!older) throw notFound();
  const viewer = await getViewer(request, context);
  const staffView = !!viewer && isStaff(viewer, newer.vision.regionId);
  const [comparison, causes] = await Promise.all([
    compareForReaders(db(), older.id, newer.version.id),
    older.number < newer.version.number
      ? pointsBehindChanges(db(), newer.vision.id, older.number, newer.version.number, { includeUnpublished: staffView })
      : Promise.resolve({} as Awaited<ReturnType<typeof pointsBehindChanges>>),
  ]);
  return {
    causes,
    vision: newer.vision,
    versions: newer.versions.map((v) => ({ number: v.number, label: v.label })),
    older: { number: older.number, label: older.label },
    newer: { number: newer.version.number, label: newer.version.label },
    ...comparison,
  };
}

const statusLabels: Record<string, string> = {
  added: "Nieuw onderdeel",
  removed: "Verwijderd",
  moved: "Verplaatst",
  changed: "Gewijzigd",
  unchanged: "Ongewijzigd",
};

export default function ComparePage() {
  const data = useLoaderData<typeof loader>();
  const visible = data.changes.filter((c) => c.status !== "unchanged");
  return (
    <>
      <h1 className="utrecht-heading-1">Wat is er veranderd?</h1>
      <p className="utrecht-paragraph">
        {data.vision.title}: versie {data.older.number} ({data.older.label}) vergeleken met versie {data.newer.number} ({data.newer.label}).
      </p>
      <form method="get" className="filters" aria-label="Versies kiezen">
        {(["van", "naar"] as const).map((name) => (
          <div key={name} className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor={name}>
              {name === "van" ? "Oude versie" : "Nieuwe versie"}
            </label>
            <select id={name} name={name} className="utrecht-select utrecht-select--html-select" defaultValue={String(name === "van" ? data.older.number : data.newer.number)}>
              {data.versions.map((v) => (
                <option key={v.number} value={v.number}>
                  Versie {v.number}: {v.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Vergelijken
        </button>
      </form>
      <p className="utrecht-paragraph" role="status">
        {data.summary.changed} gewijzigd, {data.summary.added} nieuw, {data.summary.removed} verwijderd, {data.summary.moved} verplaatst,{" "}
        {data.summary.unchanged} ongewijzigd.
      </p>
      <p className="utrecht-paragraph muted">
        Toegevoegde tekst is <ins>onderstreept</ins>, verwijderde tekst is <del>doorgestreept</del>.
      </p>
      {visible.length === 0 ? <p className="utrecht-paragraph">Er zijn geen verschillen.</p> : null}
      {visible.map((c) => (
        <section key={c.key} className={`change change--${c.status}`} aria-labelledby={`wijziging-${c.key}`}>
          <h2 id={`wijziging-${c.key}`} className="utrecht-heading-3">
            {c.number ? `${c.number} ` : ""}
            {c.titleHtml ? <span dangerouslySetInnerHTML={{ __html: c.titleHtml }} /> : c.title}
          </h2>
          <p className="utrecht-paragraph">
            <strong>{statusLabels[c.status]}</strong>
            {c.moved && c.status !== "moved" ? " en verplaatst" : ""}
          </p>
          {/* Diff HTML is escaped text with <ins>/<del> only (app/visions/diff.ts). */}
          {c.textHtml ? <div className="change__text" dangerouslySetInnerHTML={{ __html: c.textHtml }} /> : null}
          {data.causes[c.key]?.length ? (
            <div className="change__causes">
              <p className="utrecht-paragraph">Aangepast naar aanleiding van:</p>
              <ul className="utrecht-unordered-list">
                {data.causes[c.key]!.map((point, index) => (
                  <li key={`${point.reference}-${index}`} className="utrecht-unordered-list__item">
                    {point.reference ? <strong>{point.reference}</strong> : null} {point.organisation} (
                    {point.disposition === "overgenomen" ? "overgenomen" : "deels overgenomen"})
                    {point.isPublic ? null : <em> — antwoord nog niet openbaar, alleen zichtbaar voor de regio</em>}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {c.status === "added" || c.status === "removed" ? null : (
            <p className="utrecht-paragraph">
              <a className="utrecht-link" href={`/visies/${data.vision.regionSlug}/${data.vision.slug}?versie=${data.newer.number}#onderdeel-${c.key}`}>
                Lees dit onderdeel in versie {data.newer.number}
              </a>
            </p>
          )}
        </section>
      ))}
    </>
  );
}
