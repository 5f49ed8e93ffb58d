/** What the HTTP server hands every loader and action (see server.js). */
export interface RequestContext {
  clientIp: string;
  cspNonce?: string;
  /** Appends a Set-Cookie header to whatever response Remix sends. */
  setCookie(cookie: string): void;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
