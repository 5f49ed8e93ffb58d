import { z } from "~/lib/zod";

/** Shared by the postvak action and its form (conform validates the same schema in the browser). */
export const MailboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), messageId: z.uuid("Onbekend bericht.") }),
  z.object({ intent: z.literal("resend"), messageId: z.uuid("Onbekend bericht.") }),
]);

export const notificationPreferences = ["immediate", "digest"] as const;

export const NotificationPreferenceSchema = z.object({
  preference: z.enum(notificationPreferences, { error: "Kies hoe u meldingen wilt krijgen." }),
});
