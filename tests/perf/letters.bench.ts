// Benchmark (issue 6): one antwoordbrief of 20 points rendered as PDF and as DOCX (goal < 500 ms
// each), and 500 vastgestelde letters rendered by the background job (goal < 2 minutes), with the
// letters overview query's latency before and while the job runs (goal: at most doubles).
// Run: npx tsx tests/perf/letters.bench.ts   (PGlite in memory; DATABASE_URL=postgres://… for PostgreSQL)
import { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { jobs, reactions, responseLetters } from "~db/schema";
import { enqueueJob } from "~/email/jobs.server";
import type { Database } from "~/lib/db.server";
import { openPglite, openPostgres, pgliteExtensions } from "~/lib/db.server";
import { renderDocx } from "~/letters/docx.server";
import type { DocumentBlock, LetterDocument } from "~/letters/letter-model";
import { renderPdf } from "~/letters/pdf.server";
import { buildResponseLetter, letterTexts, loadLetterContext } from "~/letters/response-letter-model.server";
import { listLetters, RENDER_ALL_JOB, renderAllFixedLetters } from "~/letters/response-letters.server";
import { generateLargeRound } from "./large-round";

const LETTERS = Number(process.env.BENCH_LETTER_COUNT ?? 500);
const POINTS_PER_LETTER = Number(process.env.BENCH_LETTER_POINTS ?? 4);
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 10);

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function letterOf20Points(): LetterDocument {
  const body: DocumentBlock[] = [
    { type: "text", content: { kind: "plain", text: "Hartelijk dank voor uw reactie op de regiovisie." } },
  ];
  for (let i = 1; i <= 20; i++) {
    body.push({ type: "heading", level: 2, text: `Punt ASDV-${i}, over 2.${i} Nabij en passend` });
    body.push({
      type: "quote",
      content: {
        kind: "plain",
        text: `Wij vragen aandacht voor de wachtlijsten in de jeugdhulp en het netwerk van het kind (punt ${i}). `.repeat(
          3,
        ),
      },
      source: `Uw reactie, punt ASDV-${i}`,
    });
    body.push({
      type: "text",
      content: {
        kind: "rich",
        doc: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                {
                  type: "text",
                  text: `De regio neemt dit over. ${"In de definitieve visie staat dat elk gezin één vaste casusregisseur heeft. ".repeat(2)}`,
                },
              ],
            },
            {
              type: "bulletList",
              content: [
                {
                  type: "listItem",
                  content: [
                    { type: "paragraph", content: [{ type: "text", text: "eerste stap", marks: [{ type: "bold" }] }] },
                  ],
                },
                {
                  type: "listItem",
                  content: [{ type: "paragraph", content: [{ type: "text", text: "tweede stap" }] }],
                },
              ],
            },
          ],
        },
      },
    });
    body.push({ type: "facts", rows: [{ label: "Wat wij ermee doen", value: "Overgenomen" }] });
  }
  return {
    type: "letter",
    title: "Antwoordbrief aan Adviesraad Sociaal Domein Vlaardingen",
    sender: { name: "Gemeente Vlaardingen", addressLines: ["Westnieuwland 6", "3131 VX Vlaardingen"] },
    recipient: {
      name: "Adviesraad Sociaal Domein Vlaardingen",
      attention: "t.a.v. de voorzitter",
      addressLines: ["Postbus 1002", "3130 EB Vlaardingen"],
    },
    references: {
      date: "2026-01-15",
      letterNumber: "2051140",
      subject: "Antwoord op uw advies",
      theirReference: "adviesaanvraag",
      theirLetterDate: "2025-11-17",
      handledBy: "R. Redactie",
    },
    salutation: "Geacht bestuur,",
    body,
    closingFormula: "Hoogachtend,",
    signatures: [
      { name: "drs. E. Stolk", title: "de secretaris", onBehalfOf: "Burgemeester en wethouders van Vlaardingen," },
      {
        name: "E.F.A. Zevenbergen",
        title: "de burgemeester",
        onBehalfOf: "Burgemeester en wethouders van Vlaardingen,",
      },
    ],
    replyNote: "Wilt u bij beantwoording van deze brief het briefnummer 2051140 vermelden?",
  };
}

