import { emailAddress, z } from "~/lib/zod.server";

export const LoginSchema = z.object({
  email: emailAddress(),
  password: z.string({ error: "Vul uw wachtwoord in." }).min(1, "Vul uw wachtwoord in.").max(1000),
  redirectTo: z.string().optional(),
});

/** ASVS: at least 12 characters, no composition rules, paste allowed, common passwords refused. */
export const newPassword = z
  .string({ error: "Kies een wachtwoord." })
  .min(12, "Kies een wachtwoord van minstens 12 tekens.")
  .max(128, "Een wachtwoord mag hoogstens 128 tekens lang zijn.")
  .refine((value) => !isCommonPassword(value), "Dit wachtwoord is te bekend. Kies een ander wachtwoord.");

export const SetPasswordSchema = z
  .object({ password: newPassword, confirmation: z.string({ error: "Herhaal het wachtwoord." }) })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "De twee wachtwoorden zijn niet gelijk.",
  });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Vul uw huidige wachtwoord in." }).min(1, "Vul uw huidige wachtwoord in."),
    password: newPassword,
    confirmation: z.string({ error: "Herhaal het nieuwe wachtwoord." }),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "De twee wachtwoorden zijn niet gelijk.",
  });

// A short list of the most used passwords of 12+ characters; the full breached-password check is issue 9.
const commonPasswords = new Set([
  "123456789012",
  "1234567890123",
  "qwertyuiopas",
  "wachtwoord123",
  "wachtwoord1234",
  "welkom123456",
  "password1234",
  "passwordpassword",
  "wachtwoordwachtwoord",
  "aaaaaaaaaaaa",
  "000000000000",
  "111111111111",
  "iloveyou1234",
  "qwerty123456",
  "123456qwerty",
  "1q2w3e4r5t6y",
]);

export function isCommonPassword(value: string): boolean {
  const lower = value.toLowerCase();
  return commonPasswords.has(lower) || /^(.)\1+$/.test(lower);
}

/** The six digits from an authenticator app; spaces are allowed ("123 456"). */
const totpCode = z
  .string({ error: "Vul de code van 6 cijfers uit uw app in." })
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Vul de code van 6 cijfers uit uw app in."));

export const SecondFactorSchema = z.object({ code: totpCode, terug: z.string().optional() });

export const TwoFactorSettingsSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("aanzetten"), code: totpCode, key: z.string().max(64) }),
  z.object({ intent: z.literal("uitzetten"), code: totpCode }),
]);

/** Deleting one's own account: the password again and an explicit tick. */
export const DeleteAccountSchema = z.object({
  password: z.string().min(1, "Vul uw wachtwoord in.").max(1000),
  confirm: z.literal("ja", { error: "Vink aan dat u uw account wilt verwijderen." }),
});
