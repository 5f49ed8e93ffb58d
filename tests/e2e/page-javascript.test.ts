import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";

/**
 * Reads the browser build that the browser project's global setup makes (`remix build`,
 * production). Zod validates on the server only; once a page imports it (a schema module, or
 * app/lib/zod.server.ts under another name) every such page grows by ~90 KB gzipped.
 */
const publicDir = path.resolve("public");
const buildDir = path.join(publicDir, "build");
const budgetBytes = 150 * 1024;

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

function readManifest(): Manifest {
  const newest = readdirSync(buildDir)
    .filter((name) => name.startsWith("manifest-") && name.endsWith(".js"))
    .map((name) => path.join(buildDir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) throw new Error("No manifest in public/build: the browser project builds the app first.");
  const source = readFileSync(newest, "utf8");
  const json = source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1);
  return JSON.parse(json) as Manifest;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? allFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

const gzipped = new Map<string, number>();
function gzippedSize(url: string): number {
  let size = gzipped.get(url);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(publicDir, url))).length;
    gzipped.set(url, size);
  }
  return size;
}

/** The scripts a first visit to the route loads: the entry, and every route module on its path with their chunks. */
function pageScripts(manifest: Manifest, routeId: string): Set<string> {
  const scripts = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (let route: ManifestRoute | undefined = manifest.routes[routeId]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    scripts.add(route.module);
    for (const chunk of route.imports ?? []) scripts.add(chunk);
  }
  return scripts;
}

describe("the JavaScript each page ships", () => {
  test("pages ship no zod and under 150 KB of JavaScript", () => {
    // Zod keeps these names as strings in minified code (its error class and its type brand).
    const withZod = allFiles(buildDir)
      .filter((file) => file.endsWith(".js"))
      .filter((file) => {
        const source = readFileSync(file, "utf8");
        return source.includes('"ZodError"') || source.includes("$ZodType");
      })
      .map((file) => path.relative(publicDir, file));
    expect(withZod).toEqual([]);

    const manifest = readManifest();
    const routeIds = Object.keys(manifest.routes);
    expect(routeIds.length).toBeGreaterThan(50);
    const overBudget = routeIds
      .map((id) => ({ id, bytes: [...pageScripts(manifest, id)].reduce((sum, url) => sum + gzippedSize(url), 0) }))
      .filter(({ bytes }) => bytes >= budgetBytes)
      .map(({ id, bytes }) => `${id}: ${(bytes / 1024).toFixed(1)} KB gzipped`);
    expect(overBudget).toEqual([]);
  });
});
