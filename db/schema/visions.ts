import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { organisations, regions, users } from "./organisations";

export const visions = pgTable(
  "visions",
  {
    id: id(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("visions_region_slug_idx").on(t.regionId, t.slug)],
);

export const versionStatus = pgEnum("version_status", ["draft", "published"]);

export const visionVersions = pgTable(
  "vision_versions",
  {
    id: id(),
    visionId: uuid("vision_id")
      .notNull()
      .references(() => visions.id),
    /** 1, 2, 3… in order of creation. */
    number: integer("number").notNull(),
    /** "eerste concept", "aangepast concept", "definitief". */
    label: text("label").notNull(),
    isDefinitive: boolean("is_definitive").notNull().default(false),
    status: versionStatus("status").notNull().default("draft"),
    basedOnId: uuid("based_on_id"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedById: uuid("published_by_id").references(() => users.id),
    /** Optimistic locking for the draft. */
    revision: integer("revision").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("vision_versions_vision_number_idx").on(t.visionId, t.number),
    index("vision_versions_vision_status_idx").on(t.visionId, t.status),
  ],
);

export const sectionKind = pgEnum("section_kind", [
  "hoofdstuk",
  "paragraaf",
  "bouwsteen",
  "afspraak",
  "leidend_principe",
  "begrip",
]);

export const sections = pgTable(
  "sections",
  {
    id: id(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => visionVersions.id, { onDelete: "cascade" }),
    /** Stable across versions: anchors and changelogs refer to this key. */
    key: uuid("key").notNull(),
    parentKey: uuid("parent_key"),
    position: integer("position").notNull(),
    kind: sectionKind("kind").notNull(),
    number: text("number"),
    title: text("title").notNull(),
    /** ProseMirror JSON validated against app/editor's extension list. */
    content: jsonb("content").notNull(),
    /** Rendered once on publication (published sections never change). */
    contentHtml: text("content_html"),
    plainText: text("plain_text").notNull().default(""),
  },
  (t) => [
    uniqueIndex("sections_version_key_idx").on(t.versionId, t.key),
    index("sections_version_position_idx").on(t.versionId, t.position),
  ],
);

export const roundVisibility = pgEnum("round_visibility", ["invited", "registered"]);

export const consultationRounds = pgTable(
  "consultation_rounds",
  {
    id: id(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => visionVersions.id),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    visibility: roundVisibility("visibility").notNull().default("invited"),
    acceptsLate: boolean("accepts_late").notNull().default(false),
    /** When staff made the answers public ("wat is er met uw reactie gedaan"). */
    answersPublishedAt: timestamp("answers_published_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("consultation_rounds_version_idx").on(t.versionId)],
);

/** An invited organisation with its adviesaanvraag. */
export const roundInvitees = pgTable(
  "round_invitees",
  {
    id: id(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => consultationRounds.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The region, or a member municipality asking its own adviesraad. */
    requestedById: uuid("requested_by_id").references(() => organisations.id),
    adviceRequestReference: text("advice_request_reference"),
    adviceRequestDate: timestamp("advice_request_date", { withTimezone: true }),
    message: text("message"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("round_invitees_round_org_idx").on(t.roundId, t.organisationId)],
);

/** Per published version: which section changed and which points caused it. */
export const changelogEntries = pgTable(
  "changelog_entries",
  {
    id: id(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => visionVersions.id),
    sectionKey: uuid("section_key").notNull(),
    change: text("change").notNull(),
    note: jsonb("note"),
    createdAt: createdAt(),
  },
  (t) => [index("changelog_entries_version_idx").on(t.versionId)],
);
