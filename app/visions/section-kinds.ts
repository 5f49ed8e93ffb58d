/** Section kinds and their Dutch labels, without zod, so read-only pages stay small. */
export const sectionKinds = ["hoofdstuk", "paragraaf", "bouwsteen", "afspraak", "leidend_principe", "begrip"] as const;
export type SectionKind = (typeof sectionKinds)[number];

export const sectionKindLabels: Record<SectionKind, string> = {
  hoofdstuk: "hoofdstuk",
  paragraaf: "paragraaf",
  bouwsteen: "bouwsteen",
  afspraak: "afspraak",
  leidend_principe: "leidend principe",
  begrip: "begrip",
};
