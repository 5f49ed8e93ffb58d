import { existsSync, readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { DocumentBlock, ReportDocument } from "~/letters/letter-model";
import { RENDER_WORKER_NICE, renderDocx, renderPdf, renderWorkerRunning, stopRenderWorker } from "~/letters/render.server";
import { readDocx, readPdf } from "./render-helpers";

/** A Nota-sized report: `points` points, each a heading, a quoted reaction and an answer. */
function report(points: number): ReportDocument {
  const body: DocumentBlock[] = [];
  for (let i = 1; i <= points; i++) {
    body.push({ type: "heading", level: 2, text: `Punt P-${i}` });
    body.push({ type: "quote", content: { kind: "plain", text: `Wij vragen aandacht voor wachtlijsten (${i}). `.repeat(4) } });
    body.push({ type: "text", content: { kind: "plain", text: `Antwoord op punt P-${i}: de regio neemt dit over.` } });
  }
  return { type: "report", title: "Nota van beantwoording", publisher: "Jeugdhulp Rijnmond", date: "2026-11-24", body };
}

/** Runs `work` while a 5 ms timer ticks on this thread; returns the longest gap between ticks. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; elapsedMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const result = await work();
    // A render that never let the timer run shows up only here, as one gap as long as the render.
    stallMs = Math.max(stallMs, performance.now() - last);
    return { result, stallMs, elapsedMs: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

/** The nice value of every thread of this process (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): number[] {
  return readdirSync("/proc/self/task").map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

describe("rendering documents off the request thread", () => {
  afterAll(() => stopRenderWorker());

  it("a large PDF renders in the worker thread while this thread keeps answering", async () => {
    const nota = report(400);
    await renderPdf(report(1), { batch: true }); // starts the worker and loads its fonts
    const { result, stallMs, elapsedMs } = await longestStall(() => renderPdf(nota));
    expect(renderWorkerRunning()).toBe(true);
    const pdf = await readPdf(result);
    expect(pdf.text).toContain("Punt P-400");
    expect(pdf.hasStructTree).toBe(true);
    // Rendered on this thread, the timer could not tick for the whole render (hundreds of ms).
    expect(elapsedMs).toBeGreaterThan(150);
    expect(stallMs).toBeLessThan(elapsedMs / 2);
  });

  it.runIf(existsSync("/proc/self/task"))("the worker thread runs below the request threads' priority, and only it", async () => {
    await stopRenderWorker();
    expect(threadNiceValues()).not.toContain(RENDER_WORKER_NICE);
    await renderPdf(report(1), { batch: true });
    const values = threadNiceValues();
    // The worker's JavaScript thread; the main thread and libuv's and V8's helper threads keep theirs.
    expect(values.filter((nice) => nice === RENDER_WORKER_NICE)).toHaveLength(1);
    expect(values.filter((nice) => nice === 0).length).toBeGreaterThan(1);
  });

  it("the same render on this thread (RENDER_IN_WORKER=0) stalls it for the whole render", async () => {
    process.env.RENDER_IN_WORKER = "0";
    try {
      const { stallMs, elapsedMs } = await longestStall(() => renderPdf(report(400)));
      expect(stallMs).toBeGreaterThan(elapsedMs / 2);
    } finally {
      delete process.env.RENDER_IN_WORKER;
    }
  });

  it("a short document renders in this thread and does not start the worker", async () => {
    await stopRenderWorker();
    const pdf = await readPdf(await renderPdf(report(20)));
    expect(pdf.text).toContain("Punt P-20");
    expect(renderWorkerRunning()).toBe(false);
  });

  it("DOCX renders in the worker too, and concurrent renders each get their own document", async () => {
    const [a, b] = await Promise.all([renderDocx(report(3), { batch: true }), renderDocx(report(5), { batch: true })]);
    expect(renderWorkerRunning()).toBe(true);
    expect((await readDocx(a)).documentXml).toContain("Punt P-3");
    expect((await readDocx(a)).documentXml).not.toContain("Punt P-5");
    expect((await readDocx(b)).documentXml).toContain("Punt P-5");
  });

  it("a stopped worker is started again by the next render", async () => {
    await stopRenderWorker();
    expect(renderWorkerRunning()).toBe(false);
    const pdf = await readPdf(await renderPdf(report(2), { batch: true }));
    expect(pdf.text).toContain("Punt P-2");
    expect(renderWorkerRunning()).toBe(true);
  });

  it("a document the renderer refuses rejects with the renderer's own error, and the worker keeps working", async () => {
    const broken = { ...report(1), body: [{ type: "table", caption: "x", header: ["a"], rows: null }] } as unknown as ReportDocument;
    await expect(renderPdf(broken, { batch: true })).rejects.toThrow();
    expect((await readPdf(await renderPdf(report(1), { batch: true }))).text).toContain("Punt P-1");
  });
});
