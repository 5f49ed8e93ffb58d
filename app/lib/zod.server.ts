import { z } from "zod";

// Zod's own Dutch messages for anything a schema does not phrase itself.
z.config(z.locales.nl());

export { z };

/**
 * Drops NUL characters: PostgreSQL cannot store them in text (the query fails with a 500), and
 * they are invisible anyway. Use as `.overwrite(withoutNul)` before `.trim()`.
 */
export function withoutNul(value: string): string {
  return value.replaceAll("\u0000", "");
}

/** Trimmed text with a Dutch message when empty or too long. */
export function requiredText(label: string, max = 200) {
  return z
    .string({ error: `Vul ${label} in.` })
    .overwrite(withoutNul)
    .trim()
    .min(1, `Vul ${label} in.`)
    .max(max, `${capitalise(label)} mag hoogstens ${max} tekens lang zijn.`);
}

/** Optional trimmed text with a Dutch message when too long; empty becomes null. */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} mag hoogstens ${max} tekens lang zijn.`)
    .optional()
    .transform((value) => value || null);
}

export function emailAddress() {
  return z
    .string({ error: "Vul een e-mailadres in." })
    .trim()
    .toLowerCase()
    .max(254, "Het e-mailadres is te lang.")
    .pipe(z.email("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."));
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A revision number from a hidden form field; a missing field is an error, never revision 0. */
export const formRevision = (min = 0) =>
  z.preprocess(
    (value) => (value === null || value === "" ? undefined : value),
    z.coerce
      .number({ error: "Het formulier is onvolledig. Laad de pagina opnieuw." })
      .int("Het formulier is onvolledig. Laad de pagina opnieuw.")
      .min(min, "Het formulier is onvolledig. Laad de pagina opnieuw."),
  );
