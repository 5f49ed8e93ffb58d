import { formRevision, withoutNul, z } from "~/lib/zod.server";
import { pointKinds } from "~/reactions/options";

import { answerStatuses, dispositions, triageSorts } from "./labels";

const optionalUuid = z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional());
const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().overwrite(withoutNul).trim().max(200).optional());

/**
 * The triage filters as they appear in the URL (a GET form). Unknown or malformed values are
 * dropped rather than refused, so an old bookmark still opens the list.
 */
export const TriageFilterSchema = z.object({
  bron: z.preprocess((v) => (v === "" ? undefined : v), z.union([z.literal("reactiebrief"), z.uuid()]).optional()).catch(undefined),
  onderdeel: optionalUuid.catch(undefined),
  soort: z.preprocess((v) => (v === "" ? undefined : v), z.enum(pointKinds).optional()).catch(undefined),
  /** An organisation's code or (part of) its name; an organisation id from older links still works. */
  organisatie: optionalText.catch(undefined),
  type: z
    .preprocess((v) => (v === "" ? undefined : v), z.enum(["regio", "gemeente", "adviesraad", "aanbieder", "ervaringsdeskundigen", "ketenpartner", "clientenraad"]).optional())
    .catch(undefined),
  thema: optionalUuid.catch(undefined),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(answerStatuses).optional()).catch(undefined),
  toegewezen: z.preprocess((v) => (v === "" ? undefined : v), z.union([z.literal("mij"), z.literal("niemand"), z.uuid()]).optional()).catch(undefined),
  laat: z.preprocess((v) => (v === "ja" ? true : undefined), z.literal(true).optional()).catch(undefined),
  q: optionalText.catch(undefined),
  sorteer: z.enum(triageSorts).catch("referentie"),
});
export type TriageFilterInput = z.infer<typeof TriageFilterSchema>;

export function parseTriageFilters(params: URLSearchParams): TriageFilterInput {
  return TriageFilterSchema.parse(Object.fromEntries([...params.entries()].filter(([key]) => key !== "pagina")));
}

const dispositionField = z.enum(dispositions, { error: "Kies een afweging." });

/** "versionId:sectionKey" from the select of changed sections. */
const changedSectionField = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .regex(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/i, "Kies een gewijzigd onderdeel uit de lijst.")
    .transform((v) => {
      const [versionId, sectionKey] = v.split(":");
      return { versionId: versionId!, sectionKey: sectionKey! };
    })
    .optional(),
);

/** The answer form of the per-point page (text from the textarea, or Tiptap JSON from the editor). */
export const AnswerFormSchema = z.object({
  revision: formRevision(0),
  body: z.string().max(100_000).optional(),
  bodyJson: z.string().max(400_000).optional(),
  disposition: z.preprocess((v) => (v === "" ? undefined : v), dispositionField.optional()),
  changedSection: changedSectionField,
  assigneeId: optionalUuid,
  /** Points reusing this answer whose answer should follow this edit. */
  alsoUpdate: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid()).max(500)),
});
export type AnswerFormInput = z.infer<typeof AnswerFormSchema>;

export const BulkFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("bulk-assign"),
    points: z.array(z.uuid()).min(1, "Vink eerst een of meer punten aan.").max(500),
    assigneeId: z.preprocess((v) => (v === "" ? null : v), z.uuid().nullable()),
  }),
  z.object({
    intent: z.literal("bulk-theme"),
    points: z.array(z.uuid()).min(1, "Vink eerst een of meer punten aan.").max(500),
    themeId: z.uuid({ error: "Kies een thema." }),
  }),
  z.object({
    intent: z.literal("bulk-answer"),
    points: z.array(z.uuid()).min(1, "Vink eerst een of meer punten aan.").max(500),
    body: z.string().max(100_000).optional(),
    bodyJson: z.string().max(400_000).optional(),
    disposition: dispositionField,
    changedSection: changedSectionField,
  }),
  z.object({
    intent: z.literal("publish"),
    roundId: z.uuid({ error: "Kies een consultatieronde." }),
  }),
]);

export const ThemeFormSchema = z.object({
  title: z.string({ error: "Vul een naam voor het thema in." }).overwrite(withoutNul).trim().min(1, "Vul een naam voor het thema in.").max(120, "De naam van het thema mag hoogstens 120 tekens lang zijn."),
  summary: z.string().max(100_000).optional(),
  summaryJson: z.string().max(400_000).optional(),
});

export const ThemeIdSchema = z.uuid({ error: "Dit thema bestaat niet (meer)." });
