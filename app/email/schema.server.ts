import { z } from "~/lib/zod.server";

import { mailboxFilterNames } from "./labels";

/** The postvak action (the page types its form with the same schema). */
export const MailboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), messageId: z.uuid("Onbekend bericht.") }),
  z.object({ intent: z.literal("resend"), messageId: z.uuid("Onbekend bericht.") }),
]);

export const notificationPreferences = ["immediate", "digest"] as const;

export const NotificationPreferenceSchema = z.object({
  preference: z.enum(notificationPreferences, { error: "Kies hoe u meldingen wilt krijgen." }),
});

/** The postvak's filter from the URL; an unknown filter shows everything. */
export const MailboxFilterSchema = z.enum(mailboxFilterNames).catch("alle");
