// The names a published version can get, without zod: the publish page offers them, and the
// browser bundle must not carry the form schemas (app/visions/schema.server.ts).
export const versionLabels = ["eerste concept", "aangepast concept", "definitief"] as const;
