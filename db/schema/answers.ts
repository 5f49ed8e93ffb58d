import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { files } from "./platform";
import { organisations, regions, users } from "./organisations";
import { points, reactions } from "./reactions";
import { visionVersions, visions } from "./visions";

export const themes = pgTable(
  "themes",
  {
    id: id(),
    visionId: uuid("vision_id")
      .notNull()
      .references(() => visions.id),
    title: text("title").notNull(),
    summary: jsonb("summary"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("themes_vision_title_idx").on(t.visionId, t.title)],
);

export const pointThemes = pgTable(
  "point_themes",
  {
    pointId: uuid("point_id")
      .notNull()
      .references(() => points.id, { onDelete: "cascade" }),
    themeId: uuid("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.themeId] }), index("point_themes_theme_idx").on(t.themeId)],
);

export const disposition = pgEnum("disposition", [
  "overgenomen",
  "deels_overgenomen",
  "niet_overgenomen",
  "meegenomen_in_uitvoeringsplan",
  "voor_kennisgeving",
]);

export const answerStatus = pgEnum("answer_status", ["nieuw", "in_behandeling", "beantwoord", "vastgesteld"]);

export const answers = pgTable(
  "answers",
  {
    id: id(),
    pointId: uuid("point_id")
      .notNull()
      .unique()
      .references(() => points.id, { onDelete: "cascade" }),
    body: jsonb("body"),
    disposition: disposition("disposition"),
    changedSectionKey: uuid("changed_section_key"),
    status: answerStatus("status").notNull().default("nieuw"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    reviewedById: uuid("reviewed_by_id").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    /** The version in which the changed section appears (overgenomen feeds that version's changelog). */
    changedVersionId: uuid("changed_version_id").references(() => visionVersions.id),
    /** When one answer text is reused for similar points. */
    reusedFromId: uuid("reused_from_id"),
    answeredById: uuid("answered_by_id").references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** Optimistic lock: an edit based on an older revision is refused, never silently overwritten. */
    revision: integer("revision").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("answers_status_idx").on(t.status),
    // Covering for the triage count's join (status and assignee filters) without reading the answer bodies.
    index("answers_point_status_assignee_idx").on(t.pointId, t.status, t.assigneeId),
    index("answers_assignee_idx").on(t.assigneeId),
    index("answers_disposition_idx").on(t.disposition),
    index("answers_changed_section_idx").on(t.changedSectionKey),
    index("answers_changed_version_idx").on(t.changedVersionId),
    index("answers_reused_from_idx").on(t.reusedFromId),
  ],
);

export const letterStatus = pgEnum("letter_status", ["concept", "ter_goedkeuring", "vastgesteld", "verzonden"]);

/** Antwoordbrief: one per reaction, sent by the body the reaction was addressed to. */
export const responseLetters = pgTable(
  "response_letters",
  {
    id: id(),
    reactionId: uuid("reaction_id")
      .notNull()
      .unique()
      .references(() => reactions.id),
    status: letterStatus("status").notNull().default("concept"),
    letterNumber: text("letter_number"),
    subject: text("subject"),
    introduction: jsonb("introduction"),
    closing: jsonb("closing"),
    /** The region's own organisation, or the municipality whose college the reaction was addressed to. */
    senderOrganisationId: uuid("sender_organisation_id").references(() => organisations.id),
    handledBy: text("handled_by"),
    signedByName: text("signed_by_name"),
    signedByTitle: text("signed_by_title"),
    letterDate: timestamp("letter_date", { withTimezone: true }),
    approvedById: uuid("approved_by_id").references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    sentById: uuid("sent_by_id").references(() => users.id, { onDelete: "set null" }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** The letter model frozen when vastgesteld; a sent letter is rendered only from this. */
    snapshot: jsonb("snapshot"),
    pdfFileId: uuid("pdf_file_id").references(() => files.id),
    docxFileId: uuid("docx_file_id").references(() => files.id),
    revision: integer("revision").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("response_letters_status_idx").on(t.status)],
);

export const letterTemplateKind = pgEnum("letter_template_kind", ["antwoordbrief", "aanbiedingsbrief"]);

/** Editable introduction and closing per region, with placeholders such as {organisatie}. */
export const letterTemplates = pgTable(
  "letter_templates",
  {
    id: id(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    kind: letterTemplateKind("kind").notNull(),
    introduction: text("introduction").notNull(),
    closing: text("closing").notNull(),
    updatedById: uuid("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("letter_templates_region_kind_idx").on(t.regionId, t.kind)],
);
