import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { accessDescriptions, accessOf, routeParams, routePath, routePolicies, writesOf, type RoutePolicy } from "~/auth/route-policy";
import { downloadExtensions, extensionOf } from "~/lib/downloads";

/**
 * The access-control table must list exactly the route modules that exist, with exactly the
 * handlers they export: a new page, a removed page or a loader/action added without a row fails here.
 */

const routesDir = path.resolve("app/routes");
/** As remix.config.js `ignoredRouteFiles`: dotfiles and tests are not routes. */
const ignored = (name: string) => name.startsWith(".") || /\.test\./.test(name);
const routeFiles = readdirSync(routesDir, { withFileTypes: true })
  .filter((entry) => entry.isFile() && !ignored(entry.name) && /\.(tsx|ts|jsx|js)$/.test(entry.name))
  .map((entry) => ({ name: entry.name.replace(/\.(tsx|ts|jsx|js)$/, ""), file: path.join(routesDir, entry.name) }))
  .sort((x, y) => x.name.localeCompare(y.name));
const listed = Object.keys(routePolicies).sort();

describe("the route table", () => {
  test("routes live in files directly under app/routes (no folder routes the table would miss)", () => {
    const folders = readdirSync(routesDir, { withFileTypes: true }).filter(
      (entry) => entry.isDirectory() && !ignored(entry.name),
    );
    expect(folders.map((f) => f.name)).toEqual([]);
  });

  test("every route file in app/routes is in the table", () => {
    const missing = routeFiles.map((r) => r.name).filter((name) => !(name in routePolicies));
    expect(missing, "add these routes to app/auth/route-policy.ts").toEqual([]);
  });

  test("the table lists no route file that no longer exists", () => {
    const existing = new Set(routeFiles.map((r) => r.name));
    expect(
      listed.filter((name) => !existing.has(name)),
      "remove these rows from app/auth/route-policy.ts",
    ).toEqual([]);
  });

  test("every row has a description and only known access levels", () => {
    for (const [name, policy] of Object.entries(routePolicies)) {
      expect(policy.description.trim(), name).not.toBe("");
      for (const handler of [policy.loader, policy.action]) {
        if (handler === null) continue;
        expect(accessDescriptions, name).toHaveProperty(accessOf(handler));
        expect(accessDescriptions, name).toHaveProperty(writesOf(handler));
      }
    }
  });

  test("route file names map to URL patterns", () => {
    expect(routePath("_index")).toBe("/");
    expect(routePath("$")).toBe("/*");
    expect(routePath("account_.meldingen")).toBe("/account/meldingen");
    expect(routePath("beheer.visies.$visionId.onderdelen.$sectionKey")).toBe(
      "/beheer/visies/:visionId/onderdelen/:sectionKey",
    );
    expect(routeParams("visies.$regionSlug.$visionSlug._index")).toEqual(["regionSlug", "visionSlug"]);
    expect(routeParams("$")).toEqual(["*"]);
    expect(routePath("beheer.visies.$visionId.uitvoering_.uitvoeringsplan[.]csv")).toBe(
      "/beheer/visies/:visionId/uitvoering/uitvoeringsplan.csv",
    );
    expect(routePath("beheer.visies.$visionId.brieven_.$reactionId_.$bestand")).toBe(
      "/beheer/visies/:visionId/brieven/:reactionId/:bestand",
    );
  });

  test("every route module that answers with a file says so in the table", () => {
    const answersWithFile = /\b(fileResponse|csvResponse|traceabilityDownload)\(|Content-Disposition/;
    const undeclared = routeFiles
      .filter((r) => answersWithFile.test(readFileSync(r.file, "utf8")))
      .filter((r) => !(routePolicies[r.name as keyof typeof routePolicies] as RoutePolicy | undefined)?.download)
      .map((r) => r.name);
    expect(undeclared, "add `download` (the file names) to these rows").toEqual([]);
  });

  test("every download address ends in its file name with a known extension", () => {
    const wrong: string[] = [];
    for (const [name, policy] of Object.entries(routePolicies) as Array<[string, RoutePolicy]>) {
      if (!policy.download) continue;
      const last = routePath(name).split("/").at(-1)!;
      if (policy.download.length === 0) wrong.push(`${name}: no file names`);
      for (const file of policy.download)
        if (!extensionOf(file)) wrong.push(`${name}: ${file} does not end in .${downloadExtensions.join("|.")}`);
      // Either the last segment is the file name (static, escaped), or a `$bestand` allow-listed to the names.
      if (last !== ":bestand" && !(policy.download.length === 1 && policy.download[0] === last))
        wrong.push(`${name}: the path ends in "${last}", not in the file name`);
    }
    expect(wrong).toEqual([]);
  });

  test("only download routes take a `$bestand` segment", () => {
    const stray = Object.entries(routePolicies as Record<string, RoutePolicy>)
      .filter(([name, policy]) => routeParams(name).includes("bestand") && !policy.download)
      .map(([name]) => name);
    expect(stray).toEqual([]);
  });

  test.each(routeFiles.filter((r) => r.name in routePolicies).map((r) => [r.name, r.file] as const))(
    "%s exports exactly the loader and action the table lists",
    async (name, file) => {
      const mod = (await import(pathToFileURL(file).href)) as { loader?: unknown; action?: unknown };
      const policy = routePolicies[name as keyof typeof routePolicies];
      expect({ loader: typeof mod.loader === "function", action: typeof mod.action === "function" }).toEqual({
        loader: policy.loader !== null,
        action: policy.action !== null,
      });
    },
  );
});
