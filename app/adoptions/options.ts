// Limits of the adoption forms, without zod: the decision form shows them, and the browser bundle
// must not carry the form schemas (app/adoptions/schema.server.ts).

export const MAX_DECISION_ITEMS = 10;
/** A raadsbesluit PDF is a few pages; 10 MB leaves room for scans. */
export const MAX_DECISION_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_COUNCIL_LETTER_CHARS = 100_000;
