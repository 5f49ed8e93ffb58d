import { render, toPlainText } from "@react-email/render";
import { createElement } from "react";
import type { z } from "zod";
import type { EmailContext, EmailDefinition, EmailName, EmailTemplates } from "../../emails";
import { emailTemplates } from "../../emails";
import { appUrl } from "~/lib/env.server";
import { headerSafe } from "./headers";

/** What a caller passes (dates as Date or ISO string). */
export type EmailInput<N extends EmailName> = z.input<EmailTemplates[N]["schema"]>;
/** What the template receives after validation. */
export type EmailData<N extends EmailName> = z.output<EmailTemplates[N]["schema"]>;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function isEmailName(name: string): name is EmailName {
  return Object.hasOwn(emailTemplates, name);
}

function definition<N extends EmailName>(name: N): EmailDefinition<z.ZodType<EmailData<N>, EmailInput<N>>> {
  return emailTemplates[name] as unknown as EmailDefinition<z.ZodType<EmailData<N>, EmailInput<N>>>;
}

export function emailContext(base = appUrl()): EmailContext {
  const root = base.replace(/\/+$/, "");
  return { appUrl: root, preferencesUrl: `${root}/account/meldingen` };
}

/** Validates template data; throws a ZodError on a programming mistake (wrong or missing data). */
export function parseEmailData<N extends EmailName>(name: N, data: EmailInput<N>): EmailData<N> {
  return definition(name).schema.parse(data);
}

/**
 * The data as it is stored in the outbox payload: validated, then through JSON (dates become ISO
 * strings), so the worker renders exactly what was validated in the request.
 */
export function serialiseEmailData<N extends EmailName>(name: N, data: EmailInput<N>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(parseEmailData(name, data))) as Record<string, unknown>;
}

export function emailSubject<N extends EmailName>(name: N, data: EmailInput<N>): string {
  const def = definition(name);
  return headerSafe(def.subject(def.schema.parse(data)));
}

export function emailSummary<N extends EmailName>(name: N, data: EmailInput<N>): string {
  const def = definition(name);
  return def.summary(def.schema.parse(data));
}

export function emailCategory(name: EmailName) {
  return emailTemplates[name].category;
}

// Headings keep their case: capitals are harder to read and some screen readers spell them out.
const textOptions = {
  wordwrap: 78,
  selectors: ["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
};

/** Renders a template to a subject, accessible HTML and its plain-text part. */
export async function renderEmail<N extends EmailName>(name: N, data: EmailInput<N>, context: EmailContext = emailContext()): Promise<RenderedEmail> {
  const def = definition(name);
  const parsed = def.schema.parse(data);
  const html = await render(createElement(def.Component, { data: parsed, context }));
  const text = toPlainText(html, textOptions).replace(/\n{3,}/g, "\n\n").trim();
  return { subject: headerSafe(def.subject(parsed)), html, text };
}

/** The outbox payload of a template message is its data; unknown or invalid data throws. */
export function renderStoredEmail(name: string, payload: unknown, context?: EmailContext): Promise<RenderedEmail> {
  if (!isEmailName(name)) throw new Error(`Onbekend e-mailsjabloon: ${name}`);
  return renderEmail(name, payload as EmailInput<typeof name>, context);
}
