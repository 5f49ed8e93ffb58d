import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The server matches through the CommonJS build, the one patches/@remix-run+router+*.patch changes
// (it only tries the branches that can match a pathname's first segment).
const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as typeof import("@remix-run/router");

const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "account", path: "account" },
      { id: "slug", path: ":slug" },
      { id: "visie", path: "visies/:regionSlug/:visionSlug" },
      { id: "visies", path: "visies" },
      { id: "beheer-visie", path: "beheer/visies/:visionId" },
      { id: "lang", path: ":lang/visies" },
      { id: "catch-all", path: "*" },
      { id: "streepjes", path: "toegankelijkheid-verklaring" },
      { id: "cafe", path: "café" },
    ],
  },
];

function leaf(pathname: string) {
  return matchRoutes(routes, pathname)?.at(-1)?.route.id;
}

describe("route matching", () => {
  it("a static first segment outranks a dynamic one, in any letter case", () => {
    expect(leaf("/account")).toBe("account");
    expect(leaf("/ACCOUNT")).toBe("account");
    expect(leaf("/toegankelijkheid-verklaring")).toBe("streepjes");
  });

  it("a pathname whose first segment no static route has goes to the dynamic and splat routes in rank order", () => {
    expect(leaf("/iets")).toBe("slug");
    expect(leaf("/en/visies")).toBe("lang");
    expect(leaf("/iets/anders/nog")).toBe("catch-all");
    expect(leaf("/")).toBe("home");
  });

  it("within one first segment the most specific route still wins, and dynamic routes stay candidates", () => {
    expect(leaf("/visies")).toBe("visies");
    expect(leaf("/visies/rijnmond/regiovisie")).toBe("visie");
    expect(leaf("/visies/rijnmond")).toBe("catch-all");
    expect(leaf("/beheer/visies/123")).toBe("beheer-visie");
    expect(leaf("/beheer")).toBe("slug");
    expect(matchRoutes(routes, "/visies/rijnmond/regiovisie")?.at(-1)?.params).toEqual({ regionSlug: "rijnmond", visionSlug: "regiovisie" });
  });

  it("non-ASCII and odd pathnames match as the route patterns say", () => {
    expect(leaf("/café")).toBe("cafe");
    expect(leaf("/caf%C3%A9")).toBe("cafe");
    // The Kelvin sign lowers to an ASCII k, but route matching does not treat it as one.
    expect(leaf("/\u212Aaart")).toBe("slug");
    expect(leaf("//account")).toBe("catch-all");
  });
});
