import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { outboxAttempts, outboxMessages } from "~db/schema";
import type { Database } from "~/lib/db.server";
import { InvalidAddressError, queueMessage } from "~/lib/outbox.server";
import { createRegionRecord } from "../factories";
import { useTestDatabase } from "../setup/db";
import { HOUR, MINUTE, samplePdf, testClock, testWorker } from "./fixtures";
import type { TestSmtpServer } from "./smtp";
import { freePort, startBrokenServer, startSmtpServer, testTransport } from "./smtp";

let database: Database;
let regionId: string;
beforeAll(async () => {
  database = await useTestDatabase();
  regionId = (await createRegionRecord(database.db)).region.id;
});

// Workers claim every due message, so each test starts with an empty outbox.
beforeEach(async () => {
  await database.db.delete(outboxMessages);
});

const servers: TestSmtpServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function smtp(options?: Parameters<typeof startSmtpServer>[0]) {
  const server = await startSmtpServer(options);
  servers.push(server);
  return server;
}

function receipt(key: string, to = "nina@example.org") {
  return {
    regionId,
    template: "ontvangstbevestiging" as const,
    to: { address: to, name: "Nina de Vries" },
    idempotencyKey: key,
    data: {
      recipientName: "Nina de Vries",
      organisationName: "Adviesraad Sociaal Domein Vlaardingen",
      regionName: "Jeugdhulp Rijnmond",
      addressedToName: "Jeugdhulp Rijnmond",
      visionTitle: "Regiovisie jeugdhulp 2026-2030",
      versionLabel: "eerste concept",
      submittedAt: new Date("2026-04-22T13:41:00Z"),
      pointCount: 3,
      reference: "ASDV/2026/07",
      attachmentName: "reactie.pdf",
      link: "https://herleidbaar.test/reacties/1",
    },
  };
}

async function queue(...messages: Array<Parameters<typeof queueMessage>[1]>) {
  return database.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const message of messages) {
      const id = await queueMessage(tx, message);
      if (id) ids.push(id);
    }
    return ids;
  });
}

async function rows(ids: string[]) {
  return database.db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
}

describe("queueing", () => {
  test("a template message is validated and stored unrendered; the same key never queues twice", async () => {
    const [id] = await queue(receipt("q-1"));
    expect(await queue(receipt("q-1"))).toEqual([]);
    const [row] = await rows([id!]);
    expect(row).toMatchObject({ status: "pending", template: "ontvangstbevestiging", textBody: null, toAddress: "nina@example.org" });
    expect(row!.subject).toBe("Ontvangstbevestiging: reactie van Adviesraad Sociaal Domein Vlaardingen op Regiovisie jeugdhulp 2026-2030");
    expect(row!.messageId).toMatch(/^<[0-9a-f-]{36}@[^>]+>$/);
    expect((row!.payload as { submittedAt: string }).submittedAt).toBe("2026-04-22T13:41:00.000Z");
  });

  test("an invalid address is refused and nothing is stored", async () => {
    for (const address of ["geen-adres", "a@b", "nina@example.org\r\nBcc: evil@example.org", ""]) {
      await expect(queue({ ...receipt(`bad-${address}`), to: { address } })).rejects.toBeInstanceOf(InvalidAddressError);
    }
    const stored = await database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, "bad-geen-adres"));
    expect(stored).toHaveLength(0);
  });

  test("invalid template data is refused at queue time (the change rolls back)", async () => {
    const bad = receipt("bad-data");
    await expect(queue({ ...bad, data: { ...bad.data, link: "javascript:alert(1)" } })).rejects.toThrow();
    await expect(queue({ ...bad, data: { ...bad.data, pointCount: -1 } })).rejects.toThrow();
  });
});

