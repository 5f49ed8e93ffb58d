import type { ComponentType } from "react";
import { z } from "~/lib/zod.server";

/** Filled in by the renderer, the same for every template. */
export interface EmailContext {
  /** Public base URL of the platform, without a trailing slash. */
  appUrl: string;
  /** Where the recipient changes their notification preferences. */
  preferencesUrl: string;
}

/**
 * essential: part of the procedure, always sent straight away (invitations, adviesaanvragen,
 * reminders, receipts, letters). notification: may be bundled in a daily digest when the
 * recipient chose that. digest: the daily digest itself.
 */
export type EmailCategory = "essential" | "notification" | "digest";

export interface EmailDefinition<S extends z.ZodType = z.ZodType> {
  /** Dutch label for the preview page and the mailbox. */
  label: string;
  description: string;
  category: EmailCategory;
  /** Validates the data at queue time; dates travel as ISO strings in the outbox payload. */
  schema: S;
  subject(data: z.output<S>): string;
  /** One B1 sentence for the daily digest. */
  summary(data: z.output<S>): string;
  /** Sample data for the preview page and the render tests. */
  sample: z.input<S>;
  Component: ComponentType<{ data: z.output<S>; context: EmailContext }>;
}

export function defineEmail<S extends z.ZodType>(definition: EmailDefinition<S>): EmailDefinition<S> {
  return definition;
}

/** A moment: a Date, or its ISO form as it comes back from the JSON payload. */
export const moment = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value));

export const link = z.url({ protocol: /^https?$/ });

export const optionalText = (max = 200) => z.string().trim().max(max).optional();
export const text = (max = 200) => z.string().trim().min(1).max(max);

const dateTime = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const dateOnly = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "maandag 1 juni 2026 om 17:00" in Dutch time. */
export function longDateTime(value: Date): string {
  const parts = dateTime.formatToParts(value);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("day")} ${get("month")} ${get("year")} om ${get("hour")}:${get("minute")}`;
}

/** "maandag 1 juni 2026". */
export function longDate(value: Date): string {
  return dateOnly.format(value).replace(",", "");
}

export function greeting(name: string | undefined): string {
  return name ? `Beste ${name},` : "Beste lezer,";
}
