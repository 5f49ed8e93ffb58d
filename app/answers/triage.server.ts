import type { SQL } from "drizzle-orm";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { consultationRounds, organisations, pointAnchors, points, reactions, sections, themes, visionVersions } from "~db/schema";
import type { Db } from "~/lib/db.server";
import { isCurrentRevision } from "~/reactions/revisions.server";
import type { AnswerStatus, Disposition, TriageFilterInput, TriageSort } from "./schema";

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

function filterConditions(visionId: string, filters: TriageFilterInput, viewerId: string): SQL[] {
  // isCurrentRevision: a corrected reaction's points drop out once its correction is submitted (issue 5).
  const where: SQL[] = [sql`p.vision_id = ${visionId}`, sql`r.status = 'submitted'`, isCurrentRevision(sql`r.status`)];
  if (filters.bron === "reactiebrief") where.push(sql`r.kind = 'reactiebrief'`);
  else if (filters.bron) where.push(sql`r.round_id = ${filters.bron}`);
  if (filters.onderdeel) where.push(sql`exists (select 1 from point_anchors pa where pa.point_id = p.id and pa.section_key = ${filters.onderdeel})`);
  if (filters.soort) where.push(sql`p.kind = ${filters.soort}`);
  if (filters.organisatie) where.push(sql`r.organisation_id = ${filters.organisatie}`);
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
 * Sort keys per order, selected as k1..k4 in the page query so the outer select can keep the order.
 * Codes sort bytewise (collate "C"): cheaper than a linguistic collation and references are ASCII.
 */
const sortKeys: Record<TriageSort, Array<{ expr: SQL; dir: SQL }>> = {
  referentie: [
    { expr: sql`o.code collate "C"`, dir: sql`asc` },
    { expr: sql`p.number`, dir: sql`asc` },
    { expr: sql`p.id`, dir: sql`asc` },
  ],
  organisatie: [
    { expr: sql`o.name`, dir: sql`asc` },
    { expr: sql`p.number`, dir: sql`asc` },
    { expr: sql`p.id`, dir: sql`asc` },
  ],
  onderdeel: [
    { expr: sql`fs.position`, dir: sql`asc nulls last` },
    { expr: sql`o.code collate "C"`, dir: sql`asc` },
    { expr: sql`p.number`, dir: sql`asc` },
    { expr: sql`p.id`, dir: sql`asc` },
  ],
  status: [
    { expr: sql`case coalesce(a.status::text, 'nieuw') when 'nieuw' then 0 when 'in_behandeling' then 1 when 'beantwoord' then 2 else 3 end`, dir: sql`asc` },
    { expr: sql`o.code collate "C"`, dir: sql`asc` },
    { expr: sql`p.number`, dir: sql`asc` },
    { expr: sql`p.id`, dir: sql`asc` },
  ],
  nieuwste: [
    { expr: sql`r.submitted_at`, dir: sql`desc nulls last` },
    { expr: sql`o.code collate "C"`, dir: sql`asc` },
    { expr: sql`p.number`, dir: sql`asc` },
    { expr: sql`p.id`, dir: sql`asc` },
  ],
};

const fromClause = (visionId: string, sort: TriageSort) => sql`
      from points p
      join reactions r on r.id = p.reaction_id
      join organisations o on o.id = r.organisation_id
      left join answers a on a.point_id = p.id
      ${
        sort === "onderdeel"
          ? sql`left join (
          select pa.point_id, min(s.position) as position from point_anchors pa
          join sections s on s.version_id = pa.version_id and s.key = pa.section_key
          join vision_versions v on v.id = s.version_id and v.vision_id = ${visionId}
          group by pa.point_id) fs on fs.point_id = p.id`
          : sql``
      }`;

/**
 * One page of the triage list: every point of every submitted reaction of the visie (the rounds'
 * adviezen and reacties and councils' reactiebrieven alike), filtered and sorted, with the total
 * in the same query. Section titles, themes and the highlighted excerpt are computed for the 50
 * rows of the page only.
 */
/** The SQL of one triage page (exported so the benchmark can EXPLAIN ANALYZE exactly what the page runs). */
export function triageSql(visionId: string, filters: TriageFilterInput, viewerId: string, page = 1, pageSize = TRIAGE_PAGE_SIZE): SQL {
  const where = sql.join(filterConditions(visionId, filters, viewerId), sql` and `);
  const query = filters.q ? dutchQuery(filters.q) : null;
  const excerpt = query
    ? sql`ts_headline('herleidbaar_dutch', pp.plain_text, ${query}, ${`StartSel=${HIT_START}, StopSel=${HIT_STOP}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`})`
    : sql`case when length(pp.plain_text) > 240 then left(pp.plain_text, 240) || '…' else pp.plain_text end`;
  const keys = sortKeys[filters.sorteer];
  const keyColumns = sql.join(keys.map((k, i) => sql`${k.expr} as ${sql.raw(`k${i + 1}`)}`), sql`, `);
  const innerOrder = sql.join(keys.map((k, i) => sql`${sql.raw(`k${i + 1}`)} ${k.dir}`), sql`, `);
  const outerOrder = sql.join(keys.map((k, i) => sql`${sql.raw(`pg.k${i + 1}`)} ${k.dir}`), sql`, `);
  return sql`
    with pg as (
      select p.id, p.reference, p.kind, p.number, o.name as organisation, o.type as organisation_type,
             r.kind as reaction_kind, r.is_late, r.submitted_at, coalesce(a.status::text, 'nieuw') as status, a.disposition,
             a.assignee_id, ${keyColumns}
      ${fromClause(visionId, filters.sorteer)}
      where ${where}
      order by ${innerOrder}
      limit ${pageSize} offset ${(page - 1) * pageSize}
    )
    select pg.id, pg.reference, pg.kind, pg.number, pg.organisation, pg.organisation_type, pg.reaction_kind, pg.is_late,
           pg.submitted_at, pg.status, pg.disposition, u.name as assignee,
           array(select coalesce(s.number || ' ', '') || s.title from point_anchors pa join sections s on s.version_id = pa.version_id and s.key = pa.section_key
                 where pa.point_id = pg.id order by s.position) as sections,
           array(select t.title from point_themes pt join themes t on t.id = pt.theme_id where pt.point_id = pg.id order by t.title) as themes,
           ${excerpt} as excerpt
    from pg
    join points pp on pp.id = pg.id
    left join users u on u.id = pg.assignee_id
    order by ${outerOrder}
  `;
}

export async function listTriage(db: Db, visionId: string, filters: TriageFilterInput, viewerId: string, page = 1, pageSize = TRIAGE_PAGE_SIZE) {
  const query = filters.q ? dutchQuery(filters.q) : null;
  // The page and the count are two cheap statements (a top-N sort and a count) rather than one
  // window over every match. A page that is not full already tells the total (it is the last page),
  // so the count only runs for a full page, or an empty page past the first (which keeps the total).
  const rows = rowsOf<TriageSqlRow>(await db.execute(triageSql(visionId, filters, viewerId, page, pageSize)));
  const offset = (page - 1) * pageSize;
  const total =
    rows.length > 0 && rows.length < pageSize ? offset + rows.length : rows.length === 0 && page <= 1 ? 0 : await countTriage(db, visionId, filters, viewerId);
  return {
    total,
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
        excerpt: query ? splitHighlight(r.excerpt) : [{ text: r.excerpt, hit: false }],
      }),
    ),
  };
}