describe("delivery over SMTP", () => {
  test("subject, recipient, Message-ID, plain-text part, HTML part and attachment arrive", async () => {
    const server = await smtp();
    const clock = testClock("2027-04-22T14:00:00Z");
    const [id] = await queue({ ...receipt("smtp-1"), attachments: [{ filename: "reactie.pdf", contentType: "application/pdf", content: samplePdf() }] });
    const worker = testWorker(database.db, testTransport(server.url), { now: clock.now });
    await worker.drain();
    await worker.stop();

    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    const [row] = await rows([id!]);
    expect(row).toMatchObject({ status: "sent", attempts: 1, transport: "smtp", lastError: null });
    expect(mail.envelopeTo).toEqual(["nina@example.org"]);
    expect(mail.message.headers.get("to")).toContain("nina@example.org");
    expect(mail.subject).toBe(row!.subject);
    expect(mail.messageId).toBe(row!.messageId);
    expect(mail.message.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.text).toContain("Beste Nina de Vries,");
    expect(mail.text).toContain("Waarom krijgt u deze e-mail?");
    expect(mail.text).not.toContain("<");
    expect(mail.html).toContain('lang="nl"');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: "reactie.pdf", contentType: "application/pdf" });
    expect(Buffer.compare(mail.attachments[0]!.content, Buffer.from(samplePdf()))).toBe(0);
    // The rendered text is kept on the row for the delivery log.
    expect(row!.textBody).toBe(mail.text.replace(/\r\n/g, "\n").trim());
    const attempts = await database.db.select().from(outboxAttempts).where(eq(outboxAttempts.messageId, id!));
    expect(attempts).toMatchObject([{ attempt: 1, outcome: "sent" }]);
    expect(attempts[0]!.response).toMatch(/^250/);
  });

  test("header injection through a name or subject is impossible", async () => {
    const server = await smtp();
    await queue({
      regionId,
      template: "vrij",
      to: { address: "otto@example.org", name: "Otto\r\nBcc: evil@example.org" },
      subject: "Hallo\r\nBcc: evil@example.org\nX-Evil: 1",
      text: "Tekst",
      idempotencyKey: "inject-1",
    });
    const worker = testWorker(database.db, testTransport(server.url), { now: testClock("2027-04-22T14:00:00Z").now });
    await worker.drain();
    await worker.stop();
    const mail = server.received.at(-1)!;
    expect(mail.envelopeTo).toEqual(["otto@example.org"]);
    expect(mail.message.headers.has("bcc")).toBe(false);
    expect(mail.message.headers.has("x-evil")).toBe(false);
    expect(mail.subject).toBe("Hallo Bcc: evil@example.org X-Evil: 1");
  });

  test("a pre-rendered message (the existing callers) is sent as written", async () => {
    const server = await smtp();
    await queue({ regionId, template: "uitnodiging", to: { address: "piet@example.org" }, subject: "Uitnodiging", text: "Kies een wachtwoord: https://x.test/1", idempotencyKey: "pre-1" });
    const worker = testWorker(database.db, testTransport(server.url), { now: testClock("2027-04-22T14:00:00Z").now });
    await worker.drain();
    await worker.stop();
    expect(server.received.at(-1)!.text.trim()).toBe("Kies een wachtwoord: https://x.test/1");
    expect(server.received.at(-1)!.html).toBe("");
  });

  test("without SMTP the message is rendered and kept for the dev mailbox, visibly not sent", async () => {
    const [id] = await queue(receipt("kept-1", "kees@example.org"));
    const worker = testWorker(database.db, null, { now: testClock("2027-04-22T14:00:00Z").now });
    await worker.drain();
    const [row] = await rows([id!]);
    expect(row).toMatchObject({ status: "kept", transport: "mailbox", sentAt: null });
    expect(row!.textBody).toContain("Beste Nina de Vries,");
    expect(row!.htmlBody).toContain("<html");
  });
});

