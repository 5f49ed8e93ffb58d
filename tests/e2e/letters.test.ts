import type { Browser, Page } from "playwright-core";
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

async function download(page: Page, linkName: string) {
  const href = await page.getByRole("link", { name: linkName, exact: true }).getAttribute("href");
  expect(href, linkName).toBeTruthy();
  // The address ends in the file's name, so browsers and crawlers can tell it is a file.
  expect(new URL(href!, app.baseUrl).pathname, linkName).toMatch(/\/[a-z-]+\.(pdf|docx|csv)$/);
  const response = await page.context().request.get(`${app.baseUrl}${href}`);
  return {
    status: response.status(),
    type: response.headers()["content-type"],
    disposition: response.headers()["content-disposition"],
    body: await response.body(),
    href: href!,
  };
}

describe("antwoordbrieven", () => {
  test("staff fix and send Enver's antwoordbrief, download it as PDF and DOCX, and download the Nota and rode draad; the provider then downloads its letter", async () => {
    const staff = await (await browser.newContext()).newPage();
    await logInAs(staff, app.baseUrl, "regiobeheer@example.org");
    await staff.goto(`${app.baseUrl}/beheer/visies`);
    await staff.getByRole("link", { name: "Regiovisie Jeugdhulp Rijnmond 2026-2030" }).click();
    await staff.getByRole("link", { name: "Antwoordbrieven", exact: true }).click();
    await staff.getByRole("heading", { level: 1, name: "Antwoordbrieven" }).waitFor();
    expect(await staff.locator("main").textContent()).toContain("Verzonden op");
    await expectAccessible(staff);

    await staff.getByRole("link", { name: "Jeugdhulp Enver", exact: true }).click();
    await staff.getByRole("heading", { level: 1, name: "Antwoordbrief aan Jeugdhulp Enver" }).waitFor();
    expect(await staff.locator("main").textContent()).toContain("Ter goedkeuring");
    await expectAccessible(staff);

    await staff.getByRole("button", { name: "Vaststellen (PDF en Word maken)" }).click();
    await staff.getByText("De status van de brief is bijgewerkt.").waitFor();
    expect(await staff.locator("main").textContent()).toContain("Vastgesteld");
    await expectAccessible(staff);
    await staff.getByRole("button", { name: "Verzenden per e-mail" }).click();
    // The notice of the previous step is still on the page until the new one loads: wait for the sent state.
    await staff.getByText("Deze brief is verzonden en kan niet meer worden gewijzigd.").waitFor();
    await expectAccessible(staff);

    const pdf = await download(staff, "Brief als PDF");
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
    const docx = await download(staff, "Brief als Word-bestand");
    expect(docx.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(docx.body.subarray(0, 2).toString()).toBe("PK");

    // Nota van beantwoording and rode draad.
    await staff.goto(`${app.baseUrl}${pdf.href.replace(/\/brieven\/.*$/, "/nota")}`);
    await staff.getByRole("heading", { level: 1, name: "Nota van beantwoording" }).waitFor();
    await expectAccessible(staff);
    const csv = await download(staff, "Nota als CSV voor Excel");
    expect(csv.type).toBe("text/csv; charset=utf-8");
    expect(csv.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body.toString("utf8")).toContain("ASDV-1;");
    expect((await download(staff, "Nota als PDF")).type).toBe("application/pdf");
    expect((await download(staff, "Nota als Word-bestand")).status).toBe(200);
    await staff.goto(`${app.baseUrl}${pdf.href.replace(/\/brieven\/.*$/, "/rode-draad")}`);
    await staff.getByRole("heading", { level: 1, name: "Rode draad reacties op de concept-regiovisie" }).waitFor();
    await expectAccessible(staff);
    expect((await download(staff, "Rode draad als PDF")).type).toBe("application/pdf");

    // The template refuses an unknown placeholder, in Dutch.
    await staff.goto(`${app.baseUrl}/beheer/briefsjablonen`);
    await staff.getByRole("heading", { level: 1, name: "Briefsjabloon antwoordbrief" }).waitFor();
    await expectAccessible(staff);
    await staff.getByLabel("Inleiding", { exact: true }).fill("Beste {voornaam},");
    await staff.getByRole("button", { name: "Sjabloon opslaan" }).click();
    await staff.getByText(/onbekende plaatshouder: \{voornaam\}/).waitFor();
    await expectAccessible(staff);

    // The provider's signatory downloads the sent letter.
    const provider = await (await browser.newContext()).newPage();
    await logInAs(provider, app.baseUrl, "aanbieder@example.org");
    const own = await provider.context().request.get(`${app.baseUrl}${pdf.href}`);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toBe("application/pdf");
  });
});
