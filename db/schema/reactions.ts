import { sql } from "drizzle-orm";
import {
  boolean,
  date,
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
import { createdAt, id, tsvector } from "./columns";
import { organisations, users } from "./organisations";
import { consultationRounds, visions, visionVersions } from "./visions";

export const reactionKind = pgEnum("reaction_kind", ["advies", "reactie", "reactiebrief"]);
export const adviceKind = pgEnum("advice_kind", ["gevraagd", "ongevraagd"]);
/** superseded: a submitted reaction whose correction (a newer revision, corrects_id) has been submitted. */
export const reactionStatus = pgEnum("reaction_status", ["draft", "submitted", "withdrawn", "superseded"]);
export const publicationChoice = pgEnum("publication_choice", ["met_naam", "alleen_organisatie", "anoniem"]);

export const reactions = pgTable(
  "reactions",
  {
    id: id(),
    visionId: uuid("vision_id")
      .notNull()
      .references(() => visions.id),
    /** Null for a council's reactiebrief, which follows adoption rather than a round. */
    roundId: uuid("round_id").references(() => consultationRounds.id),
    versionId: uuid("version_id")
      .notNull()
      .references(() => visionVersions.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: reactionKind("kind").notNull(),
    adviceKind: adviceKind("advice_kind"),
    /** The region or a member municipality's college. */
    addressedToId: uuid("addressed_to_id").references(() => organisations.id),
    place: text("place"),
    letterDate: date("letter_date"),
    reference: text("reference"),
    theirReference: text("their_reference"),
    /** A reply should quote this number; may differ from the letter's own number (seed 001). */
    replyReference: text("reply_reference"),
    subject: text("subject"),
    introduction: jsonb("introduction"),
    conclusion: jsonb("conclusion"),
    status: reactionStatus("status").notNull().default("draft"),
    revision: integer("revision").notNull().default(1),
    isLate: boolean("is_late").notNull().default(false),
    isAnonymous: boolean("is_anonymous").notNull().default(false),
    /** How the reaction may be shown publicly once staff publish the results: name, organisation only, or anonymous. */
    publicationChoice: publicationChoice("publication_choice"),
    /** When the person agreed to that (plain mode for ervaringsdeskundigen). */
    consentAt: timestamp("consent_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedById: uuid("submitted_by_id").references(() => users.id),
    submissionKey: text("submission_key").unique(),
    forwardedAt: timestamp("forwarded_at", { withTimezone: true }),
    forwardedById: uuid("forwarded_by_id").references(() => users.id),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    /** A correction is a new reaction linked to the one it corrects. */
    correctsId: uuid("corrects_id"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reactions_one_active_per_round_idx")
      .on(t.roundId, t.organisationId)
      .where(sql`${t.status} <> 'withdrawn' and ${t.correctsId} is null`),
    index("reactions_vision_org_idx").on(t.visionId, t.organisationId),
    index("reactions_round_status_idx").on(t.roundId, t.status),
    // isCurrentRevision's "no submitted correction" probe: without it triage of 2,000 reactions joins every row with every reaction.
    index("reactions_corrects_idx").on(t.correctsId).where(sql`${t.correctsId} is not null`),
  ],
);

export const reactionSignatories = pgTable(
  "reaction_signatories",
  {
    id: id(),
    reactionId: uuid("reaction_id")
      .notNull()
      .references(() => reactions.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    title: text("title"),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("reaction_signatories_reaction_idx").on(t.reactionId)],
);

export const pointKind = pgEnum("point_kind", [
  "vraag",
  "aandachtspunt",
  "wijzigingsvoorstel",
  "steun",
  "bezwaar",
]);

export const points = pgTable(
  "points",
  {
    id: id(),
    reactionId: uuid("reaction_id")
      .notNull()
      .references(() => reactions.id, { onDelete: "cascade" }),
    visionId: uuid("vision_id")
      .notNull()
      .references(() => visions.id),
    number: integer("number").notNull(),
    /** Stable human reference such as ASDV-3, unique within the vision. */
    reference: text("reference").notNull(),
    kind: pointKind("kind").notNull(),
    body: jsonb("body").notNull(),
    plainText: text("plain_text").notNull().default(""),
    isGeneral: boolean("is_general").notNull().default(false),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector('herleidbaar_dutch'::regconfig, plain_text)`,
    ),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("points_vision_reference_idx").on(t.visionId, t.reference),
    index("points_reaction_number_idx").on(t.reactionId, t.number),
    // Narrow and covering: the triage count and the per-organisation counts read the index only, not the wide rows.
    index("points_vision_reaction_idx").on(t.visionId, t.reactionId, t.id),
    index("points_search_idx").using("gin", t.searchVector),
    // Similar points (word overlap) are found in the database with pg_trgm.
    index("points_plain_text_trgm_idx").using("gin", sql`${t.plainText} gin_trgm_ops`),
  ],
);

/** W3C Web Annotation selectors: TextQuoteSelector (exact/prefix/suffix) and TextPositionSelector. */
export const pointAnchors = pgTable(
  "point_anchors",
  {
    id: id(),
    pointId: uuid("point_id")
      .notNull()
      .references(() => points.id, { onDelete: "cascade" }),
    sectionKey: uuid("section_key").notNull(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => visionVersions.id),
    exact: text("exact"),
    prefix: text("prefix"),
    suffix: text("suffix"),
    positionStart: integer("position_start"),
    positionEnd: integer("position_end"),
  },
  (t) => [
    index("point_anchors_point_idx").on(t.pointId),
    index("point_anchors_section_idx").on(t.sectionKey),
  ],
);

/** Where an anchored quote was found again in a later version. */
export const anchorResolutions = pgTable(
  "anchor_resolutions",
  {
    id: id(),
    anchorId: uuid("anchor_id")
      .notNull()
      .references(() => pointAnchors.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      .references(() => visionVersions.id),
    state: text("state").notNull(),
    foundText: text("found_text"),
    positionStart: integer("position_start"),
    positionEnd: integer("position_end"),
  },
  (t) => [uniqueIndex("anchor_resolutions_anchor_version_idx").on(t.anchorId, t.versionId)],
);
