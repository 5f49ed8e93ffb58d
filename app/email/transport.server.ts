import { createRequire } from "node:module";
import type { createTransport as CreateTransport } from "nodemailer";
import type { SMTPPoolOptions } from "nodemailer/lib/smtp-pool";
import { headerSafe } from "./headers";

export interface OutgoingMail {
  /** The outbox row's stable Message-ID, e.g. <uuid@host>. */
  messageId: string;
  from: string;
  to: { address: string; name?: string | null };
  subject: string;
  text: string;
  html?: string | null;
  date: Date;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export interface SendResult {
  response: string;
}

/** Where the worker hands a message; SMTP in production, anything in tests. */
export interface MailTransport {
  readonly kind: "smtp";
  /** How many messages may be in flight at once. */
  readonly concurrency: number;
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

export interface SmtpOptions {
  url: string;
  /** Open SMTP connections (and messages in flight). */
  maxConnections?: number;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** Skip STARTTLS, e.g. for a test server on loopback. */
  ignoreTls?: boolean;
}

/** nodemailer over a small connection pool, with timeouts so a hanging server never blocks the worker. */
export function createSmtpTransport(options: SmtpOptions): MailTransport {
  const maxConnections = options.maxConnections ?? 3;
  const config: SMTPPoolOptions & { pool: true } = {
    pool: true,
    url: options.url,
    maxConnections,
    maxMessages: 100,
    connectionTimeout: options.connectionTimeoutMs ?? 15_000,
    greetingTimeout: options.greetingTimeoutMs ?? 15_000,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
    ignoreTLS: options.ignoreTls,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  // Required on first use: a web process without SMTP never pays nodemailer's ~15 MB.
  const { createTransport } = createRequire(import.meta.url)("nodemailer") as { createTransport: typeof CreateTransport };
  const transporter = createTransport(config);
  return {
    kind: "smtp",
    concurrency: maxConnections,
    async send(mail) {
      const info = await transporter.sendMail({
        messageId: mail.messageId,
        date: mail.date,
        from: mail.from,
        to: mail.to.name ? { name: headerSafe(mail.to.name), address: mail.to.address } : mail.to.address,
        subject: headerSafe(mail.subject),
        text: mail.text,
        html: mail.html ?? undefined,
        attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        headers: {
          // Automatic messages: no out-of-office replies back to the platform.
          "Auto-Submitted": "auto-generated",
          "X-Auto-Response-Suppress": "OOF, AutoReply",
        },
      });
      if (info.rejected.length > 0 || info.accepted.length === 0) {
        throw new Error(`Ontvanger geweigerd: ${info.response}`);
      }
      return { response: info.response };
    },
    close() {
      transporter.close();
    },
  };
}

/** A short, readable description of a transport error (code, SMTP reply), never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const extra = error as Error & { code?: string; responseCode?: number; response?: string; command?: string };
    const parts = [extra.code, extra.responseCode ? String(extra.responseCode) : undefined, extra.command].filter(Boolean);
    const reply = extra.response && !error.message.includes(extra.response) ? ` (${extra.response})` : "";
    return `${parts.length ? `${parts.join(" ")}: ` : ""}${error.message}${reply}`.slice(0, 1000);
  }
  return String(error).slice(0, 1000);
}