/** The count of the whole filtered list (exported for the benchmark's EXPLAIN ANALYZE). */
export function triageCountSql(visionId: string, filters: TriageFilterInput, viewerId: string): SQL {
  const where = sql.join(filterConditions(visionId, filters, viewerId), sql` and `);
  return sql`
    select count(*) as n from points p join reactions r on r.id = p.reaction_id join organisations o on o.id = r.organisation_id
    left join answers a on a.point_id = p.id where ${where}`;
}

async function countTriage(db: Db, visionId: string, filters: TriageFilterInput, viewerId: string) {
  const result = await db.execute(triageCountSql(visionId, filters, viewerId));
  return Number(rowsOf<{ n: number | string }>(result)[0]?.n ?? 0);
}

/** drizzle's execute returns rows directly (postgres.js) or in `.rows` (PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The choices of the filter form: rounds, sections reacted on, organisations, themes (one query each). */
export async function triageFilterOptions(db: Db, visionId: string) {
  const [rounds, sectionRows, organisationRows, themeRows] = await Promise.all([
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
    db
      .selectDistinct({ id: organisations.id, name: organisations.name, type: organisations.type })
      .from(reactions)
      .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
      .where(and(eq(reactions.visionId, visionId), eq(reactions.status, "submitted")))
      .orderBy(asc(organisations.name)),
    db.select({ id: themes.id, title: themes.title }).from(themes).where(eq(themes.visionId, visionId)).orderBy(asc(themes.title)),
  ]);
  const seenKeys = new Set<string>();
  return {
    rounds,
    // One entry per section key (a section in several versions): the first by position.
    sections: sectionRows.filter((row) => !seenKeys.has(row.key) && Boolean(seenKeys.add(row.key))),
    organisations: organisationRows,
    themes: themeRows,
  };
}

/** Point ids of the visie in the given list, for checking bulk selections. */
export async function pointIdsOfVision(db: Db, visionId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: points.id }).from(points).where(and(eq(points.visionId, visionId), inArray(points.id, ids)));
  return rows.map((r) => r.id);
}
