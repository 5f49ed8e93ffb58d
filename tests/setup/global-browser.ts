import { spawnSync } from "node:child_process";

/** Browser tests run against the production build, built once per run. */
export default function setup() {
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("remix build failed");
}
