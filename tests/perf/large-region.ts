// Generator for a large region (issue 9 benchmark): 13 municipalities, a visie of 60 sections in two
// published versions ("eerste concept" with a closed round whose answers are published, and
// "definitief" with 15 changed sections), 2,000 reactions with 20,000 anchored points, answers in
// every status (overgenomen ones point at a changed section of "definitief"), themes, 500
// uitvoeringsplan actions linked to sections and points, 200 antwoordbrieven (some sent), the
// adoption of the definitive version by the 13 councils, an organisation with 200 points (ADV200)
// and one with 20 answered points (BRF20, for the letter render).
//
// The structure (visie, versions, round, staff) goes through the app's own functions; the volume is
// written with multi-row INSERT … SELECT, so PostgreSQL holds 20,000 points in seconds. Everything
// is real to the app: Tiptap JSON bodies, consistent references, search vectors (generated columns),
// anchors and their resolution in "definitief". Deterministic (setseed). A scale factor shrinks the
// counts (not the 60 sections, ADV200 or BRF20) for a quick run on PGlite.
import type { JSONContent } from "@tiptap/core";
import { and, eq, sql } from "drizzle-orm";
import { memberships, organisations, regions, responseLetters, sections, users } from "~db/schema";
import { hashPassword } from "~/auth/password.server";
import type { Db } from "~/lib/db.server";
import { buildResponseLetter, letterTexts, loadLetterContext } from "~/letters/response-letter-model.server";
import type { ImportedSection } from "~/visions/sections-model";
import { createVision, ensureDraft, listSections, publishDraft, saveImportAsDraft } from "~/visions/visions.server";
import { VOCABULARY } from "./large-round";

export const LARGE_REGION_SLUG = "benchregio";
export const LARGE_VISION_SLUG = "regiovisie-groot";
export const BENCH_STAFF_EMAIL = "bench-redactie@example.org";
export const TRACE_ORGANISATION_CODE = "ADV200";
export const LETTER_ORGANISATION_CODE = "BRF20";

export interface LargeRegionOptions {
  /** 1 = the full size of issue 9; 0.1 for a quick run on PGlite. */
  scale?: number;
  staffPassword: string;
}

export interface LargeRegion {
  regionId: string;
  regionSlug: string;
  visionId: string;
  visionSlug: string;
  firstVersionId: string;
  definitiveVersionId: string;
  roundId: string;
  staffId: string;
  staffEmail: string;
  traceOrganisationCode: string;
  traceOrganisationId: string;
  letterReactionId: string;
  /** A point in the middle of the list, for the point page. */
  samplePointReference: string;
  counts: Record<string, number>;
}

const MUNICIPALITIES = [
  "Rotterdam", "Schiedam", "Vlaardingen", "Maassluis", "Capelle aan den IJssel", "Krimpen aan den IJssel", "Lansingerland",
  "Barendrecht", "Ridderkerk", "Albrandswaard", "Nissewaard", "Voorne aan Zee", "Goeree-Overflakkee",
];

const THEMES = ["Wachttijden", "Preventie", "Onderwijs en jeugdhulp", "Casusregie", "Inkoop", "Personeel", "Veiligheid", "Ervaringsdeskundigheid", "Bestaanszekerheid", "Pleegzorg"];

