import type { JSONContent } from "@tiptap/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { renderRichTextToHtml } from "~/editor/render.server";
import { ActionStatus, formatIsoDate } from "~/implementation/components";
import { actionDetail, sectionLabel } from "~/implementation/implementation-actions.server";
import { statusLabels } from "~/implementation/options";
import { db } from "~/lib/db.server";
import type { ScriptsHandle } from "~/lib/hydration";
import { findPublishedVersion } from "~/visions/reading.server";

export const handle: ScriptsHandle = { scripts: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.action.reference} ${data.action.title} — Uitvoeringsplan — Herleidbaar` : "Actie — Herleidbaar" }];

/** Public: one action with its updates and the published points it follows from. */
export async function loader({ params }: LoaderFunctionArgs) {
  const reference = params.actionReference ?? "";
  if (!/^U-\d{1,4}$/i.test(reference)) throw notFound();
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", null);
  if (!found) throw notFound();
  const detail = await actionDetail(db(), found.vision.id, { reference }, true);
  if (!detail) throw notFound();
  const description = detail.description as JSONContent | null;
  return {
    vision: { title: found.vision.title, slug: found.vision.slug, regionSlug: found.vision.regionSlug },
    action: {
      reference: detail.reference,
      title: detail.title,
      status: detail.status,
      progress: detail.progress,
      startsOn: detail.startsOn,
      endsOn: detail.endsOn,
      owner: detail.owner,
      descriptionHtml: description ? renderRichTextToHtml(description) : "",
      sections: detail.sections.map((s) => sectionLabel(s)),
      updates: detail.updates.map((u) => ({ id: u.id, on: u.on, text: u.text, status: u.status, progress: u.progress })),
      points: detail.points.map((p) => ({ reference: p.reference, organisation: p.organisation, organisationCode: p.organisationCode, text: p.text })),
    },
  };
}

export default function PublicActionPage() {
  const { vision, action } = useLoaderData<typeof loader>();
  const base = `/visies/${vision.regionSlug}/${vision.slug}`;
  return (
    <>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`${base}/uitvoering`}>
          Uitvoeringsplan van {vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">
        {action.reference} {action.title}
      </h1>
      <dl className="facts">
        <dt>Stand</dt>
        <dd>
          <ActionStatus status={action.status} progress={action.progress} />
        </dd>
        <dt>Trekker</dt>
        <dd>{action.owner ?? "nog niet bekend"}</dd>
        <dt>Periode</dt>
        <dd>
          {formatIsoDate(action.startsOn)} – {formatIsoDate(action.endsOn)}
        </dd>
        <dt>Bouwstenen van de visie</dt>
        <dd>{action.sections.length ? action.sections.join("; ") : "—"}</dd>
      </dl>
      {action.descriptionHtml ? <div className="rich-text" dangerouslySetInnerHTML={{ __html: action.descriptionHtml }} /> : null}
      <h2 className="utrecht-heading-2">Komt voort uit deze punten</h2>
      {action.points.length === 0 ? (
        <p className="utrecht-paragraph">Er zijn (nog) geen openbare punten aan deze actie gekoppeld.</p>
      ) : (
        <ul className="utrecht-unordered-list">
          {action.points.map((p, i) => (
            <li key={p.reference || `anoniem-${i}`} className="utrecht-unordered-list__item">
              {p.reference ? (
                <a className="utrecht-link" href={`${base}/herleidbaarheid?organisatie=${encodeURIComponent(p.organisationCode)}#punt-${p.reference}`}>
                  {p.reference}
                </a>
              ) : (
                "Punt"
              )}{" "}
              ({p.organisation}): {p.text.length > 300 ? `${p.text.slice(0, 300)}…` : p.text}
            </li>
          ))}
        </ul>
      )}
      <h2 className="utrecht-heading-2">Nieuws over deze actie</h2>
      {action.updates.length === 0 ? (
        <p className="utrecht-paragraph">Nog geen nieuws.</p>
      ) : (
        <ol className="utrecht-ordered-list">
          {action.updates.map((u) => (
            <li key={u.id} className="utrecht-ordered-list__item">
              <strong>{formatIsoDate(u.on)}</strong>
              {u.status ? ` — ${statusLabels[u.status]}${u.progress !== null ? `, ${u.progress}%` : ""}` : ""}: {u.text}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
