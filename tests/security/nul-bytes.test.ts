import { beforeAll, describe, expect, test } from "vitest";
import type { RouteFile } from "~/auth/route-policy";
import type { Database } from "~/lib/db.server";
import { buildWorld, type World, type WorldRole } from "../factories/world";
import { useTestDatabase } from "../setup/db";
import { postRequest, run, testContext } from "../setup/requests";
import { loadRouteModules, urlFor, type RouteModule } from "./matrix";

/**
 * PostgreSQL refuses a NUL byte in text ("invalid byte sequence"), so a NUL that reaches a query is
 * a 500. The form fuzzer found one (the briefsjabloon); this sweep posts an otherwise valid body
 * with a NUL in its typed text to every form that stores free text, and expects a Dutch refusal or
 * the text stored without it: never a thrown error.
 */

const NUL = "\u0000";

let database: Database;
let world: World;
let modules: Map<RouteFile, RouteModule>;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await buildWorld(database.db);
  modules = await loadRouteModules();
}, 180_000);

type Form = [RouteFile, WorldRole, (w: World) => Record<string, string>, (w: World) => Record<string, string>];

const forms: Form[] = [
  ["beheer.organisaties.nieuw", "staffAdmin", () => ({}), () => ({ name: `Stichting${NUL}Nul`, code: "NULORG", type: "aanbieder" })],
  [
    "beheer.organisaties.$organisationId",
    "staffAdmin",
    (w) => ({ organisationId: w.organisations.aanbieder.id }),
    () => ({ name: `Nieuwe${NUL}Collega`, email: "nul-collega@example.org", role: "member" }),
  ],
  ["beheer.briefsjablonen", "staffAdmin", () => ({}), () => ({ introduction: `Geachte${NUL} college`, closing: `Groet${NUL}` })],
  ["beheer.visies._index", "staffEditor", () => ({}), () => ({ title: `Visie${NUL}met nul`, slug: "visie-met-nul" })],
  ["platform.regios", "platformAdmin", () => ({}), () => ({
      name: `Regio${NUL}Nul`,
      shortName: `Nul${NUL}`,
      slug: "regio-nul",
      adminName: `Beheerder${NUL}Nul`,
      adminEmail: "beheerder-nul@example.org",
    }),],
  [
    "beheer.visies.$visionId.themas",
    "staffEditor",
    (w) => ({ visionId: w.vision.id }),
    () => ({ intent: "aanmaken", title: `Thema${NUL}`, summary: `Samenvatting${NUL}` }),
  ],
  [
    "beheer.visies.$visionId.uitvoering",
    "staffEditor",
    (w) => ({ visionId: w.vision.id }),
    (w) => ({
      title: `Actie${NUL}`,
      description: `Beschrijving${NUL}`,
      ownerOrganisationId: w.organisations.regionA.id,
      startsOn: "2026-03-01",
      endsOn: "2026-12-31",
      sectionKeys: w.vision.sectionKey,
    }),
  ],
  [
    "beheer.visies.$visionId._index",
    "staffEditor",
    (w) => ({ visionId: w.vision.id }),
    () => ({ intent: "add", title: `Onderdeel${NUL}`, kind: "hoofdstuk" }),
  ],
  [
    "reageren_.eenvoudig.$roundId",
    "otherOrganisationMember",
    (w) => ({ roundId: w.vision.rounds[1]! }),
    (w) => ({
      organisationId: w.organisations.aanbieder.id,
      opinion: `Mening${NUL}`,
      missing: "",
      helps: "",
      publication: "met_naam",
      consent: "ja",
      submissionKey: "nul-bytes-0001",
    }),
  ],
  [
    "beheer.visies.$visionId.brieven_.$reactionId",
    "staffEditor",
    (w) => ({ visionId: w.vision.id, reactionId: w.reactions.submitted.id }),
    () => ({
      intent: "opslaan",
      revision: "0",
      letterNumber: `2026${NUL}01`,
      subject: `Onderwerp${NUL}`,
      handledBy: `Redactie${NUL}`,
      letterDate: "2026-05-01",
      signatoryName: `Voorzitter${NUL}`,
      signatoryTitle: `Voorzitter${NUL}`,
      introduction: `Geachte${NUL} adviesraad`,
      closing: `Met vriendelijke groet${NUL}`,
    }),
  ],
  [
    "reacties.$reactionId.brief-importeren",
    "member",
    (w) => ({ reactionId: w.reactions.draft.id }),
    () => ({ text: `Geachte college,${NUL}\n\n1. Punt${NUL} een.\n\nMet vriendelijke groet` }),
  ],
  // Last: publishing freezes the world's draft, which the forms above still change.
  [
    "beheer.visies.$visionId.publiceren",
    "staffEditor",
    (w) => ({ visionId: w.vision.id }),
    (w) => ({
      label: "aangepast concept",
      openRound: "ja",
      opensAt: "2026-06-01T09:00",
      closesAt: "2026-07-01T17:00",
      visibility: "invited",
      invitees: w.organisations.adviesraad.id,
      reference: `ADV${NUL}-3`,
      message: `Graag uw reactie${NUL}.`,
      confirm: "ja",
    }),
  ],
];

describe("a NUL byte in typed text is refused or dropped, never a 500", () => {
  test.each(forms.map((f) => [f[0], f] as const))("%s", async (_name, [route, role, paramsOf, fieldsOf]) => {
    const params = paramsOf(world);
    const request = postRequest(urlFor(route, params), fieldsOf(world), await world.freshSession(role));
    const result = await run(() => modules.get(route)!.action!({ request, params, context: testContext() }));
    expect(result.response?.status ?? 200).toBeLessThan(500);
    // The bodies are valid apart from the NUL, so each is stored (with the NUL dropped): a redirect,
    // or the page again with a success message and no error.
    if (route === "reacties.$reactionId.brief-importeren") return; // a preview step; nothing is stored yet
    const data = (result.data ?? {}) as { error?: unknown; result?: { status?: string } };
    expect(result.response?.status ?? 200, JSON.stringify(result.data)).toBeLessThan(400);
    expect(data.error ?? null, JSON.stringify(result.data)).toBeNull();
    expect(data.result?.status, JSON.stringify(result.data)).not.toBe("error");
  });
});
