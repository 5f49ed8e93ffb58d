import type { JSONContent } from "@tiptap/core";
import { sql } from "drizzle-orm";
import { plainTextOf } from "~/editor/plain-text";
import type { Db } from "~/lib/db.server";
import type { AnswerStatus, Disposition } from "./labels";
import { isCurrentRevision } from "~/reactions/revisions.server";
import { rowsOf } from "./triage.server";

export interface SimilarPoint {
  id: string;
  reference: string;
  organisation: string;
  excerpt: string;
  /** Section titles both points are anchored to. */
  sharedSections: string[];
  /** Word stems (Dutch lexemes) both points contain. */
  sharedWords: string[];
  /** pg_trgm similarity of the two texts, 0..1. */
  similarity: number;
  answer: { id: string; status: AnswerStatus; disposition: Disposition | null; excerpt: string } | null;
}

/**
 * Other submitted points of the visie (newest revision of each reaction) that resemble this one,
 * computed in the database: anchored to the same section, similar text (pg_trgm), or sharing at least
 * two word stems (tsvector lexemes).
 * Each result says why, so staff can judge before reusing an answer.
 */
export async function similarPoints(db: Db, visionId: string, pointId: string, limit = 8): Promise<SimilarPoint[]> {
  const result = await db.execute(sql`
    with me as (
      select p.id, p.plain_text, p.search_vector,
             -- The point's own stems as an OR query; stems of three letters or fewer say little.
             (select to_tsquery('simple', string_agg(quote_literal(lx), ' | '))
                from unnest(tsvector_to_array(p.search_vector)) lx where length(lx) > 3) as words
      from points p where p.id = ${pointId} and p.vision_id = ${visionId}
    ),
    -- First cut through the indexes, so a visie of 20,000 points scores hundreds, not all of them:
    -- points anchored to the same section (point_anchors_section_idx) and the points sharing most
    -- stems (points_search_idx, best 200 by rank). Text similar enough to count (pg_trgm >= 0.3)
    -- shares stems, so it is in the second set; a trigram index search with a whole point as the
    -- query was the slow part (0.7 s at 5,000 points), so similarity is computed on the shortlist only.
    shortlist as (
      select pa2.point_id as id
      from me
      join point_anchors pa1 on pa1.point_id = me.id
      join point_anchors pa2 on pa2.section_key = pa1.section_key
      union
      select id from (
        select p2.id from me join points p2 on p2.vision_id = ${visionId} and p2.search_vector @@ me.words
        order by ts_rank(p2.search_vector, me.words) desc
        limit 200
      ) by_words
    ),
    -- The shortlisted points by primary key, one at a time: a few hundred index lookups, where a hash
    -- join read all points of the visie (~45 ms at 20,000 points).
    shortlisted as (
      select p2.id, p2.reference, p2.plain_text, p2.search_vector, p2.reaction_id
      from shortlist sl
      cross join lateral (select p.id, p.reference, p.plain_text, p.search_vector, p.reaction_id from points p where p.id = sl.id and p.vision_id = ${visionId} offset 0) p2
    ),
    -- Materialized: the shared sections, shared words and similarity of each candidate are computed
    -- once, not again for the filter and the score (half the subquery runs).
    candidates as materialized (
      select p2.id, p2.reference, p2.plain_text, o.name as organisation,
             similarity(p2.plain_text, me.plain_text) as similarity,
             array(
               select distinct coalesce(s.number || ' ', '') || s.title
               from point_anchors pa1
               join point_anchors pa2 on pa2.section_key = pa1.section_key and pa2.point_id = p2.id
               join sections s on s.version_id = pa2.version_id and s.key = pa2.section_key
               where pa1.point_id = me.id
             ) as shared_sections,
             array(
               select lexeme from (
                 select unnest(tsvector_to_array(me.search_vector)) as lexeme
                 intersect
                 select unnest(tsvector_to_array(p2.search_vector))
               ) shared where length(lexeme) > 3 order by lexeme
             ) as shared_words
      from me
      join shortlisted p2 on p2.id <> me.id
      join reactions r on r.id = p2.reaction_id and r.status = 'submitted' and ${isCurrentRevision(sql`r.status`)}
      join organisations o on o.id = r.organisation_id
    )
    select f.id, f.reference, f.organisation, f.similarity, f.shared_sections, f.excerpt, f.answer_id, f.answer_status, f.disposition, f.answer_body,
           -- Show the words as written in this point, not their stems (opvoedondersteuning, not opvoedondersteun).
           array(
             select min(w) from (select lx from unnest(f.shared_words) lx) shared
             join lateral (
               select w from regexp_split_to_table(lower((select plain_text from me)), '[^[:alpha:]]+') w
               where length(w) > 3 and tsvector_to_array(to_tsvector('herleidbaar_dutch', w)) = array[shared.lx]
             ) words on true
             group by shared.lx order by min(w)
           ) as shared_words
    from (
      select c.id, c.reference, c.organisation, c.similarity, c.shared_sections, c.shared_words,
             case when length(c.plain_text) > 200 then left(c.plain_text, 200) || '…' else c.plain_text end as excerpt,
             a.id as answer_id, a.status as answer_status, a.disposition, a.body as answer_body,
             (case when cardinality(c.shared_sections) > 0 then 1 else 0 end) + c.similarity + least(cardinality(c.shared_words), 10) * 0.05 as score
      from candidates c
      left join answers a on a.point_id = c.id
      where cardinality(c.shared_sections) > 0 or c.similarity >= 0.3 or cardinality(c.shared_words) >= 2
      order by score desc, c.reference
      limit ${limit}
    ) f
    order by f.score desc, f.reference
  `);
  return rowsOf<{
    id: string;
    reference: string;
    organisation: string;
    excerpt: string;
    shared_sections: string[] | null;
    shared_words: string[] | null;
    similarity: number | string;
    answer_id: string | null;
    answer_status: AnswerStatus | null;
    disposition: Disposition | null;
    answer_body: JSONContent | null;
  }>(result).map((r) => ({
    id: r.id,
    reference: r.reference,
    organisation: r.organisation,
    excerpt: r.excerpt,
    sharedSections: r.shared_sections ?? [],
    sharedWords: (r.shared_words ?? []).slice(0, 12),
    similarity: Math.round(Number(r.similarity) * 100) / 100,
    answer: r.answer_id ? { id: r.answer_id, status: r.answer_status!, disposition: r.disposition, excerpt: excerptOf(r.answer_body) } : null,
  }));
}

function excerptOf(body: JSONContent | null) {
  if (!body) return "";
  const text = plainTextOf(body);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
