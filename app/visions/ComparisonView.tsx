import type { PointBehindChange } from "~/visions/changelog.server";
import type { ChangeSummary, SectionChangeStatus } from "~/visions/diff";

export interface ComparisonChangeView {
  key: string;
  status: SectionChangeStatus;
  moved: boolean;
  number: string | null;
  title: string;
  titleHtml: string | null;
  textHtml: string | null;
}

export interface ComparisonViewProps {
  vision: { title: string; slug: string; regionSlug: string };
  versions: Array<{ number: number; label: string }>;
  older: { number: number; label: string };
  newer: { number: number; label: string };
  summary: ChangeSummary;
  changes: ComparisonChangeView[];
  causes: Record<string, PointBehindChange[]>;
}

const statusLabels: Record<SectionChangeStatus, string> = {
  added: "Nieuw onderdeel",
  removed: "Verwijderd",
  moved: "Verplaatst",
  changed: "Gewijzigd",
  unchanged: "Ongewijzigd",
};

/**
 * The compare page's content. It is rendered to static HTML once per data version and viewer kind
 * (app/visions/reading-pages.server.tsx): a changed section can list hundreds of points behind it.
 */
export function ComparisonView(data: ComparisonViewProps) {
  const visible = data.changes.filter((c) => c.status !== "unchanged");
  const { summary } = data;
  return (
    <>
      <h1 className="utrecht-heading-1">Wat is er veranderd?</h1>
      <p className="utrecht-paragraph">
        {`${data.vision.title}: versie ${data.older.number} (${data.older.label}) vergeleken met versie ${data.newer.number} (${data.newer.label}).`}
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
                  {`Versie ${v.number}: ${v.label}`}
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
        {`${summary.changed} gewijzigd, ${summary.added} nieuw, ${summary.removed} verwijderd, ${summary.moved} verplaatst, ${summary.unchanged} ongewijzigd.`}
      </p>
      <p className="utrecht-paragraph muted">
        Toegevoegde tekst is <ins>onderstreept</ins>, verwijderde tekst is <del>doorgestreept</del>.
      </p>
      {visible.length === 0 ? <p className="utrecht-paragraph">Er zijn geen verschillen.</p> : null}
      {visible.map((c) => {
        const causes = data.causes[c.key];
        return (
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
            {causes?.length ? (
              <div className="change__causes">
                <p className="utrecht-paragraph">Aangepast naar aanleiding van:</p>
                {/* The html-content variant styles plain <li> like utrecht-unordered-list__item: no class on each of hundreds of items. */}
                <ul className="utrecht-unordered-list utrecht-unordered-list--html-content">
                  {causes.map((point, index) => (
                    <li key={`${point.reference}-${index}`}>
                      {point.reference ? <strong>{point.reference}</strong> : null}
                      {` ${point.organisation} (${point.disposition === "overgenomen" ? "overgenomen" : "deels overgenomen"})`}
                      {point.isPublic ? null : <em> — antwoord nog niet openbaar, alleen zichtbaar voor de regio</em>}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {c.status === "added" || c.status === "removed" ? null : (
              <p className="utrecht-paragraph">
                <a className="utrecht-link" href={`/visies/${data.vision.regionSlug}/${data.vision.slug}?versie=${data.newer.number}#onderdeel-${c.key}`}>
                  {`Lees dit onderdeel in versie ${data.newer.number}`}
                </a>
              </p>
            )}
          </section>
        );
      })}
    </>
  );
}
