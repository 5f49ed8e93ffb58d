import { QuoteButton } from "~/components/QuoteButton";
import { sectionKindLabels, type SectionKind } from "~/visions/section-kinds";

export interface ReadingSectionView {
  key: string;
  depth: number;
  kind: string;
  number: string | null;
  title: string;
  html: string;
}

export interface ReadingArticleProps {
  vision: { title: string; slug: string; regionName: string; regionSlug: string };
  version: { number: number; label: string; publishedAt: string };
  versions: Array<{ number: number; label: string }>;
  sections: ReadingSectionView[];
  /** The viewer's draft reactions on this version: each section gets a quote button per draft. */
  drafts: Array<{ id: string; organisation: string }>;
  /** Points per section, for the region's staff only. */
  pointCounts: Record<string, number>;
}

function headingFor(depth: number) {
  return depth <= 1 ? "h2" : depth === 2 ? "h3" : "h4";
}

/**
 * The inside of the reading page's <article>. Rendered live for staff and members with a draft
 * (point counts, quote buttons), and once per data version to static HTML for everyone else
 * (app/visions/reading-pages.server.tsx), so both see exactly the same markup.
 */
export function ReadingArticle({ vision, version, versions, sections, drafts, pointCounts }: ReadingArticleProps) {
  const toc = sections.filter((s) => s.depth <= 2 && s.kind !== "begrip" && s.kind !== "afspraak");
  const older = versions.filter((v) => v.number < version.number);
  const base = `/visies/${vision.regionSlug}/${vision.slug}`;
  return (
    <>
      <p className="utrecht-paragraph muted">{vision.regionName}</p>
      <h1 className="utrecht-heading-1">{vision.title}</h1>
      <div className="reading__version utrecht-alert utrecht-alert--info" role="note" aria-label="Versie">
        <p className="utrecht-paragraph">
          U leest <strong>{`versie ${version.number}: ${version.label}`}</strong>
          {`, gepubliceerd op ${version.publishedAt}.`}
        </p>
        {versions.length > 1 ? (
          <form method="get" className="filters">
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="versie">
                Andere versie
              </label>
              <select id="versie" name="versie" className="utrecht-select utrecht-select--html-select" defaultValue={String(version.number)}>
                {versions.map((v) => (
                  <option key={v.number} value={v.number}>
                    {`Versie ${v.number}: ${v.label}`}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              Lezen
            </button>
          </form>
        ) : null}
        {older.length > 0 ? (
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={`${base}/vergelijken?van=${older[0]!.number}&naar=${version.number}`}>
              {`Bekijk wat er veranderd is ten opzichte van versie ${older[0]!.number} (${older[0]!.label})`}
            </a>
          </p>
        ) : null}
      </div>
      <nav aria-labelledby="proces-titel" className="reading__process">
        <h2 id="proces-titel" className="utrecht-heading-2">
          Na de consultatie
        </h2>
        <ul className="utrecht-link-list">
          <li className="utrecht-link-list__item">
            <a className="utrecht-link" href={`${base}/herleidbaarheid`}>
              Wat is er met de reacties gedaan?
            </a>
          </li>
          <li className="utrecht-link-list__item">
            <a className="utrecht-link" href={`${base}/vaststelling`}>
              Vaststelling door de gemeenteraden
            </a>
          </li>
          <li className="utrecht-link-list__item">
            <a className="utrecht-link" href={`${base}/uitvoering`}>
              Uitvoeringsplan en voortgang
            </a>
          </li>
          <li className="utrecht-link-list__item">
            <a className="utrecht-link" href={`${base}/open-data`}>
              Open data (CSV en JSON)
            </a>
          </li>
        </ul>
      </nav>
      <nav aria-labelledby="inhoud-titel" className="reading__toc">
        <h2 id="inhoud-titel" className="utrecht-heading-2">
          Inhoud
        </h2>
        <ol className="toc-list">
          {toc.map((s) => (
            <li key={s.key} className={`toc-list__item toc-list__item--depth-${s.depth}`}>
              <a className="utrecht-link" href={`#onderdeel-${s.key}`}>
                {s.number ? `${s.number} ${s.title}` : s.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((s) => {
        const Heading = headingFor(s.depth);
        const count = pointCounts[s.key];
        return (
          <section key={s.key} id={`onderdeel-${s.key}`} className={`reading__section reading__section--${s.kind}`} aria-labelledby={`kop-${s.key}`}>
            <Heading id={`kop-${s.key}`} className={`utrecht-heading-${Heading.slice(1)}`}>
              {`${s.kind === "bouwsteen" ? "Bouwsteen " : ""}${s.number ? `${s.number} ` : ""}${s.title}`}
              <a className="reading__permalink" href={`#onderdeel-${s.key}`} aria-label={`Vaste link naar ${s.title}`}>
                #
              </a>
            </Heading>
            {count ? (
              <p className="utrecht-paragraph muted">
                <strong>{count}</strong>
                {` ${count === 1 ? "punt verwijst" : "punten verwijzen"} naar dit onderdeel (alleen zichtbaar voor de regio).`}
              </p>
            ) : null}
            {s.kind !== "hoofdstuk" && s.kind !== "paragraaf" ? (
              <p className="utrecht-paragraph muted reading__kind">{sectionKindLabels[s.kind as SectionKind]}</p>
            ) : null}
            {/* Rendered on the server from validated editor JSON at publication; never user HTML. */}
            <div className="utrecht-rich-text rich-text" data-section-key={s.key} dangerouslySetInnerHTML={{ __html: s.html }} />
            {drafts.map((draft) => (
              <QuoteButton key={draft.id} reactionId={draft.id} organisation={draft.organisation} sectionKey={s.key} sectionTitle={s.title} />
            ))}
          </section>
        );
      })}
    </>
  );
}
