// The organisation types and membership roles a form offers, without zod: the pages list them, and
// the browser bundle must not carry the form schemas (app/organisations/schema.server.ts).

export const organisationTypes = [
  "gemeente",
  "adviesraad",
  "aanbieder",
  "ervaringsdeskundigen",
  "ketenpartner",
  "clientenraad",
] as const;

export const membershipRoles = [
  "member",
  "signatory",
  "municipal_staff",
  "griffie",
  "staff_editor",
  "staff_admin",
] as const;