// 1. One letter of 20 points.
const letter = letterOf20Points();
await renderPdf(letter); // warm-up: fonts read once per process
await renderDocx(letter);
const pdfTimes: number[] = [];
const docxTimes: number[] = [];
let pdfSize = 0;
for (let i = 0; i < RUNS; i++) {
  let start = performance.now();
  pdfSize = (await renderPdf(letter)).byteLength;
  pdfTimes.push(performance.now() - start);
  start = performance.now();
  await renderDocx(letter);
  docxTimes.push(performance.now() - start);
}
console.log(
  `\nOne antwoordbrief of 20 points (${RUNS} runs, goal < 500 ms each; PDF ${(pdfSize / 1024).toFixed(0)} KB)`,
);
console.table([
  {
    format: "PDF (tagged)",
    "p50 ms": percentile(pdfTimes, 50).toFixed(0),
    "p95 ms": percentile(pdfTimes, 95).toFixed(0),
    "max ms": Math.max(...pdfTimes).toFixed(0),
  },
  {
    format: "DOCX",
    "p50 ms": percentile(docxTimes, 50).toFixed(0),
    "p95 ms": percentile(docxTimes, 95).toFixed(0),
    "max ms": Math.max(...docxTimes).toFixed(0),
  },
]);

// 2. 500 vastgestelde letters rendered by the job.
async function open(): Promise<Database> {
  if (process.env.DATABASE_URL) return openPostgres(process.env.DATABASE_URL, 10);
  return openPglite(await PGlite.create({ extensions: pgliteExtensions }));
}
const database = await open();
await database.migrate();
const db = database.db;
let start = performance.now();
const round = await generateLargeRound(db, { reactions: LETTERS, pointsPerReaction: POINTS_PER_LETTER });
await db.execute(sql`
  insert into answers (point_id, body, disposition, status, answered_at)
  select p.id, jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content',
           jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'Antwoord op ' || p.reference || ': de regio neemt dit mee in het uitvoeringsplan.'))))),
         'meegenomen_in_uitvoeringsplan', 'beantwoord', now()
  from points p where p.vision_id = ${round.visionId}
  on conflict (point_id) do update set body = excluded.body, disposition = excluded.disposition, status = excluded.status`);
const reactionRows = await db
  .select({ id: reactions.id })
  .from(reactions)
  .where(eq(reactions.visionId, round.visionId));
for (const [i, r] of reactionRows.entries()) {
  const ctx = (await loadLetterContext(db, round.visionId, r.id))!;
  const snapshot = buildResponseLetter(
    {
      ...ctx,
      letter: { signedByName: "R. Regiobeheer", signedByTitle: "secretaris", letterNumber: `B-${i + 1}` } as never,
    },
    await letterTexts(db, ctx),
    new Date(),
  );
  await db
    .insert(responseLetters)
    .values({ reactionId: r.id, status: "vastgesteld", letterNumber: `B-${i + 1}`, snapshot, letterDate: new Date() });
}
console.log(
  `\nPrepared ${reactionRows.length} vastgestelde letters of ${POINTS_PER_LETTER} points in ${((performance.now() - start) / 1000).toFixed(1)} s (${database.kind})`,
);

/** One overview read every 50 ms, before and during the job alike. */
async function overviewLatency(i: number) {
  const t = performance.now();
  await listLetters(db, round.visionId, 1 + (i % 5));
  const ms = performance.now() - t;
  await new Promise((r) => setTimeout(r, 50));
  return ms;
}
// The job gives several hundred samples; 100 before it keep that p95 steady too.
const before: number[] = [];
for (let i = 0; i < 100; i++) before.push(await overviewLatency(i));
const jobId = (await db.transaction((tx) =>
  enqueueJob(tx, {
    kind: RENDER_ALL_JOB,
    payload: { visionId: round.visionId, regionId: round.regionId, actorId: null },
  }),
))!;
const [jobRow] = await db.select().from(jobs).where(eq(jobs.id, jobId));
start = performance.now();
let finished = false;
const job = renderAllFixedLetters(db, jobId, jobRow!.payload).then((r) => {
  finished = true;
  return r;
});
const during: number[] = [];
while (!finished) during.push(await overviewLatency(during.length));
const result = await job;
const seconds = (performance.now() - start) / 1000;
console.log(
  `\nRender all vastgestelde letters (goal < 120 s): ${result.rendered} letters in ${seconds.toFixed(1)} s (${((seconds / Math.max(1, result.rendered)) * 1000).toFixed(0)} ms per letter, PDF + DOCX)`,
);
console.table([
  {
    "letters overview": "before the job",
    "p50 ms": percentile(before, 50).toFixed(1),
    "p95 ms": percentile(before, 95).toFixed(1),
  },
  {
    "letters overview": "while the job runs",
    "p50 ms": percentile(during, 50).toFixed(1),
    "p95 ms": percentile(during, 95).toFixed(1),
  },
]);
console.log(
  `Latency while rendering / before: p95 ${(percentile(during, 95) / percentile(before, 95)).toFixed(2)}x (goal at most 2x; ${during.length} samples; the job and the page share one process, as in the app)`,
);
await database.close();
