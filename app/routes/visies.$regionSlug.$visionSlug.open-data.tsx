import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { datasets, openDataFields } from "~/implementation/open-data.server";
import { db } from "~/lib/db.server";
import type { ScriptsHandle } from "~/lib/hydration";
import { findPublishedVersion } from "~/visions/reading.server";

export const handle: ScriptsHandle = { scripts: false };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Open data — ${data.vision.title} — Herleidbaar` : "Open data — Herleidbaar" }];

const datasetLabels: Record<string, string> = { punten: "Punten", antwoorden: "Antwoorden", besluiten: "Besluiten van gemeenteraden", acties: "Acties in het uitvoeringsplan" };

/** Public: what the open-data downloads hold, field by field. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findPublishedVersion(db(), params.regionSlug ?? "", params.visionSlug ?? "", null);
  if (!found) throw notFound();
  return {
    vision: { title: found.vision.title, slug: found.vision.slug, regionSlug: found.vision.regionSlug },
    datasets: datasets.map((d) => ({ name: d, label: datasetLabels[d] ?? d, fields: Object.entries(openDataFields[d]).map(([name, description]) => ({ name, description })) })),
  };
}

export default function OpenDataPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/visies/${data.vision.regionSlug}/${data.vision.slug}`;
  return (
    <>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Open data</h1>
      <p className="utrecht-paragraph">
        De openbare punten, antwoorden, raadsbesluiten en acties van deze visie, om zelf te gebruiken. Er staat alleen in wat ook op de openbare pagina&apos;s staat: punten en antwoorden pas als ze openbaar zijn gemaakt, zonder namen van personen en zonder de organisatie bij een anonieme reactie. De volgorde is vast.
      </p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`${base}/open-data/open-data.json`} download>
          Alles als JSON
        </a>
      </p>
      {data.datasets.map((d) => (
        <section key={d.name}>
          <h2 className="utrecht-heading-2">{d.label}</h2>
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={`${base}/open-data/${d.name}.csv`} download>
              {d.label} als CSV
            </a>{" "}
            (puntkomma, UTF-8). In de JSON staan ze onder &ldquo;{d.name}&rdquo;.
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`Velden van ${d.label}, horizontaal te scrollen`}>
            <table className="utrecht-table">
              <caption className="utrecht-table__caption">Velden van {d.label.toLowerCase()}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">Veld</th>
                  <th scope="col" className="utrecht-table__header-cell">Betekenis</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {d.fields.map((f) => (
                  <tr key={f.name} className="utrecht-table__row">
                    <td className="utrecht-table__cell">
                      <code>{f.name}</code>
                    </td>
                    <td className="utrecht-table__cell">{f.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
