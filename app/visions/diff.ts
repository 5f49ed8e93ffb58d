/**
 * The compare view's model: which sections of a visie were added, removed, moved or changed
 * between two versions, with word-level inline diffs of titles and text.
 *
 * Pure and isomorphic; no dependencies. The word diff is Myers' O(ND) algorithm on tokens (runs of
 * letters/digits, runs of whitespace, single other characters), so joining the tokens back always
 * reproduces both inputs exactly. When the edit distance is too large for the budget the diff falls
 * back to whole sentences and lines (changed groups of them are diffed word by word again when they
 * fit the budget, otherwise replaced as a whole), and ultimately to replacing everything between
 * the common beginning and end.
 */

export interface VersionSection {
  /** Stable across versions. */
  key: string;
  parentKey: string | null;
  /** Order among siblings (any numbers; only their order matters). */
  position: number;
  kind: string;
  number: string | null;
  title: string;
  plainText: string;
  html?: string | null;
}

export type DiffTokenType = "equal" | "insert" | "delete";

export interface DiffToken {
  type: DiffTokenType;
  text: string;
}

export type SectionChangeStatus = "added" | "removed" | "moved" | "changed" | "unchanged";

export interface SectionChange<S extends VersionSection = VersionSection> {
  key: string;
  /**
   * "changed" when title, text or kind differ (the section may also have moved: see `moved`);
   * "moved" when only its place changed; "added"/"removed" when it exists in one version only.
   */
  status: SectionChangeStatus;
  /** Parent changed, or order relative to its siblings (those in both versions) changed. */
  moved: boolean;
  titleChanged: boolean;
  older?: S;
  newer?: S;
  titleDiff: DiffToken[];
  textDiff: DiffToken[];
}

export interface ChangeSummary {
  added: number;
  removed: number;
  /** Sections with `moved` set, including those that also changed (so this overlaps `changed`). */
  moved: number;
  changed: number;
  unchanged: number;
}

export interface DiffOptions {
  /**
   * Maximum edit distance (inserted + deleted tokens) for the word-level diff before falling back
   * to sentences and lines. Default 1000; a work budget may stop the search earlier.
   */
  maxEditDistance?: number;
}

const DEFAULT_MAX_EDIT_DISTANCE = 1000;
/**
 * Work budget (Myers diagonal visits plus token comparisons) for the word-level attempt, and again
 * for the fallback: a few milliseconds each, so even a rewritten 1500-word section costs little.
 */
const STEPS_PER_ATTEMPT = 2_000_000;

interface Budget {
  steps: number;
}

const TOKEN_RE = /[\p{L}\p{N}\p{M}]+|\s+|[^\p{L}\p{N}\p{M}\s]/gu;

