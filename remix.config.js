/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Server-only packages with native code or wasm stay outside the bundle.
  serverDependenciesToBundle: [/^@utrecht\//, /^@nl-design-system/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: with it, every server render matches the whole route tree once per URL segment to pick
    // the routes to announce (~1–2 ms per request); the full manifest (~5 KB gzipped) is cached instead.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
