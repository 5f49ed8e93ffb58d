import type { MetaFunction } from "@remix-run/node";
import type { ScriptsHandle } from "~/lib/hydration";

export const handle: ScriptsHandle = { scripts: false };

export const meta: MetaFunction = () => [{ title: "Toegankelijkheidsverklaring — Herleidbaar" }];

export default function AccessibilityStatementPage() {
  return (
    <>
      <h1 className="utrecht-heading-1">Toegankelijkheidsverklaring</h1>
      <p className="utrecht-paragraph">
        Herleidbaar wil voor iedereen bruikbaar zijn: met toetsenbord, schermlezer, vergroting tot 200% en op een smal
        scherm van 320 pixels. Wij toetsen aan WCAG 2.2 niveau AA.
      </p>
      <h2 className="utrecht-heading-2">Hoe wij dit controleren</h2>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">Elke pagina in onze browsertests wordt automatisch gecontroleerd met axe-core.</li>
        <li className="utrecht-unordered-list__item">Alle formulieren werken met alleen het toetsenbord en ook zonder JavaScript.</li>
        <li className="utrecht-unordered-list__item">Foutmeldingen staan bovenaan het formulier en verwijzen naar het veld.</li>
      </ul>
      <h2 className="utrecht-heading-2">Bekende beperkingen</h2>
      <p className="utrecht-paragraph">
        Een handmatige toets door een onafhankelijke partij is nog niet gedaan. Loopt u tegen een probleem aan? Meld het
        bij de regio; wij reageren binnen vijf werkdagen.
      </p>
    </>
  );
}