describe("faults", () => {
  test("SMTP down for the first attempts, then back: every message arrives exactly once", async () => {
    const port = await freePort();
    const clock = testClock("2027-05-01T09:00:00Z");
    const ids = await queue(...Array.from({ length: 5 }, (_, i) => receipt(`down-${i}`, `ontvanger${i}@example.org`)));
    const worker = testWorker(database.db, testTransport(`smtp://127.0.0.1:${port}`), { now: clock.now });

    await worker.tick();
    let current = await rows(ids);
    expect(current.every((r) => r.status === "failed" && r.attempts === 1)).toBe(true);
    expect(current[0]!.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    // Backoff: nothing is due until the first delay has passed.
    expect((await worker.tick()).messages.claimed).toBe(0);
    clock.advance(MINUTE + 1);
    await worker.tick();
    current = await rows(ids);
    expect(current.every((r) => r.status === "failed" && r.attempts === 2)).toBe(true);
    expect(current[0]!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(2 * MINUTE);

    const server = await smtp({ port });
    clock.advance(2 * MINUTE + 1);
    await worker.drain();
    clock.advance(HOUR);
    await worker.drain();
    await worker.stop();
    current = await rows(ids);
    expect(current.every((r) => r.status === "sent" && r.attempts === 3)).toBe(true);
    expect(server.received).toHaveLength(5);
    expect(new Set(server.received.map((m) => m.messageId))).toEqual(new Set(current.map((r) => r.messageId)));
    const attempts = await database.db.select().from(outboxAttempts).where(inArray(outboxAttempts.messageId, ids));
    expect(attempts.map((a) => a.outcome).sort()).toEqual([...Array(10).fill("failed"), ...Array(5).fill("sent")].sort());
  });

  test.each([
    ["refuses the recipient", "refuse"],
    ["never answers (timeout)", "silent"],
    ["drops the connection", "drop"],
  ] as const)("an SMTP server that %s: retries, then dead and visible, the worker keeps running", async (_label, kind) => {
    let url: string;
    let close: () => Promise<void>;
    if (kind === "refuse") {
      const server = await startSmtpServer({ reject: () => "Mailbox niet beschikbaar" });
      url = server.url;
      close = server.close;
    } else {
      const broken = await startBrokenServer(kind);
      url = broken.url;
      close = broken.close;
    }
    const clock = testClock("2027-05-02T09:00:00Z");
    const [id] = await queue(receipt(`fault-${kind}`, `fout-${kind}@example.org`));
    await database.db.update(outboxMessages).set({ maxAttempts: 3 }).where(eq(outboxMessages.id, id!));
    const worker = testWorker(database.db, testTransport(url, { timeoutMs: 300 }), { now: clock.now });
    for (let i = 0; i < 3; i++) {
      const result = await worker.tick();
      expect(result.messages.claimed).toBe(1);
      clock.advance(HOUR);
    }
    await worker.stop();
    await close();
    const [row] = await rows([id!]);
    expect(row).toMatchObject({ status: "dead", attempts: 3 });
    expect(row!.lastError).toBeTruthy();
    if (kind === "refuse") expect(row!.lastError).toMatch(/550/);
    const attempts = await database.db.select().from(outboxAttempts).where(eq(outboxAttempts.messageId, id!)).orderBy(asc(outboxAttempts.attempt));
    expect(attempts.map((a) => a.outcome)).toEqual(["failed", "failed", "dead"]);
    expect((await testWorker(database.db, null, { now: clock.now }).tick()).messages.claimed).toBe(0);
  });

  test("a template that cannot be rendered is dead at once with the reason, not retried", async () => {
    const [id] = await queue(receipt("render-broken", "render@example.org"));
    await database.db.update(outboxMessages).set({ payload: { pointCount: "veel" } }).where(eq(outboxMessages.id, id!));
    const worker = testWorker(database.db, null, { now: testClock("2027-05-03T09:00:00Z").now });
    await worker.drain();
    const [row] = await rows([id!]);
    expect(row).toMatchObject({ status: "dead", attempts: 1 });
    expect(row!.lastError).toMatch(/^Opmaken mislukt/);
  });
});
