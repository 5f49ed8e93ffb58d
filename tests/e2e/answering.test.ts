import type { Browser } from "playwright-core";
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

describe("answering points", () => {
  test("staff filter the triage list by keyboard, open a point of the seed advies beside its section, and answer it", async () => {
    const staff = await (await browser.newContext()).newPage();
    await logInAs(staff, app.baseUrl, "regioredactie@example.org");
    await staff.goto(`${app.baseUrl}/beheer/visies`);
    await staff.getByRole("link", { name: "Regiovisie Jeugdhulp Rijnmond 2026-2030" }).click();
    await staff.getByRole("link", { name: /Punten beantwoorden/ }).click();
    await staff.getByRole("heading", { level: 1, name: "Punten beantwoorden" }).waitFor();
    await expectAccessible(staff);
    // All 14 points of the first concept's round are listed (and the council reactiebrief's, once adoption added them).
    expect(await staff.getByRole("table").locator("tbody tr").count()).toBeGreaterThanOrEqual(14);
    // The rows' HTML is sent once, in the document: the hydrated page's loader data has no copy of it.
    await waitForHydration(staff);
    const hydratedRows = await staff.evaluate(() => {
      const router = (window as unknown as { __remixRouter: { state: { loaderData: Record<string, { rowsHtml?: string } | undefined> } } }).__remixRouter;
      return router.state.loaderData["routes/beheer.visies.$visionId.beantwoorden._index"]?.rowsHtml;
    });
    expect(hydratedRows).toBeUndefined();

    // Keyboard only: focus the search box, type a plural, submit the GET form with Enter.
    await staff.getByLabel("Zoeken in de tekst").focus();
    await staff.keyboard.type("wachttijden");
    await staff.keyboard.press("Enter");
    await staff.waitForURL((url) => url.searchParams.get("q") === "wachttijden");
    const rows = staff.getByRole("table").locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(1);
    const asdv8 = staff.getByRole("row", { name: /ASDV-8/ });
    await asdv8.waitFor();
    expect((await asdv8.locator("mark").first().textContent())?.toLowerCase()).toBe("wachttijd");
    await expectAccessible(staff);

    // Filters with the form: the adviesraad's points, status vastgesteld.
    await staff.getByLabel("Zoeken in de tekst").fill("");
    await staff.getByLabel("Organisatie", { exact: true }).fill("Sociaal Domein Vlaardingen");
    await staff.getByLabel("Status").selectOption("vastgesteld");
    await staff.getByRole("button", { name: "Filteren" }).click();
    await staff.waitForURL((url) => url.searchParams.get("status") === "vastgesteld");
    await expect.poll(() => staff.getByRole("table").locator("tbody tr").count()).toBe(8);

    // Open ASDV-8 beside its section text.
    await staff.getByRole("link", { name: "ASDV-8", exact: true }).click();
    await staff.getByRole("heading", { level: 1, name: "Punt ASDV-8 beantwoorden" }).waitFor();
    await staff.getByRole("heading", { name: "Aanpak van wachttijden" }).waitFor();
    await expectAccessible(staff);

    // Answer it (the editor replaces the textarea once hydrated).
    await waitForHydration(staff);
    const editor = staff.getByLabel("Antwoordtekst");
    await editor.click();
    await staff.keyboard.press("Control+A");
    await staff.keyboard.type("Wij vragen de gemeenten om de wachttijd bij Veilig Thuis na een melding te bespreken met Veilig Thuis Rotterdam Rijnmond.");
    await staff.getByLabel("Afweging").selectOption("meegenomen_in_uitvoeringsplan");
    await staff.getByRole("button", { name: "Antwoord opslaan" }).click();
    await staff.getByText("Het antwoord is opgeslagen.").waitFor();
    // regioredactie answered it, so another staff member signs it off.
    await staff.getByText(/Een andere medewerker stelt dit antwoord vast/).waitFor();
    expect(await staff.getByLabel("Afweging").inputValue()).toBe("meegenomen_in_uitvoeringsplan");
    await expectAccessible(staff);

    // A menu link opens its page client-side: the focus stays on the link and the new title is announced.
    const menuLink = staff.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link").first();
    const target = await menuLink.getAttribute("href");
    const pointUrl = staff.url();
    await menuLink.focus();
    await staff.keyboard.press("Enter");
    await staff.waitForURL((url) => url.pathname === target);
    const announcer = staff.locator("#route-announcer");
    await expect.poll(() => announcer.textContent()).toBe(await staff.title());
    expect(await staff.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(target);
    await expectAccessible(staff);
    await staff.goto(pointUrl);

    // The rode draad.
    await staff.getByRole("link", { name: "Terug naar alle punten" }).click();
    await staff.getByRole("link", { name: /Thema's \(rode draad\)/ }).click();
    await staff.getByRole("heading", { name: /Casusregie en lokale teams/ }).waitFor();
    await expectAccessible(staff);
  });
});
