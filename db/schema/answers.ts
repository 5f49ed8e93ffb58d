import {
  index,
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
import { users } from "./organisations";
import { points, reactions } from "./reactions";
import { visions } from "./visions";

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
    /** When one answer text is reused for similar points. */
    reusedFromId: uuid("reused_from_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("answers_status_idx").on(t.status),
    index("answers_assignee_idx").on(t.assigneeId),
    index("answers_disposition_idx").on(t.disposition),
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
    handledBy: text("handled_by"),
    signedByName: text("signed_by_name"),
    signedByTitle: text("signed_by_title"),
    letterDate: timestamp("letter_date", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    pdfFileId: uuid("pdf_file_id").references(() => files.id),
    docxFileId: uuid("docx_file_id").references(() => files.id),
    revision: jsonb("revision"),
    createdAt: createdAt(),
  },
  (t) => [index("response_letters_status_idx").on(t.status)],
);
