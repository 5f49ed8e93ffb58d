import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./components/nonce";
import { pageNeedsScripts, withoutDocumentOnlyFields } from "./lib/hydration";

// server.js reaches these through the build's entry module, so the database lives in one bundle.
export { startApp, stopApp } from "./lib/startup.server";
// worker.js (`npm run worker`) reaches the worker the same way.
export { startWorkerProcess, stopWorkerProcess } from "./email/process.server";
// server.js guards every loader and action with it: an unreachable database becomes a Dutch 503.
export { surviveDatabaseOutages, withDatabaseErrorPages } from "./lib/db-errors.server";
// server.js puts the whole-page cache for anonymous visitors in front of Remix.
export { publicPageCache } from "./lib/public-page-cache.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  if (!pageNeedsScripts(matchesOf(remixContext))) {
    // No scripts on this page, so the hydration data would be dead weight.
    remixContext.serverHandoffStream = undefined;
  } else {
    leaveDocumentOnlyFieldsOutOfHydration(remixContext);
  }
  return new Promise<Response>((resolve, reject) => {
    let rendered = false;
    // No page streams (no deferred data), so the document is rendered whole and sent as one buffer:
    // a 500 KB page streamed in React's 2 KB chunks cost hundreds of socket writes per request.
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          rendered = true;
          const chunks: Buffer[] = [];
          const document = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              clearTimeout(timeout);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(new Response(oneChunkStream(Buffer.concat(chunks)), { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Logged on the server only; the page shows a Dutch message without details.
          if (rendered) console.error(error);
        },
      },
    );
    const timeout = setTimeout(abort, ABORT_DELAY);
  });
}

/** A Response made from a buffer copies it; one made from a stream takes the chunk as it is. */
function oneChunkStream(body: Buffer) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(body);
      controller.close();
    },
  });
}

/**
 * Routes can name loader-data fields that only the server's render needs (hydration.ts,
 * `documentOnly`). Remix encodes the hydration data from the loader-data object it gave us, when
 * React first reads it (during the render below); the render itself reads
 * staticHandlerContext.loaderData. So the render gets a copy with every field, and the object Remix
 * encodes gets the route's data without those fields.
 */
function leaveDocumentOnlyFieldsOutOfHydration(remixContext: EntryContext) {
  const context = remixContext.staticHandlerContext;
  const encoded = context.loaderData;
  let rendered: typeof encoded | undefined;
  for (const match of context.matches) {
    const stripped = withoutDocumentOnlyFields(remixContext.routeModules[match.route.id]?.handle, encoded[match.route.id]);
    if (!stripped) continue;
    rendered ??= { ...encoded };
    encoded[match.route.id] = stripped;
  }
  if (rendered) context.loaderData = rendered;
}

function matchesOf(remixContext: EntryContext) {
  const { matches, loaderData } = remixContext.staticHandlerContext;
  return matches.map((match) => ({
    handle: remixContext.routeModules[match.route.id]?.handle,
    data: loaderData[match.route.id],
  }));
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
