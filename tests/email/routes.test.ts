import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, outboxAttachments, outboxMessages, users } from "~db/schema";
import type { Database } from "~/lib/db.server";
import { queueMessage } from "~/lib/outbox.server";
import * as accountNotificationsRoute from "~/routes/account_.meldingen";
import * as previewsRoute from "~/routes/beheer.e-mails";
import * as mailboxRoute from "~/routes/beheer.postvak";
import { createOrganisationRecord, createRegionRecord, createUserRecord, sessionFor } from "../factories";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";
import { samplePdf, testClock, testWorker } from "./fixtures";
import { startBrokenServer, testTransport } from "./smtp";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

async function staffOf(kind: "staff_admin" | "staff_editor") {
  const { region, regionOrganisation } = await createRegionRecord(database.db);
  const user = await createUserRecord(database.db, { memberships: [{ organisationId: regionOrganisation.id, role: kind }] });
  const { cookie } = await sessionFor(database.db, user.id);
  return { region, user, cookie };
}

async function queueReceipt(regionId: string, key: string) {
  return database.db.transaction((tx) =>
    queueMessage(tx, {
      regionId,
      template: "antwoordbrief-verzonden",
      to: { address: `${key}@example.org`, name: "Nina" },
      idempotencyKey: key,
      attachments: [{ filename: "antwoordbrief.pdf", contentType: "application/pdf", content: samplePdf("antwoordbrief") }],
      data: {
        organisationName: "Adviesraad Vlaardingen",
        regionName: "Jeugdhulp Rijnmond",
        senderName: "Jeugdhulp Rijnmond",
        visionTitle: "Regiovisie jeugdhulp",
        letterDate: new Date("2027-06-15T08:00:00Z"),
        letterReference: "GRJR/1",
        attachmentName: "antwoordbrief.pdf",
        link: "https://herleidbaar.test/r/1",
      },
    }),
  );
}

describe("postvak (delivery log)", () => {
  test("shows a dead message with its error and attempts; retry puts it back, with an audit event", async () => {
    const { region, user, cookie } = await staffOf("staff_admin");
    await database.db.delete(outboxMessages);
    const id = (await queueReceipt(region.id, "dood-bericht"))!;
    await database.db.update(outboxMessages).set({ maxAttempts: 1 }).where(eq(outboxMessages.id, id));
    const broken = await startBrokenServer("silent");
    const worker = testWorker(database.db, testTransport(broken.url, { timeoutMs: 200 }), { now: testClock("2027-08-01T09:00:00Z").now });
    await worker.drain();
    await worker.stop();
    await broken.close();

    const list = await run(() => mailboxRoute.loader({ request: getRequest("/beheer/postvak?filter=problemen", cookie), context: testContext(), params: {} }));
    expect(list.data?.deadCount).toBe(1);
    expect(list.data?.messages.map((m) => [m.id, m.status])).toEqual([[id, "dead"]]);
    expect(list.data?.messages[0]!.lastError).toBeTruthy();

    const detail = await run(() => mailboxRoute.loader({ request: getRequest(`/beheer/postvak?bericht=${id}`, cookie), context: testContext(), params: {} }));
    expect(detail.data?.selected).toMatchObject({ status: "dead", canRetry: true, canResend: false, attempts: 1 });
    expect(detail.data?.selected?.attemptLog).toMatchObject([{ attempt: 1, outcome: "mislukt (laatste poging)" }]);
    expect(detail.data?.selected?.attachments).toMatchObject([{ filename: "antwoordbrief.pdf", contentType: "application/pdf" }]);

    const retried = await run(() => mailboxRoute.action({ request: postRequest("/beheer/postvak", { intent: "retry", messageId: id }, cookie), context: testContext(), params: {} }));
    expect(retried.data?.notice).toMatch(/opnieuw verzonden/);
    const [row] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "outbox.retry")));
    expect(audit).toMatchObject([{ actorId: user.id, regionId: region.id }]);

    // Retrying a message that did not fail is refused with a message.
    const again = await run(() => mailboxRoute.action({ request: postRequest("/beheer/postvak", { intent: "retry", messageId: id }, cookie), context: testContext(), params: {} }));
    expect(again.data?.notice).toBeNull();
    expect(JSON.stringify(again.data?.result)).toContain("niet opnieuw geprobeerd");
  });

  test("resend makes a new copy (own Message-ID, same attachment) of a delivered message", async () => {
    const { region, cookie } = await staffOf("staff_admin");
    await database.db.delete(outboxMessages);
    const id = (await queueReceipt(region.id, "kopie"))!;
    await testWorker(database.db, null, { now: testClock("2027-08-02T09:00:00Z").now }).drain();
    const result = await run(() => mailboxRoute.action({ request: postRequest("/beheer/postvak", { intent: "resend", messageId: id }, cookie), context: testContext(), params: {} }));
    const copyId = result.data && "newMessageId" in result.data ? result.data.newMessageId : null;
    expect(copyId).toBeTruthy();
    const [original] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    const [copy] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, copyId!));
    expect(copy).toMatchObject({ status: "pending", resendOfId: id, subject: original!.subject, textBody: original!.textBody });
    expect(copy!.messageId).not.toBe(original!.messageId);
    expect(await database.db.select().from(outboxAttachments).where(eq(outboxAttachments.messageId, copyId!))).toHaveLength(1);
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, copyId!), eq(auditEvents.action, "outbox.resend")))).toHaveLength(1);
  });

  test("editors may not see it; another region's message is not found; bad input is refused", async () => {
    const editor = await staffOf("staff_editor");
    const denied = await run(() => mailboxRoute.loader({ request: getRequest("/beheer/postvak", editor.cookie), context: testContext(), params: {} }));
    expect(denied.response?.status).toBe(403);
    const deniedAction = await run(() => mailboxRoute.action({ request: postRequest("/beheer/postvak", { intent: "retry", messageId: crypto.randomUUID() }, editor.cookie), context: testContext(), params: {} }));
    expect(deniedAction.response?.status).toBe(403);

    const other = await staffOf("staff_admin");
    const mine = await staffOf("staff_admin");
    const foreignId = (await queueReceipt(other.region.id, "vreemd"))!;
    const detail = await run(() => mailboxRoute.loader({ request: getRequest(`/beheer/postvak?bericht=${foreignId}`, mine.cookie), context: testContext(), params: {} }));
    expect(detail.data?.selected).toBeNull();
    const foreignAction = await run(() => mailboxRoute.action({ request: postRequest("/beheer/postvak", { intent: "resend", messageId: foreignId }, mine.cookie), context: testContext(), params: {} }));
    expect(foreignAction.data?.notice).toBeNull();
    const invalid = await run(() => mailboxRoute.action({ request: postRequest("/beheer/postvak", { intent: "wissen", messageId: "x" }, mine.cookie), context: testContext(), params: {} }));
    expect(invalid.data?.notice).toBeNull();
    expect(invalid.data?.result.status).toBe("error");
  });
});

