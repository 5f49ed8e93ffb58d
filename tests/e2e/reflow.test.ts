import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, logInAs, startApp, type RunningApp } from "../setup/browser";
import { openRoundForAdvisoryCouncil } from "./a11y-helpers";

/**
 * WCAG 1.4.10 reflow and 1.4.4 resize text: every page each demo role reaches, at 320 CSS px wide
 * (1280 px at 400%) and at 200% zoom (1280×800 at device scale 2 = 640×400 CSS px). The pages are
 * found by following the links from each role's main menu, so a new page is covered once it is
 * linked; each route pattern is checked once, by the first role that reaches it.
 */

let app: RunningApp;
let browser: Browser;
const VISION = "/visies/rijnmond/regiovisie-2026-2030";
const viewports = {
  "320 px": { viewport: { width: 320, height: 640 } },
  "200%": { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
} as const;
/** Raw e-mail HTML shown in an iframe (the e-mail templates' own layout), not pages of the site. */
const notSitePages = [/^\/beheer\/e-mail-voorbeeld$/, /^\/beheer\/postvak-html$/];
/** Files (their address ends in the file's name, app/lib/downloads.ts) and actions behind links: not pages. */
const fileAddress = /\.(pdf|docx|csv|json|zip)$/i;
const notPages = new RegExp(`/uitloggen(/|$)|${fileAddress.source}`, "i");
/** Download links (`<a download>`) whose path does not end in the file's extension, with the page they are on. */
const downloadsWithoutExtension: string[] = [];
const downloadLinksSeen = new Set<string>();

const visited = new Map<string, string>();
const problems: string[] = [];
let draftReactionUrl = "";

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  // An open round and a draft reaction with one point, so the reaction editor is among the pages.
  await openRoundForAdvisoryCouncil(await (await browser.newContext()).newPage(), app.baseUrl);
  const member = await (await browser.newContext()).newPage();
  await logInAs(member, app.baseUrl, "adviesraad@example.org");
  await member.goto(`${app.baseUrl}/reageren`);
  await member.getByRole("button", { name: "Reactie beginnen" }).first().click();
  await member.getByRole("heading", { level: 1, name: /Advies van/ }).waitFor();
  await member.getByRole("button", { name: "Punt toevoegen" }).click();
  await member.getByRole("group", { name: /Punt 1/ }).waitFor();
  draftReactionUrl = member.url();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** One route, whatever the ids: /beheer/visies/<uuid>/beantwoorden/ASDV-3 → /beheer/visies/:id/beantwoorden/:id */
function routePattern(href: string) {
  return new URL(href)
    .pathname.split("/")
    .map((segment) => (/^[0-9a-f-]{20,}$|^\d+$|^[A-Z]+-\d+$/.test(segment) ? ":id" : segment))
    .join("/");
}

/** Reflow problems on the page as it is now: horizontal page scroll, clipped text, unlabelled scroll areas, overlapping header, sticky bars that fill the screen. */
function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} “${(el.textContent ?? "").trim().slice(0, 40)}”`;
    const root = document.documentElement;
    // Hiding sideways overflow on the page itself would only hide the problem.
    for (const el of [root, document.body]) if (["hidden", "clip"].includes(getComputedStyle(el).overflowX)) found.push(`${el.tagName.toLowerCase()} hides sideways overflow`);
    if (root.scrollWidth > window.innerWidth + 1) {
      const inScroller = (el: Element) => {
        for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
        return false;
      };
      const wide = Array.from(document.querySelectorAll("body *")).filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !inScroller(el));
      found.push(`the page scrolls sideways (${root.scrollWidth} px in ${window.innerWidth} px): ${wide.slice(-3).map(describe).join("; ")}`);
    }
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || !(el.textContent ?? "").trim()) continue;
      // Visually hidden on purpose (skip link until focused, screen-reader text).
      if (style.clip === "rect(0px, 0px, 0px, 0px)" || style.clipPath === "inset(50%)") continue;
      const hidesX = style.overflowX === "hidden" || style.overflowX === "clip" || style.textOverflow === "ellipsis";
      const hidesY = style.overflowY === "hidden" || style.overflowY === "clip";
      if ((hidesX && el.scrollWidth > el.clientWidth + 1) || (hidesY && el.scrollHeight > el.clientHeight + 1)) found.push(`text is cut off: ${describe(el)}`);
      const scrollsX = (style.overflowX === "auto" || style.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1;
      const keyboardScrollable = (el as HTMLElement).tabIndex >= 0 && el.getAttribute("role") === "region" && !!(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby"));
      if (scrollsX && !keyboardScrollable && !el.matches("[contenteditable], textarea, select, pre")) found.push(`scrolls sideways but is not a focusable, labelled region: ${describe(el)}`);
      if ((style.position === "sticky" || style.position === "fixed") && box.height > window.innerHeight / 4) found.push(`a ${style.position} bar covers ${Math.round((100 * box.height) / window.innerHeight)}% of the screen: ${describe(el)}`);
    }
    const parts = Array.from(document.querySelectorAll(".site-header__brand, .site-header__account > *, .site-nav__link"))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter((part) => part.box.width > 0);
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j < parts.length; j++) {
        const a = parts[i]!.box;
        const b = parts[j]!.box;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) found.push(`header parts overlap: ${describe(parts[i]!.el)} and ${describe(parts[j]!.el)}`);
      }
    const header = document.querySelector(".site-header");
    const main = document.querySelector("main");
    if (header && main && main.getBoundingClientRect().top < header.getBoundingClientRect().bottom - 1) found.push("the main content starts under the header");
    return found;
  });
}

async function contextsFor(email: string | null) {
  const contexts: Array<[string, BrowserContext, Page]> = [];
  for (const [name, options] of Object.entries(viewports)) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    if (email) await logInAs(page, app.baseUrl, email);
    contexts.push([name, context, page]);
  }
  return contexts;
}

/** Follows the role's links breadth-first from its menu (and any extra start pages) and checks each new route at both sizes. */
async function walk(email: string | null, extraStarts: string[] = [], limit = 45) {
  const contexts = await contextsFor(email);
  const [, , crawler] = contexts[0]!;
  await crawler.goto(`${app.baseUrl}/`);
  const menu = await crawler.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  const queue = [...extraStarts.map((path) => `${app.baseUrl}${path}`), ...menu];
  const seen = new Set<string>();
  let checked = 0;
  while (queue.length && checked < limit) {
    const href = queue.shift()!;
    const pattern = routePattern(href);
    if (seen.has(pattern) || notSitePages.some((p) => p.test(pattern))) continue;
    seen.add(pattern);
    const response = await crawler.goto(href);
    if (!response?.ok() || !(response.headers()["content-type"] ?? "").includes("text/html")) continue;
    const links = await crawler.locator("a[href]:not([download])").evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    for (const link of await crawler.locator("a[href][download]").evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href))) {
      const path = new URL(link).pathname;
      downloadLinksSeen.add(routePattern(link));
      if (!fileAddress.test(path)) downloadsWithoutExtension.push(`${path} on ${href.replace(app.baseUrl, "")}`);
    }
    for (const link of links) {
      const url = new URL(link);
      if (url.origin === app.baseUrl && !url.hash && !notPages.test(url.pathname)) queue.push(link);
    }
    if (visited.has(pattern)) continue;
    visited.set(pattern, email ?? "anoniem");
    checked++;
    for (const [name, , page] of contexts) {
      if (page !== crawler) await page.goto(href);
      for (const problem of await reflowProblems(page)) problems.push(`${name} ${href.replace(app.baseUrl, "")} (${email ?? "anoniem"}): ${problem}`);
    }
  }
  for (const [, context] of contexts) await context.close();
}

describe("every page reflows at 320 px and 200% zoom", () => {
  const roles: Array<[string | null, () => string[]]> = [
    [null, () => ["/", "/inloggen", "/toegankelijkheid", `${VISION}?versie=3`, `${VISION}/vergelijken?van=2&naar=3`]],
    ["adviesraad@example.org", () => [new URL(draftReactionUrl).pathname, "/account"]],
    ["ervaringsdeskundige@example.org", () => []],
    ["griffie@example.org", () => []],
    ["gemeente@example.org", () => []],
    ["aanbieder@example.org", () => []],
    ["regiobeheer@example.org", () => []],
    ["platformbeheer@example.org", () => []],
  ];
  for (const [email, starts] of roles) {
    test(`the pages ${email ?? "a visitor without an account"} reaches`, async () => {
      await walk(email, starts());
    }, 300_000);
  }

  test("the walk covered the process pages, and none of them scrolls sideways, cuts off text or overlaps the header", () => {
    const patterns = [...visited.keys()];
    for (const required of [
      VISION,
      `${VISION}/vergelijken`,
      `${VISION}/herleidbaarheid`,
      `${VISION}/uitvoering`,
      `${VISION}/vaststelling`,
      "/reageren",
      "/reacties/:id",
      "/beheer/visies/:id/beantwoorden",
      "/beheer/visies/:id/beantwoorden/:id",
      "/beheer/visies/:id/brieven",
      "/beheer/visies/:id/vaststelling",
      "/beheer/visies/:id/uitvoering",
      "/beheer/visies/:id/uitvoering/herleidbaarheid",
      "/account",
    ]) {
      expect(patterns, `not reached: ${required}`).toContain(required);
    }
    expect(problems).toEqual([]);
  });

  test("every download link on the pages the walk reached ends in its file's extension", () => {
    // Not vacuous: the walk meets the public and staff downloads.
    expect([...downloadLinksSeen].some((p) => p.endsWith("/open-data/punten.csv")), [...downloadLinksSeen].join(", ")).toBe(true);
    expect([...downloadLinksSeen].some((p) => p.endsWith("/uitvoering/uitvoeringsplan.csv")), [...downloadLinksSeen].join(", ")).toBe(true);
    expect(downloadsWithoutExtension).toEqual([]);
  });
});
