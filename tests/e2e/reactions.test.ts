import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectAccessible, launchBrowser, logInAs, startApp, waitForHydration, type RunningApp } from "../setup/browser";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Staff open a new round on the definitive version, inviting the adviesraad, so members can react today. */
async function openRoundForAdvisoryCouncil(staff: Page) {
  await logInAs(staff, app.baseUrl, "regioredactie@example.org");
  await staff.goto(`${app.baseUrl}/beheer/visies`);
  await staff.getByRole("link", { name: "Regiovisie Jeugdhulp Rijnmond 2026-2030" }).click();
  await staff.getByRole("button", { name: "Nieuwe conceptversie maken" }).click();
  await staff.getByRole("link", { name: "Dit concept publiceren" }).click();
  await staff.getByLabel("Naam van de versie").selectOption("aangepast concept");
  await staff.getByLabel("Open een consultatieronde voor deze versie").check();
  const today = new Date();
  const later = new Date(today.getTime() + 30 * 86400_000);
  await staff.getByLabel("Begin").fill(new Date(today.getTime() - 86400_000).toISOString().slice(0, 10));
  await staff.getByLabel("Einde reactietermijn").fill(later.toISOString().slice(0, 10));
  await staff.getByLabel(/Adviesraad Sociaal Domein Vlaardingen/).check();
  await staff.getByLabel(/Jongerenpanel Rijnmond/).check();
  await staff.getByLabel(/Ik begrijp dat deze versie/).check();
  await staff.getByRole("button", { name: "Publiceren" }).click();
  await staff.getByRole("heading", { name: "Consultatierondes" }).waitFor();
}

