// Only for tests/perf (its benchmarks import this path). App code imports ./schema.server directly,
// which the browser build replaces by an empty module.
export type { SaveReactionInput } from "./schema.server";
