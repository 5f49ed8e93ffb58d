// What the triage route's loader and action need: the labels and option lists (plain modules) and
// the form schemas (schema.server.ts, which the browser build replaces by an empty module).
export { answerStatusLabels, answerStatuses, dispositionLabels, dispositions, triageSortLabels, triageSorts } from "./labels";
export { BulkFormSchema, parseTriageFilters } from "./schema.server";
export { pointKindLabels, pointKinds, type PointKind } from "~/reactions/options";
