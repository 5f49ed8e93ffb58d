import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { regiovisieSeedText } from "~db/seed/visions";
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

describe("regiovisie from import to reading", () => {
  test("staff import the seed visie, publish it with a round and two invitees; a reader opens a section by its permalink", async () => {
    const staff = await (await browser.newContext()).newPage();
    await logInAs(staff, app.baseUrl, "regioredactie@example.org");
    await staff.goto(`${app.baseUrl}/beheer/visies`);
    await expectAccessible(staff);
    await staff.getByLabel("Titel").fill("Regiovisie proefimport");
    await staff.getByLabel("Webadresnaam").fill("proefimport");
    await staff.getByRole("button", { name: "Visie aanmaken" }).click();
    await staff.getByRole("heading", { name: "Regiovisie proefimport" }).waitFor();
    await expectAccessible(staff);

    await staff.getByRole("link", { name: /Document importeren/ }).click();
    await expectAccessible(staff);
    await staff.getByLabel("Bestand (maximaal 20 MB)").setInputFiles({ name: "regiovisie.txt", mimeType: "text/plain", buffer: Buffer.from(regiovisieSeedText(), "utf8") });
    await staff.getByRole("button", { name: "Voorbeeld maken" }).click();
    await staff.getByText(/Voorbeeld van regiovisie.txt: \d+ onderdelen/).waitFor();
    const previewText = await staff.locator("table").textContent();
    expect(previewText).toContain("Begrippenlijst");
    expect(previewText).toContain("Casusregie");
    await expectAccessible(staff);
    await staff.getByRole("button", { name: "Opslaan als concept" }).click();
    await staff.getByRole("list", { name: "Onderdelen van het concept" }).waitFor();
    expect(await staff.getByRole("link", { name: /Leidende principes/ }).count()).toBeGreaterThan(0);
    await expectAccessible(staff);

    await staff.getByRole("link", { name: "Dit concept publiceren" }).click();
    await expectAccessible(staff);
    await staff.getByLabel("Naam van de versie").selectOption("eerste concept");
    await staff.getByLabel("Open een consultatieronde voor deze versie").check();
    await staff.getByLabel("Begin").fill("2026-11-01");
    await staff.getByLabel("Einde reactietermijn").fill("2026-12-31");
    await staff.getByLabel("Kenmerk van de adviesaanvraag").fill("GRJR/2026/101");
    await staff.getByLabel(/Adviesraad Sociaal Domein Vlaardingen/).check();
    await staff.getByLabel(/Jeugdhulp Enver/).check();
    await staff.getByLabel(/Ik begrijp dat deze versie/).check();
    await staff.getByRole("button", { name: "Publiceren" }).click();
    await staff.getByRole("heading", { name: "Consultatierondes" }).waitFor();
    const round = await staff.locator(".card").first().textContent();
    expect(round).toContain("Adviesraad Sociaal Domein Vlaardingen");
    expect(round).toContain("Jeugdhulp Enver");
    await expectAccessible(staff);

    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${app.baseUrl}/visies`);
    await expectAccessible(reader);
    await reader.getByRole("link", { name: "Regiovisie proefimport — eerste concept" }).click();
    await reader.getByText("U leest versie 1: eerste concept").waitFor();
    await expectAccessible(reader);
    const toc = reader.getByRole("navigation", { name: "Inhoud" });
    await toc.getByRole("link", { name: /Leidende principes/ }).click();
    const hash = new URL(reader.url()).hash;
    expect(hash).toMatch(/^#onderdeel-[0-9a-f-]{36}$/);
    const permalink = reader.url();
    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(permalink);
    const target = fresh.locator(hash);
    expect(await target.getByRole("heading").first().textContent()).toContain("Leidende principes");
    expect(await fresh.evaluate(() => document.querySelectorAll("script[src*='Editor'], script[src*='tiptap']").length)).toBe(0);
    await expectAccessible(fresh);
  });

  test("the demo's definitive version shows what changed since the eerste concept", async () => {
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${app.baseUrl}/visies/rijnmond/regiovisie-2026-2030`);
    await reader.getByText("U leest versie 2: definitief").waitFor();
    // A reader without a draft reaction gets the page as plain HTML: no scripts, no hydration data.
    expect(await reader.locator("script").count()).toBe(0);
    await reader.getByRole("link", { name: /Bekijk wat er veranderd is/ }).click();
    await reader.getByRole("heading", { name: "Wat is er veranderd?" }).waitFor();
    expect(await reader.locator("ins").count()).toBeGreaterThan(0);
    expect(await reader.getByText("Nieuw onderdeel").count()).toBeGreaterThan(0);
    await expectAccessible(reader);
  });
});
