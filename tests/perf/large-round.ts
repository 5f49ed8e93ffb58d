// Generator for a large consultation round (issue 6 benchmark, issue 9 "large-region generator"):
// one region with staff, a published visie with a round, N organisations each with one submitted
// reaction of M points (anchored, Dutch text), and answers in every status. Bulk SQL, so 20,000
// points take seconds, not minutes. Deterministic (setseed).
import { sql } from "drizzle-orm";
import type { Db } from "~/lib/db.server";
import { getDraft, listSections, publishDraft } from "~/visions/visions.server";
import { createRegionRecord, createUserRecord } from "../factories";
import { createVisionWithDraft } from "../factories/visions";

/** Words the generated points are made of: enough domain vocabulary for realistic search and stemming. */
export const VOCABULARY = [
  "wachtlijst", "wachtlijsten", "jeugdhulp", "preventie", "opvoedondersteuning", "ouders", "jongeren", "school", "onderwijs",
  "casusregie", "lokale", "teams", "gezin", "gezinnen", "hulpverlener", "specialistische", "zorg", "advies", "adviezen",
  "wijk", "kinderopvang", "huisarts", "samenwerking", "netwerk", "sociale", "bestaanszekerheid", "schulden", "veilig",
  "thuis", "wachttijd", "regels", "inkoop", "aanbieders", "personeel", "tekort", "vroegsignalering", "nabij", "passend",
  "ervaringsdeskundigen", "meepraten", "uitvoeringsplan", "begeleiding", "pleegzorg", "residentiële", "toegang",
  "het", "de", "een", "voor", "met", "van", "en", "in", "op", "is", "te", "lang", "beter", "moet", "worden", "meer", "minder",
];

export interface LargeRoundOptions {
  reactions: number;
  pointsPerReaction: number;
}

export async function generateLargeRound(db: Db, options: LargeRoundOptions) {
  const { region, regionOrganisation } = await createRegionRecord(db, { name: "Benchregio", slug: `bench-${Date.now().toString(36)}` });
  const staff = await createUserRecord(db, { name: "Bench Redacteur", memberships: [{ organisationId: regionOrganisation.id, role: "staff_editor" }] });
  const vision = await createVisionWithDraft(db, staff.id, region.id);
  const versionId = (await getDraft(db, vision.id))!.id;
  const { roundId } = await publishDraft(db, staff.id, region.id, vision.id, {
    label: "eerste concept",
    isDefinitive: false,
    round: { opensAt: new Date("2026-01-01"), closesAt: new Date("2026-03-01"), visibility: "registered", acceptsLate: true, invitees: [], reference: "BENCH" },
  });
  const sectionKeys = (await listSections(db, versionId)).map((s) => s.key);
  const words = sql`array[${sql.join(VOCABULARY.map((w) => sql`${w}`), sql`, `)}]::text[]`;
  const keys = sql`array[${sql.join(sectionKeys.map((k) => sql`${k}`), sql`, `)}]::uuid[]`;
  const types = sql`array['adviesraad','aanbieder','ervaringsdeskundigen','ketenpartner','clientenraad']::organisation_type[]`;
  await db.execute(sql`select setseed(0.42)`);
  await db.execute(sql`
    insert into organisations (region_id, type, name, code)
    select ${region.id}, (${types})[1 + g % 5], 'Organisatie ' || lpad(g::text, 5, '0'), 'B' || lpad(g::text, 5, '0')
    from generate_series(1, ${options.reactions}) g`);
  await db.execute(sql`
    insert into reactions (vision_id, round_id, version_id, organisation_id, kind, status, submitted_at, is_late, subject)
    select ${vision.id}, ${roundId}, ${versionId}, o.id, case when o.type = 'adviesraad' then 'advies'::reaction_kind else 'reactie'::reaction_kind end,
           'submitted', timestamptz '2026-02-01' + (row_number() over (order by o.code)) * interval '1 minute', (row_number() over (order by o.code)) % 10 = 0, 'Reactie'
    from organisations o where o.region_id = ${region.id} and o.type <> 'regio'`);
  await db.execute(sql`
    insert into points (reaction_id, vision_id, number, reference, kind, body, plain_text)
    select r.id, ${vision.id}, n, o.code || '-' || n, (array['vraag','aandachtspunt','wijzigingsvoorstel','steun','bezwaar']::point_kind[])[1 + (n + length(o.code)) % 5],
           jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', t.text))))),
           t.text
    from reactions r join organisations o on o.id = r.organisation_id
    cross join generate_series(1, ${options.pointsPerReaction}) n
    cross join lateral (
      select initcap(array_to_string(array(select (${words})[1 + floor(random() * ${VOCABULARY.length})::int] from generate_series(1, 18 + (n % 10)) w where w > 0 * n), ' ')) || '.' as text
    ) t
    where r.vision_id = ${vision.id}`);
  await db.execute(sql`
    insert into point_anchors (point_id, section_key, version_id)
    select p.id, (${keys})[1 + (abs(hashtext(p.reference)) % ${sectionKeys.length})], ${versionId}
    from points p where p.vision_id = ${vision.id}`);
  await db.execute(sql`
    insert into answers (point_id, status, assignee_id, disposition, body)
    select p.id, (array['in_behandeling','beantwoord','vastgesteld']::answer_status[])[1 + abs(hashtext(p.reference)) % 3],
           case when abs(hashtext(p.reference)) % 2 = 0 then ${staff.id}::uuid end,
           (array['overgenomen','deels_overgenomen','niet_overgenomen','meegenomen_in_uitvoeringsplan','voor_kennisgeving']::disposition[])[1 + abs(hashtext(p.reference || 'd')) % 5],
           jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Antwoord.')))))
    from points p where p.vision_id = ${vision.id} and abs(hashtext(p.reference || 'a')) % 5 < 2`);
  await db.execute(sql`analyze`);
  return { regionId: region.id, visionId: vision.id, roundId: roundId!, staffId: staff.id };
}
