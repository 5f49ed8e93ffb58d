/**
 * A generic, table-based job queue (the `jobs` table) for scheduled work and bulk renders. Runs the
 * same on PGlite and PostgreSQL: claimed with `FOR UPDATE SKIP LOCKED`, so two workers never take
 * the same job; attempts with exponential backoff; `dead` after the last attempt; an optional
 * idempotency key makes enqueueing the same work twice a no-op.
 *
 * Handlers run at least once (a worker can die after the work and before `done` is recorded), so
 * they must be idempotent: e.g. queue their messages with deterministic idempotency keys.
 */
import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { jobs } from "~db/schema";
import type { Db } from "~/lib/db.server";
import type { BackoffOptions } from "./backoff";
import { retryDelayMs } from "./backoff";
import { describeError } from "./transport.server";

export type JobRow = typeof jobs.$inferSelect;

export interface JobContext {
  db: Db;
  now: Date;
  job: JobRow;
  workerId: string;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

export type JobHandlers = ReadonlyMap<string, JobHandler>;

// Shared by every copy of this module in the process (server bundle, tests).
const holder = globalThis as typeof globalThis & { __herleidbaarJobHandlers?: Map<string, JobHandler> };
const registry = (holder.__herleidbaarJobHandlers ??= new Map());

/** Other capabilities add their kinds (e.g. "letters.render") at module load. */
export function registerJobHandler(kind: string, handler: JobHandler) {
  registry.set(kind, handler);
}

export function registeredJobHandlers(): JobHandlers {
  return registry;
}

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  /** Same key, same job: enqueueing it again does nothing. */
  idempotencyKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Call inside the transaction of the change that needs the work. Returns the id, or null for a duplicate. */
export async function enqueueJob(tx: Db, job: NewJob): Promise<string | null> {
  const [row] = await tx
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: job.payload ?? {},
      idempotencyKey: job.idempotencyKey ?? null,
      runAt: job.runAt ?? new Date(),
      maxAttempts: job.maxAttempts ?? 5,
    })
    .onConflictDoNothing({ target: jobs.idempotencyKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

export async function claimJobs(db: Db, options: { workerId: string; now: Date; limit: number; leaseMs: number }): Promise<JobRow[]> {
  const { workerId, now, limit, leaseMs } = options;
  const staleBefore = new Date(now.getTime() - leaseMs);
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      or(
        and(inArray(jobs.status, ["queued", "failed"]), lte(jobs.runAt, now)),
        and(eq(jobs.status, "running"), lt(jobs.lockedAt, staleBefore)),
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(jobs)
    .set({ status: "running", lockedAt: now, lockedBy: workerId, attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, due))
    .returning();
  return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
}

export interface JobRunOptions {
  workerId: string;
  now: Date;
  batchSize: number;
  leaseMs: number;
  backoff: BackoffOptions;
  handlers: JobHandlers;
  random?: () => number;
}

export interface JobRunResult {
  claimed: number;
  done: number;
  failed: number;
  dead: number;
}

/** Claims one batch of due jobs and runs them one after another. */
export async function runDueJobs(db: Db, options: JobRunOptions): Promise<JobRunResult> {
  const claimed = await claimJobs(db, { workerId: options.workerId, now: options.now, limit: options.batchSize, leaseMs: options.leaseMs });
  const result: JobRunResult = { claimed: claimed.length, done: 0, failed: 0, dead: 0 };
  for (const job of claimed) {
    const handler = options.handlers.get(job.kind);
    let error: string | null = null;
    try {
      if (!handler) throw new Error(`Geen verwerker voor taaksoort ${job.kind}`);
      await handler(job.payload, { db, now: options.now, job, workerId: options.workerId });
    } catch (thrown) {
      error = describeError(thrown);
    }
    const mine = and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.lockedBy, options.workerId));
    const released = { lockedAt: null, lockedBy: null };
    if (error === null) {
      await db.update(jobs).set({ status: "done", finishedAt: options.now, lastError: null, ...released }).where(mine);
      result.done++;
    } else if (job.attempts >= job.maxAttempts) {
      await db.update(jobs).set({ status: "dead", finishedAt: options.now, lastError: error, ...released }).where(mine);
      result.dead++;
    } else {
      const runAt = new Date(options.now.getTime() + retryDelayMs(job.attempts, options.backoff, options.random));
      await db.update(jobs).set({ status: "failed", runAt, lastError: error, ...released }).where(mine);
      result.failed++;
    }
  }
  return result;
}
