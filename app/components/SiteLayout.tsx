import { Form, NavLink, useRouteLoaderData } from "@remix-run/react";
import type { NavItem } from "~/auth/roles";
import { RouteAnnouncer } from "./RouteAnnouncer";

interface RootData {
  viewer: { name: string; email: string } | null;
  navigation: NavItem[];
}

/** Skip link, landmarks and a navigation that shows each role what it may do. */
export function SiteLayout(props: { children: React.ReactNode; navigation?: NavItem[]; viewer?: RootData["viewer"] }) {
  const root = useRouteLoaderData<RootData>("root");
  const navigation = props.navigation ?? root?.navigation ?? [{ to: "/", label: "Home" }];
  const viewer = props.viewer !== undefined ? props.viewer : (root?.viewer ?? null);
  return (
    <>
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
        Naar de inhoud
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <a className="site-header__brand" href="/">
            Herleidbaar
            <span className="site-header__tagline">reacties op de regiovisie, herleidbaar tot het uitvoeringsplan</span>
          </a>
          <div className="site-header__account">
            {viewer ? (
              <>
                <span>
                  Ingelogd als <strong>{viewer.name}</strong>
                </span>
                <Form method="post" action="/uitloggen">
                  <button type="submit" className="utrecht-button utrecht-button--subtle">
                    Uitloggen
                  </button>
                </Form>
              </>
            ) : (
              <a className="utrecht-link" href="/inloggen">
                Inloggen
              </a>
            )}
          </div>
        </div>
        <nav className="site-nav" aria-label="Hoofdmenu">
          <ul className="site-nav__list">
            {navigation.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"} className="site-nav__link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="inhoud" className="site-main" tabIndex={-1}>
        {props.children}
      </main>
      <RouteAnnouncer />
      <footer className="site-footer">
        <p className="utrecht-paragraph">
          Herleidbaar — consultatie en adviesbrieven voor jeugdregio's.{" "}
          <a className="utrecht-link" href="/toegankelijkheid">
            Toegankelijkheidsverklaring
          </a>
        </p>
      </footer>
    </>
  );
}
