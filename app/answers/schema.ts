// Only for tests/perf (its benchmarks import this path). App code imports ./schema.server directly;
// the browser build replaces that module by an empty one, so nothing here reaches a page.
export { parseTriageFilters } from "./schema.server";
