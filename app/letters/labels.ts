/** Dutch labels for letters and reports (no server imports: usable in components). */

export type LetterStatus = "concept" | "ter_goedkeuring" | "vastgesteld" | "verzonden";

export const letterStatusLabels: Record<LetterStatus, string> = {
  concept: "Concept",
  ter_goedkeuring: "Ter goedkeuring",
  vastgesteld: "Vastgesteld",
  verzonden: "Verzonden",
};

export type Disposition =
  "overgenomen" | "deels_overgenomen" | "niet_overgenomen" | "meegenomen_in_uitvoeringsplan" | "voor_kennisgeving";

export const dispositionLabels: Record<Disposition, string> = {
  overgenomen: "Overgenomen",
  deels_overgenomen: "Deels overgenomen",
  niet_overgenomen: "Niet overgenomen",
  meegenomen_in_uitvoeringsplan: "Meegenomen in het uitvoeringsplan",
  voor_kennisgeving: "Voor kennisgeving aangenomen",
};

export const dispositionOrder: Disposition[] = [
  "overgenomen",
  "deels_overgenomen",
  "niet_overgenomen",
  "meegenomen_in_uitvoeringsplan",
  "voor_kennisgeving",
];

/** Dispositions that changed the visie itself. */
export const changingDispositions: Disposition[] = ["overgenomen", "deels_overgenomen"];