/** A deterministic pseudo-Dutch sentence of n words. */
function sentence(seed: number, n: number) {
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(VOCABULARY[(seed * 31 + i * 17) % VOCABULARY.length]!);
  const s = words.join(" ");
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

function paragraphs(seed: number, count: number, suffix = ""): JSONContent {
  return {
    type: "doc",
    content: Array.from({ length: count }, (_, i) => ({
      type: "paragraph",
      content: [{ type: "text", text: `${sentence(seed + i, 24)} ${sentence(seed + i + 7, 18)}${i === 0 ? suffix : ""}` }],
    })),
  };
}

/** 12 chapters of 4 paragraphs: 60 sections. */
function visionTree(): ImportedSection[] {
  return Array.from({ length: 12 }, (_, c) => ({
    kind: "hoofdstuk" as const,
    number: String(c + 1),
    title: `Hoofdstuk ${c + 1}: ${THEMES[c % THEMES.length]}`,
    content: paragraphs(c * 100, 2),
    children: Array.from({ length: 4 }, (_, p) => ({
      kind: "paragraaf" as const,
      number: `${c + 1}.${p + 1}`,
      title: `Onderwerp ${p + 1} van hoofdstuk ${c + 1}`,
      content: paragraphs(c * 100 + p * 10 + 1, 4),
      children: [],
    })),
  }));
}

const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((w) => sql`${w}`), sql`, `)}]::text[]`;
const tiptap = (text: SQLText) => sql`jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', ${text})))))`;
type SQLText = ReturnType<typeof sql>;

