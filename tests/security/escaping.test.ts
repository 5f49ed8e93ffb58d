import type { ComponentType } from "react";
import { beforeAll, describe, expect, test } from "vitest";
import type { RouteFile } from "~/auth/route-policy";
import type { Database } from "~/lib/db.server";
import { buildWorld, type World, type WorldRole } from "../factories/world";
import { readDocx, readPdf } from "../letters/render-helpers";
import { useTestDatabase } from "../setup/db";
import { getRequest, postRequest, run, testContext } from "../setup/requests";
import { loadRouteModules, urlFor, type RouteModule } from "./matrix";
import { renderPage } from "./render-page";

/**
 * What an action legitimately stores as typed (a name, a point, a title) comes out escaped in every
 * output format: pages show it as text, the CSV export neutralises formulas, and PDF and DOCX hold
 * it literally (as text, never as markup). Each value goes in through the real form action.
 */

const script = `<script>alert("x")</script>`;
const attribute = `" onmouseover="alert(1)" x="`;
const sqlText = `'; DROP TABLE points; --`;
const hostile = `${script} ${attribute} ${sqlText}`;
const formula = `=cmd|' /C calc'!A0`;

let database: Database;
let world: World;
let modules: Map<RouteFile, RouteModule & { default?: ComponentType }>;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await buildWorld(database.db);
  modules = await loadRouteModules();
});

async function post(route: RouteFile, role: WorldRole, params: Record<string, string>, fields: Record<string, string>) {
  const request = postRequest(urlFor(route, params), fields, await world.freshSession(role));
  const result = await run(() => modules.get(route)!.action!({ request, params, context: testContext() }));
  expect(result.response?.status, JSON.stringify(result.data)).toBe(302);
  return result.response!.headers.get("Location")!;
}

async function get(route: RouteFile, role: WorldRole, params: Record<string, string>, search = "") {
  const url = urlFor(route, params, search);
  const result = await run(() =>
    modules.get(route)!.loader!({ request: getRequest(url, world.sessions[role as Exclude<WorldRole, "anonymous">]), params, context: testContext() }),
  );
  return { ...result, url };
}

async function page(route: RouteFile, role: WorldRole, params: Record<string, string>) {
  const { data, response, url } = await get(route, role, params);
  expect(response, "the page answers with data").toBeNull();
  return renderPage(modules.get(route)!.default!, data, url);
}

function expectEscaped(html: string) {
  expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  expect(html).not.toContain(script);
  expect(html).not.toMatch(/onmouseover="alert/);
}

/** A plain-language reaction of the aanbieder to round 2 with the hostile text, submitted at once. */
async function hostileReaction() {
  const location = await post(
    "reageren_.eenvoudig.$roundId",
    "otherOrganisationMember",
    { roundId: world.vision.rounds[1]! },
    {
      organisationId: world.organisations.aanbieder.id,
      sectionKey: world.vision.sectionKey,
      opinion: hostile,
      missing: "",
      helps: "",
      publication: "met_naam",
      consent: "ja",
      submissionKey: "fuzz-escaping-0001",
    },
  );
  return /\/reacties\/([0-9a-f-]{36})/.exec(location)![1]!;
}

describe("stored hostile text comes out escaped", () => {
  let reactionId: string;

  test("page: an organisation name with HTML shows as text on the organisations list", async () => {
    await post(
      "beheer.organisaties.nieuw",
      "staffAdmin",
      {},
      { name: `Stichting ${script} ${attribute}`, code: "XSSORG", type: "aanbieder" },
    );
    expectEscaped(await page("beheer.organisaties._index", "staffAdmin", {}));
  });

  test("page: a submitted reaction's rich text with HTML shows as text on the reaction page", async () => {
    reactionId = await hostileReaction();
    const html = await page("reacties.$reactionId._index", "otherOrganisationMember", { reactionId });
    expectEscaped(html);
    expect(html).toContain("DROP TABLE points");
  });

  test("PDF: the reaction PDF holds the hostile text literally", async () => {
    const { response } = await get("reacties.$reactionId.$bestand", "otherOrganisationMember", { reactionId, bestand: "reactie.pdf" });
    expect(response?.headers.get("Content-Type")).toContain("application/pdf");
    const { text } = await readPdf(new Uint8Array(await response!.arrayBuffer()));
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(script);
    expect(flat).toContain(sqlText);
  });

  test("DOCX: a theme's title and summary in the rode draad DOCX are text, never markup", async () => {
    await post(
      "beheer.visies.$visionId.themas",
      "staffEditor",
      { visionId: world.vision.id },
      // The summary refuses HTML outright (a Dutch message); SQL and entities are stored as typed.
      { intent: "aanmaken", title: `Thema ${script}`, summary: `${sqlText} & 5 < 6` },
    );
    const { response } = await get("beheer.visies.$visionId.rode-draad_.$bestand", "staffEditor", { visionId: world.vision.id, bestand: "rode-draad.docx" });
    expect(response?.status).toBe(200);
    const docx = await readDocx(new Uint8Array(await response!.arrayBuffer()));
    expect(docx.text).toContain(`Thema ${script}`);
    expect(docx.text).toContain(`${sqlText} & 5 < 6`);
    expect(docx.documentXml).not.toContain("<script");
    expect(docx.documentXml).toContain("&lt;script&gt;");
  });

  test("CSV: an action title that starts a formula is neutralised in the uitvoeringsplan export", async () => {
    await post(
      "beheer.visies.$visionId.uitvoering",
      "staffEditor",
      { visionId: world.vision.id },
      {
        title: formula,
        description: `@SUM(1+1) ${script}`,
        ownerOrganisationId: world.organisations.regionA.id,
        startsOn: "2026-03-01",
        endsOn: "2026-12-31",
        sectionKeys: world.vision.sectionKey,
      },
    );
    const { response } = await get("beheer.visies.$visionId.uitvoering_.uitvoeringsplan[.]csv", "staffEditor", { visionId: world.vision.id });
    const csv = await response!.text();
    expect(csv).toContain(`'${formula}`);
    expect(csv).toContain("'@SUM(1+1)");
    // No cell starts with a formula character.
    expect(csv).not.toMatch(/(^|[;,\n])"?[=@+]/m);
  });
});
