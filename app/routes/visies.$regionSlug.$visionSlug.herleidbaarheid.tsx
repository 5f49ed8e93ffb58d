import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { publicOrganisationPicker, publicOrganisationTrace, withSelectedOption } from "~/implementation/trace-page.server";
import { formatDate } from "~/lib/dates";
import { db } from "~/lib/db.server";
import type { ScriptsHandle } from "~/lib/hydration";
import { findPublishedVersion } from "~/visions/reading.server";

export const handle: ScriptsHandle = { scripts: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Wat is er met uw reactie gedaan${data.organisation ? `: ${data.organisation.name}` : ""} — ${data.vision.title} — Herleidbaar` : "Wat is er met uw reactie gedaan — Herleidbaar" },
];

/** Public: "wat is er met uw reactie gedaan", per organisation, under the publication rule. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", null);
  if (!found) throw notFound();
  const { vision } = found;
  const url = new URL(request.url);
  const code = url.searchParams.get("organisatie");
  if (code && !/^[A-Za-z0-9-]{1,40}$/.test(code)) throw notFound();
  const base = `/visies/${vision.regionSlug}/${vision.slug}`;
  // The picker and the chosen organisation's points, each memoised per data version as HTML.
  const [picker, chosen] = await Promise.all([publicOrganisationPicker(vision.id), code ? publicOrganisationTrace(vision, code, base) : Promise.resolve(undefined)]);
  if (chosen === null) throw notFound();
  return {
    vision: { title: vision.title, slug: vision.slug, regionSlug: vision.regionSlug, regionName: vision.regionName },
    organisationCount: picker.count,
    optionsHtml: withSelectedOption(picker.optionsHtml, chosen?.organisation.code ?? ""),
    organisation: chosen?.organisation ?? null,
    points: chosen?.points ?? 0,
    itemsHtml: chosen?.itemsHtml ?? "",
    letters: chosen?.letters ?? [],
  };
}

const letterKinds: Record<string, string> = { advies: "het advies", reactie: "de reactie", reactiebrief: "de reactiebrief" };

export default function PublicTraceabilityPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/visies/${data.vision.regionSlug}/${data.vision.slug}`;
  const here = `${base}/herleidbaarheid`;
  return (
    <>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          {data.vision.title}
        </a>{" "}
        ·{" "}
        <a className="utrecht-link" href={`${base}/uitvoering`}>
          Uitvoeringsplan
        </a>
      </p>
      <h1 className="utrecht-heading-1">Wat is er met uw reactie gedaan?</h1>
      <p className="utrecht-paragraph">
        Kies een organisatie. U ziet dan elk punt dat zij heeft ingebracht, het antwoord van {data.vision.regionName}, welk deel van de visie daardoor is veranderd en welke acties in het uitvoeringsplan eruit volgen. Antwoorden staan hier pas als ze openbaar zijn gemaakt.
      </p>
      <Form method="get" className="form-inline">
        <label className="utrecht-form-label" htmlFor="organisatie">
          Organisatie
        </label>{" "}
        <select id="organisatie" name="organisatie" className="utrecht-select utrecht-select--html-select" dangerouslySetInnerHTML={{ __html: data.optionsHtml }} />{" "}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Tonen
        </button>
      </Form>
      {data.organisationCount === 0 ? <p className="utrecht-paragraph">Er zijn nog geen antwoorden openbaar gemaakt.</p> : null}
      {data.organisation ? (
        <>
          <h2 className="utrecht-heading-2">Punten van {data.organisation.name}</h2>
          {data.letters.length > 0 ? (
            <ul className="utrecht-unordered-list public-letters">
              {data.letters.map((l) => (
                <li key={l.reactionId} className="utrecht-unordered-list__item">
                  <a className="utrecht-link" href={`${here}/antwoordbrief/${l.reactionId}/antwoordbrief.pdf`} download>
                    Antwoordbrief{l.letterNumber ? ` ${l.letterNumber}` : ""} op {letterKinds[l.kind]} van {data.organisation!.name} (PDF, verzonden op {formatDate(l.sentAt)})
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {data.points === 0 ? (
            <p className="utrecht-paragraph">Van deze organisatie zijn (nog) geen openbare punten.</p>
          ) : (
            <>
              <p className="utrecht-paragraph">
                Download dit overzicht als{" "}
                <a className="utrecht-link" href={`${here}/herleidbaarheid.pdf?organisatie=${encodeURIComponent(data.organisation.code)}`} download>
                  PDF
                </a>{" "}
                of{" "}
                <a className="utrecht-link" href={`${here}/herleidbaarheid.csv?organisatie=${encodeURIComponent(data.organisation.code)}`} download>
                  CSV
                </a>
                .
              </p>
              <ol className="trace-list" dangerouslySetInnerHTML={{ __html: data.itemsHtml }} />
            </>
          )}
        </>
      ) : null}
    </>
  );
}
