// The answer statuses, dispositions and triage sort orders with their Dutch labels, without zod:
// the answering pages import these in their components, so the browser bundle does not carry the
// form schemas.

/** Dispositions (afwegingen) in the order staff choose them; labels are the Dutch UI words. */
export const dispositions = ["overgenomen", "deels_overgenomen", "niet_overgenomen", "meegenomen_in_uitvoeringsplan", "voor_kennisgeving"] as const;
export type Disposition = (typeof dispositions)[number];

export const dispositionLabels: Record<Disposition, string> = {
  overgenomen: "overgenomen",
  deels_overgenomen: "deels overgenomen",
  niet_overgenomen: "niet overgenomen",
  meegenomen_in_uitvoeringsplan: "meegenomen in uitvoeringsplan",
  voor_kennisgeving: "voor kennisgeving",
};

export const answerStatuses = ["nieuw", "in_behandeling", "beantwoord", "vastgesteld"] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

export const answerStatusLabels: Record<AnswerStatus, string> = {
  nieuw: "nieuw",
  in_behandeling: "in behandeling",
  beantwoord: "beantwoord",
  vastgesteld: "vastgesteld",
};

export const triageSorts = ["referentie", "organisatie", "onderdeel", "status", "nieuwste"] as const;
export type TriageSort = (typeof triageSorts)[number];

export const triageSortLabels: Record<TriageSort, string> = {
  referentie: "referentie",
  organisatie: "organisatie",
  onderdeel: "onderdeel van de visie",
  status: "status",
  nieuwste: "nieuwste eerst",
};
