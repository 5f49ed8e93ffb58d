import { optionalText, withoutNul, z } from "~/lib/zod.server";
import { MAX_LETTER_PART_CHARS, MAX_POINT_CHARS, MAX_POINTS, pointKinds, publicationChoices } from "./options";

export const PointInputSchema = z.object({
  id: z.uuid("Onbekend punt."),
  kind: z.enum(pointKinds, { error: "Kies de soort van elk punt." }),
  body: z.string().max(MAX_POINT_CHARS, `Een punt mag hoogstens ${MAX_POINT_CHARS} tekens lang zijn.`).optional(),
  bodyJson: z.string().max(MAX_POINT_CHARS * 4, `Een punt mag hoogstens ${MAX_POINT_CHARS} tekens lang zijn.`).optional(),
  sectionKeys: z.array(z.uuid("Kies onderdelen uit de lijst.")).max(10, "Een punt kan aan hoogstens 10 onderdelen hangen.").default([]),
  quote: optionalText("Het citaat", 2000),
  general: z.literal("ja").optional(),
});

export const SaveReactionSchema = z.object({
  revision: z.coerce.number().int().min(1),
  addressedToId: z.uuid("Kies aan wie de reactie is gericht."),
  place: optionalText("De plaats", 100),
  letterDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Vul de datum in als jjjj-mm-dd.")
    .optional()
    .transform((value) => value || null),
  reference: optionalText("Het kenmerk", 100),
  theirReference: optionalText("Uw kenmerk", 200),
  subject: optionalText("Het onderwerp", 300),
  introduction: z.string().max(MAX_LETTER_PART_CHARS, `De inleiding mag hoogstens ${MAX_LETTER_PART_CHARS} tekens lang zijn.`).optional(),
  introductionJson: z.string().max(MAX_LETTER_PART_CHARS * 4).optional(),
  conclusion: z.string().max(MAX_LETTER_PART_CHARS, `Het slot mag hoogstens ${MAX_LETTER_PART_CHARS} tekens lang zijn.`).optional(),
  conclusionJson: z.string().max(MAX_LETTER_PART_CHARS * 4).optional(),
  signatories: z.array(z.uuid()).max(10).default([]),
  points: z.array(PointInputSchema).max(MAX_POINTS, `Een reactie heeft hoogstens ${MAX_POINTS} punten.`).default([]),
  /** save | autosave | submit | add-point | move:<index>:up|down | delete:<index> | save-anyway */
  intent: z.string().regex(/^(save|autosave|save-anyway|submit|add-point|move:\d{1,3}:(up|down)|delete:\d{1,3})$/, "Onbekende handeling."),
  submissionKey: z.string().regex(/^[a-z0-9-]{8,64}$/).optional(),
});

export type SaveReactionInput = z.infer<typeof SaveReactionSchema>;

export const StartReactionSchema = z.object({
  roundId: z.uuid("Onbekende consultatieronde."),
  organisationId: z.uuid("Kies een organisatie."),
});

export const QuotePointSchema = z.object({
  sectionKey: z.uuid("Onbekend onderdeel."),
  exact: z.string().overwrite(withoutNul).trim().max(2000, "Het citaat mag hoogstens 2000 tekens lang zijn.").optional(),
});

const answer = z.string().trim().max(3000, "Uw antwoord is te lang. Gebruik hoogstens 3000 tekens.").optional().transform((v) => v || "");

/** The plain-language form for ervaringsdeskundigen: three open questions, a visibility choice and consent. */
export const PlainReactionSchema = z
  .object({
    organisationId: z.uuid("Kies namens wie u reageert."),
    sectionKey: z.uuid().optional().or(z.literal("").transform(() => undefined)),
    opinion: answer,
    missing: answer,
    helps: answer,
    publication: z.enum(publicationChoices, { error: "Kies hoe uw reactie zichtbaar mag worden." }),
    consent: z.literal("ja", { error: "Geef toestemming om uw reactie te gebruiken, anders kunnen we hem niet meenemen." }),
    submissionKey: z.string().regex(/^[a-z0-9-]{8,64}$/),
  })
  .refine((v) => v.opinion || v.missing || v.helps, { message: "Vul minstens één vraag in.", path: ["opinion"] });

/** The confirmation step of importing an existing letter: the proposed points, each ticked or not. */
export const LetterImportConfirmSchema = z.object({
  place: z.string().trim().max(100).optional(),
  letterDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal("")),
  reference: z.string().trim().max(200).optional(),
  theirReference: z.string().trim().max(200).optional(),
  subject: z.string().trim().max(300).optional(),
  introduction: z.string().max(20_000, "De inleiding is te lang.").default(""),
  conclusion: z.string().max(20_000, "Het slot is te lang.").default(""),
  points: z
    .array(
      z.object({
        include: z.literal("ja").optional(),
        text: z.string().trim().max(MAX_POINT_CHARS, `Een punt mag hoogstens ${MAX_POINT_CHARS} tekens lang zijn.`),
        kind: z.enum(pointKinds),
        sectionKey: z.uuid().optional().or(z.literal("")),
      }),
    )
    .max(MAX_POINTS, `Hoogstens ${MAX_POINTS} punten.`),
});
