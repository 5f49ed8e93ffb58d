// What the triage route's loader and action need from modules that build zod schemas at load time.
// Imported through this .server module, they stay out of the page's JavaScript (the browser build
// replaces .server modules by empty ones; a plain import would ship zod even if only the loader used it).
export { answerStatusLabels, answerStatuses, BulkFormSchema, dispositionLabels, dispositions, parseTriageFilters, triageSortLabels, triageSorts } from "./schema";
export { pointKindLabels, pointKinds, type PointKind } from "~/reactions/schema";
