import { createServer } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { SMTPServer } from "smtp-server";
import { createSmtpTransport } from "~/email/transport.server";
import type { MimePart } from "./mime";
import { leaves, parseMime } from "./mime";

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: Buffer;
  message: MimePart;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

function toReceived(raw: Buffer, envelopeFrom: string, envelopeTo: string[]): ReceivedMail {
  const message = parseMime(raw);
  const parts = leaves(message);
  const isAttachment = (p: MimePart) => /attachment/i.test(p.headers.get("content-disposition") ?? "");
  const first = (type: string) => parts.find((p) => p.contentType === type && !isAttachment(p))?.body.toString("utf8") ?? "";
  return {
    envelopeFrom,
    envelopeTo,
    raw,
    message,
    messageId: message.headers.get("message-id") ?? "",
    subject: message.headers.get("subject") ?? "",
    text: first("text/plain"),
    html: first("text/html"),
    attachments: parts.filter(isAttachment).map((p) => ({
      filename: p.params.filename ?? parseDisposition(p.headers.get("content-disposition") ?? ""),
      contentType: p.contentType,
      content: p.body,
    })),
  };
}

function parseDisposition(value: string) {
  return /filename="?([^";]+)"?/i.exec(value)?.[1] ?? "";
}

/**
 * A real SMTP server on loopback. `reject` decides per message (by envelope recipient) whether to
 * refuse it with an SMTP error, e.g. to simulate a full mailbox.
 */
export async function startSmtpServer(options: { port?: number; reject?: (to: string) => string | null } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onRcptTo(address, _session, callback) {
      const refusal = options.reject?.(address.address);
      if (refusal) {
        const error = new Error(refusal) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        received.push(toReceived(Buffer.concat(chunks), from, session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A free loopback port with nothing listening on it (connections are refused). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A TCP server that misbehaves: "silent" never greets (timeout), "drop" hangs up at once. */
export async function startBrokenServer(kind: "silent" | "drop"): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    if (kind === "drop") socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The production transport pointed at a test server, with short timeouts. */
export function testTransport(url: string, overrides: { maxConnections?: number; timeoutMs?: number } = {}) {
  const timeout = overrides.timeoutMs ?? 2_000;
  return createSmtpTransport({
    url,
    maxConnections: overrides.maxConnections ?? 2,
    connectionTimeoutMs: timeout,
    greetingTimeoutMs: timeout,
    socketTimeoutMs: timeout,
    ignoreTls: true,
  });
}
