import type { SQL } from "drizzle-orm";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { consultationRounds, organisations, pointAnchors, points, sections, themes, visionVersions } from "~db/schema";
import { memoByDataVersion } from "~/lib/data-version.server";
import type { Db } from "~/lib/db.server";
import { currentDatabase } from "~/lib/db.server";
import { isCurrentRevision } from "~/reactions/revisions.server";
import type { AnswerStatus, Disposition, TriageSort } from "./labels";
import type { TriageFilterInput } from "./schema.server";

export const TRIAGE_PAGE_SIZE = 50;

/** Marks around hits in ts_headline; characters that cannot occur in stored point text. */
const HIT_START = "\u0002";
const HIT_STOP = "\u0003";

/** A piece of highlighted text: rendered as plain text or inside <mark>, never as HTML. */
export interface TextSegment {
  text: string;
  hit: boolean;
}

export function splitHighlight(headline: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const pattern = new RegExp(`${HIT_START}([^${HIT_STOP}]*)${HIT_STOP}`, "g");
  let last = 0;
  for (const match of headline.matchAll(pattern)) {
    if (match.index > last) segments.push({ text: headline.slice(last, match.index), hit: false });
    segments.push({ text: match[1]!, hit: true });
    last = match.index + match[0].length;
  }
  if (last < headline.length) segments.push({ text: headline.slice(last), hit: false });
  return segments.filter((s) => s.text.length > 0);
}

export interface TriageRow {
  id: string;
  reference: string;
  kind: string;
  number: number;
  organisation: string;
  organisationType: string;
  reactionKind: string;
  isLate: boolean;
  submittedAt: Date | null;
  status: AnswerStatus;
  disposition: Disposition | null;
  assignee: string | null;
  sections: string[];
  themes: string[];
  excerpt: TextSegment[];
}

interface TriageSqlRow {
  id: string;
  reference: string;
  kind: string;
  number: number;
  organisation: string;
  organisation_type: string;
  reaction_kind: string;
  is_late: boolean;
  submitted_at: string | Date | null;
  status: AnswerStatus;
  disposition: Disposition | null;
  assignee: string | null;
  sections: string[] | null;
  themes: string[] | null;
  excerpt: string;
}

/**
 * The Dutch tsquery of a search box text. Snowball's Dutch stemmer leaves the z/s and v/f
 * alternation of plurals ("adviezen" → adviez, "advies" → advies; "brieven" → briev), so each
 * lexeme ending in one of them also matches its counterpart.
 */
