// Statuses, labels and the CSV format of the uitvoeringsplan, without zod: the pages show them, and
// the browser bundle must not carry the form schemas (app/implementation/schema.server.ts).

export const implementationStatuses = ["gepland", "loopt", "gereed", "vervallen"] as const;
export type ImplementationStatus = (typeof implementationStatuses)[number];

export const statusLabels: Record<ImplementationStatus, string> = {
  gepland: "gepland",
  loopt: "loopt",
  gereed: "gereed",
  vervallen: "vervallen",
};

// The same Dutch words as on the answering pages.
export { dispositionLabels } from "~/answers/labels";

export const CSV_MAX_BYTES = 1024 * 1024;
export const csvColumns = ["kenmerk", "titel", "omschrijving", "eigenaar", "start", "eind", "status", "voortgang", "bouwstenen", "punten"] as const;
