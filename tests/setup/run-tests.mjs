// `npm test`: the whole suite (unit, integration, browser). Browser tests need Debian's Chromium;
// when it is missing it is installed with apt-get where possible, otherwise we stop and say how.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("Chromium ontbreekt; installeren met apt-get (Debian-pakket chromium)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const install = update.status === 0 ? spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env }) : update;
    if (install.status !== 0 || !existsSync(CHROMIUM)) {
      console.error("Installeren van chromium is mislukt. Installeer het zelf: sudo apt-get install chromium");
      process.exit(1);
    }
  } else {
    console.error(
      `De browsertests hebben Debian's Chromium nodig op ${CHROMIUM}.\n` +
        "Installeer het met: sudo apt-get install chromium\n" +
        "(Er wordt nooit een eigen browser gedownload.)",
    );
    process.exit(1);
  }
}

const result = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