export async function generateLargeRegion(db: Db, options: LargeRegionOptions): Promise<LargeRegion> {
  const scale = options.scale ?? 1;
  const reactionCount = Math.max(20, Math.round(2000 * scale));
  const pointsPerReaction = 10;
  const actionCount = Math.max(20, Math.round(500 * scale));
  const letterCount = Math.max(10, Math.round(200 * scale));

  // ---- structure, through the app ----
  const [region] = await db.insert(regions).values({ name: "Benchregio Groot-Rijnmond", shortName: "Benchregio", slug: LARGE_REGION_SLUG }).returning();
  const regionId = region!.id;
  const [regionOrganisation] = await db.insert(organisations).values({ regionId, type: "regio", name: "Benchregio Groot-Rijnmond", code: "REGIO", postalAddress: "Postbus 1\n3000 AA Rotterdam" }).returning();
  const [staff] = await db.insert(users).values({ email: BENCH_STAFF_EMAIL, name: "Bench Redactie", passwordHash: await hashPassword(options.staffPassword) }).returning();
  await db.insert(memberships).values({ userId: staff!.id, organisationId: regionOrganisation!.id, role: "staff_admin" });
  const staffId = staff!.id;

  await db.insert(organisations).values(
    MUNICIPALITIES.map((name, i) => ({ regionId, type: "gemeente" as const, name: `Gemeente ${name}`, code: `G${String(i + 1).padStart(2, "0")}`, memberFrom: "2020-01-01", postalAddress: `Postbus ${100 + i}\n3000 AA ${name}` })),
  );

  const created = await createVision(db, staffId, regionId, { title: "Regiovisie Jeugd Benchregio 2026-2030", slug: LARGE_VISION_SLUG });
  if (!created.ok) throw new Error(created.message);
  const visionId = created.vision.id;
  await saveImportAsDraft(db, staffId, regionId, visionId, visionTree(), { filename: "benchvisie.docx", format: "docx" });
  const past = new Date("2026-01-10T09:00:00Z");
  const first = await publishDraft(
    db,
    staffId,
    regionId,
    visionId,
    { label: "eerste concept", isDefinitive: false, round: { opensAt: new Date("2025-10-01"), closesAt: new Date("2025-12-01"), visibility: "registered", acceptsLate: true, invitees: [], reference: "BENCH-2025" } },
    new Date("2025-10-01"),
  );
  const firstVersionId = first.version.id;
  const roundId = first.roundId!;

  // "definitief": 15 of the 60 sections get a changed text (compare shows real changes).
  const draft = await ensureDraft(db, staffId, regionId, visionId);
  const draftSections = await listSections(db, draft.id);
  for (const [i, s] of draftSections.entries()) {
    if (i % 4 !== 1) continue;
    const content = paragraphs(i * 13 + 5, 4, " In de definitieve versie is dit aangescherpt na de reacties.");
    await db.update(sections).set({ content }).where(eq(sections.id, s.id));
  }
  const definitive = await publishDraft(db, staffId, regionId, visionId, { label: "definitief", isDefinitive: true, round: null }, past);
  const definitiveVersionId = definitive.version.id;
  const changedKeys = draftSections.filter((_, i) => i % 4 === 1).map((s) => s.key);
  const sectionKeys = draftSections.map((s) => s.key);

  // ---- volume, in bulk SQL ----
  const words = textArray(VOCABULARY);
  const keys = sql`array[${sql.join(sectionKeys.map((k) => sql`${k}`), sql`, `)}]::uuid[]`;
  const changed = sql`array[${sql.join(changedKeys.map((k) => sql`${k}`), sql`, `)}]::uuid[]`;
  const types = sql`array['adviesraad','aanbieder','ervaringsdeskundigen','ketenpartner','clientenraad']::organisation_type[]`;
  await db.execute(sql`select setseed(0.42)`);
  // Organisations: the reacting ones, plus ADV200 and BRF20.
  await db.execute(sql`
    insert into organisations (region_id, type, name, code, postal_address)
    select ${regionId}, (${types})[1 + g % 5], 'Organisatie ' || lpad(g::text, 5, '0'), 'B' || lpad(g::text, 5, '0'), 'Postbus ' || g || E'\n3000 AA Rotterdam'
    from generate_series(1, ${reactionCount - 2}) g`);
  await db.insert(organisations).values([
    { regionId, type: "adviesraad", name: "Adviesraad Sociaal Domein Benchstad", code: TRACE_ORGANISATION_CODE, postalAddress: "Postbus 200\n3000 AA Rotterdam" },
    { regionId, type: "aanbieder", name: "Jeugdhulp Briefwisseling", code: LETTER_ORGANISATION_CODE, postalAddress: "Postbus 20\n3000 AA Rotterdam" },
  ]);
  await db.execute(sql`
    insert into reactions (vision_id, round_id, version_id, organisation_id, addressed_to_id, kind, status, submitted_at, is_late, subject, place, letter_date, reference,
                           introduction, publication_choice)
    select ${visionId}, ${roundId}, ${firstVersionId}, o.id, ${regionOrganisation!.id},
           case when o.type = 'adviesraad' then 'advies'::reaction_kind else 'reactie'::reaction_kind end,
           'submitted', timestamptz '2025-11-01' + (row_number() over (order by o.code)) * interval '1 minute', (row_number() over (order by o.code)) % 10 = 0,
           'Reactie op de regiovisie', 'Rotterdam', date '2025-11-01' + ((row_number() over (order by o.code)) % 30)::int, o.code || '/2025',
           ${tiptap(sql`'Hierbij onze reactie op het eerste concept van de regiovisie.'`)},
           case when (row_number() over (order by o.code)) % 25 = 0 then 'anoniem'::publication_choice else 'met_naam'::publication_choice end
    from organisations o where o.region_id = ${regionId} and o.type not in ('regio', 'gemeente')`);
  await db.execute(sql`
    insert into points (reaction_id, vision_id, number, reference, kind, body, plain_text)
    select r.id, ${visionId}, n, o.code || '-' || n, (array['vraag','aandachtspunt','wijzigingsvoorstel','steun','bezwaar']::point_kind[])[1 + (n + length(o.code)) % 5],
           ${tiptap(sql`t.text`)}, t.text
    from reactions r join organisations o on o.id = r.organisation_id
    cross join lateral generate_series(1, case o.code when ${TRACE_ORGANISATION_CODE} then 200 when ${LETTER_ORGANISATION_CODE} then 20 else ${pointsPerReaction} end) n
    cross join lateral (
      select initcap(array_to_string(array(select (${words})[1 + floor(random() * ${VOCABULARY.length})::int] from generate_series(1, 18 + (n % 10)) w where w > 0 * n), ' ')) || '.' as text
    ) t
    where r.vision_id = ${visionId}`);
  await db.execute(sql`
    insert into point_anchors (point_id, section_key, version_id)
    select p.id, (${keys})[1 + (abs(hashtext(p.reference)) % ${sectionKeys.length})], ${firstVersionId}
    from points p where p.vision_id = ${visionId}`);
  // The anchors as carried over into "definitief" (no quotes: the whole section, as the app records it).
  await db.execute(sql`
    insert into anchor_resolutions (anchor_id, version_id, state)
    select pa.id, ${definitiveVersionId}, 'section' from point_anchors pa join points p on p.id = pa.point_id where p.vision_id = ${visionId}`);
  // Answers: BRF20 fully answered; others 60 % answered in every status; overgenomen → a changed section.
  await db.execute(sql`
    insert into answers (point_id, status, assignee_id, disposition, body, changed_section_key, changed_version_id, answered_at)
    select p.id, st.status, case when abs(hashtext(p.reference)) % 2 = 0 then ${staffId}::uuid end, d.disposition,
           ${tiptap(sql`'Antwoord op ' || p.reference || ': de regio weegt dit punt mee; ' || left(p.plain_text, 80)`)},
           case when d.disposition = 'overgenomen' then (${changed})[1 + abs(hashtext(p.reference)) % ${changedKeys.length}] end,
           case when d.disposition = 'overgenomen' then ${definitiveVersionId}::uuid end,
           case when st.status in ('beantwoord', 'vastgesteld') then timestamptz '2026-01-05' end
    from points p join reactions r on r.id = p.reaction_id join organisations o on o.id = r.organisation_id
    cross join lateral (select case when o.code = ${LETTER_ORGANISATION_CODE} then 'beantwoord'::answer_status
                                    else (array['in_behandeling','beantwoord','vastgesteld']::answer_status[])[1 + abs(hashtext(p.reference)) % 3] end as status) st
    cross join lateral (select (array['overgenomen','deels_overgenomen','niet_overgenomen','meegenomen_in_uitvoeringsplan','voor_kennisgeving']::disposition[])[1 + abs(hashtext(p.reference || 'd')) % 5] as disposition) d
    where p.vision_id = ${visionId} and (o.code in (${TRACE_ORGANISATION_CODE}, ${LETTER_ORGANISATION_CODE}) or abs(hashtext(p.reference || 'a')) % 5 < 3)`);
  await db.execute(sql`insert into themes (vision_id, title, summary) select ${visionId}, t, ${tiptap(sql`'Samenvatting van het thema ' || t || '.'`)} from unnest(${textArray(THEMES)}) t`);
  await db.execute(sql`
    insert into point_themes (point_id, theme_id)
    select p.id, t.id from points p join themes t on t.vision_id = ${visionId} and t.title = (${textArray(THEMES)})[1 + abs(hashtext(p.reference || 't')) % ${THEMES.length}]
    where p.vision_id = ${visionId} and abs(hashtext(p.reference || 'x')) % 2 = 0`);
  await db.execute(sql`update consultation_rounds set answers_published_at = timestamptz '2026-01-08' where id = ${roundId}`);

  // Uitvoeringsplan: actions owned by the municipalities, each on two sections and about 8 points (ADV200's included).
  await db.execute(sql`
    insert into implementation_actions (vision_id, reference, title, description, owner_organisation_id, starts_on, ends_on, status, progress)
    select ${visionId}, 'U-' || lpad(g::text, 3, '0'), 'Actie ' || g || ': ' || (${textArray(THEMES)})[1 + g % ${THEMES.length}] || ' in de wijk',
           ${tiptap(sql`'Wat we doen in actie ' || g || '.'`)}, m.id, date '2026-01-01' + (g % 90), date '2026-06-01' + g,
           (array['gepland','loopt','gereed','vervallen'])[1 + g % 4]::implementation_status, (g * 7) % 101
    from generate_series(1, ${actionCount}) g
    join lateral (select id from organisations where region_id = ${regionId} and type = 'gemeente' order by code offset (g % 13) limit 1) m on true`);
  await db.execute(sql`
    insert into implementation_action_sections (action_id, section_key)
    select a.id, (${keys})[1 + (substring(a.reference from 3)::int + k * 7) % ${sectionKeys.length}]
    from implementation_actions a cross join generate_series(0, 1) k where a.vision_id = ${visionId}`);
  await db.execute(sql`
    insert into implementation_action_points (action_id, point_id)
    select a.id, p.id from points p
    join answers an on an.point_id = p.id and an.disposition = 'meegenomen_in_uitvoeringsplan'
    join implementation_actions a on a.vision_id = ${visionId} and a.reference = 'U-' || lpad((1 + abs(hashtext(p.reference)) % ${actionCount})::text, 3, '0')
    where p.vision_id = ${visionId}`);
  await db.execute(sql`
    insert into implementation_action_updates (action_id, "on", text, status, progress)
    select a.id, date '2026-02-01' + g * 30, 'Voortgang ' || g || ' van ' || a.reference || '.', a.status, a.progress
    from implementation_actions a cross join generate_series(1, 2) g where a.vision_id = ${visionId}`);

  // Antwoordbrieven: concepts, vastgestelde and sent letters (the latter two with their frozen snapshot).
  const letterReactions = rowsOf<{ id: string; code: string }>(
    await db.execute(sql`select r.id, o.code from reactions r join organisations o on o.id = r.organisation_id
      where r.vision_id = ${visionId} and o.code not in (${TRACE_ORGANISATION_CODE}, ${LETTER_ORGANISATION_CODE}) order by o.code limit ${letterCount}`),
  );
  for (const [i, r] of letterReactions.entries()) {
    const status = i % 5 === 0 ? "verzonden" : i % 5 === 1 ? "vastgesteld" : "concept";
    const letterNumber = `BR-${String(i + 1).padStart(4, "0")}`;
    const row = { reactionId: r.id, status, letterNumber, subject: "Antwoord op uw reactie", senderOrganisationId: regionOrganisation!.id, handledBy: "Bench Redactie", signedByName: "drs. B. Bench", signedByTitle: "secretaris" } as const;
    if (status === "concept") {
      await db.insert(responseLetters).values(row);
      continue;
    }
    const ctx = (await loadLetterContext(db, visionId, r.id))!;
    const snapshot = buildResponseLetter({ ...ctx, letter: { ...row, letterDate: past } as never }, await letterTexts(db, ctx), past);
    await db.insert(responseLetters).values({ ...row, snapshot, letterDate: past, approvedById: staffId, approvedAt: past, ...(status === "verzonden" ? { sentById: staffId, sentAt: past } : {}) });
  }

  // Adoption: the definitive version offered to the 13 councils; 9 decided, 4 still open.
  await db.execute(sql`
    insert into adoption_requests (version_id, letter_number, letter_date, deadline, signed_by_name, sent_at, created_by_id)
    values (${definitiveVersionId}, 'AB-2026-1', date '2026-01-12', date '2026-06-30', 'drs. B. Bench', timestamptz '2026-01-12', ${staffId})`);
  await db.execute(sql`
    insert into adoptions (vision_id, municipality_id, adoption_request_id, version_id, proposal_number, college_date, council_date, decision_number, outcome, decided_at, recorded_by_id, decision_items)
    select ${visionId}, m.id, ar.id, case when m.n <= 9 then ${definitiveVersionId}::uuid end, 'RV-' || m.n, date '2026-02-01' + m.n,
           case when m.n <= 9 then date '2026-03-01' + m.n end, case when m.n <= 9 then 'RB-' || m.n end,
           case when m.n <= 8 then 'vastgesteld'::decision_outcome when m.n = 9 then 'vastgesteld_met_amendement'::decision_outcome end,
           case when m.n <= 9 then timestamptz '2026-03-15' end, ${staffId}, '[]'::jsonb
    from (select id, (row_number() over (order by code))::int as n from organisations where region_id = ${regionId} and type = 'gemeente') m
    cross join (select id from adoption_requests where version_id = ${definitiveVersionId}) ar`);

  await db.execute(sql`analyze`);
  const [traceOrganisation] = await db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.regionId, regionId), eq(organisations.code, TRACE_ORGANISATION_CODE)));
  const [letterReaction] = rowsOf<{ id: string }>(
    await db.execute(sql`select r.id from reactions r join organisations o on o.id = r.organisation_id where r.vision_id = ${visionId} and o.code = ${LETTER_ORGANISATION_CODE}`),
  );
  const counts = rowsOf<Record<string, string | number>>(
    await db.execute(sql`select
      (select count(*) from reactions where vision_id = ${visionId}) as reactions,
      (select count(*) from points where vision_id = ${visionId}) as points,
      (select count(*) from answers a join points p on p.id = a.point_id where p.vision_id = ${visionId}) as answers,
      (select count(*) from implementation_actions where vision_id = ${visionId}) as actions,
      (select count(*) from implementation_action_points ap join implementation_actions a on a.id = ap.action_id where a.vision_id = ${visionId}) as action_points,
      (select count(*) from response_letters l join reactions r on r.id = l.reaction_id where r.vision_id = ${visionId}) as letters,
      (select count(*) from sections where version_id = ${definitiveVersionId}) as sections,
      (select count(*) from organisations where region_id = ${regionId} and type = 'gemeente') as municipalities`),
  )[0]!;
  return {
    regionId,
    regionSlug: LARGE_REGION_SLUG,
    visionId,
    visionSlug: LARGE_VISION_SLUG,
    firstVersionId,
    definitiveVersionId,
    roundId,
    staffId,
    staffEmail: BENCH_STAFF_EMAIL,
    traceOrganisationCode: TRACE_ORGANISATION_CODE,
    traceOrganisationId: traceOrganisation!.id,
    letterReactionId: letterReaction!.id,
    samplePointReference: `B${String(Math.floor(reactionCount / 2)).padStart(5, "0")}-3`,
    counts: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])),
  };
}