export function dutchQuery(q: string): SQL {
  const base = sql`websearch_to_tsquery('herleidbaar_dutch', ${q})::text`;
  const zs = sql`regexp_replace(${base}, ${"'([^' ]+)[zs]'"}, ${"( '\\1z' | '\\1s' )"}, 'g')`;
  return sql`regexp_replace(${zs}, ${"'([^' ]+)[vf]'"}, ${"( '\\1v' | '\\1f' )"}, 'g')::tsquery`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `%` and `_` in a LIKE pattern stand for themselves (the escape character is the default backslash). */
function likeContains(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The organisation filter: an organisation id (older bookmarks and links), else the text of the
 * search field matched against the organisation's code (whole, any case) or name (any part, any case).
 */
function organisationCondition(organisatie: string): SQL {
  if (UUID.test(organisatie)) return sql`r.organisation_id = ${organisatie}`;
  return sql`(lower(o.code) = lower(${organisatie}) or o.name ilike ${likeContains(organisatie)})`;
}

/**
 * The text the organisation field shows: the filter as typed, or the code of the organisation an
 * older link names by id.
 */
export async function organisationFilterText(db: Db, organisatie: string | undefined): Promise<string> {
  if (!organisatie || !UUID.test(organisatie)) return organisatie ?? "";
  const [row] = await db.select({ code: organisations.code }).from(organisations).where(eq(organisations.id, organisatie));
  return row?.code ?? organisatie;
}

function filterConditions(visionId: string, filters: TriageFilterInput, viewerId: string): SQL[] {
  // isCurrentRevision: a corrected reaction's points drop out once its correction is submitted (issue 5).
  const where: SQL[] = [sql`p.vision_id = ${visionId}`, sql`r.status = 'submitted'`, isCurrentRevision(sql`r.status`)];
  if (filters.bron === "reactiebrief") where.push(sql`r.kind = 'reactiebrief'`);
  else if (filters.bron) where.push(sql`r.round_id = ${filters.bron}`);
  if (filters.onderdeel) where.push(sql`exists (select 1 from point_anchors pa where pa.point_id = p.id and pa.section_key = ${filters.onderdeel})`);
  if (filters.soort) where.push(sql`p.kind = ${filters.soort}`);
  if (filters.organisatie) where.push(organisationCondition(filters.organisatie));
  if (filters.type) where.push(sql`o.type = ${filters.type}`);
  if (filters.thema) where.push(sql`exists (select 1 from point_themes pt where pt.point_id = p.id and pt.theme_id = ${filters.thema})`);
  if (filters.status === "nieuw") where.push(sql`(a.status is null or a.status = 'nieuw')`);
  else if (filters.status) where.push(sql`a.status = ${filters.status}`);
  if (filters.toegewezen === "mij") where.push(sql`a.assignee_id = ${viewerId}`);
  else if (filters.toegewezen === "niemand") where.push(sql`a.assignee_id is null`);
  else if (filters.toegewezen) where.push(sql`a.assignee_id = ${filters.toegewezen}`);
  if (filters.laat) where.push(sql`r.is_late`);
  if (filters.q) where.push(sql`p.search_vector @@ ${dutchQuery(filters.q)}`);
  return where;
}

/**
 * Sort keys per order. Codes sort bytewise (collate "C"): cheaper than a linguistic collation and
 * references are ASCII. The last key (p.id) makes every order total, so pages never overlap.
 */
const sortKeys: Record<TriageSort, SQL> = {
  referentie: sql`o.code collate "C", p.number, p.id`,
  organisatie: sql`o.name, p.number, p.id`,
  onderdeel: sql`fs.position asc nulls last, o.code collate "C", p.number, p.id`,
  status: sql`case coalesce(a.status::text, 'nieuw') when 'nieuw' then 0 when 'in_behandeling' then 1 when 'beantwoord' then 2 else 3 end, o.code collate "C", p.number, p.id`,
  nieuwste: sql`r.submitted_at desc nulls last, o.code collate "C", p.number, p.id`,
};

/**
 * The ids of every point of the filtered list, in list order: every point of every submitted
 * reaction of the visie (the rounds' adviezen and reacties and councils' reactiebrieven alike).
 * Only the columns that filter and sort are read, so PostgreSQL sorts narrow rows.
 * (Exported so the benchmark can EXPLAIN ANALYZE exactly what the page runs.)
 */
export function triageIdsSql(visionId: string, filters: TriageFilterInput, viewerId: string): SQL {
  const where = sql.join(filterConditions(visionId, filters, viewerId), sql` and `);
  const bySection =
    filters.sorteer === "onderdeel"
      ? sql`left join (
          select pa.point_id, min(s.position) as position from point_anchors pa
          join sections s on s.version_id = pa.version_id and s.key = pa.section_key
          join vision_versions v on v.id = s.version_id and v.vision_id = ${visionId}
          group by pa.point_id) fs on fs.point_id = p.id`
      : sql``;
  return sql`
    select p.id
    from points p
    join reactions r on r.id = p.reaction_id
    join organisations o on o.id = r.organisation_id
    left join answers a on a.point_id = p.id
    ${bySection}
    where ${where}
    order by ${sortKeys[filters.sorteer]}`;
}

/**
 * The rows of one page, given their ids in list order: section titles, themes and the highlighted
 * excerpt are computed for these (at most 50) points only. The ids come from our own query; they
 * are passed as one uuid[] parameter.
 */
export function triageRowsSql(ids: string[], q: string | undefined): SQL {
  const excerpt = q
    ? sql`ts_headline('herleidbaar_dutch', p.plain_text, ${dutchQuery(q)}, ${`StartSel=${HIT_START}, StopSel=${HIT_STOP}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`})`
    : sql`case when length(p.plain_text) > 240 then left(p.plain_text, 240) || '…' else p.plain_text end`;
  return sql`
    select p.id, p.reference, p.kind, p.number, o.name as organisation, o.type as organisation_type,
           r.kind as reaction_kind, r.is_late, r.submitted_at, coalesce(a.status::text, 'nieuw') as status, a.disposition,
           u.name as assignee,
           array(select coalesce(s.number || ' ', '') || s.title from point_anchors pa join sections s on s.version_id = pa.version_id and s.key = pa.section_key
                 where pa.point_id = p.id order by s.position) as sections,
           array(select t.title from point_themes pt join themes t on t.id = pt.theme_id where pt.point_id = p.id order by t.title) as themes,
           ${excerpt} as excerpt
    from unnest(${`{${ids.join(",")}}`}::uuid[]) with ordinality as page(id, ord)
    join points p on p.id = page.id
    join reactions r on r.id = p.reaction_id
    join organisations o on o.id = r.organisation_id
    left join answers a on a.point_id = p.id
    left join users u on u.id = a.assignee_id
    order by page.ord`;
}

/** Everything the list of one filter depends on besides the data: the memo key of its ids. */
export function idsKey(visionId: string, filters: TriageFilterInput, viewerId: string) {
  const f = filters;
  const assignee = f.toegewezen === "mij" ? `mij:${viewerId}` : (f.toegewezen ?? "");
  return JSON.stringify(["triage-ids", visionId, f.bron, f.onderdeel, f.soort, f.organisatie, f.type, f.thema, f.status, assignee, f.laat, f.q, f.sorteer]);
}

/**
 * The ids of the whole filtered list, in order. Memoised while the data is unchanged (the data
 * version, see data-version.server.ts) when `db` is the app's own database: paging, the count and
 * going back to a list are then one small statement for the 50 rows. Inside a transaction or on
 * another database it is always computed.
 */
export async function triageIds(db: Db, visionId: string, filters: TriageFilterInput, viewerId: string): Promise<readonly string[]> {
  return memoOnAppDatabase(db, idsKey(visionId, filters, viewerId), async () => rowsOf<{ id: string }>(await db.execute(triageIdsSql(visionId, filters, viewerId))).map((r) => r.id));
}

/**
 * memoByDataVersion when `db` is the app's own database (its pool, outside a transaction); computed
 * every time otherwise (a transaction's uncommitted reads, or another database such as a benchmark's).
 */
export function memoOnAppDatabase<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  return currentDatabase()?.db === db ? memoByDataVersion(key, compute) : compute();
}

/**
 * One page of the triage list (50 rows by default) and the total of the whole filtered list.
 * Memoised like the ids: while nobody changes anything, showing the same page again (back to the
 * list after opening a point, or ten staff on the same list) runs no query for it at all.
 */
export async function listTriage(db: Db, visionId: string, filters: TriageFilterInput, viewerId: string, page = 1, pageSize = TRIAGE_PAGE_SIZE): Promise<TriagePage> {
  return memoOnAppDatabase(db, JSON.stringify([idsKey(visionId, filters, viewerId), page, pageSize]), () => computeTriagePage(db, visionId, filters, viewerId, page, pageSize));
}

export interface TriagePage {
  total: number;
  pageSize: number;
  rows: TriageRow[];
}

async function computeTriagePage(db: Db, visionId: string, filters: TriageFilterInput, viewerId: string, page: number, pageSize: number): Promise<TriagePage> {
  const ids = await triageIds(db, visionId, filters, viewerId);
  const pageIds = ids.slice((page - 1) * pageSize, page * pageSize);
  const rows = pageIds.length === 0 ? [] : rowsOf<TriageSqlRow>(await db.execute(triageRowsSql(pageIds, filters.q)));
  return {
    total: ids.length,
    pageSize,
    rows: rows.map(
      (r): TriageRow => ({
        id: r.id,
        reference: r.reference,
        kind: r.kind,
        number: Number(r.number),
        organisation: r.organisation,
        organisationType: r.organisation_type,
        reactionKind: r.reaction_kind,
        isLate: r.is_late,
        submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
        status: r.status,
        disposition: r.disposition,
        assignee: r.assignee,
        sections: r.sections ?? [],
        themes: r.themes ?? [],
        excerpt: filters.q ? splitHighlight(r.excerpt) : [{ text: r.excerpt, hit: false }],
      }),
    ),
  };
}

/** drizzle's execute returns rows directly (postgres.js) or in `.rows` (PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * The choices of the filter form: rounds, sections reacted on, themes (one query each). Organisations
 * are not offered as a list (a large region has thousands): the form has a text field for them.
 */
export async function triageFilterOptions(db: Db, visionId: string) {
  const [rounds, sectionRows, themeRows] = await Promise.all([
    db
      .select({ id: consultationRounds.id, label: visionVersions.label, answersPublishedAt: consultationRounds.answersPublishedAt })
      .from(consultationRounds)
      .innerJoin(visionVersions, eq(visionVersions.id, consultationRounds.versionId))
      .where(eq(visionVersions.visionId, visionId))
      .orderBy(asc(visionVersions.number)),
    // From the visie's sections (a few hundred) with an index probe each for an anchor of one of its
    // points, rather than joining every anchor of every point (20,000 in a large round).
    db
      .select({ key: sections.key, title: sections.title, number: sections.number, kind: sections.kind, position: sections.position })
      .from(sections)
      .innerJoin(visionVersions, eq(visionVersions.id, sections.versionId))
      .where(
        and(
          eq(visionVersions.visionId, visionId),
          sql`exists (select 1 from ${pointAnchors} pa join ${points} pp on pp.id = pa.point_id
                      where pa.section_key = ${sections.key} and pa.version_id = ${sections.versionId} and pp.vision_id = ${visionId})`,
        ),
      )
      .orderBy(asc(sections.position)),
    db.select({ id: themes.id, title: themes.title }).from(themes).where(eq(themes.visionId, visionId)).orderBy(asc(themes.title)),
  ]);
  const seenKeys = new Set<string>();
  return {
    rounds,
    // One entry per section key (a section in several versions): the first by position.
    sections: sectionRows.filter((row) => !seenKeys.has(row.key) && Boolean(seenKeys.add(row.key))),
    themes: themeRows,
  };
}

/** Point ids of the visie in the given list, for checking bulk selections. */
export async function pointIdsOfVision(db: Db, visionId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: points.id }).from(points).where(and(eq(points.visionId, visionId), inArray(points.id, ids)));
  return rows.map((r) => r.id);
}
