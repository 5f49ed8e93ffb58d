import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { asc, count } from "drizzle-orm";
import {
  auditEvents,
  consultationRounds,
  invitations,
  memberships,
  organisations,
  outboxMessages,
  points,
  reactions,
  sessions,
  visionVersions,
} from "~db/schema";
import { routePolicies, type RouteFile } from "~/auth/route-policy";
import type { Database } from "~/lib/db.server";
import {
  buildWorld,
  secretAudiences,
  worldRoleLabels,
  worldRoles,
  worldSecrets,
  type World,
  type WorldRole,
} from "../factories/world";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";
import { classify, loadRouteModules, matrixCases, routeFiles, urlFor, type RouteModule } from "./matrix";

/**
 * The access-control matrix: every route of app/auth/route-policy.ts × every role × every resource
 * state the route can see, through the real loaders and actions on a real database. The expected
 * outcome is derived from the table, so a route whose guard drifts from its row fails here.
 */
const cases = matrixCases();

let database: Database;
let world: World;
let modules: Map<RouteFile, RouteModule>;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await buildWorld(database.db);
  worldBefore = await worldState();
  modules = await loadRouteModules();
});

let worldBefore: Awaited<ReturnType<typeof worldState>>;

/** Everything a request could change; the matrix's empty POSTs must leave it as it was. */
async function worldState() {
  const db = database.db;
  const [audit] = await db.select({ n: count() }).from(auditEvents);
  const [organisationCount] = await db.select({ n: count() }).from(organisations);
  const [membershipCount] = await db.select({ n: count() }).from(memberships);
  const [outboxCount] = await db.select({ n: count() }).from(outboxMessages);
  return {
    audit: audit!.n,
    organisations: organisationCount!.n,
    memberships: membershipCount!.n,
    outbox: outboxCount!.n,
    reactions: await db
      .select({ id: reactions.id, status: reactions.status, revision: reactions.revision })
      .from(reactions)
      .orderBy(asc(reactions.id)),
    points: await db.select({ id: points.id, text: points.plainText }).from(points).orderBy(asc(points.id)),
    versions: await db
      .select({ id: visionVersions.id, status: visionVersions.status, revision: visionVersions.revision })
      .from(visionVersions)
      .orderBy(asc(visionVersions.id)),
    rounds: await db
      .select({ id: consultationRounds.id, closesAt: consultationRounds.closesAt })
      .from(consultationRounds)
      .orderBy(asc(consultationRounds.id)),
    invitations: await db
      .select({ id: invitations.id, usedAt: invitations.usedAt })
      .from(invitations)
      .orderBy(asc(invitations.id)),
  };
}

describe("access-control matrix", () => {
  test("covers every role, and every route of the table", () => {
    expect(new Set(cases.map((c) => c.route))).toEqual(
      new Set(routeFiles.filter((r) => routePolicies[r].loader !== null || routePolicies[r].action !== null)),
    );
    expect(new Set(cases.map((c) => c.role))).toEqual(new Set(worldRoles));
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, { route, method, role, instance, outcome }) => {
    const { params, search, names } = instance.resolve(world);
    const url = urlFor(route, params, search);
    const mod = modules.get(route)!;
    const handler = (method === "GET" ? mod.loader : mod.action)!;
    const cookie =
      method === "GET" ? (role === "anonymous" ? undefined : world.sessions[role]) : await world.freshSession(role);
    const request = method === "GET" ? getRequest(url, cookie) : postRequest(url, {}, cookie);
    const result = await classify(await run(() => handler({ request, params, context: testContext() })));
    expect(result.outcome, `${method} ${url}: ${result.body.slice(0, 300)}`).toBe(outcome);

    if (outcome !== "allowed") {
      // A refusal never carries the resource: no names, no secrets, no data.
      for (const name of names) expect(result.body, `${outcome} body leaks "${name}"`).not.toContain(name);
      for (const secret of Object.values(worldSecrets)) expect(result.body).not.toContain(secret);
    }
    // Whatever the answer, nobody sees what is not theirs to see.
    for (const [key, secret] of Object.entries(worldSecrets) as Array<[keyof typeof worldSecrets, string]>) {
      if (!secretAudiences[key].includes(role))
        expect(result.body, `${worldRoleLabels[role]} must not see ${key}`).not.toContain(secret);
    }
  });

  test("no GET and no empty POST of the matrix changed anything (runs after the cases above)", async () => {
    expect(await worldState()).toEqual(worldBefore);
  });
});

