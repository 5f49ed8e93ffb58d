import type { JSONContent } from "@tiptap/core";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { pointThemes, points, reactions, themes } from "~db/schema";
import type { Viewer } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { isUniqueViolation } from "~/lib/errors.server";
import { AnswerError } from "./answers.server";
import { rowsOf } from "./triage.server";

interface VisionScope {
  id: string;
  regionId: string;
}

function requireStaffOf(viewer: Viewer, vision: VisionScope) {
  if (!isStaff(viewer, vision.regionId)) throw new AnswerError("Alleen medewerkers van de regio kunnen thema's beheren.", "forbidden");
}

const duplicateTitle = "Er is al een thema met deze naam bij deze visie. Kies een andere naam.";

export async function listThemes(db: Db, visionId: string) {
  return db
    .select({
      id: themes.id,
      title: themes.title,
      summary: themes.summary,
      points: sql<number>`(select count(*) from ${pointThemes} pt where pt.theme_id = ${themes.id})`.mapWith(Number),
    })
    .from(themes)
    .where(eq(themes.visionId, visionId))
    .orderBy(asc(themes.title));
}

export async function getTheme(db: Db, visionId: string, themeId: string) {
  const [row] = await db.select().from(themes).where(and(eq(themes.id, themeId), eq(themes.visionId, visionId)));
  return row ?? null;
}

export const THEME_POINTS_PAGE_SIZE = 50;

/**
 * One page of the points of a theme (organisation code, then point number), for its page: one
 * query (point_themes_theme_idx), the total counted alongside by a window function. A page past the
 * end is empty with the true total.
 */
export async function pointsOfTheme(db: Db, themeId: string, page = 1, pageSize = THEME_POINTS_PAGE_SIZE) {
  const result = await db.execute(sql`
    select p.id, p.reference, o.name as organisation,
           case when length(p.plain_text) > 160 then left(p.plain_text, 160) || '…' else p.plain_text end as excerpt,
           count(*) over () as total
    from point_themes pt join points p on p.id = pt.point_id join reactions r on r.id = p.reaction_id
    join organisations o on o.id = r.organisation_id
    where pt.theme_id = ${themeId} order by o.code, p.number, p.id
    limit ${pageSize} offset ${(page - 1) * pageSize}`);
  const rows = rowsOf<{ id: string; reference: string; organisation: string; excerpt: string; total: number | string }>(result);
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && page > 1) {
    const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(pointThemes).where(eq(pointThemes.themeId, themeId));
    total = counted?.n ?? 0;
  }
  return { rows: rows.map(({ total: _total, ...row }) => row), total, page, pageSize };
}

export async function createTheme(db: Db, viewer: Viewer, vision: VisionScope, input: { title: string; summary: JSONContent | null; pointIds?: string[] }) {
  requireStaffOf(viewer, vision);
  const pointIds = await checkPoints(db, vision.id, input.pointIds ?? []);
  try {
    return await db.transaction(async (tx) => {
      const [theme] = await tx.insert(themes).values({ visionId: vision.id, title: input.title, summary: input.summary }).returning();
      if (pointIds.length) await tx.insert(pointThemes).values(pointIds.map((pointId) => ({ pointId, themeId: theme!.id }))).onConflictDoNothing();
      await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "theme.create", entityType: "theme", entityId: theme!.id, after: { ...theme, points: pointIds.length } });
      return theme!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AnswerError(duplicateTitle);
    throw error;
  }
}

export async function updateTheme(db: Db, viewer: Viewer, vision: VisionScope, themeId: string, input: { title: string; summary: JSONContent | null }) {
  requireStaffOf(viewer, vision);
  const before = await getTheme(db, vision.id, themeId);
  if (!before) throw new AnswerError("Dit thema bestaat niet (meer).", "not-found");
  try {
    return await db.transaction(async (tx) => {
      const [theme] = await tx.update(themes).set({ title: input.title, summary: input.summary }).where(eq(themes.id, themeId)).returning();
      await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "theme.update", entityType: "theme", entityId: themeId, before, after: theme });
      return theme!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AnswerError(duplicateTitle);
    throw error;
  }
}

export async function deleteTheme(db: Db, viewer: Viewer, vision: VisionScope, themeId: string) {
  requireStaffOf(viewer, vision);
  const before = await getTheme(db, vision.id, themeId);
  if (!before) throw new AnswerError("Dit thema bestaat niet (meer).", "not-found");
  await db.transaction(async (tx) => {
    await tx.delete(pointThemes).where(eq(pointThemes.themeId, themeId));
    await tx.delete(themes).where(eq(themes.id, themeId));
    await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "theme.delete", entityType: "theme", entityId: themeId, before });
  });
}

async function checkPoints(db: Db, visionId: string, pointIds: string[]) {
  const unique = [...new Set(pointIds)];
  if (unique.length === 0) return [];
  const rows = await db
    .select({ id: points.id })
    .from(points)
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .where(and(eq(points.visionId, visionId), inArray(points.id, unique), eq(reactions.status, "submitted")));
  if (rows.length !== unique.length) throw new AnswerError("Een of meer punten horen niet bij deze visie. Er is niets gewijzigd.", "not-found");
  return unique;
}

