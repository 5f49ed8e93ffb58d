import type { Page } from "playwright-core";
import { expect } from "vitest";
import { logInAs } from "../setup/browser";

/**
 * Staff open a new round on the definitive version of the demo visie, inviting the adviesraad and the
 * jongerenpanel, so that members can react today (the demo's own round is closed). Setup only: the
 * accessibility tests start after this.
 */
export async function openRoundForAdvisoryCouncil(staff: Page, baseUrl: string) {
  await logInAs(staff, baseUrl, "regioredactie@example.org");
  await staff.goto(`${baseUrl}/beheer/visies`);
  await staff.getByRole("link", { name: "Regiovisie Jeugdhulp Rijnmond 2026-2030" }).click();
  await staff.getByRole("button", { name: "Nieuwe conceptversie maken" }).click();
  await staff.getByRole("link", { name: "Dit concept publiceren" }).click();
  await staff.getByLabel("Naam van de versie").selectOption("aangepast concept");
  await staff.getByLabel("Open een consultatieronde voor deze versie").check();
  const today = new Date();
  await staff.getByLabel("Begin").fill(new Date(today.getTime() - 86400_000).toISOString().slice(0, 10));
  await staff.getByLabel("Einde reactietermijn").fill(new Date(today.getTime() + 30 * 86400_000).toISOString().slice(0, 10));
  await staff.getByLabel(/Adviesraad Sociaal Domein Vlaardingen/).check();
  await staff.getByLabel(/Jongerenpanel Rijnmond/).check();
  await staff.getByLabel(/Ik begrijp dat deze versie/).check();
  await staff.getByRole("button", { name: "Publiceren" }).click();
  await staff.getByRole("heading", { name: "Consultatierondes" }).waitFor();
}

export interface FocusState {
  tag: string;
  /** The accessible name as far as the test needs it: aria-label, the label, or the text. */
  name: string;
  id: string;
  /** A focus ring at least 2 px wide (outline) or a coloured box-shadow ring. */
  ring: boolean;
  style: string;
}

/** What has the keyboard focus, and whether it is visibly marked. */
export function focusState(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: "body", name: "", id: "", ring: false, style: "" };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== "none" && !/^rgba\(0, 0, 0, 0\)/.test(style.boxShadow);
    const labelled = element.getAttribute("aria-labelledby");
    const labels = (element as HTMLInputElement).labels;
    const name =
      element.getAttribute("aria-label") ??
      (labelled ? document.getElementById(labelled)?.textContent : null) ??
      (labels && labels.length ? labels[0]!.textContent : null) ??
      element.textContent ??
      "";
    return {
      tag: element.tagName.toLowerCase(),
      name: name.replace(/\s+/g, " ").trim(),
      id: element.id,
      ring: outline || shadow,
      style: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}`,
    };
  });
}

/**
 * Drives a page with the keyboard only (page.keyboard), and after every key checks that the element
 * with the focus shows a focus ring. Keeps a trail of where the focus went for failure messages.
 */
export class KeyboardWalk {
  readonly trail: string[] = [];
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<FocusState> {
    await this.page.keyboard.press(key);
    const state = await focusState(this.page);
    this.trail.push(`${key} → ${state.tag} "${state.name.slice(0, 60)}"`);
    if (state.tag !== "body" && state.tag !== "main") {
      expect(state.ring, `no visible focus on ${state.tag} "${state.name}" (${state.style}) after ${key} on ${this.page.url()}`).toBe(true);
    }
    return state;
  }

  /** Presses Tab (or Shift+Tab) until the focus matches; fails when it is not reached within `max` presses. */
  async tabTo(match: (state: FocusState) => boolean, { max = 60, key = "Tab" } = {}): Promise<number> {
    for (let presses = 1; presses <= max; presses++) {
      if (match(await this.press(key))) return presses;
    }
    throw new Error(`not reached with ${key} on ${this.page.url()}; the focus went:\n${this.trail.slice(-max).join("\n")}`);
  }

  async type(text: string) {
    await this.page.keyboard.type(text);
  }
}
