import { emailAddress, requiredText, withoutNul, z } from "~/lib/zod.server";

import { membershipRoles, organisationTypes } from "./options";

/**
 * The address printed on letters: up to five lines (postbus or street, postcode and place). Plain
 * text; an empty field clears it.
 */
export const postalAddress = () =>
  z
    .string()
    .overwrite(withoutNul)
    .max(300, "Het adres is te lang: gebruik hoogstens 300 tekens.")
    .transform((value) =>
      value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .join("\n"),
    )
    .refine((value) => value.split("\n").length <= 5, "Gebruik hoogstens 5 regels voor het adres.")
    .refine((value) => !/[<>]/.test(value), "Een adres bevat geen < of >.")
    .optional();

export const UpdatePostalAddressSchema = z.object({ postalAddress: postalAddress() });

export const CreateOrganisationSchema = z.object({
  name: requiredText("de naam", 160),
  code: z
    .string({ error: "Vul een afkorting in." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, "De afkorting bestaat uit 2 tot 10 letters of cijfers en begint met een letter, bijvoorbeeld ASDV."),
  type: z.enum(organisationTypes, { error: "Kies een soort organisatie." }),
  municipalityId: z.uuid("Kies een gemeente uit de lijst.").optional(),
  postalAddress: postalAddress(),
});

export const InviteSchema = z.object({
  name: requiredText("de naam", 120),
  email: emailAddress(),
  role: z.enum(membershipRoles, { error: "Kies een rol." }),
});

export const CreateRegionSchema = z.object({
  name: requiredText("de naam van de regio", 160),
  shortName: requiredText("de korte naam", 20),
  slug: z
    .string({ error: "Vul een webadresnaam in." })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld h10."),
  adminName: requiredText("de naam van de eerste beheerder", 120),
  adminEmail: emailAddress(),
});
