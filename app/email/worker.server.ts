/**
 * The worker: delivers the outbox, runs due jobs and, once a minute, schedules reminders and the
 * daily digest. Runs inside the app process by default (startApp) and as its own process with
 * `npm run worker` when the app is scaled out (WORKER=external on the app processes). Any number of
 * workers may run against one PostgreSQL database; they never take the same message or job.
 *
 * Nothing a message, a job or the database does can crash it: every round catches, logs and waits
 * a little longer before the next one.
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { EmailContext } from "../../emails";
import type { Db } from "~/lib/db.server";
import { isDatabaseUnavailable } from "~/lib/db-errors.server";
import type { BackoffOptions } from "./backoff";
import { defaultBackoff } from "./backoff";
import { defaultFrom, emailEnv } from "./config.server";
import type { DeliveryResult } from "./delivery.server";
import { deliverBatch } from "./delivery.server";
import { DAILY_DIGEST_JOB, scheduleDailyDigest, sendDailyDigests } from "./digest.server";
import type { JobHandler, JobHandlers, JobRunResult } from "./jobs.server";
import { registeredJobHandlers, runDueJobs } from "./jobs.server";
import { ROUND_REMINDER_JOB, scheduleRoundReminders, sendRoundReminders } from "./reminders.server";
import { emailContext } from "./render.server";
import type { MailTransport } from "./transport.server";
import { createSmtpTransport } from "./transport.server";

export interface WorkerOptions {
  db: Db;
  /** null: keep messages for the dev mailbox. Default: SMTP_URL, or null without it. */
  transport?: MailTransport | null;
  now?: () => Date;
  workerId?: string;
  pollMs?: number;
  batchSize?: number;
  leaseMs?: number;
  sendTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** How often reminders and the digest are scheduled; 0 turns the scheduler off. */
  schedulerEveryMs?: number;
  /** Extra or replacement job handlers (tests); the built-in and registered ones are always there. */
  handlers?: ReadonlyMap<string, JobHandler>;
  from?: string;
  context?: EmailContext;
  random?: () => number;
  log?: (message: string) => void;
}

export interface TickResult {
  messages: DeliveryResult;
  jobs: JobRunResult;
  scheduled: boolean;
}

