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
