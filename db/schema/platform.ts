import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea, createdAt, id } from "./columns";
import { regions, users } from "./organisations";

/** Every mutation writes one row here, in the same transaction as the change. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    regionId: uuid("region_id").references(() => regions.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_events_region_at_idx").on(t.regionId, t.at),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_actor_idx").on(t.actorId),
  ],
);

/**
 * pending → sending → sent (SMTP accepted it) or kept (no SMTP_URL: kept for the dev mailbox);
 * a failed attempt goes back to failed (retried after a backoff) and after the last attempt to dead.
 * held: a non-essential message waiting for the recipient's daily digest; bundled: sent inside one.
 */
export const outboxStatus = pgEnum("outbox_status", ["pending", "sending", "sent", "failed", "dead", "kept", "held", "bundled"]);

/** Transactional outbox: a message is written with the change that causes it; a worker delivers it. */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: id(),
    regionId: uuid("region_id").references(() => regions.id),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    /** The account the message is for, when known (preferences, digest). */
    recipientUserId: uuid("recipient_user_id").references(() => users.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    /** Null until the worker has rendered a template message from its payload. */
    textBody: text("text_body"),
    htmlBody: text("html_body"),
    /** Template data (a template message) or free data of a pre-rendered message. */
    payload: jsonb("payload").notNull().default({}),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    /** Stable Message-ID so a retried delivery is recognisable as the same message. */
    messageId: text("message_id").notNull(),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Claim of the worker delivering it; a claim older than the lease is taken over. */
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    /** smtp or mailbox (kept without SMTP_URL). */
    transport: text("transport"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** For a bundled message: the digest that carried it. */
    digestId: uuid("digest_id"),
    /** A copy made by "opnieuw versturen" points at the original. */
    resendOfId: uuid("resend_of_id"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("outbox_messages_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_messages_region_created_idx").on(t.regionId, t.createdAt),
    index("outbox_messages_held_idx").on(t.status, t.toAddress),
  ],
);



/** Attachments travel with their message (e.g. the reaction or antwoordbrief as PDF). */
export const outboxAttachments = pgTable(
  "outbox_attachments",
  {
    id: id(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => outboxMessages.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
  },
  (t) => [index("outbox_attachments_message_idx").on(t.messageId)],
);

/** One row per delivery attempt: when, by which worker, and how it ended. */
export const outboxAttempts = pgTable(
  "outbox_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => outboxMessages.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    workerId: text("worker_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** sent, kept, failed, dead or interrupted (the worker stopped before it recorded an outcome). */
    outcome: text("outcome"),
    error: text("error"),
    response: text("response"),
  },
  (t) => [index("outbox_attempts_message_idx").on(t.messageId, t.startedAt)],
);

export const jobStatus = pgEnum("job_status", ["queued", "running", "done", "failed", "dead"]);

/** Table-based queue (claimed with FOR UPDATE SKIP LOCKED) for renders and scheduled work. */
export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull().default({}),
    idempotencyKey: text("idempotency_key").unique(),
    status: jobStatus("status").notNull().default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    /** Progress of a long job (e.g. "render all vastgestelde letters"): done of total. */
    progress: integer("progress").notNull().default(0),
    total: integer("total"),
    result: jsonb("result"),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("jobs_due_idx").on(t.status, t.runAt), index("jobs_kind_created_idx").on(t.kind, t.createdAt)],
);

/** Uploaded and rendered files, bytes included: the database is the file store, so the app stays stateless. */
export const files = pgTable(
  "files",
  {
    id: id(),
    regionId: uuid("region_id").references(() => regions.id),
    sha256: text("sha256").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    filename: text("filename").notNull(),
    content: bytea("content").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("files_sha256_idx").on(t.sha256)],
);

/**
 * One row: a counter that triggers raise once per committing transaction that changes a domain
 * table (migration 0008), so caches can tell whether anything changed since they computed a value.
 * `epoch` is new for every database, so a cache never mistakes another database's counter for its own.
 */
export const dataVersion = pgTable("data_version", {
  singleton: boolean("singleton").primaryKey().default(true),
  epoch: uuid("epoch").notNull().defaultRandom(),
  version: bigint("version", { mode: "number" }).notNull().default(1),
});