/** Adds points to a theme (points already in it stay once). */
export async function addPointsToTheme(db: Db, viewer: Viewer, vision: VisionScope, themeId: string, pointIds: string[]) {
  requireStaffOf(viewer, vision);
  const theme = await getTheme(db, vision.id, themeId);
  if (!theme) throw new AnswerError("Kies een bestaand thema van deze visie.", "not-found");
  const ids = await checkPoints(db, vision.id, pointIds);
  if (ids.length === 0) throw new AnswerError("Vink eerst een of meer punten aan.");
  await db.transaction(async (tx) => {
    await tx.insert(pointThemes).values(ids.map((pointId) => ({ pointId, themeId }))).onConflictDoNothing();
    await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "theme.add-points", entityType: "theme", entityId: themeId, after: { points: ids } });
  });
  return ids.length;
}

export async function removePointFromTheme(db: Db, viewer: Viewer, vision: VisionScope, themeId: string, pointId: string) {
  requireStaffOf(viewer, vision);
  const theme = await getTheme(db, vision.id, themeId);
  if (!theme) throw new AnswerError("Dit thema bestaat niet (meer).", "not-found");
  await db.transaction(async (tx) => {
    const removed = await tx.delete(pointThemes).where(and(eq(pointThemes.themeId, themeId), eq(pointThemes.pointId, pointId))).returning();
    if (removed.length === 0) throw new AnswerError("Dit punt hoort niet (meer) bij het thema.", "not-found");
    await writeAudit(tx, { actorId: viewer.user.id, regionId: vision.regionId, action: "theme.remove-point", entityType: "theme", entityId: themeId, before: { pointId } });
  });
}

export interface ThemeSuggestion {
  word: string;
  organisations: number;
  points: Array<{ id: string; reference: string }>;
}

/**
 * Suggested themes from word overlap: word stems (lexemes of the Dutch configuration) that occur in
 * points of at least two organisations, with the points they would group; stems already used as a
 * theme title are left out.
 */
export async function themeSuggestions(db: Db, visionId: string, limit = 8): Promise<ThemeSuggestion[]> {
  const result = await db.execute<{ word: string; organisations: number | string; points: Array<{ id: string; reference: string }> }>(sql`
    with lexemes as (
      select p.id, p.reference, r.organisation_id, unnest(tsvector_to_array(p.search_vector)) as word
      from points p join reactions r on r.id = p.reaction_id
      where p.vision_id = ${visionId} and r.status = 'submitted'
    )
    select g.word, g.organisations, g.points,
           -- The word as most often written in those points, not its stem (opvoedondersteuning).
           (select w from points p2 cross join lateral regexp_split_to_table(lower(p2.plain_text), '[^[:alpha:]]+') w
            where p2.id = any(g.ids) and length(w) > 3 and tsvector_to_array(to_tsvector('herleidbaar_dutch', w)) = array[g.word]
            group by w order by count(*) desc, w limit 1) as surface
    from (
      select word, count(distinct organisation_id) as organisations, array_agg(distinct id) as ids,
             json_agg(json_build_object('id', id, 'reference', reference) order by reference) as points,
             count(*) as mentions
      from lexemes
      where length(word) > 3
        and not exists (select 1 from themes t where t.vision_id = ${visionId} and word = any(tsvector_to_array(to_tsvector('herleidbaar_dutch', t.title))))
      group by word
      having count(distinct organisation_id) >= 2
      order by count(distinct organisation_id) desc, count(*) desc, word
      limit ${limit}
    ) g
    order by g.organisations desc, g.mentions desc, g.word`);
  return rowsOf<{ word: string; surface: string | null; organisations: number | string; points: Array<{ id: string; reference: string }> | string }>(result).map((r) => ({
    word: r.surface ?? r.word,
    organisations: Number(r.organisations),
    points: typeof r.points === "string" ? JSON.parse(r.points) : r.points,
  }));
}

export interface ThemeCount {
  themeId: string;
  label: string;
  count: number;
}

/** Counts per theme: per section, per organisation type and per disposition; one aggregate query each. */
export async function themeCounts(db: Db, visionId: string) {
  const bySection = db.execute(sql`
    select pt.theme_id, coalesce(s.number || ' ', '') || coalesce(s.title, 'algemeen') as label, count(distinct p.id) as count
    from point_themes pt join themes t on t.id = pt.theme_id and t.vision_id = ${visionId}
    join points p on p.id = pt.point_id
    left join point_anchors pa on pa.point_id = p.id
    left join sections s on s.version_id = pa.version_id and s.key = pa.section_key
    group by pt.theme_id, label order by pt.theme_id, count desc, label`);
  const byOrganisationType = db.execute(sql`
    select pt.theme_id, o.type::text as label, count(distinct p.id) as count
    from point_themes pt join themes t on t.id = pt.theme_id and t.vision_id = ${visionId}
    join points p on p.id = pt.point_id join reactions r on r.id = p.reaction_id join organisations o on o.id = r.organisation_id
    group by pt.theme_id, o.type order by pt.theme_id, count desc, label`);
  const byDisposition = db.execute(sql`
    select pt.theme_id, coalesce(a.disposition::text, 'nog_niet') as label, count(distinct p.id) as count
    from point_themes pt join themes t on t.id = pt.theme_id and t.vision_id = ${visionId}
    join points p on p.id = pt.point_id left join answers a on a.point_id = p.id
    group by pt.theme_id, a.disposition order by pt.theme_id, count desc, label`);
  const shape = (result: unknown): ThemeCount[] =>
    rowsOf<{ theme_id: string; label: string; count: number | string }>(result).map((r) => ({ themeId: r.theme_id, label: r.label, count: Number(r.count) }));
  const [sectionRows, typeRows, dispositionRows] = await Promise.all([bySection, byOrganisationType, byDisposition]);
  return { bySection: shape(sectionRows), byOrganisationType: shape(typeRows), byDisposition: shape(dispositionRows) };
}
