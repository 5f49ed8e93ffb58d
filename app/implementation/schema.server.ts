import { withoutNul, z } from "~/lib/zod.server";

import { implementationStatuses } from "./options";

const isoDate = (label: string) =>
  z
    .string({ error: `Vul ${label} in als jjjj-mm-dd.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Vul ${label} in als jjjj-mm-dd, bijvoorbeeld 2026-03-01.`)
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), `${label} is geen bestaande datum.`);

const optionalDate = (label: string) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), isoDate(label).optional());

export const progressField = z.coerce
  .number({ error: "Vul de voortgang in als een getal van 0 tot en met 100." })
  .int("De voortgang is een heel getal (0 tot en met 100).")
  .min(0, "De voortgang kan niet lager zijn dan 0%.")
  .max(100, "De voortgang kan niet hoger zijn dan 100%.");

export const statusField = z.enum(implementationStatuses, {
  error: "Kies een status: gepland, loopt, gereed of vervallen.",
});

const reference = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^U-\d{2,4}$/, "Een kenmerk ziet eruit als U-01.");

/** Create or edit an action (the description arrives as text or Tiptap JSON, validated separately). */
export const ActionFieldsSchema = z
  .object({
    title: z
      .string({ error: "Vul een titel in." })
      .overwrite(withoutNul)
      .trim()
      .min(1, "Vul een titel in.")
      .max(200, "De titel mag hoogstens 200 tekens lang zijn."),
    ownerOrganisationId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("Kies een eigenaar uit de lijst.").optional()),
    startsOn: optionalDate("de startdatum"),
    endsOn: optionalDate("de einddatum"),
    sectionKeys: z.array(z.uuid("Kies bouwstenen uit de lijst.")).max(50).default([]),
  })
  .refine((v) => !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn, {
    message: "De einddatum kan niet voor de startdatum liggen.",
    path: ["endsOn"],
  });
export type ActionFields = z.output<typeof ActionFieldsSchema>;

export const ActionUpdateSchema = z.object({
  status: statusField,
  progress: progressField,
  on: isoDate("de datum van de update"),
  text: z
    .string({ error: "Beschrijf wat er is gebeurd." })
    .overwrite(withoutNul)
    .trim()
    .min(1, "Beschrijf wat er is gebeurd.")
    .max(2000, "De toelichting mag hoogstens 2000 tekens lang zijn."),
});
export type ActionUpdateInput = z.output<typeof ActionUpdateSchema>;

export const PointLinkSchema = z.object({
  pointReference: z
    .string({ error: "Vul het kenmerk van een punt in, bijvoorbeeld ASDV-3." })
    .trim()
    .toUpperCase()
    .min(1, "Vul het kenmerk van een punt in, bijvoorbeeld ASDV-3.")
    .max(40, "Een kenmerk van een punt is hoogstens 40 tekens."),
});

/** One row of the CSV import (columns as in the export; Dutch column names). */
export const CsvActionRowSchema = z
  .object({
    kenmerk: z.preprocess((v) => (v === "" ? undefined : v), reference.optional()),
    titel: z.string().overwrite(withoutNul).trim().min(1, "de titel ontbreekt").max(200, "de titel is langer dan 200 tekens"),
    omschrijving: z.string().max(20000, "de omschrijving is te lang").default(""),
    eigenaar: z.string().overwrite(withoutNul).trim().max(40).default(""),
    start: z.preprocess((v) => (v === "" ? undefined : v), isoDate("de startdatum").optional()),
    eind: z.preprocess((v) => (v === "" ? undefined : v), isoDate("de einddatum").optional()),
    status: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), statusField),
    voortgang: z.preprocess((v) => (v === "" ? "0" : v), progressField),
    bouwstenen: z.string().default(""),
  })
  .refine((v) => !v.start || !v.eind || v.eind >= v.start, { message: "de einddatum ligt voor de startdatum", path: ["eind"] });
export type CsvActionRow = z.output<typeof CsvActionRowSchema>;
