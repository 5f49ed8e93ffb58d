// Builds the app for the fault tests into its own folder (node_modules/.cache/herleidbaar-faults),
// so it never overwrites the shared build/ that `npm run dev` and the browser tests use. The same
// compiler as `remix build`, with only the two output paths changed.
import path from "node:path";
import { readConfig } from "@remix-run/dev/dist/config.js";
import { build } from "@remix-run/dev/dist/compiler/build.js";
import { createFileWatchCache } from "@remix-run/dev/dist/compiler/fileWatchCache.js";
import { logger } from "@remix-run/dev/dist/tux/logger.js";

export const faultsBuildDir = path.resolve("node_modules/.cache/herleidbaar-faults");

export async function buildApp(outDir = faultsBuildDir) {
  const config = await readConfig(process.cwd(), "production");
  config.serverBuildPath = path.join(outDir, "index.js");
  config.assetsBuildDirectory = path.join(outDir, "assets");
  await build({ config, options: { mode: "production", sourcemap: false }, fileWatchCache: createFileWatchCache(), logger });
  return outDir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  await buildApp(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`built in ${Date.now() - started} ms`);
  // The compiler leaves esbuild's service running.
  process.exit(0);
}
