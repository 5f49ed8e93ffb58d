import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditEvents, invitations, memberships, outboxMessages, users } from "~db/schema";
import { renderStoredEmail } from "~/email/render.server";
import type { Database } from "~/lib/db.server";
import { acceptInvitation, INVITATION_LIFETIME_MS, inviteToOrganisation, invitationMessages } from "~/organisations/invitations.server";
import * as invitationRoute from "~/routes/uitnodiging.$token";
import { createOrganisationRecord, createRegionRecord, createUserRecord } from "../factories";
import { useTestDatabase } from "../setup/db";
import { postRequest, run, testContext } from "../setup/requests";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

function tokenOf(link: string) {
  return link.slice(link.lastIndexOf("/") + 1);
}

async function setup() {
  const { region } = await createRegionRecord(database.db);
  const organisation = await createOrganisationRecord(database.db, region.id, { type: "adviesraad" });
  const admin = await createUserRecord(database.db);
  return { region, organisation, admin };
}

describe("invitations", () => {
  test("inviting writes the invitation, its audit event and an outbox message with the link", async () => {
    const { organisation, admin } = await setup();
    const result = await inviteToOrganisation(database.db, admin.id, organisation, { name: "Nina Nieuw", email: "nina@example.org", role: "member" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [message] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, `invitation:${result.invitationId}`));
    expect(message?.toAddress).toBe("nina@example.org");
    const rendered = await renderStoredEmail(message!.template, message!.payload);
    expect(rendered.text).toContain(result.link);
    expect(rendered.html).toContain(result.link);
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, result.invitationId), eq(auditEvents.action, "invitation.create")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toContain("tokenHash");
  });

  test("accepting sets the password, adds the membership and starts a session", async () => {
    const { organisation, admin } = await setup();
    const invite = await inviteToOrganisation(database.db, admin.id, organisation, { name: "Otto", email: "otto@example.org", role: "signatory" });
    if (!invite.ok) throw new Error("invite failed");
    const context = testContext();
    const { response } = await run(() =>
      invitationRoute.action({
        request: postRequest(`/uitnodiging/${tokenOf(invite.link)}`, { password: "een lange zin als wachtwoord", confirmation: "een lange zin als wachtwoord" }),
        params: { token: tokenOf(invite.link) },
        context,
      }),
    );
    expect(response?.status).toBe(302);
    expect(context.cookies[0]).toMatch(/^herleidbaar_sessie=/);
    const [user] = await database.db.select().from(users).where(eq(users.email, "otto@example.org"));
    const rows = await database.db.select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(rows).toMatchObject([{ organisationId: organisation.id, role: "signatory" }]);
  });

  test("a link works once: the second use is refused with a Dutch message", async () => {
    const { organisation, admin } = await setup();
    const invite = await inviteToOrganisation(database.db, admin.id, organisation, { name: "Piet", email: "piet@example.org", role: "member" });
    if (!invite.ok) throw new Error("invite failed");
    expect((await acceptInvitation(database.db, tokenOf(invite.link), "eerste wachtwoord lang")).ok).toBe(true);
    expect(await acceptInvitation(database.db, tokenOf(invite.link), "tweede wachtwoord lang")).toEqual({ ok: false, message: invitationMessages.unusable });
  });

  test("an expired link is refused and creates no account", async () => {
    const { organisation, admin } = await setup();
    const created = new Date("2026-01-01T10:00:00Z");
    const invite = await inviteToOrganisation(database.db, admin.id, organisation, { name: "Quinten", email: "quinten@example.org", role: "member" }, created);
    if (!invite.ok) throw new Error("invite failed");
    const tooLate = new Date(created.getTime() + INVITATION_LIFETIME_MS + 1);
    expect((await acceptInvitation(database.db, tokenOf(invite.link), "een lang wachtwoord hier", tooLate)).ok).toBe(false);
    expect(await database.db.select().from(users).where(eq(users.email, "quinten@example.org"))).toHaveLength(0);
  });

  test("a weak or mismatched password is refused and the link stays usable", async () => {
    const { organisation, admin } = await setup();
    const invite = await inviteToOrganisation(database.db, admin.id, organisation, { name: "Roos", email: "roos@example.org", role: "member" });
    if (!invite.ok) throw new Error("invite failed");
    const token = tokenOf(invite.link);
    const short = await run(() =>
      invitationRoute.action({ request: postRequest(`/uitnodiging/${token}`, { password: "kort", confirmation: "kort" }), params: { token }, context: testContext() }),
    );
    expect(JSON.stringify(short.data)).toContain("minstens 12 tekens");
    const common = await run(() =>
      invitationRoute.action({ request: postRequest(`/uitnodiging/${token}`, { password: "wachtwoord123", confirmation: "wachtwoord123" }), params: { token }, context: testContext() }),
    );
    expect(JSON.stringify(common.data)).toContain("te bekend");
    const breached = await run(() =>
      invitationRoute.action({ request: postRequest(`/uitnodiging/${token}`, { password: "1qaz2wsx3edc", confirmation: "1qaz2wsx3edc" }), params: { token }, context: testContext() }),
    );
    expect(JSON.stringify(breached.data)).toContain("gelekte of veelgebruikte wachtwoorden");
    const mismatch = await run(() =>
      invitationRoute.action({ request: postRequest(`/uitnodiging/${token}`, { password: "een lange zin hier", confirmation: "een andere zin hier" }), params: { token }, context: testContext() }),
    );
    expect(JSON.stringify(mismatch.data)).toContain("niet gelijk");
    const [row] = await database.db.select().from(invitations).where(eq(invitations.id, invite.invitationId));
    expect(row?.usedAt).toBeNull();
  });

  test("a role that does not fit the organisation type is refused", async () => {
    const { organisation, admin } = await setup();
    const result = await inviteToOrganisation(database.db, admin.id, organisation, { name: "S", email: "s@example.org", role: "staff_admin" });
    expect(result).toMatchObject({ ok: false, field: "role" });
  });

  test("inviting someone who already belongs to the organisation is refused", async () => {
    const { organisation, admin } = await setup();
    const member = await createUserRecord(database.db, { memberships: [{ organisationId: organisation.id, role: "member" }] });
    const result = await inviteToOrganisation(database.db, admin.id, organisation, { name: "Dubbel", email: member.email, role: "member" });
    expect(result).toMatchObject({ ok: false, field: "email" });
  });
});

describe("existing accounts", () => {
  test("an invitation link never logs anyone into an existing account; logged in as that account it adds the membership", async () => {
    const { organisation, admin } = await setup();
    const existing = await createUserRecord(database.db, { email: "bestaand@example.org" });
    const invite = await inviteToOrganisation(database.db, admin.id, organisation, { name: "Bestaand", email: existing.email, role: "member" });
    if (!invite.ok) throw new Error("invite failed");
    const refused = await acceptInvitation(database.db, tokenOf(invite.link), null);
    expect(refused).toMatchObject({ ok: false, needsLogin: true });
    expect(await acceptInvitation(database.db, tokenOf(invite.link), null, new Date(), admin.id)).toMatchObject({ ok: false, needsLogin: true });
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, existing.id))).toHaveLength(0);
    const accepted = await acceptInvitation(database.db, tokenOf(invite.link), null, new Date(), existing.id);
    expect(accepted).toMatchObject({ ok: true, session: null });
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, existing.id))).toHaveLength(1);
  });
});
