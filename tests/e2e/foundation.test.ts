import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoAccounts } from "~db/seed/organisations";
import { expectAccessible, launchBrowser, logInAs, startApp, type RunningApp } from "../setup/browser";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What each role's navigation must show (and nothing more). */
const expectedNavigation: Record<string, string[]> = {
  "platformbeheer@example.org": ["Home", "Regiovisies", "Regio's", "Mijn account"],
  "regiobeheer@example.org": ["Home", "Regiovisies", "Beheer", "Mijn account"],
  "regioredactie@example.org": ["Home", "Regiovisies", "Beheer", "Mijn account"],
  "adviesraad@example.org": ["Home", "Regiovisies", "Reageren", "Mijn organisaties", "Mijn account"],
  "voorzitter@example.org": ["Home", "Regiovisies", "Reageren", "Mijn organisaties", "Mijn account"],
  "gemeente@example.org": ["Home", "Regiovisies", "Mijn organisaties", "Mijn account"],
  "griffie@example.org": ["Home", "Regiovisies", "Mijn organisaties", "Vaststelling", "Mijn account"],
  "aanbieder@example.org": ["Home", "Regiovisies", "Reageren", "Mijn organisaties", "Mijn account"],
  "ervaringsdeskundige@example.org": ["Home", "Regiovisies", "Reageren", "Mijn organisaties", "Mijn account"],
  "h10beheer@example.org": ["Home", "Regiovisies", "Beheer", "Mijn account"],
};

describe("the app as a newcomer meets it", () => {
  test("anonymous pages are Dutch, accessible, and unknown pages get a Dutch 404", async () => {
    const page = await (await browser.newContext()).newPage();
    for (const path of ["/", "/inloggen", "/toegankelijkheid"]) {
      const response = await page.goto(`${app.baseUrl}${path}`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute("html", "lang")).toBe("nl");
      await expectAccessible(page);
    }
    const missing = await page.goto(`${app.baseUrl}/bestaat-niet`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Pagina niet gevonden");
    await expectAccessible(page);
    const staff = await page.goto(`${app.baseUrl}/beheer`);
    expect(new URL(page.url()).pathname).toBe("/inloggen");
    expect(staff?.status()).toBe(200);
  });

  test("a wrong password shows a Dutch message at the top of the form", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.baseUrl}/inloggen`);
    await page.getByLabel("E-mailadres").fill("adviesraad@example.org");
    await page.getByLabel("Wachtwoord", { exact: true }).fill("niet-het-wachtwoord");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.getByText("Het e-mailadres of het wachtwoord klopt niet.").waitFor();
    await expectAccessible(page);
  });

  for (const account of demoAccounts) {
    test(`${account.role} (${account.email}) sees the right navigation, every page passes axe, and can log out`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await logInAs(page, app.baseUrl, account.email);
      const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
      const labels = (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
      expect(labels).toEqual(expectedNavigation[account.email]);
      for (const link of await nav.getByRole("link").all()) {
        const href = await link.getAttribute("href");
        const response = await page.goto(`${app.baseUrl}${href}`);
        expect(response?.status(), href ?? "").toBe(200);
        await expectAccessible(page);
      }
      await page.getByRole("button", { name: "Uitloggen" }).click();
      await page.getByRole("link", { name: "Inloggen" }).first().waitFor();
      const after = await page.goto(`${app.baseUrl}/account`);
      expect(new URL(page.url()).pathname).toBe("/inloggen");
      expect(after?.status()).toBe(200);
      await context.close();
    });
  }

  test("staff invite a person, who sets a password through the mailbox link and is logged in", async () => {
    const staff = await (await browser.newContext()).newPage();
    await logInAs(staff, app.baseUrl, "regiobeheer@example.org");
    await staff.goto(`${app.baseUrl}/beheer/organisaties?zoek=ASDV`);
    await staff.getByRole("link", { name: "Adviesraad Sociaal Domein Vlaardingen" }).click();
    await expectAccessible(staff);
    await staff.getByLabel("Naam").fill("Sara Secretaris");
    await staff.getByLabel("E-mailadres").fill("sara@example.org");
    await staff.getByLabel("Rol", { exact: true }).selectOption({ label: "lid" });
    await staff.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await staff.getByText("Uitnodiging verstuurd naar sara@example.org.").waitFor();
    await staff.goto(`${app.baseUrl}/beheer/postvak`);
    await expectAccessible(staff);
    await staff.getByRole("link", { name: /Uitnodiging voor Herleidbaar/ }).first().click();
    const body = await staff.locator(".mailbox-body").textContent();
    const link = body?.match(/http:\/\/\S+\/uitnodiging\/[a-z2-7]+/)?.[0];
    expect(link).toBeTruthy();
    await expectAccessible(staff);

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(link!);
    await expectAccessible(invitee);
    await invitee.getByLabel("Kies een wachtwoord").fill("een zin die ik kan onthouden");
    await invitee.getByLabel("Herhaal het wachtwoord").fill("een zin die ik kan onthouden");
    await invitee.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click();
    await invitee.getByText("Welkom! Uw account is klaar en u bent ingelogd.").waitFor();
    expect(await invitee.getByText("lid bij Adviesraad Sociaal Domein Vlaardingen").count()).toBe(1);
    await expectAccessible(invitee);

    // The link is single use.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link!);
    await again.getByRole("heading", { name: "Uitnodiging niet geldig" }).waitFor();
  });
});