describe("the leak check is not vacuous: each secret does reach its audience", () => {
  const controls: Array<[keyof typeof worldSecrets, WorldRole, RouteFile, (w: World) => Record<string, string>]> = [
    ["draftSectionTitle", "staffEditor", "beheer.visies.$visionId._index", (w) => ({ visionId: w.vision.id })],
    ["unpublishedVisionTitle", "staffOtherRegion", "beheer.visies._index", () => ({})],
    ["draftPointText", "signatory", "reacties.$reactionId._index", (w) => ({ reactionId: w.reactions.draft.id })],
    [
      "submittedPointText",
      "municipalStaff",
      "reacties.$reactionId._index",
      (w) => ({ reactionId: w.reactions.submitted.id }),
    ],
    ["otherRegionOrganisationName", "staffOtherRegion", "beheer.organisaties._index", () => ({})],
    ["regionAMessage", "staffAdmin", "beheer.postvak", () => ({})],
    ["regionBMessage", "staffOtherRegion", "beheer.postvak", () => ({})],
  ];
  test.each(controls)("%s reaches %s through %s", async (secret, role, route, paramsOf) => {
    const params = paramsOf(world);
    const request = getRequest(urlFor(route, params), world.sessions[role as Exclude<WorldRole, "anonymous">]);
    const { body } = await classify(
      await run(() => modules.get(route)!.loader!({ request, params, context: testContext() })),
    );
    expect(body).toContain(worldSecrets[secret]);
  });
});

describe("staff views of reactions count submitted reactions only, and only for the visie's own region", () => {
  test("the staff list of received reactions holds the submitted advies, not the draft", async () => {
    const params = { visionId: world.vision.id };
    const request = getRequest(urlFor("beheer.visies.$visionId.reacties", params), world.sessions.staffEditor);
    const { data } = await run(() =>
      modules.get("beheer.visies.$visionId.reacties")!.loader!({ request, params, context: testContext() }),
    );
    expect((data as { rows: Array<{ id: string }> }).rows.map((r) => r.id)).toEqual([world.reactions.submitted.id]);
  });

  test.each(worldRoles)("point counts on the public reading view for %s", async (role) => {
    const params = { regionSlug: world.vision.regionSlug, visionSlug: world.vision.slug };
    const request = getRequest(
      urlFor("visies.$regionSlug.$visionSlug._index", params),
      role === "anonymous" ? undefined : world.sessions[role],
    );
    const { data } = await run(() =>
      modules.get("visies.$regionSlug.$visionSlug._index")!.loader!({ request, params, context: testContext() }),
    );
    // Readers get the article as static HTML; staff get its data, with the counts.
    const counts = (data as { article?: { pointCounts?: Record<string, number> } | null }).article?.pointCounts ?? {};
    // Both advies points anchor to this section; only the submitted one counts, and only staff of region A see it.
    expect(counts).toEqual(role === "staffEditor" || role === "staffAdmin" ? { [world.vision.sectionKey]: 1 } : {});
  });
});

describe("handlers with a wider gate than their writes refuse the others and write nothing", () => {
  async function snapshot(reactionId: string) {
    const [row] = await database.db.select().from(reactions).where(eq(reactions.id, reactionId));
    const pointRows = await database.db.select().from(points).where(eq(points.reactionId, reactionId));
    return { revision: row!.revision, status: row!.status, points: pointRows.map((p) => [p.id, p.plainText]).sort() };
  }

  function saveForm(reactionId: string, revision: number, pointId: string, sectionKey: string) {
    return {
      revision: String(revision),
      addressedToId: world.organisations.gemeente.id,
      introduction: "Overschreven inleiding",
      conclusion: "Overschreven slot",
      "points[0].id": pointId,
      "points[0].kind": "vraag",
      "points[0].body": "Overschreven punt",
      "points[0].sectionKeys[0]": sectionKey,
      intent: "save-anyway",
    };
  }

  test.each(["staffEditor", "staffAdmin", "municipalStaff", "member"] as const)(
    "%s saving the submitted advies gets a Dutch refusal and the advies is unchanged",
    async (role) => {
      const id = world.reactions.submitted.id;
      const before = await snapshot(id);
      const mod = modules.get("reacties.$reactionId._index")!;
      const request = postRequest(
        `/reacties/${id}`,
        saveForm(id, before.revision, before.points[0]![0]!, world.vision.sectionKey),
        await world.freshSession(role),
      );
      const result = await run(() => mod.action!({ request, params: { reactionId: id }, context: testContext() }));
      expect(result.data).toMatchObject({ status: "error", message: expect.stringMatching(/ingediend|niet wijzigen/) });
      expect(await snapshot(id)).toEqual(before);
    },
  );

  test.each(["staffEditor", "municipalStaff", "signatory"] as const)(
    "%s quoting into the submitted advies is refused (400) and adds no point",
    async (role) => {
      const id = world.reactions.submitted.id;
      const before = await snapshot(id);
      const mod = modules.get("reacties.$reactionId.citaat")!;
      const request = postRequest(
        `/reacties/${id}/citaat`,
        { sectionKey: world.vision.sectionKey },
        await world.freshSession(role),
      );
      const { response } = await run(() =>
        mod.action!({ request, params: { reactionId: id }, context: testContext() }),
      );
      expect(response?.status).toBe(400);
      expect(await response!.text()).not.toContain(worldSecrets.submittedPointText);
      expect(await snapshot(id)).toEqual(before);
    },
  );

  test.each([
    ["staffEditor", /Alleen leden/],
    ["municipalStaff", /Alleen leden/],
    ["member", /termijn is voorbij/],
  ] as const)("%s withdrawing the submitted advies is refused (400) and it stays submitted", async (role, message) => {
    const id = world.reactions.submitted.id;
    const before = await snapshot(id);
    const mod = modules.get("reacties.$reactionId.intrekken")!;
    const request = postRequest(`/reacties/${id}/intrekken`, {}, await world.freshSession(role));
    const { response } = await run(() => mod.action!({ request, params: { reactionId: id }, context: testContext() }));
    expect(response?.status).toBe(400);
    expect(await response!.text()).toMatch(message);
    expect(await snapshot(id)).toEqual(before);
  });

  test.each([
    ["staffEditor", /Alleen leden/],
    ["municipalStaff", /Alleen leden/],
    ["member", /termijn is voorbij/],
  ] as const)("%s correcting the submitted advies is refused (400) and no correction is created", async (role, message) => {
    const id = world.reactions.submitted.id;
    const before = await snapshot(id);
    const mod = modules.get("reacties.$reactionId.corrigeren")!;
    const request = postRequest(`/reacties/${id}/corrigeren`, {}, await world.freshSession(role));
    const { response } = await run(() => mod.action!({ request, params: { reactionId: id }, context: testContext() }));
    expect(response?.status).toBe(400);
    expect(await response!.text()).toMatch(message);
    expect(await snapshot(id)).toEqual(before);
    expect(await database.db.select().from(reactions).where(eq(reactions.correctsId, id))).toEqual([]);
  });

  test("starting a reaction for an organisation one does not belong to, or that may not react, is refused and creates nothing", async () => {
    const mod = modules.get("reageren")!;
    const attempts: Array<[WorldRole, string, string]> = [
      ["otherOrganisationMember", world.vision.rounds[1]!, world.organisations.adviesraad.id],
      ["otherOrganisationMember", world.vision.rounds[0]!, world.organisations.aanbieder.id],
      ["griffie", world.vision.rounds[1]!, world.organisations.gemeente.id],
      ["staffAdmin", world.vision.rounds[1]!, world.organisations.regionA.id],
      ["staffOtherRegion", world.vision.rounds[1]!, world.organisations.regionB.id],
    ];
    for (const [role, roundId, organisationId] of attempts) {
      const count = (await database.db.select().from(reactions).where(eq(reactions.organisationId, organisationId)))
        .length;
      const request = postRequest("/reageren", { roundId, organisationId }, await world.freshSession(role));
      const result = await run(() => mod.action!({ request, params: {}, context: testContext() }));
      expect(result.data, `${role} → ${organisationId}`).toMatchObject({
        error: expect.stringMatching(/lid van bent|niet uitgenodigd|bestaat niet/),
      });
      expect(
        (await database.db.select().from(reactions).where(eq(reactions.organisationId, organisationId))).length,
      ).toBe(count);
    }
  });
});