export function tokenizeWords(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/** Sentences and lines, each with its trailing punctuation and whitespace (for the fallback). */
function tokenizeSegments(text: string): string[] {
  return (text.match(/[^.!?…\n]*(?:[.!?…]+\s*|\n+|$)/g) ?? []).filter((segment) => segment !== "");
}

type Op = 0 | 1 | 2; // equal, insert, delete

interface Edit {
  op: Op;
  text: string;
}

/**
 * Myers' greedy O(ND) diff of two interned token arrays. Returns the edit script, or null when
 * the edit distance exceeds maxD. The trace of every round's furthest-reaching paths is kept in one
 * flat array (round d at offset d², diagonals −d..d), so memory is O(D²), which maxD keeps small.
 */
function myers(a: Int32Array, b: Int32Array, maxD: number, budget: Budget): Op[] | null {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > maxD) return null; // every script needs at least |n − m| edits
  const max = n + m;
  const offset = max + 1;
  const limit = Math.min(max, maxD);
  const v = new Int32Array(2 * max + 3);
  let trace = new Int32Array(Math.min((limit + 1) * (limit + 1), 1 << 16));
  let found = -1;
  let steps = 0;
  for (let d = 0; d <= limit && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      const left = v[offset + k - 1];
      const right = v[offset + k + 1];
      let x = k === -d || (k !== d && left < right) ? right : left + 1;
      let y = x - k;
      const snakeStart = x;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      steps += x - snakeStart + 1;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    budget.steps -= steps;
    steps = 0;
    if (found < 0 && budget.steps < 0) return null;
    const base = d * d;
    if (base + 2 * d + 1 > trace.length) {
      const grown = new Int32Array(Math.min((limit + 1) * (limit + 1), Math.max(trace.length * 2, base + 2 * d + 1)));
      grown.set(trace);
      trace = grown;
    }
    for (let k = -d; k <= d; k++) trace[base + d + k] = v[offset + k];
  }
  if (found < 0) return null;

  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    // Round d − 1 stored diagonal k at (d − 1)² + (d − 1) + k.
    const at = (d - 1) * (d - 1) + (d - 1);
    const k = x - y;
    const down = k === -d || (k !== d && trace[at + k - 1] < trace[at + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = trace[at + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(0);
      x--;
      y--;
    }
    ops.push(down ? 1 : 2);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push(0);
    x--;
    y--;
  }
  return ops.reverse();
}

/**
 * Diffs two token lists. When the edit distance exceeds the budget: null, or with
 * `replaceWhenOverBudget` the part between the common prefix and suffix as one replacement.
 */
function diffTokenLists(
  aTokens: string[],
  bTokens: string[],
  maxEditDistance: number,
  budget: Budget,
  replaceWhenOverBudget = false,
): Edit[] | null {
  let prefix = 0;
  while (prefix < aTokens.length && prefix < bTokens.length && aTokens[prefix] === bTokens[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < aTokens.length - prefix &&
    suffix < bTokens.length - prefix &&
    aTokens[aTokens.length - 1 - suffix] === bTokens[bTokens.length - 1 - suffix]
  ) {
    suffix++;
  }
  const aMid = aTokens.slice(prefix, aTokens.length - suffix);
  const bMid = bTokens.slice(prefix, bTokens.length - suffix);

  const edits: Edit[] = [];
  for (let i = 0; i < prefix; i++) edits.push({ op: 0, text: aTokens[i] });

  if (aMid.length === 0 || bMid.length === 0) {
    for (const text of aMid) edits.push({ op: 2, text });
    for (const text of bMid) edits.push({ op: 1, text });
  } else {
    const ids = new Map<string, number>();
    const intern = (tokens: string[]) => {
      const out = new Int32Array(tokens.length);
      tokens.forEach((token, i) => {
        let id = ids.get(token);
        if (id === undefined) {
          id = ids.size;
          ids.set(token, id);
        }
        out[i] = id;
      });
      return out;
    };
    const aIds = intern(aMid);
    const bIds = intern(bMid);
    const maxD = Math.min(maxEditDistance, Math.floor(Math.sqrt(2 * Math.max(0, budget.steps))));
    // Every token occurring more often on one side needs an edit: a cheap lower bound on D that
    // skips hopeless runs (rewritten text) without spending the budget.
    const balance = new Int32Array(ids.size);
    for (const id of aIds) balance[id]++;
    for (const id of bIds) balance[id]--;
    let lowerBound = 0;
    for (const count of balance) lowerBound += Math.abs(count);
    const ops = lowerBound > maxD ? null : myers(aIds, bIds, maxD, budget);
    if (!ops && !replaceWhenOverBudget) return null;
    if (!ops) {
      edits.push({ op: 2, text: aMid.join("") }, { op: 1, text: bMid.join("") });
    }
    let i = 0;
    let j = 0;
    for (const op of ops ?? []) {
      if (op === 0) {
        edits.push({ op, text: aMid[i++] });
        j++;
      } else if (op === 1) {
        edits.push({ op, text: bMid[j++] });
      } else {
        edits.push({ op, text: aMid[i++] });
      }
    }
  }

  for (let i = aTokens.length - suffix; i < aTokens.length; i++) edits.push({ op: 0, text: aTokens[i] });
  return edits;
}

type Run = { kind: "equal"; text: string } | { kind: "change"; del: string; ins: string };

/** Groups edits into alternating equal / change runs (deletions before insertions). */
function toRuns(edits: Edit[]): Run[] {
  const runs: Run[] = [];
  for (const edit of edits) {
    const last = runs[runs.length - 1];
    if (edit.op === 0) {
      if (last?.kind === "equal") last.text += edit.text;
      else runs.push({ kind: "equal", text: edit.text });
    } else {
      let change = last;
      if (change?.kind !== "change") {
        change = { kind: "change", del: "", ins: "" };
        runs.push(change);
      }
      if (edit.op === 2) change.del += edit.text;
      else change.ins += edit.text;
    }
  }
  return runs;
}

/**
 * Semantic cleanup (after diff-match-patch): an equality between two changes that is no longer
 * than the larger side of either change is folded into them, so a rewritten phrase shows as one
 * deletion and one insertion instead of a comb of single-word changes.
 */
function cleanupRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  const size = (run: Run) => (run.kind === "change" ? Math.max(run.del.length, run.ins.length) : 0);
  for (const run of runs) {
    if (run.kind === "equal") {
      const last = out[out.length - 1];
      if (last?.kind === "equal") last.text += run.text;
      else out.push({ ...run });
      continue;
    }
    let current: Run = { ...run };
    for (;;) {
      const equal = out[out.length - 1];
      const before = out[out.length - 2];
      if (
        equal?.kind !== "equal" ||
        before?.kind !== "change" ||
        current.kind !== "change" ||
        equal.text.length > size(before) ||
        equal.text.length > size(current)
      ) {
        break;
      }
      out.length -= 2;
      current = {
        kind: "change",
        del: before.del + equal.text + current.del,
        ins: before.ins + equal.text + current.ins,
      };
    }
    const last = out[out.length - 1];
    if (last?.kind === "change" && current.kind === "change") {
      last.del += current.del;
      last.ins += current.ins;
    } else {
      out.push(current);
    }
  }
  return out;
}

function runsToTokens(runs: Run[]): DiffToken[] {
  const tokens: DiffToken[] = [];
  for (const run of runs) {
    if (run.kind === "equal") {
      if (run.text) tokens.push({ type: "equal", text: run.text });
    } else {
      if (run.del) tokens.push({ type: "delete", text: run.del });
      if (run.ins) tokens.push({ type: "insert", text: run.ins });
    }
  }
  return tokens;
}

function diffToEdits(a: string, b: string, maxEditDistance: number): Edit[] {
  const words = diffTokenLists(tokenizeWords(a), tokenizeWords(b), maxEditDistance, { steps: STEPS_PER_ATTEMPT });
  if (words) return words;
  const budget: Budget = { steps: STEPS_PER_ATTEMPT };

  // Too many word edits: diff by sentences and lines (replacing everything between the common
  // first and last segments when even that is over budget), then diff words inside each changed
  // group: sentence by sentence when the group has as many old as new sentences, else the group as
  // a whole (unless that is the whole text again, which already failed).
  const segments = diffTokenLists(tokenizeSegments(a), tokenizeSegments(b), maxEditDistance, budget, true) ?? [];
  const wholeTextChanged = segments.every((edit) => edit.op !== 0);
  const edits: Edit[] = [];
  let deleted: string[] = [];
  let inserted: string[] = [];
  const flush = () => {
    if (deleted.length > 1 && deleted.length === inserted.length) {
      deleted.forEach((text, i) => {
        edits.push(
          ...(diffTokenLists(tokenizeWords(text), tokenizeWords(inserted[i]), maxEditDistance, budget, true) ?? []),
        );
      });
    } else {
      const limit = wholeTextChanged ? 0 : maxEditDistance;
      const group = diffTokenLists(
        tokenizeWords(deleted.join("")),
        tokenizeWords(inserted.join("")),
        limit,
        budget,
        true,
      );
      edits.push(...(group ?? []));
    }
    deleted = [];
    inserted = [];
  };
  for (const edit of segments) {
    if (edit.op === 0) {
      flush();
      edits.push(edit);
    } else if (edit.op === 2) deleted.push(edit.text);
    else inserted.push(edit.text);
  }
  flush();
  return edits;
}

/**
 * Word-level diff. Joining the `equal` and `delete` tokens gives `a`; joining `equal` and
 * `insert` gives `b`. Adjacent tokens never share a type, and within a change the deletion comes
 * before the insertion.
 */
export function diffWords(a: string, b: string, options: DiffOptions = {}): DiffToken[] {
  if (a === b) return a ? [{ type: "equal", text: a }] : [];
  const maxEditDistance = options.maxEditDistance ?? DEFAULT_MAX_EDIT_DISTANCE;
  return runsToTokens(cleanupRuns(toRuns(diffToEdits(a, b, maxEditDistance))));
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/**
 * Escaped HTML for a diff: inserted text in `<ins>`, deleted text in `<del>`. Line breaks are
 * kept as "\n"; render inside an element with `white-space: pre-wrap` to show them.
 */
export function renderDiffHtml(tokens: DiffToken[]): string {
  let html = "";
  for (const token of tokens) {
    const text = escapeHtml(token.text);
    if (token.type === "insert") html += `<ins>${text}</ins>`;
    else if (token.type === "delete") html += `<del>${text}</del>`;
    else html += text;
  }
  return html;
}

/** Sections in reading order: depth first, siblings by position (then input order). */
function readingOrder<S extends VersionSection>(sections: S[]): S[] {
  const byKey = new Map(sections.map((section) => [section.key, section]));
  const children = new Map<string | null, S[]>();
  sections.forEach((section) => {
    const parent = section.parentKey !== null && byKey.has(section.parentKey) ? section.parentKey : null;
    const list = children.get(parent) ?? [];
    list.push(section);
    children.set(parent, list);
  });
  for (const list of children.values()) {
    const index = new Map(list.map((section, i) => [section, i]));
    list.sort((x, y) => x.position - y.position || (index.get(x) ?? 0) - (index.get(y) ?? 0));
  }
  const order: S[] = [];
  const seen = new Set<string>();
  const visit = (section: S) => {
    if (seen.has(section.key)) return;
    seen.add(section.key);
    order.push(section);
    for (const child of children.get(section.key) ?? []) visit(child);
  };
  for (const root of children.get(null) ?? []) visit(root);
  // Sections on a parent cycle are unreachable from a root; keep them rather than losing them.
  for (const section of sections) visit(section);
  return order;
}

/** Keys of the longest common subsequence of two key sequences. */
function lcsKeys(a: string[], b: string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const keys = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      keys.add(a[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return keys;
}

function effectiveParent(section: VersionSection, keys: Map<string, VersionSection>): string | null {
  return section.parentKey !== null && keys.has(section.parentKey) ? section.parentKey : null;
}

/** Keys of sections in both versions whose parent or relative order among siblings changed. */
function movedKeys<S extends VersionSection>(olderOrder: S[], newerOrder: S[]): Set<string> {
  const olderByKey = new Map<string, VersionSection>(olderOrder.map((s) => [s.key, s]));
  const newerByKey = new Map<string, VersionSection>(newerOrder.map((s) => [s.key, s]));
  const moved = new Set<string>();
  // Siblings in reading order, restricted to sections under the same parent in both versions.
  const olderSiblings = new Map<string | null, string[]>();
  const newerSiblings = new Map<string | null, string[]>();
  for (const section of newerOrder) {
    const previous = olderByKey.get(section.key);
    if (!previous) continue;
    const parent = effectiveParent(section, newerByKey);
    if (parent !== effectiveParent(previous, olderByKey)) {
      moved.add(section.key);
      continue;
    }
    newerSiblings.set(parent, [...(newerSiblings.get(parent) ?? []), section.key]);
  }
  for (const section of olderOrder) {
    const current = newerByKey.get(section.key);
    if (!current || moved.has(section.key)) continue;
    const parent = effectiveParent(section, olderByKey);
    olderSiblings.set(parent, [...(olderSiblings.get(parent) ?? []), section.key]);
  }
  for (const [parent, newerKeys] of newerSiblings) {
    const kept = lcsKeys(olderSiblings.get(parent) ?? [], newerKeys);
    for (const key of newerKeys) if (!kept.has(key)) moved.add(key);
  }
  return moved;
}

function wholeText(type: "insert" | "delete" | "equal", text: string): DiffToken[] {
  return text ? [{ type, text }] : [];
}

/**
 * Section changes between two versions, in reading order of the newer version; removed sections
 * appear where they used to be (after their former previous sibling's subtree, or right after
 * their former parent when they were its first child).
 *
 * Changes in `number` alone (renumbering) and in `html` alone are not reported as changes; a
 * change of `kind` is (with empty diffs when title and text are equal).
 */
export function compareVersions<S extends VersionSection>(older: S[], newer: S[]): SectionChange<S>[] {
  const olderOrder = readingOrder(older);
  const newerOrder = readingOrder(newer);
  const olderByKey = new Map(olderOrder.map((s) => [s.key, s]));
  const newerByKey = new Map(newerOrder.map((s) => [s.key, s]));
  const moved = movedKeys(olderOrder, newerOrder);

  const changes = new Map<string, SectionChange<S>>();
  for (const section of newerOrder) {
    const previous = olderByKey.get(section.key);
    if (!previous) {
      changes.set(section.key, {
        key: section.key,
        status: "added",
        moved: false,
        titleChanged: false,
        newer: section,
        titleDiff: wholeText("insert", section.title),
        textDiff: wholeText("insert", section.plainText),
      });
      continue;
    }
    const titleChanged = previous.title !== section.title;
    const textChanged = previous.plainText !== section.plainText;
    const changed = titleChanged || textChanged || previous.kind !== section.kind;
    const isMoved = moved.has(section.key);
    changes.set(section.key, {
      key: section.key,
      status: changed ? "changed" : isMoved ? "moved" : "unchanged",
      moved: isMoved,
      titleChanged,
      older: previous,
      newer: section,
      titleDiff: diffWords(previous.title, section.title),
      textDiff: diffWords(previous.plainText, section.plainText),
    });
  }

  // Place removed sections, in older reading order, relative to their former neighbours.
  const order: string[] = newerOrder.map((s) => s.key);
  const parentOf = (key: string): string | null => {
    const section = newerByKey.get(key) ?? olderByKey.get(key);
    if (!section) return null;
    return effectiveParent(section, newerByKey.has(key) ? newerByKey : olderByKey);
  };
  const isWithin = (key: string, ancestor: string): boolean => {
    const seen = new Set<string>();
    for (let current = parentOf(key); current !== null && !seen.has(current); current = parentOf(current)) {
      if (current === ancestor) return true;
      seen.add(current);
    }
    return false;
  };
  const olderSiblings = new Map<string | null, S[]>();
  for (const section of olderOrder) {
    const parent = effectiveParent(section, olderByKey);
    olderSiblings.set(parent, [...(olderSiblings.get(parent) ?? []), section]);
  }
  for (const section of olderOrder) {
    if (newerByKey.has(section.key)) continue;
    const parent = effectiveParent(section, olderByKey);
    // The nearest earlier sibling that did not move away (or was removed as well).
    const siblings = olderSiblings.get(parent) ?? [];
    const previousSibling = siblings
      .slice(0, siblings.indexOf(section))
      .reverse()
      .find((sibling) => !newerByKey.has(sibling.key) || !moved.has(sibling.key));
    let insertAt: number;
    if (previousSibling) {
      insertAt = order.indexOf(previousSibling.key) + 1;
      while (insertAt < order.length && isWithin(order[insertAt], previousSibling.key)) insertAt++;
    } else if (parent !== null) {
      insertAt = order.indexOf(parent) + 1;
    } else {
      insertAt = 0;
    }
    order.splice(insertAt, 0, section.key);
    changes.set(section.key, {
      key: section.key,
      status: "removed",
      moved: false,
      titleChanged: false,
      older: section,
      titleDiff: wholeText("delete", section.title),
      textDiff: wholeText("delete", section.plainText),
    });
  }

  return order.map((key) => changes.get(key)).filter((change): change is SectionChange<S> => !!change);
}

export function summariseChanges(changes: SectionChange[]): ChangeSummary {
  const summary: ChangeSummary = { added: 0, removed: 0, moved: 0, changed: 0, unchanged: 0 };
  for (const change of changes) {
    if (change.moved) summary.moved++;
    if (change.status !== "moved") summary[change.status]++;
  }
  return summary;
}
