/**
 * Read-only pages need no JavaScript: a route can say so in its `handle`, and then the page is sent
 * without scripts and without the hydration data (which would repeat every section's HTML a second
 * time). Links and GET forms work as they are.
 *
 * `scripts: false` always; a function decides from the route's loader data (e.g. the reading page
 * needs its quote buttons only for someone with a draft reaction).
 */
export interface ScriptsHandle {
  scripts?: false | ((data: unknown) => boolean);
  /**
   * Fields of the loader data that are only needed for the server's render of the document (large
   * static HTML such as a list's rows): they are left out of the hydration data, and the component
   * must render without them on the client until a client navigation brings them (see
   * documentOnlyLoaderData). Client navigations' data requests carry them as usual.
   */
  documentOnly?: readonly string[];
}

export interface MatchForScripts {
  handle?: unknown;
  data?: unknown;
}

export function pageNeedsScripts(matches: MatchForScripts[]): boolean {
  const leaf = matches[matches.length - 1];
  if (!leaf) return true;
  const handle = leaf.handle as ScriptsHandle | undefined;
  if (handle?.scripts === undefined) return true;
  if (handle.scripts === false) return false;
  return handle.scripts(leaf.data);
}

/**
 * The route's loader data without its `documentOnly` fields, for the hydration data of a document
 * request; undefined when the route has none (the data is sent as it is).
 */
export function withoutDocumentOnlyFields(handle: unknown, data: unknown): Record<string, unknown> | undefined {
  const fields = (handle as ScriptsHandle | undefined)?.documentOnly;
  if (!fields?.length || !data || typeof data !== "object") return undefined;
  const stripped: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const field of fields) delete stripped[field];
  return stripped;
}
