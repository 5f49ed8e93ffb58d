import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { asc } from "drizzle-orm";
import { regions } from "~db/schema";
import { getViewer } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import type { ScriptsHandle } from "~/lib/hydration";

/** The home page is read-only: plain HTML, no scripts. */
export const handle: ScriptsHandle = { scripts: false };

export const meta: MetaFunction = () => [
  { title: "Herleidbaar — reageren op de regiovisie jeugdhulp" },
  { name: "description", content: "Reageer op de regiovisie jeugdhulp en volg wat er met elke reactie gebeurt." },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  const regionList = await db().select({ name: regions.name, shortName: regions.shortName }).from(regions).orderBy(asc(regions.name));
  return { loggedIn: !!viewer, regions: regionList };
}

export default function HomePage() {
  const { loggedIn, regions: regionList } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="utrecht-heading-1">Reageren op de regiovisie jeugdhulp</h1>
      <p className="utrecht-paragraph utrecht-paragraph--lead">
        Gemeenten in een jeugdregio maken samen een regiovisie. Adviesraden, aanbieders, partners en jongeren en ouders
        met ervaring reageren daarop, punt voor punt. De regio beantwoordt elk punt. Zo kunt u zien wat er met uw reactie
        is gedaan, tot in het uitvoeringsplan.
      </p>
      <h2 className="utrecht-heading-2">Zo werkt het</h2>
      <ol className="utrecht-ordered-list">
        <li className="utrecht-ordered-list__item">De regio publiceert een concept van de regiovisie.</li>
        <li className="utrecht-ordered-list__item">Uitgenodigde organisaties reageren binnen de reactietermijn.</li>
        <li className="utrecht-ordered-list__item">De regio beantwoordt elk punt en stuurt een antwoordbrief.</li>
        <li className="utrecht-ordered-list__item">Elke gemeenteraad stelt de definitieve visie vast.</li>
        <li className="utrecht-ordered-list__item">Het uitvoeringsplan laat zien wat er met elk punt gebeurt.</li>
      </ol>
      <h2 className="utrecht-heading-2">Regio's op dit platform</h2>
      <ul className="utrecht-unordered-list">
        {regionList.map((region) => (
          <li key={region.shortName} className="utrecht-unordered-list__item">
            {region.name} ({region.shortName})
          </li>
        ))}
      </ul>
      {!loggedIn ? (
        <p className="utrecht-paragraph">
          Werkt u mee namens een organisatie?{" "}
          <a className="utrecht-link" href="/inloggen">
            Log in
          </a>
          .
        </p>
      ) : null}
    </>
  );
}
