import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { files } from "./platform";
import { organisations, users } from "./organisations";
import { reactions } from "./reactions";
import { visionVersions, visions } from "./visions";

/** Aanbiedingsbrief: the region offers the definitive version to every college with a deadline. */
export const adoptionRequests = pgTable(
  "adoption_requests",
  {
    id: id(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => visionVersions.id),
    letterNumber: text("letter_number"),
    letterDate: date("letter_date"),
    deadline: date("deadline").notNull(),
    body: jsonb("body"),
    signedByName: text("signed_by_name"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    pdfFileId: uuid("pdf_file_id").references(() => files.id),
    docxFileId: uuid("docx_file_id").references(() => files.id),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("adoption_requests_version_idx").on(t.versionId)],
);

export const decisionOutcome = pgEnum("decision_outcome", [
  "vastgesteld",
  "vastgesteld_met_amendement",
  "aangehouden",
  "verworpen",
]);

export const adoptions = pgTable(
  "adoptions",
  {
    id: id(),
    visionId: uuid("vision_id")
      .notNull()
      .references(() => visions.id),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => organisations.id),
    adoptionRequestId: uuid("adoption_request_id").references(() => adoptionRequests.id),
    versionId: uuid("version_id").references(() => visionVersions.id),
    proposalNumber: text("proposal_number"),
    collegeDate: date("college_date"),
    portfolioHolder: text("portfolio_holder"),
    /** [{ text, outcome }] per decision item of the raadsvoorstel. */
    decisionItems: jsonb("decision_items").notNull().default([]),
    committeeDate: date("committee_date"),
    councilDate: date("council_date"),
    decisionNumber: text("decision_number"),
    outcome: decisionOutcome("outcome"),
    decisionFileId: uuid("decision_file_id").references(() => files.id),
    councilLetterId: uuid("council_letter_id").references(() => reactions.id),
    recordedById: uuid("recorded_by_id").references(() => users.id),
    /** When the decision was recorded; with the council date it decides membership at adoption. */
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    revision: integer("revision").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("adoptions_vision_municipality_idx").on(t.visionId, t.municipalityId),
    index("adoptions_municipality_idx").on(t.municipalityId),
  ],
);