describe("e-mail previews", () => {
  test("staff see every template rendered with sample data and their region's name", async () => {
    const { region, cookie } = await staffOf("staff_editor");
    const list = await run(() => previewsRoute.loader({ request: getRequest("/beheer/e-mails?sjabloon=herinnering", cookie), context: testContext(), params: {} }));
    expect(list.data?.templates.length).toBe(11);
    expect(list.data?.preview.name).toBe("herinnering");
    expect(list.data?.preview.html).toContain(region.name);
    expect(list.data?.preview.text).toContain("Waarom krijgt u deze e-mail?");
    const unknown = await run(() => previewsRoute.loader({ request: getRequest("/beheer/e-mails?sjabloon=bestaat-niet", cookie), context: testContext(), params: {} }));
    expect(unknown.data?.preview.name).toBe("uitnodiging");
  });

  test("people who are not staff get no access", async () => {
    const { region } = await createRegionRecord(database.db);
    const organisation = await createOrganisationRecord(database.db, region.id);
    const member = await createUserRecord(database.db, { memberships: [{ organisationId: organisation.id, role: "member" }] });
    const { cookie } = await sessionFor(database.db, member.id);
    const result = await run(() => previewsRoute.loader({ request: getRequest("/beheer/e-mails", cookie), context: testContext(), params: {} }));
    expect(result.response?.status).toBe(403);
    const anonymous = await run(() => previewsRoute.loader({ request: getRequest("/beheer/e-mails"), context: testContext(), params: {} }));
    expect(anonymous.response?.status).toBe(302);
  });
});

describe("notification preferences", () => {
  test("a user chooses the daily digest, with an audit event; an invalid choice is refused", async () => {
    const user = await createUserRecord(database.db);
    const { cookie } = await sessionFor(database.db, user.id);
    const before = await run(() => accountNotificationsRoute.loader({ request: getRequest("/account/meldingen", cookie), context: testContext(), params: {} }));
    expect(before.data?.preference).toBe("immediate");

    const saved = await run(() => accountNotificationsRoute.action({ request: postRequest("/account/meldingen", { preference: "digest" }, cookie), context: testContext(), params: {} }));
    expect(saved.data?.saved).toBe(true);
    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.notificationPreference).toBe("digest");
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "user.notification_preference")))).toHaveLength(1);

    const invalid = await run(() => accountNotificationsRoute.action({ request: postRequest("/account/meldingen", { preference: "nooit" }, cookie), context: testContext(), params: {} }));
    expect(invalid.data?.saved).toBe(false);
    expect(JSON.stringify(invalid.data?.result)).toContain("Kies hoe u meldingen wilt krijgen.");

    const anonymous = await run(() => accountNotificationsRoute.loader({ request: getRequest("/account/meldingen"), context: testContext(), params: {} }));
    expect(anonymous.response?.status).toBe(302);
  });
});
