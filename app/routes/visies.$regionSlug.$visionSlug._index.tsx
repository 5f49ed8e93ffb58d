import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getViewer, notFound } from "~/auth/guards.server";
import { draftsForVersion, pointCountsBySection } from "~/reactions/reactions.server";
import { isStaff } from "~/auth/roles";
import { QuoteButton } from "~/components/QuoteButton";
import { formatDate } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { findPublishedVersion, readingSections, withDepth } from "~/visions/reading.server";
import { sectionKindLabels, type SectionKind } from "~/visions/section-kinds";
import type { ScriptsHandle } from "~/lib/hydration";

/** Scripts only for someone who can quote into a draft reaction; readers get plain HTML. */
export const handle: ScriptsHandle = {
  scripts: (data) => ((data as { drafts?: unknown[] } | undefined)?.drafts?.length ?? 0) > 0,
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.vision.title} (${data.version.label}) — Herleidbaar` : "Regiovisie — Herleidbaar" },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const versionParam = url.searchParams.get("versie");
  const number = versionParam && /^\d{1,4}$/.test(versionParam) ? Number(versionParam) : null;
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", number);
  if (!found) throw notFound();
  const viewer = await getViewer(request, context);
  const staffView = !!viewer && isStaff(viewer, found.vision.regionId);
  const [sectionRows, drafts, pointCounts] = await Promise.all([
    readingSections(db(), found.version.id),
    draftsForVersion(db(), viewer, found.version.id),
    staffView ? pointCountsBySection(db(), found.vision.id) : Promise.resolve({} as Record<string, number>),
  ]);
  const rows = withDepth(sectionRows);
  return {
    drafts,
    pointCounts,
    vision: found.vision,
    version: { ...found.version, publishedAt: found.version.publishedAt ? formatDate(found.version.publishedAt) : "" },
    versions: found.versions.map((v) => ({ number: v.number, label: v.label })),
    sections: rows.map((s) => ({
      key: s.key,
      depth: s.depth,
      kind: s.kind,
      number: s.number,
      title: s.title,
      html: s.html ?? "",
    })),
  };
}

function headingFor(depth: number) {
  return depth <= 1 ? "h2" : depth === 2 ? "h3" : "h4";
}

export default function ReadingPage() {
  const { vision, version, versions, sections, drafts, pointCounts } = useLoaderData<typeof loader>();
  const toc = sections.filter((s) => s.depth <= 2 && s.kind !== "begrip" && s.kind !== "afspraak");
  const older = versions.filter((v) => v.number < version.number);
  return (
    <article className="reading">
      <p className="utrecht-paragraph muted">{vision.regionName}</p>
      <h1 className="utrecht-heading-1">{vision.title}</h1>
      <div className="reading__version utrecht-alert utrecht-alert--info" role="note" aria-label="Versie">
        <p className="utrecht-paragraph">
          U leest <strong>versie {version.number}: {version.label}</strong>, gepubliceerd op {version.publishedAt}.
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
                    Versie {v.number}: {v.label}
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
            <a className="utrecht-link" href={`/visies/${vision.regionSlug}/${vision.slug}/vergelijken?van=${older[0]!.number}&naar=${version.number}`}>
              Bekijk wat er veranderd is ten opzichte van versie {older[0]!.number} ({older[0]!.label})
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
            <a className="utrecht-link" href={`/visies/${vision.regionSlug}/${vision.slug}/herleidbaarheid`}>
              Wat is er met de reacties gedaan?
            </a>
          </li>
          <li className="utrecht-link-list__item">
            <a className="utrecht-link" href={`/visies/${vision.regionSlug}/${vision.slug}/vaststelling`}>
              Vaststelling door de gemeenteraden
            </a>
          </li>
          <li className="utrecht-link-list__item">
            <a className="utrecht-link" href={`/visies/${vision.regionSlug}/${vision.slug}/uitvoering`}>
              Uitvoeringsplan en voortgang
            </a>
          </li>
          <li className="utrecht-link-list__item">
            <a className="utrecht-link" href={`/visies/${vision.regionSlug}/${vision.slug}/open-data`}>
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
                {s.number ? `${s.number} ` : ""}
                {s.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((s) => {
        const Heading = headingFor(s.depth);
        return (
          <section key={s.key} id={`onderdeel-${s.key}`} className={`reading__section reading__section--${s.kind}`} aria-labelledby={`kop-${s.key}`}>
            <Heading id={`kop-${s.key}`} className={`utrecht-heading-${Heading.slice(1)}`}>
              {s.kind === "bouwsteen" ? "Bouwsteen " : ""}
              {s.number ? `${s.number} ` : ""}
              {s.title}
              <a className="reading__permalink" href={`#onderdeel-${s.key}`} aria-label={`Vaste link naar ${s.title}`}>
                #
              </a>
            </Heading>
            {pointCounts[s.key] ? (
              <p className="utrecht-paragraph muted">
                <strong>{pointCounts[s.key]}</strong> {pointCounts[s.key] === 1 ? "punt verwijst" : "punten verwijzen"} naar dit onderdeel (alleen zichtbaar voor de regio).
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
    </article>
  );
}