const builtInHandlers: ReadonlyMap<string, JobHandler> = new Map<string, JobHandler>([
  [ROUND_REMINDER_JOB, async (payload, { db, now }) => void (await sendRoundReminders(db, payload, now))],
  [DAILY_DIGEST_JOB, async (payload, { db, now }) => void (await sendDailyDigests(db, payload, now))],
]);

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export class EmailWorker {
  readonly workerId: string;
  private readonly db: Db;
  private readonly transport: MailTransport | null;
  private readonly now: () => Date;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly sendTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private readonly schedulerEveryMs: number;
  private readonly extraHandlers: ReadonlyMap<string, JobHandler>;
  private readonly from: string;
  private readonly context: EmailContext;
  private readonly random: () => number;
  private readonly log: (message: string) => void;
  private lastScheduledAt = Number.NEGATIVE_INFINITY;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private failures = 0;

  constructor(options: WorkerOptions) {
    this.db = options.db;
    this.transport = options.transport === undefined ? transportFromEnv() : options.transport;
    this.now = options.now ?? (() => new Date());
    this.workerId = options.workerId ?? newWorkerId();
    this.pollMs = options.pollMs ?? 1_000;
    this.batchSize = options.batchSize ?? 20;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 120_000;
    // Longer than the longest send of a whole batch, so a living worker is never overtaken.
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.schedulerEveryMs = options.schedulerEveryMs ?? 60_000;
    this.extraHandlers = options.handlers ?? new Map();
    this.from = options.from ?? defaultFrom();
    this.context = options.context ?? emailContext();
    this.random = options.random ?? Math.random;
    this.log = options.log ?? ((message) => console.log(`[e-mail] ${message}`));
  }

  get mode(): "smtp" | "mailbox" {
    return this.transport ? "smtp" : "mailbox";
  }

  private handlers(): JobHandlers {
    return new Map([...registeredJobHandlers(), ...builtInHandlers, ...this.extraHandlers]);
  }

  /** One round: schedule (when due), one batch of messages, one batch of jobs. */
  async tick(): Promise<TickResult> {
    const now = this.now();
    let scheduled = false;
    if (this.schedulerEveryMs > 0 && now.getTime() - this.lastScheduledAt >= this.schedulerEveryMs) {
      this.lastScheduledAt = now.getTime();
      await scheduleRoundReminders(this.db, now);
      await scheduleDailyDigest(this.db, now);
      scheduled = true;
    }
    const common = { workerId: this.workerId, now, batchSize: this.batchSize, leaseMs: this.leaseMs, backoff: this.backoff, random: this.random };
    const jobs = await runDueJobs(this.db, { ...common, handlers: this.handlers() });
    const messages = await deliverBatch(this.db, {
      ...common,
      transport: this.transport,
      from: this.from,
      context: this.context,
      sendTimeoutMs: this.sendTimeoutMs,
    });
    return { messages, jobs, scheduled };
  }

  /** Runs rounds until nothing is due (tests, and the benchmark). */
  async drain(maxRounds = 1_000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      const result = await this.tick();
      if (result.messages.claimed === 0 && result.jobs.claimed === 0) return;
    }
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.log(`verwerker ${this.workerId} gestart (${this.mode === "smtp" ? "verzendt via SMTP" : "geen SMTP_URL: berichten blijven in het postvak"})`);
    this.loop = this.run();
  }

  /** Wakes a sleeping loop, e.g. right after a request queued a message. */
  nudge() {
    this.wake?.();
  }

  private async run() {
    let databaseAway = false;
    while (this.running) {
      let busy = false;
      try {
        const result = await this.tick();
        busy = result.messages.claimed > 0 || result.jobs.claimed > 0;
        if (result.messages.failed + result.messages.dead > 0) {
          this.log(`${result.messages.failed} bericht(en) mislukt (opnieuw later), ${result.messages.dead} definitief mislukt`);
        }
        this.failures = 0;
        databaseAway = false;
      } catch (error) {
        this.failures++;
        databaseAway = isDatabaseUnavailable(error);
        // While the database is away, one short line per round (not the failed query with its parameters).
        const reason = databaseAway ? "database niet bereikbaar" : error instanceof Error ? error.message : String(error);
        this.log(`ronde mislukt (${this.failures}x): ${reason}`);
      }
      if (!this.running) break;
      if (!busy) {
        // A database that is away is polled at least every 5 s, so the outbox resumes soon after it
        // is back (a refused connection costs nothing); other failures back off up to a minute.
        const cap = databaseAway ? Math.max(this.pollMs, 5_000) : 60_000;
        const wait = this.failures > 0 ? Math.min(cap, this.pollMs * 2 ** Math.min(this.failures, 6)) : this.pollMs;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  /** Finishes the round in progress (its sends are recorded), then closes the SMTP connections. */
  async stop() {
    if (!this.running) {
      this.transport?.close();
      return;
    }
    this.running = false;
    this.nudge();
    await this.loop;
    this.transport?.close();
    this.log(`verwerker ${this.workerId} gestopt`);
  }
}

export function transportFromEnv(): MailTransport | null {
  const url = emailEnv().SMTP_URL;
  return url ? createSmtpTransport({ url }) : null;
}

// One worker per process, on globalThis so every copy of this module shares it.
const holder = globalThis as typeof globalThis & { __herleidbaarWorker?: EmailWorker };

export function startWorker(options: WorkerOptions): EmailWorker {
  if (holder.__herleidbaarWorker) return holder.__herleidbaarWorker;
  const worker = new EmailWorker(options);
  holder.__herleidbaarWorker = worker;
  worker.start();
  return worker;
}

export async function stopWorker() {
  const worker = holder.__herleidbaarWorker;
  holder.__herleidbaarWorker = undefined;
  await worker?.stop();
}

export function currentWorker(): EmailWorker | undefined {
  return holder.__herleidbaarWorker;
}
