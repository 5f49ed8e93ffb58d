import { setPriority } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { renderDocx as renderDocxInThisThread } from "./docx.server";
import type { PrintDocument } from "./letter-model";
import { renderPdf as renderPdfInThisThread } from "./pdf.server";

/**
 * PDF and DOCX rendering off the request thread. pdfkit and docx are synchronous CPU work: while a
 * render runs, the process answers no other request. A letter of 20 points takes 30–60 ms, which is
 * acceptable inline; a Nota van beantwoording of a large round takes seconds, and the render-all job
 * renders hundreds of letters in a row (page latency rose 3.7× while it ran). Those go to one worker
 * thread per process: long documents (more than RENDER_INLINE_BLOCKS blocks, default 120) and every render asked for
 * with `{ batch: true }`. The worker loads this very module (the server build in production, the
 * TypeScript source through tsx in tests and scripts), starts on first use (~1 s) and stops after
 * IDLE_MS without work, because it holds a second copy of the server code and its own heap (~100–150
 * MB while rendering). RENDER_IN_WORKER=0 renders everything in the calling thread.
 */

type Format = "pdf" | "docx";
type Request = { id: number; format: Format; document: PrintDocument };
type Reply = { id: number; bytes: Uint8Array } | { id: number; error: string };

const WORKER_ROLE = "herleidbaar-document-renderer";
const IDLE_MS = 30_000;
/** Body blocks up to which a document renders inline (a 20-point antwoordbrief has ~80). */
const inlineBlocks = () => Number(process.env.RENDER_INLINE_BLOCKS ?? 120);

export interface RenderOptions {
  /** One of many renders in a row (a background job): always in the worker. */
  batch?: boolean;
}
const renderInThisThread: Record<Format, (document: PrintDocument) => Promise<Uint8Array>> = {
  pdf: renderPdfInThisThread,
  docx: renderDocxInThisThread,
};

export function renderPdf(document: PrintDocument, options: RenderOptions = {}): Promise<Uint8Array> {
  return render("pdf", document, options);
}

export function renderDocx(document: PrintDocument, options: RenderOptions = {}): Promise<Uint8Array> {
  return render("docx", document, options);
}

function render(format: Format, document: PrintDocument, options: RenderOptions): Promise<Uint8Array> {
  const inWorker = options.batch || document.body.length > inlineBlocks();
  if (!inWorker || process.env.RENDER_IN_WORKER === "0") return renderInThisThread[format](document);
  return renderer().request(format, document);
}

/**
 * Renders are background work: on a busy machine the request threads go first (on Linux a nice
 * value belongs to a thread, so this lowers only the worker's). With two cores, a render worker at
 * the same priority took a whole core from the pages, and their p95 doubled while the render-all job
 * ran. Where the system refuses, the worker simply runs at normal priority.
 */
export const RENDER_WORKER_NICE = 10;

function runBelowRequestThreads() {
  try {
    setPriority(0, RENDER_WORKER_NICE);
  } catch {
    // Not allowed here (another system): rendering works the same, only with normal priority.
  }
}

// ---- worker side -------------------------------------------------------------------------------

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === WORKER_ROLE) {
  const port = parentPort!;
  runBelowRequestThreads();
  port.on("message", async ({ id, format, document }: Request) => {
    try {
      const rendered = await renderInThisThread[format](document);
      // A copy owns its whole ArrayBuffer (a Buffer may be a slice of a shared pool), so it can move.
      const bytes = new Uint8Array(rendered);
      port.postMessage({ id, bytes } satisfies Reply, [bytes.buffer]);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
    }
  });
}

// ---- request side ------------------------------------------------------------------------------

type Pending = { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void };

class RenderWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  request(format: Format, document: PrintDocument): Promise<Uint8Array> {
    const worker = this.worker ?? this.start();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A waiting render keeps the process alive; an idle worker does not.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, format, document } satisfies Request);
    });
  }

  /** Stops the worker now (tests; shutdown). Renders still waiting fail. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const stopped = new Error("De documentverwerker is gestopt.");
    for (const waiting of this.pending.values()) waiting.reject(stopped);
    this.pending.clear();
    if (worker) await worker.terminate();
  }

  get running(): boolean {
    return this.worker !== null;
  }

  private start(): Worker {
    const url = new URL(import.meta.url);
    const options = { workerData: { role: WORKER_ROLE } };
    // The server build is plain JavaScript; the TypeScript source (tests, tsx scripts) is loaded
    // through tsx's loader, which Node 20 does not apply to a worker's own entry file.
    const worker = url.pathname.endsWith(".ts")
      ? new Worker(
          `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`,
          { ...options, eval: true },
        )
      : new Worker(url, options);
    worker.unref();
    worker.on("message", (reply: Reply) => this.settle(reply));
    worker.on("error", (error) => this.failAll(worker, error));
    worker.on("exit", (code) => this.failAll(worker, new Error(`De documentverwerker stopte (code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply) {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if ("error" in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.bytes);
    if (this.pending.size === 0) this.becomeIdle();
  }

  private becomeIdle() {
    const worker = this.worker;
    if (!worker) return;
    worker.unref();
    this.idleTimer = setTimeout(() => {
      if (this.worker === worker && this.pending.size === 0) void this.stop();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private failAll(worker: Worker, error: Error) {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

let shared: RenderWorker | null = null;

function renderer(): RenderWorker {
  shared ??= new RenderWorker();
  return shared;
}

/** Whether this process has a render worker running (tests). */
export function renderWorkerRunning(): boolean {
  return shared?.running ?? false;
}

/** Stops this process's render worker, if any (tests; shutdown). */
export async function stopRenderWorker(): Promise<void> {
  await shared?.stop();
}
