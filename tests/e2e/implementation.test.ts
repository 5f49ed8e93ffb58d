import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
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

const VISION = "/visies/rijnmond/regiovisie-2026-2030";

describe("uitvoeringsplan and traceability", () => {
  test("a visitor without an account follows Vlaardingen's points to their actions", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.baseUrl}${VISION}/uitvoering`);
    await page.getByRole("heading", { level: 1, name: "Uitvoeringsplan" }).waitFor();
    expect(await page.getByRole("link", { name: /^U-01 / }).count()).toBe(1);
    await expectAccessible(page);

    await page.getByLabel("Toon acties met status").selectOption("vervallen");
    await page.getByRole("button", { name: "Tonen" }).click();
    await page.getByRole("heading", { name: /1 actie met status vervallen/ }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Wat is er met uw reactie gedaan?" }).click();
    await page.getByRole("heading", { level: 1, name: "Wat is er met uw reactie gedaan?" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Organisatie").selectOption("VLA");
    await page.getByRole("button", { name: "Tonen" }).click();
    for (const reference of ["VLA-1", "VLA-2", "VLA-3", "VLA-4"]) await page.getByRole("heading", { name: `Punt ${reference}` }).waitFor();
    expect(await page.locator("#punt-VLA-2").textContent()).toContain("meegenomen in uitvoeringsplan");
    await expectAccessible(page);

    await page.locator("#punt-VLA-2").getByRole("link", { name: /^U-01 / }).click();
    await page.getByRole("heading", { level: 1, name: /^U-01 Eén vaste casusregisseur/ }).waitFor();
    const actionText = await page.locator("main").textContent();
    expect(actionText).toContain("VLA-2");
    expect(actionText).toContain("loopt");
    expect(actionText).toContain("60%");
    await expectAccessible(page);

    await page.getByRole("link", { name: "VLA-2" }).click();
    await page.getByRole("heading", { name: "Punt VLA-2" }).waitFor();
    await page.goto(`${app.baseUrl}${VISION}/open-data`);
    await expectAccessible(page);
    const json = await (await fetch(`${app.baseUrl}${VISION}/open-data/open-data.json`)).json();
    expect(json.acties.length).toBeGreaterThanOrEqual(8);
  });

  test("staff record progress on an action and see the gaps report", async () => {
    const page = await (await browser.newContext()).newPage();
    await logInAs(page, app.baseUrl, "regioredactie@example.org");
    await page.goto(`${app.baseUrl}/beheer/visies`);
    await page.getByRole("link", { name: /Regiovisie Jeugdhulp Rijnmond 2026-2030/ }).first().click();
    await page.getByRole("link", { name: /Uitvoeringsplan \(acties/ }).click();
    await page.getByRole("heading", { level: 1, name: "Uitvoeringsplan" }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Domeinoverstijgend ondersteuningsaanbod met partners" }).click();
    await expectAccessible(page);
    await page.getByLabel("Status").selectOption("loopt");
    await page.getByLabel(/Voortgang in procenten/).fill("150");
    await page.getByLabel("Wat is er gebeurd?").fill("Eerste overleg met de partners.");
    await page.getByRole("button", { name: "Voortgang vastleggen" }).click();
    await page.getByText("De voortgang kan niet hoger zijn dan 100%.").waitFor();
    await page.getByLabel(/Voortgang in procenten/).fill("10");
    await page.getByLabel("Wat is er gebeurd?").fill("Eerste overleg met de partners.");
    await page.getByRole("button", { name: "Voortgang vastleggen" }).click();
    await page.getByText("De voortgang is vastgelegd.").waitFor();
    expect(await page.getByRole("list").filter({ hasText: "Eerste overleg met de partners." }).count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Terug naar het uitvoeringsplan" }).click();
    await page.getByRole("link", { name: /Tekortenrapport/ }).click();
    await page.getByRole("heading", { name: "Acties over de einddatum" }).waitFor();
    expect(await page.locator("main").textContent()).toContain("Wachttijden per aanbieder elke maand openbaar");
    await expectAccessible(page);

    await page.goto(page.url().replace(/tekorten$/, "herleidbaarheid"));
    await page.getByLabel("Organisatie").fill("Sociaal Domein Vlaardingen");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.getByRole("link", { name: "Adviesraad Sociaal Domein Vlaardingen" }).waitFor();
    expect(await page.locator("main").textContent()).toContain("9 punten");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Adviesraad Sociaal Domein Vlaardingen" }).click();
    await page.getByRole("heading", { name: "Punt ASDV-3" }).waitFor();
    await expectAccessible(page);
  });
});
