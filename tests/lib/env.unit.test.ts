import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function freshEnv() {
  vi.resetModules();
  return (await import("~/lib/env.server")).env;
}

describe("environment variables", () => {
  afterEach(() => {
    process.env = { ...saved };
  });

  it("a render setting that is not a number stops the app with a Dutch message naming it", async () => {
    process.env.RENDER_INLINE_BLOCKS = "veel";
    const env = await freshEnv();
    expect(() => env()).toThrow(/Ongeldige omgevingsvariabelen:[\s\S]*RENDER_INLINE_BLOCKS: RENDER_INLINE_BLOCKS moet een getal zijn/);
  });

  it("RENDER_IN_WORKER accepts only 0 or 1", async () => {
    process.env.RENDER_IN_WORKER = "ja";
    const env = await freshEnv();
    expect(() => env()).toThrow(/RENDER_IN_WORKER moet 0 of 1 zijn/);
    process.env.RENDER_IN_WORKER = "0";
    process.env.RENDER_INLINE_BLOCKS = "40";
    expect((await freshEnv())()).toMatchObject({ RENDER_IN_WORKER: "0", RENDER_INLINE_BLOCKS: 40 });
  });
});