describe("reacting to a visie", () => {
  test("a member anchors a point to a selected passage; two members' edits conflict without losing text; the chair submits", async () => {
    await openRoundForAdvisoryCouncil(await (await browser.newContext()).newPage());

    const member = await (await browser.newContext()).newPage();
    await logInAs(member, app.baseUrl, "adviesraad@example.org");
    await member.goto(`${app.baseUrl}/reageren`);
    await expectAccessible(member);
    await member.getByRole("button", { name: "Reactie beginnen" }).first().click();
    await member.getByRole("heading", { name: /Advies van Adviesraad Sociaal Domein Vlaardingen/ }).waitFor();
    await expectAccessible(member);
    const reactionUrl = member.url();

    // Select a passage in the reading view and choose "reageer hierop".
    await member.goto(`${app.baseUrl}/visies/rijnmond/regiovisie-2026-2030?versie=3`);
    await waitForHydration(member);
    const passage = "Preventie speelt hierbij een cruciale rol.";
    await member.evaluate((text) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = node.textContent?.indexOf(text) ?? -1;
        if (index >= 0) {
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + text.length);
          document.getSelection()?.removeAllRanges();
          document.getSelection()?.addRange(range);
          return;
        }
      }
      throw new Error("passage not found");
    }, passage);
    const quoteButton = member.getByRole("button", { name: /Reageer hierop \(geselecteerde tekst\)/ });
    await quoteButton.waitFor();
    await quoteButton.click();
    await member.waitForURL((url) => url.pathname.startsWith("/reacties/"));
    expect(await member.getByLabel(/Citaat uit het eerste gekozen onderdeel/).inputValue()).toBe(passage);
    await expectAccessible(member);

    // Two members open the same reaction; the second save on an old revision is a conflict.
    const chair = await (await browser.newContext()).newPage();
    await logInAs(chair, app.baseUrl, "voorzitter@example.org");
    await chair.goto(reactionUrl);
    await member.goto(reactionUrl);
    await Promise.all([waitForHydration(chair), waitForHydration(member)]);
    const memberText = member.locator(".ProseMirror").nth(1);
    await memberText.click();
    await member.keyboard.type("Investeer in laagdrempelige opvoedondersteuning.");
    await member.getByText(/Opgeslagen om/).waitFor({ timeout: 15_000 });

    // A button pressed while an autosave is on its way waits for it instead of posting the old
    // revision (which showed a false "twee versies" conflict). The autosave is held back 2 s.
    await member.route("**/reacties/**", async (route) => {
      const request = route.request();
      if (request.method() === "POST" && (request.postData() ?? "").includes("autosave")) await new Promise((resolve) => setTimeout(resolve, 2000));
      await route.continue();
    });
    await memberText.click();
    await member.keyboard.press("End");
    await member.keyboard.type(" Ook in de wijk.");
    await member.getByText("Bezig met opslaan…").waitFor({ timeout: 15_000 });
    const posted = (intent: string) =>
      member.waitForResponse((r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes(`intent=${intent}`), { timeout: 15_000 });
    const bothAnswered = Promise.all([posted("autosave"), posted("save")]);
    await member.getByRole("button", { name: "Opslaan", exact: true }).click();
    await bothAnswered;
    const status = member.locator(".save-status");
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Opgeslagen om/);
    expect(await member.getByRole("heading", { name: "Let op: twee versies" }).count()).toBe(0);
    await member.unroute("**/reacties/**");
    await member.goto(reactionUrl);
    expect(await member.locator(".ProseMirror").nth(1).textContent()).toContain("Investeer in laagdrempelige opvoedondersteuning. Ook in de wijk.");

    const chairText = chair.locator(".ProseMirror").nth(1);
    await chairText.click();
    await chair.keyboard.type("Tekst van de voorzitter.");
    await chair.getByRole("heading", { name: "Let op: twee versies" }).waitFor({ timeout: 15_000 });
    const conflict = await chair.locator(".conflict").textContent();
    expect(conflict).toContain("Tekst van de voorzitter.");
    expect(conflict).toContain("Investeer in laagdrempelige opvoedondersteuning.");
    await expectAccessible(chair);

    // The chair reloads the newest version, signs and submits.
    await chair.goto(reactionUrl);
    await waitForHydration(chair);
    expect(await chair.locator(".ProseMirror").nth(1).textContent()).toContain("Investeer in laagdrempelige opvoedondersteuning.");
    await chair.getByLabel(/Victor Voorzitter/).check();
    await chair.getByRole("button", { name: "Indienen" }).click();
    await chair.getByRole("heading", { name: "Ontvangstbevestiging" }).waitFor();
    expect(await chair.getByText(/ASDV-\d+/).count()).toBeGreaterThan(0);
    await expectAccessible(chair);
  });

  test("plain mode works at 360 px wide without JavaScript: three questions, a visibility choice and consent", async () => {
    // axe-core needs JavaScript, so a second, scripted context at the same width checks each page the no-JS person sees.
    const checker = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await logInAs(checker, app.baseUrl, "ervaringsdeskundige@example.org");
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await logInAs(page, app.baseUrl, "ervaringsdeskundige@example.org");
    await page.goto(`${app.baseUrl}/reageren`);
    await page.getByRole("link", { name: "Eenvoudig reageren: drie korte vragen" }).first().click();
    await page.getByRole("heading", { name: "Zeg wat u ervan vindt" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checker.goto(page.url());
    await expectAccessible(checker);
    await page.getByLabel(/Ik vind het goed/).check();
    await page.getByRole("button", { name: "Versturen" }).click();
    await page.getByText("Vul minstens één vraag in.").waitFor();
    await page.getByLabel("Wat mist u?").fill("Dat jongeren zelf hun hulpverlener kunnen kiezen.");
    await page.getByLabel("Nee, zonder naam (anoniem)").check();
    await page.getByRole("button", { name: "Versturen" }).click();
    await page.getByText("Geef toestemming om uw reactie te gebruiken").waitFor();
    expect(await page.getByLabel("Wat mist u?").inputValue()).toBe("Dat jongeren zelf hun hulpverlener kunnen kiezen.");
    await page.getByLabel(/Ik vind het goed/).check();
    await page.getByRole("button", { name: "Versturen" }).click();
    await page.getByRole("heading", { name: "Ontvangstbevestiging" }).waitFor();
    expect(await page.getByText("Wat ik mis: Dat jongeren zelf hun hulpverlener kunnen kiezen.").count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checker.goto(page.url());
    await expectAccessible(checker);
    await context.close();
  });
});
