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

const PUBLIC_STATUS = "/visies/rijnmond/regiovisie-2026-2030/vaststelling";

/** Staff record one council's decision on its behalf, through the decision page of the board. */
async function recordOnBehalf(staff: Page, boardUrl: string, municipality: string, dates: { college?: string; council: string }, check = false) {
  await staff.goto(boardUrl);
  await staff.getByRole("link", { name: municipality, exact: true }).click();
  await staff.getByRole("heading", { level: 1, name: `Besluit van de gemeenteraad van ${municipality}` }).waitFor();
  if (check) await expectAccessible(staff);
  if (dates.college) await staff.getByLabel("Datum besluit B&W", { exact: true }).fill(dates.college);
  await staff.getByLabel("Datum raadsvergadering", { exact: true }).fill(dates.council);
  const item = staff.getByLabel("Beslispunt 1", { exact: true });
  if (!(await item.inputValue())) await item.fill("De Regiovisie Jeugdhulp Rijnmond 2026-2030 vast te stellen.");
  await staff.getByLabel("Uitkomst beslispunt 1", { exact: true }).selectOption("vastgesteld");
  await staff.getByLabel("Besluit van de raad over de visie", { exact: true }).selectOption("vastgesteld");
  await staff.getByRole("button", { name: "Besluit opslaan" }).click();
  await staff.getByText("Het raadsvoorstel en besluit zijn opgeslagen.").waitFor();
}

describe("adoption by every council", () => {
  test("the remaining councils' decisions are recorded through the board until the visie is van kracht, also on the public page", async () => {
    // Anyone: the public status says why the visie is not in force yet.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${app.baseUrl}${PUBLIC_STATUS}`);
    await visitor.getByRole("heading", { level: 1, name: "Vaststelling door de gemeenteraden" }).waitFor();
    expect(await visitor.locator("main").textContent()).toContain("Nog niet van kracht.");
    expect(await visitor.locator("main").textContent()).toContain("Schiedam: nog geen besluit");
    await expectAccessible(visitor);

    // The Vlaardingen griffie sees its own council's record, with the reactiebrief and its points.
    const griffie = await (await browser.newContext()).newPage();
    await logInAs(griffie, app.baseUrl, "griffie@example.org");
    await griffie.goto(`${app.baseUrl}/gemeente/vaststelling`);
    await expectAccessible(griffie);
    await griffie.getByRole("link", { name: "Regiovisie Jeugdhulp Rijnmond 2026-2030" }).click();
    await griffie.getByRole("heading", { name: "Reactiebrief van de raad" }).waitFor();
    for (const reference of ["VLA-1", "VLA-2", "VLA-3", "VLA-4"]) await griffie.getByRole("link", { name: reference, exact: true }).waitFor();
    expect(await griffie.locator("main").textContent()).toContain("2051071");
    await expectAccessible(griffie);

    // Staff: the board, the aanbiedingsbrief, then the three open decisions.
    const staff = await (await browser.newContext()).newPage();
    await logInAs(staff, app.baseUrl, "regiobeheer@example.org");
    await staff.goto(`${app.baseUrl}/beheer/visies`);
    await staff.getByRole("link", { name: "Regiovisie Jeugdhulp Rijnmond 2026-2030" }).click();
    await staff.getByRole("link", { name: /Vaststelling door de gemeenten/ }).click();
    await staff.getByRole("heading", { level: 1, name: "Vaststelling door de gemeenten" }).waitFor();
    const boardUrl = staff.url();
    const board = (await staff.locator("main").textContent()) ?? "";
    expect(board).toContain("Niet van kracht.");
    expect(board).toContain("Lansingerland: besluit aangehouden op 18 juni 2026");
    expect(board).toContain("te laat: de termijn is verstreken");
    await expectAccessible(staff);

    await staff.getByRole("link", { name: "Aanbiedingsbrief bekijken" }).click();
    await staff.getByRole("heading", { level: 1, name: "Aanbiedingsbrief" }).waitFor();
    await staff.getByRole("link", { name: "Brief als PDF" }).waitFor();
    await expectAccessible(staff);

    await recordOnBehalf(staff, boardUrl, "Lansingerland", { council: "2026-07-02" }, true);
    await recordOnBehalf(staff, boardUrl, "Maassluis", { council: "2026-07-09" });

    // Bad input through the page: a raadsvergadering before the college's decision, and a non-PDF raadsbesluit.
    await staff.goto(boardUrl);
    await staff.getByRole("link", { name: "Schiedam", exact: true }).click();
    await staff.getByLabel("Datum besluit B&W", { exact: true }).fill("2026-05-05");
    await staff.getByLabel("Datum raadsvergadering", { exact: true }).fill("2026-04-01");
    await staff.getByLabel("Besluit van de raad over de visie", { exact: true }).selectOption("vastgesteld");
    await staff.getByRole("button", { name: "Besluit opslaan" }).click();
    await staff.getByText("De raadsvergadering kan niet vóór het collegebesluit (datum B&W) liggen. Controleer de data.").waitFor();
    await expectAccessible(staff);
    await staff.getByLabel(/Raadsbesluit als PDF/).setInputFiles({ name: "raadsbesluit.pdf", mimeType: "application/pdf", buffer: Buffer.from("dit is geen pdf") });
    await staff.getByRole("button", { name: "PDF toevoegen" }).click();
    await staff.getByText("Het raadsbesluit moet een PDF-bestand zijn. Dit bestand is geen PDF.").waitFor();

    await recordOnBehalf(staff, boardUrl, "Schiedam", { college: "2026-05-05", council: "2026-07-16" });
    await staff.getByLabel(/Raadsbesluit als PDF/).setInputFiles({
      name: "raadsbesluit-schiedam.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n% raadsbesluit Schiedam\n%%EOF\n"),
    });
    await staff.getByRole("button", { name: "PDF toevoegen" }).click();
    await staff.getByText("Het raadsbesluit (PDF) is toegevoegd.").waitFor();
    await expectAccessible(staff);

    await staff.goto(boardUrl);
    const done = (await staff.locator("main").textContent()) ?? "";
    expect(done).toContain("Van kracht sinds 16 juli 2026");
    expect(done).not.toContain("te laat");
    await staff.getByRole("link", { name: "raadsbesluit-schiedam.pdf (PDF)" }).waitFor();
    await expectAccessible(staff);

    await visitor.goto(`${app.baseUrl}${PUBLIC_STATUS}`);
    const after = (await visitor.locator("main").textContent()) ?? "";
    expect(after).toContain("Van kracht sinds 16 juli 2026");
    expect(after).toContain("Alle 13 gemeenten");
    await expectAccessible(visitor);
  });
});
