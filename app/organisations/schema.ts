import { emailAddress, requiredText, z } from "~/lib/zod";

export const organisationTypes = [
  "gemeente",
  "adviesraad",
  "aanbieder",
  "ervaringsdeskundigen",
  "ketenpartner",
  "clientenraad",
] as const;

export const CreateOrganisationSchema = z.object({
  name: requiredText("de naam", 160),
  code: z
    .string({ error: "Vul een afkorting in." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, "De afkorting bestaat uit 2 tot 10 letters of cijfers en begint met een letter, bijvoorbeeld ASDV."),
  type: z.enum(organisationTypes, { error: "Kies een soort organisatie." }),
  municipalityId: z.uuid("Kies een gemeente uit de lijst.").optional(),
});

export const membershipRoles = [
  "member",
  "signatory",
  "municipal_staff",
  "griffie",
  "staff_editor",
  "staff_admin",
] as const;

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
