import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD, expectAccessible, launchBrowser, startApp, waitForHydration, type RunningApp } from "../setup/browser";
import { focusState, KeyboardWalk, openRoundForAdvisoryCouncil } from "./a11y-helpers";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function arrived(page: Page, path: RegExp) {
  await page.waitForURL((url) => path.test(url.pathname + url.search));
  await waitForHydration(page);
  await expectAccessible(page);
}

describe("reacting with the keyboard only", () => {
  test("the chair goes from the login page to a submitted reaction with Tab, arrows, Space, Enter and typing; the focus is always visible", async () => {
    await openRoundForAdvisoryCouncil(await (await browser.newContext()).newPage(), app.baseUrl);

    const page = await (await browser.newContext()).newPage();
    const keys = new KeyboardWalk(page);
    await page.goto(`${app.baseUrl}/inloggen`);
    await waitForHydration(page);
    await expectAccessible(page);

    // The first Tab reaches the skip link; Enter puts the focus on the main content, so the next Tab is the form's first field.
    expect(await keys.tabTo((f) => f.name === "Naar de inhoud", { max: 1 })).toBe(1);
    await keys.press("Enter");
    expect((await focusState(page)).id).toBe("inhoud");
    await keys.tabTo((f) => f.tag === "input" && f.name === "E-mailadres", { max: 1 });
    await keys.type("voorzitter@example.org");
    await keys.tabTo((f) => f.tag === "input" && f.name === "Wachtwoord", { max: 1 });
    await keys.type(DEMO_PASSWORD);
    // Shift+Tab goes back to the e-mail field and Tab forward again: no trap either way.
    await keys.tabTo((f) => f.name === "E-mailadres", { key: "Shift+Tab", max: 1 });
    await keys.tabTo((f) => f.name === "Wachtwoord", { max: 1 });
    await keys.press("Enter");
    await arrived(page, /^\/(?!inloggen)/);

    // The main menu leads to Reageren; Space on the button starts the reaction for the open round.
    await keys.tabTo((f) => f.tag === "a" && f.name === "Reageren");
    await keys.press("Enter");
    await arrived(page, /^\/reageren$/);
    await keys.tabTo((f) => f.tag === "button" && f.name === "Reactie beginnen");
    await keys.press("Space");
    await page.getByRole("heading", { level: 1, name: /Advies van Adviesraad Sociaal Domein Vlaardingen/ }).waitFor();
    await arrived(page, /^\/reacties\//);

    // A formatting toolbar is one Tab stop; its buttons are reached with the arrow keys.
    await keys.tabTo((f) => f.tag === "button" && f.name === "Vet");
    await keys.press("ArrowRight");
    expect((await focusState(page)).name).toBe("Cursief");
    await keys.press("End");
    expect((await focusState(page)).name).toBe("Tabel");
    await keys.tabTo((f) => f.id === "introduction-veld", { max: 1 });
    await keys.type("Wij danken u voor de gelegenheid om te adviseren.");
    await page.getByText(/Opgeslagen om/).waitFor({ timeout: 15_000 });

    // Adding a point reloads the form; the focus lands on the new point's first field.
    await keys.tabTo((f) => f.tag === "button" && f.name === "Punt toevoegen");
    await keys.press("Enter");
    await page.getByRole("group", { name: /Punt 1/ }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id.startsWith("kind-"));
    expect((await focusState(page)).name).toBe("Soort");

    // Anchor the point to a section: the list box takes the arrow keys.
    await keys.tabTo((f) => f.tag === "select" && f.name.startsWith("Over onderdeel"), { max: 1 });
    await keys.press("ArrowDown");
    const chosen = await page.evaluate(() => Array.from((document.activeElement as HTMLSelectElement).selectedOptions, (o) => o.textContent ?? ""));
    expect(chosen).toHaveLength(1);
    await keys.tabTo((f) => f.name === "Algemeen (over de hele visie)", { max: 1 });
    await keys.tabTo((f) => f.name.startsWith("Citaat uit het eerste gekozen onderdeel"), { max: 1 });
    await keys.tabTo((f) => f.tag === "button" && f.name === "Vet", { max: 1 });
    await keys.tabTo((f) => f.id === "points[0].body-veld", { max: 1 });
    await keys.type("Betrek jongeren bij elke stap van de uitvoering.");

    // Tab leaves the editor (no keyboard trap) and reaches the signatories.
    await keys.tabTo((f) => f.tag === "input" && f.name.startsWith("Victor Voorzitter"));
    await keys.press("Space");
    expect(await page.getByLabel(/Victor Voorzitter/).isChecked()).toBe(true);
    await page.getByText(/Opgeslagen om/).waitFor({ timeout: 15_000 });
    await keys.tabTo((f) => f.tag === "button" && f.name === "Indienen");
    await keys.press("Enter");
    await page.getByRole("heading", { name: "Ontvangstbevestiging" }).waitFor();
    await arrived(page, /ingediend=1/);
    const receipt = (await page.locator("main").textContent()) ?? "";
    expect(receipt).toContain("Betrek jongeren bij elke stap van de uitvoering.");
    expect(receipt).toContain(chosen[0]!.trim());
    expect(receipt).toContain("Ondertekend door: Victor Voorzitter");
  }, 240_000);
});
