import { optionalText, withoutNul, z } from "~/lib/zod.server";
import { decisionOutcomes } from "./in-force";
import { MAX_COUNCIL_LETTER_CHARS, MAX_DECISION_ITEMS } from "./options";

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))), `Vul ${label} in als jjjj-mm-dd.`);

const requiredDate = (label: string) =>
  z
    .string({ error: `Vul ${label} in.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Vul ${label} in als jjjj-mm-dd.`)
    .refine((value) => !Number.isNaN(Date.parse(value)), `Vul ${label} in als jjjj-mm-dd.`);

const outcome = z
  .enum(decisionOutcomes, { error: "Kies een uitkomst uit de lijst." })
  .optional()
  .or(z.literal("").transform(() => undefined))
  .transform((value) => value ?? null);

export const DecisionItemSchema = z.object({
  text: z.string().overwrite(withoutNul).trim().max(1000, "Een beslispunt mag hoogstens 1000 tekens lang zijn."),
  outcome,
});

/** One council's raadsvoorstel and raadsbesluit; dates in the order B&W → commissie → raad. */
export const DecisionSchema = z
  .object({
    /** 0 when there is no adoption record yet. */
    revision: z.coerce.number({ error: "Onbekende versie van het formulier." }).int().min(0),
    versionId: z.uuid("Kies de versie van de visie die de raad heeft behandeld."),
    proposalNumber: optionalText("Het registratienummer", 60),
    collegeDate: optionalDate("de datum van het collegebesluit (B&W)"),
    portfolioHolder: optionalText("De portefeuillehouder", 120),
    committeeDate: optionalDate("de datum van de commissie"),
    councilDate: optionalDate("de datum van de raadsvergadering"),
    decisionNumber: optionalText("Het nummer van het raadsbesluit", 60),
    outcome,
    items: z.array(DecisionItemSchema).max(MAX_DECISION_ITEMS, `Een raadsvoorstel heeft hoogstens ${MAX_DECISION_ITEMS} beslispunten.`).default([]),
  })
  .superRefine((value, ctx) => {
    if (value.collegeDate && value.councilDate && value.councilDate < value.collegeDate) {
      ctx.addIssue({
        code: "custom",
        path: ["councilDate"],
        message: "De raadsvergadering kan niet vóór het collegebesluit (datum B&W) liggen. Controleer de data.",
      });
    }
    if (value.committeeDate && value.collegeDate && value.committeeDate < value.collegeDate) {
      ctx.addIssue({ code: "custom", path: ["committeeDate"], message: "De commissie kan niet vóór het collegebesluit (datum B&W) liggen." });
    }
    if (value.committeeDate && value.councilDate && value.committeeDate > value.councilDate) {
      ctx.addIssue({ code: "custom", path: ["committeeDate"], message: "De commissie kan niet ná de raadsvergadering liggen." });
    }
    if (value.outcome && !value.councilDate) {
      ctx.addIssue({ code: "custom", path: ["councilDate"], message: "Vul de datum van de raadsvergadering in bij een besluit." });
    }
    value.items.forEach((item, index) => {
      if (item.outcome && !item.text) {
        ctx.addIssue({ code: "custom", path: ["items", index, "text"], message: `Beslispunt ${index + 1} heeft een uitkomst maar geen tekst.` });
      }
    });
  })
  .transform((value) => ({ ...value, items: value.items.filter((item) => item.text !== "") }));

export type DecisionInput = z.input<typeof DecisionSchema>;
export type DecisionValue = z.output<typeof DecisionSchema>;

/** The aanbiedingsbrief: staff compose it before it is sent. */
export const AdoptionRequestSchema = z.object({
  versionId: z.uuid("Kies de definitieve versie die u aanbiedt."),
  deadline: requiredDate("de uiterste datum voor het raadsbesluit"),
  letterDate: requiredDate("de datum van de brief"),
  letterNumber: optionalText("Het kenmerk", 60),
  body: z
    .string({ error: "Schrijf de tekst van de brief." })
    .trim()
    .min(1, "Schrijf de tekst van de brief.")
    .max(20_000, "De tekst van de brief mag hoogstens 20.000 tekens lang zijn."),
  signedByName: optionalText("De ondertekening", 300),
});

export type AdoptionRequestInput = z.input<typeof AdoptionRequestSchema>;

export const CouncilLetterSchema = z.object({
  text: z
    .string({ error: "Plak de tekst van de reactiebrief of kies een Word-bestand." })
    .max(MAX_COUNCIL_LETTER_CHARS, `De brief mag hoogstens ${MAX_COUNCIL_LETTER_CHARS} tekens lang zijn.`),
});

/** Decision form fields: repeated itemText/itemOutcome inputs become the items list. */
export function decisionFromForm(form: FormData): DecisionInput {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const texts = form.getAll("itemText").map(String);
  const outcomes = form.getAll("itemOutcome").map(String);
  return {
    revision: (field("revision") ?? "") as unknown as number,
    versionId: field("versionId") ?? "",
    proposalNumber: field("proposalNumber"),
    collegeDate: field("collegeDate"),
    portfolioHolder: field("portfolioHolder"),
    committeeDate: field("committeeDate"),
    councilDate: field("councilDate"),
    decisionNumber: field("decisionNumber"),
    outcome: (field("outcome") ?? "") as DecisionInput["outcome"],
    items: texts
      .slice(0, 50)
      .map((text, index) => ({ text, outcome: (outcomes[index] ?? "") as DecisionInput["outcome"] }))
      .filter((item) => item.text.trim() !== "" || item.outcome !== ""),
  };
}
