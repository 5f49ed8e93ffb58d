
import {
  boolean,
  date,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  integer,
} from "drizzle-orm/pg-core";
import { bytea, createdAt, id } from "./columns";

export const regions = pgTable("regions", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  createdAt: createdAt(),
});

export const organisationType = pgEnum("organisation_type", [
  "regio",
  "gemeente",
  "adviesraad",
  "aanbieder",
  "ervaringsdeskundigen",
  "ketenpartner",
  "clientenraad",
]);

export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    type: organisationType("type").notNull(),
    name: text("name").notNull(),
    /** Prefix for point references, e.g. "ASDV" in ASDV-3; unique within the region. */
    code: text("code").notNull(),
    /** For an adviesraad or griffie-like body: the member municipality it belongs to. */
    municipalityId: uuid("municipality_id"),
    /** For a gemeente: the period it is a member of the region (mergers change membership). */
    memberFrom: date("member_from"),
    memberUntil: date("member_until"),
    mergedIntoId: uuid("merged_into_id"),
    postalAddress: text("postal_address"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organisations_region_code_idx").on(t.regionId, t.code),
    uniqueIndex("organisations_region_name_idx").on(t.regionId, t.name),
    index("organisations_region_type_idx").on(t.regionId, t.type),
  ],
);

/** Non-essential notifications: each on its own, or bundled in one e-mail a day. */
export const notificationPreference = pgEnum("notification_preference", ["immediate", "digest"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored lower-cased; the unique index makes a duplicate a form error. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    notificationPreference: notificationPreference("notification_preference").notNull().default("immediate"),
    /** TOTP (RFC 6238) secret; set only once the person confirmed a code from their app. */
    totpKey: bytea("totp_key"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last 30-second step a code was accepted for: a code works once (no replay). */
    totpLastStep: integer("totp_last_step"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

/** Lucia's session design: the id is the SHA-256 of the token; the token itself is never stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** False until the second factor is given, for accounts that have one; such a session opens nothing else. */
    twoFactorVerified: boolean("two_factor_verified").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const membershipRole = pgEnum("membership_role", [
  "member",
  "signatory",
  "municipal_staff",
  "griffie",
  "staff_editor",
  "staff_admin",
]);

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: membershipRole("role").notNull(),
    /** Shown under a signature, e.g. "Voorzitter". */
    title: text("title"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_user_org_idx").on(t.userId, t.organisationId),
    index("memberships_org_idx").on(t.organisationId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: membershipRole("role").notNull(),
    invitedById: uuid("invited_by_id").references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_org_idx").on(t.organisationId)],
);

/** Failed-login counters per account and per IP address; lives in the database so it holds across processes. */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

