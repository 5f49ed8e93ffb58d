import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { UNSAFE_RemixContext } from "@remix-run/react";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";

/**
 * The HTML a route's page component renders on the server for given loader data, without the root
 * layout: a static data router with the one route, inside a minimal Remix context (what Remix's
 * own server render provides to Link, Form and the data hooks).
 */
export async function renderPage(Component: ComponentType, loaderData: unknown, url: string): Promise<string> {
  const routes = [{ id: "page", path: "*", loader: () => loaderData as Record<string, unknown>, Component }];
  const handler = createStaticHandler(routes as Parameters<typeof createStaticHandler>[0]);
  const context = await handler.query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error(`the page answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const remix = {
    manifest: { routes: {}, entry: { imports: [], module: "" }, url: "", version: "" },
    routeModules: {},
    future: {},
    isSpaMode: false,
  };
  return renderToString(
    createElement(
      UNSAFE_RemixContext.Provider,
      { value: remix as never },
      createElement(StaticRouterProvider, { router, context, hydrate: false }),
    ),
  );
}
