import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import utrechtCss from "@utrecht/component-library-css/dist/index.css";
import themeCss from "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css";
import appCss from "~/styles/app.css";
import { getViewer } from "~/auth/guards.server";
import { navigationFor } from "~/auth/roles";
import { SiteLayout } from "~/components/SiteLayout";
import { useNonce } from "~/components/nonce";
import { pageNeedsScripts } from "~/lib/hydration";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: themeCss },
  { rel: "stylesheet", href: utrechtCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  return {
    viewer: viewer ? { name: viewer.user.name, email: viewer.user.email } : null,
    navigation: navigationFor(viewer),
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const withScripts = pageNeedsScripts(useMatches());
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="voorbeeld-theme utrecht-document utrecht-document--surface">
        {children}
        {withScripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return (
    <SiteLayout>
      <Outlet />
    </SiteLayout>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  let title = "Er ging iets mis";
  let message = "Er is een fout opgetreden. Probeer het later opnieuw. Blijft het misgaan? Neem dan contact op met de regio.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Pagina niet gevonden";
      message = "Deze pagina bestaat niet (meer), of u heeft er geen toegang toe. Controleer het adres of ga naar de homepagina.";
    } else if (error.status === 403) {
      title = "Geen toegang";
      message = "U heeft geen toegang tot deze pagina met uw huidige rol.";
    } else if (error.status === 503) {
      title = "Tijdelijk niet beschikbaar";
      message = "De database is tijdelijk niet bereikbaar. Probeer het over een paar minuten opnieuw. Wat u net heeft verstuurd, is misschien niet opgeslagen: controleer dat straks.";
    }
  }
  return (
    <SiteLayout navigation={data?.navigation} viewer={data?.viewer ?? null}>
      <h1 className="utrecht-heading-1">{title}</h1>
      <p className="utrecht-paragraph">{message}</p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/">
          Naar de homepagina
        </a>
      </p>
    </SiteLayout>
  );
}
