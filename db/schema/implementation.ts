import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { organisations, users } from "./organisations";
import { points } from "./reactions";
import { visions } from "./visions";

export const implementationStatus = pgEnum("implementation_status", ["gepland", "loopt", "gereed", "vervallen"]);

/** An uitvoeringsplan action (named implementationAction: Remix uses "action"). */
export const implementationActions = pgTable(
  "implementation_actions",
  {
    id: id(),
    visionId: uuid("vision_id")
      .notNull()
      .references(() => visions.id),
    /** Stable human reference such as "U-04", unique within the vision; CSV import matches on it. */
    reference: text("reference").notNull(),
    title: text("title").notNull(),
    description: jsonb("description"),
    ownerOrganisationId: uuid("owner_organisation_id").references(() => organisations.id),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    status: implementationStatus("status").notNull().default("gepland"),
    progress: integer("progress").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("implementation_actions_vision_status_idx").on(t.visionId, t.status),
    uniqueIndex("implementation_actions_vision_reference_idx").on(t.visionId, t.reference),
    index("implementation_actions_owner_idx").on(t.ownerOrganisationId),
  ],
);

export const implementationActionSections = pgTable(
  "implementation_action_sections",
  {
    actionId: uuid("action_id")
      .notNull()
      .references(() => implementationActions.id, { onDelete: "cascade" }),
    sectionKey: uuid("section_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.sectionKey] }), index("ias_section_idx").on(t.sectionKey)],
);

export const implementationActionPoints = pgTable(
  "implementation_action_points",
  {
    actionId: uuid("action_id")
      .notNull()
      .references(() => implementationActions.id, { onDelete: "cascade" }),
    pointId: uuid("point_id")
      .notNull()
      .references(() => points.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.pointId] }), index("iap_point_idx").on(t.pointId)],
);

export const implementationActionUpdates = pgTable(
  "implementation_action_updates",
  {
    id: id(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => implementationActions.id, { onDelete: "cascade" }),
    on: date("on").notNull(),
    text: text("text").notNull(),
    status: implementationStatus("status"),
    progress: integer("progress"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("iau_action_idx").on(t.actionId, t.on)],
);
