// Point kinds, their labels and the limits of a reaction, without zod: the reaction pages show
// them, and the browser bundle must not carry the form schemas (app/reactions/schema.server.ts).

export const pointKinds = ["vraag", "aandachtspunt", "wijzigingsvoorstel", "steun", "bezwaar"] as const;
export type PointKind = (typeof pointKinds)[number];

export const pointKindLabels: Record<PointKind, string> = {
  vraag: "vraag",
  aandachtspunt: "aandachtspunt",
  wijzigingsvoorstel: "wijzigingsvoorstel",
  steun: "steun",
  bezwaar: "bezwaar",
};

/** Limits stated on the page: a reaction has at most 60 points, a point at most 10,000 characters. */
export const MAX_POINTS = 60;
export const MAX_POINT_CHARS = 10_000;
export const MAX_LETTER_PART_CHARS = 20_000;

/** How a plain-language reaction may be published. */
export const publicationChoices = ["met_naam", "alleen_organisatie", "anoniem"] as const;
