import { z } from "zod";
import { appUrl } from "~/lib/env.server";

/** E-mail settings, validated when the worker starts; a wrong value stops it with a Dutch message. */
const EmailEnvSchema = z.object({
  /** smtp://user:pass@host:587 or smtps://…:465; without it messages are kept for the dev mailbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL moet met smtp:// of smtps:// beginnen")
    .optional(),
  /** Sender, e.g. "Jeugdhulp Rijnmond via Herleidbaar <noreply@herleidbaar.nl>". */
  MAIL_FROM: z.string().min(3).optional(),
  /** external: this process does not deliver; `npm run worker` does (scaled-out deployments). */
  WORKER: z.enum(["inline", "external"]).default("inline"),
});

export type EmailEnv = z.infer<typeof EmailEnvSchema>;

export function emailEnv(): EmailEnv {
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = EmailEnvSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Ongeldige omgevingsvariabelen:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function smtpConfigured(): boolean {
  return !!process.env.SMTP_URL;
}

export function defaultFrom(): string {
  const configured = emailEnv().MAIL_FROM;
  if (configured) return configured;
  let host = "herleidbaar.local";
  try {
    host = new URL(appUrl()).hostname || host;
  } catch {
    // keep the fallback
  }
  if (host === "localhost" || !host.includes(".")) host = "herleidbaar.local";
  return `Herleidbaar <noreply@${host}>`;
}
