// Benchmark: 1,000 queued messages delivered to a local SMTP server; throughput, and the time that
// queueing one message adds to the request that causes it (goal: under 5 ms).
// Run: npx tsx tests/perf/email.bench.ts   (PGlite in memory; DATABASE_URL=postgres://… to use PostgreSQL)
import { PGlite } from "@electric-sql/pglite";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { auditEvents } from "~db/schema";
import { createSmtpTransport } from "~/email/transport.server";
import { EmailWorker } from "~/email/worker.server";
import type { Database } from "~/lib/db.server";
import { openPglite, openPostgres, pgliteExtensions } from "~/lib/db.server";
import { queueMessage } from "~/lib/outbox.server";

const COUNT = Number(process.env.BENCH_MESSAGES ?? 1000);

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function open(): Promise<Database> {
  if (process.env.DATABASE_URL) return openPostgres(process.env.DATABASE_URL, 10);
  return openPglite(await PGlite.create({ extensions: pgliteExtensions }));
}

const database = await open();
await database.migrate();
const db = database.db;

let received = 0;
const server = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  logger: false,
  closeTimeout: 200,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
const port = (server.server.address() as AddressInfo).port;

const run = Date.now().toString(36);
function audit(i: number) {
  return { actorId: null, regionId: null, action: "bench", entityType: "bench", entityId: String(i) };
}

// Request without a message (baseline) and with one, interleaved so both see the same conditions.
const without: number[] = [];
const withMessage: number[] = [];
for (let i = 0; i < COUNT; i++) {
  let start = performance.now();
  await db.transaction(async (tx) => {
    await tx.insert(auditEvents).values(audit(i));
  });
  without.push(performance.now() - start);
  start = performance.now();
  await db.transaction(async (tx) => {
    await tx.insert(auditEvents).values(audit(i));
    await queueMessage(tx, {
      regionId: null,
      template: "nieuwe-versie",
      to: { address: `lezer${i}@example.org`, name: `Lezer ${i}` },
      idempotencyKey: `bench:${run}:${i}`,
      data: {
        regionName: "Jeugdhulp Rijnmond",
        visionTitle: "Regiovisie jeugdhulp 2026-2030",
        versionLabel: "aangepast concept",
        publishedAt: new Date(),
        changes: [{ section: "Bouwsteen 4", change: "Kortere wachttijd." }],
        changeCount: 1,
        link: "https://herleidbaar.example.org/visies/1",
      },
    });
  });
  withMessage.push(performance.now() - start);
}
const added = percentile(withMessage, 50) - percentile(without, 50);
const added95 = percentile(withMessage, 95) - percentile(without, 95);

const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${port}`, maxConnections: 5, ignoreTls: true });
const worker = new EmailWorker({ db, transport, schedulerEveryMs: 0, batchSize: 50, log: () => {} });
const started = performance.now();
await worker.drain(10_000);
const seconds = (performance.now() - started) / 1000;
await worker.stop();
await new Promise<void>((resolve) => server.close(() => resolve()));
await database.close();

const result = {
  database: database.kind,
  messages: COUNT,
  delivered: received,
  "queue: added latency p50 (ms)": Number(added.toFixed(2)),
  "queue: added latency p95 (ms)": Number(added95.toFixed(2)),
  "delivery: seconds (render + SMTP)": Number(seconds.toFixed(2)),
  "delivery: messages per second": Math.round(received / seconds),
};
console.table(result);
if (received !== COUNT) {
  console.error(`Niet alles bezorgd: ${received} van ${COUNT}`);
  process.exit(1);
}
if (added > 5) {
  console.error(`Doel gemist: queueMessage kost ${added.toFixed(2)} ms (doel < 5 ms)`);
  process.exit(1);
}