describe("account takeover through an invitation (see the issue 9 report)", () => {
  /**
   * A staff admin invites the e-mail address of an existing account (here: the platform admin) to
   * an organisation of their region, reads the invitation link in Beheer → Postvak, and follows it:
   * accepting an invitation for an account that already has a password asks for no password and
   * starts a session as that account. Fixed: an existing account must be logged in as itself.
   */
  test("a staff admin cannot obtain a session of another existing account by inviting its address", async () => {
    const admin = world.sessions.staffAdmin;
    const orgRoute = modules.get("beheer.organisaties.$organisationId")!;
    const invite = await run(() =>
      orgRoute.action!({
        request: postRequest(
          `/beheer/organisaties/${world.organisations.aanbieder.id}`,
          { name: "Platformbeheerder", email: world.users.platformAdmin.email, role: "member" },
          admin,
        ),
        params: { organisationId: world.organisations.aanbieder.id },
        context: testContext(),
      }),
    );
    expect(invite.data).toMatchObject({ invited: world.users.platformAdmin.email });
    const [message] = await database.db
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.toAddress, world.users.platformAdmin.email), eq(outboxMessages.template, "uitnodiging")),
      );
    const postvak = modules.get("beheer.postvak")!;
    const shown = await run(() =>
      postvak.loader!({
        request: getRequest(`/beheer/postvak?bericht=${message!.id}`, admin),
        params: {},
        context: testContext(),
      }),
    );
    const link = /\/uitnodiging\/([A-Za-z0-9_-]+)/.exec(JSON.stringify(shown.data))?.[1];
    expect(link, "the postvak shows the invitation link to the staff admin").toBeTruthy();

    const sessionsBefore = (await database.db.select().from(sessions).where(eq(sessions.userId, world.users.platformAdmin.id))).length;
    const accept = modules.get("uitnodiging.$token")!;
    const context = testContext();
    await run(() =>
      accept.action!({ request: postRequest(`/uitnodiging/${link}`, {}, admin), params: { token: link! }, context }),
    );
    const platformSessions = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, world.users.platformAdmin.id));
    const joined = await database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, world.users.platformAdmin.id));
    // The safe outcome: no new session for the platform admin, no cookie handed out, no membership added.
    expect({ cookies: context.cookies.length, sessions: platformSessions.length, memberships: joined.length }).toEqual({
      cookies: 0,
      sessions: sessionsBefore,
      memberships: 0,
    });
  });
});
