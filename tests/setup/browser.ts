import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

export const DEMO_PASSWORD = "browser-test-demo-wachtwoord";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface RunningApp {
  baseUrl: string;
  stop(): Promise<void>;
}

/** The real server (node server.js) on the embedded database with the demo loaded, on a free port. */
export async function startApp(): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "herleidbaar-e2e-"));
  const { DATABASE_URL: _ignored, ...parentEnv } = process.env;
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    env: {
      ...parentEnv,
      NODE_ENV: "production",
      SKIP_BUILD: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DEMO: "1",
      DEMO_PASSWORD,
      // Every PDF and DOCX the browser tests download renders in the build's render worker thread.
      RENDER_INLINE_BLOCKS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  // Loading the demo takes a few seconds on a quiet machine, much longer on a loaded CI runner.
  const deadline = Date.now() + 240_000;
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready after 240 s:\n${output}`);
    }
    try {
      ready = (await fetch(`${baseUrl}/healthz`)).ok;
    } catch {
      // not listening yet
    }
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Uncaught JavaScript errors per page (exceptions and unhandled rejections), until expectAccessible reads them. */
const pageErrors = new WeakMap<Page, string[]>();

function recordErrorsOf(page: Page) {
  pageErrors.set(page, []);
  page.on("pageerror", (error) => pageErrors.get(page)?.push(`${page.url()}: ${error.stack ?? error.message}`));
}

function watchContext(context: BrowserContext) {
  context.on("page", recordErrorsOf);
  return context;
}

/** Chromium; every page of every context it opens records its uncaught errors for expectAccessible. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  // browser.newPage opens its page through this.newContext, so it is covered too.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchContext(await newContext(options));
  return browser;
}

/** WCAG 2.2 AA through axe-core; fails the test with the violations listed. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  // A page that threw (a value from a .server module read in the browser, a failed fetch left
  // unhandled) fails here too: every page the tests check for accessibility is checked for errors.
  const errors = pageErrors.get(page) ?? [];
  pageErrors.set(page, []);
  expect(errors, `uncaught JavaScript errors on ${page.url()}`).toEqual([]);
}

export async function logInAs(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
  const loggedIn = await page
    .getByRole("button", { name: "Uitloggen" })
    .waitFor({ timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (!loggedIn) throw new Error(`login as ${email} failed on ${page.url()}:\n${(await page.locator("main").textContent())?.slice(0, 500)}`);
}

/** Remix sets window.__remixRouter once the page is hydrated and interactive. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
}