/** The large region if this database already holds it (BENCH_REUSE=1 skips generating it again). */
export async function findLargeRegion(db: Db): Promise<LargeRegion | null> {
  const [row] = rowsOf<Record<string, string>>(
    await db.execute(sql`select g.id as region_id, v.id as vision_id,
        (select id from vision_versions where vision_id = v.id and number = 1) as first_version_id,
        (select id from vision_versions where vision_id = v.id and number = 2) as definitive_version_id,
        (select cr.id from consultation_rounds cr join vision_versions vv on vv.id = cr.version_id where vv.vision_id = v.id limit 1) as round_id,
        (select id from users where email = ${BENCH_STAFF_EMAIL}) as staff_id,
        (select id from organisations where region_id = g.id and code = ${TRACE_ORGANISATION_CODE}) as trace_id,
        (select r.id from reactions r join organisations o on o.id = r.organisation_id where r.vision_id = v.id and o.code = ${LETTER_ORGANISATION_CODE}) as letter_reaction_id,
        (select count(*) from reactions where vision_id = v.id) as reactions
      from regions g join visions v on v.region_id = g.id and v.slug = ${LARGE_VISION_SLUG} where g.slug = ${LARGE_REGION_SLUG}`),
  );
  if (!row) return null;
  return {
    regionId: row.region_id!,
    regionSlug: LARGE_REGION_SLUG,
    visionId: row.vision_id!,
    visionSlug: LARGE_VISION_SLUG,
    firstVersionId: row.first_version_id!,
    definitiveVersionId: row.definitive_version_id!,
    roundId: row.round_id!,
    staffId: row.staff_id!,
    staffEmail: BENCH_STAFF_EMAIL,
    traceOrganisationCode: TRACE_ORGANISATION_CODE,
    traceOrganisationId: row.trace_id!,
    letterReactionId: row.letter_reaction_id!,
    samplePointReference: `B${String(Math.floor(Number(row.reactions) / 2)).padStart(5, "0")}-3`,
    counts: { reactions: Number(row.reactions) },
  };
}

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
