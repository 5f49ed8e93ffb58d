import { renderToStaticMarkup } from "react-dom/server";
import { publicLettersOfOrganisation } from "~/letters/public-letters.server";
import { memoByDataVersion } from "~/lib/data-version.server";
import { db } from "~/lib/db.server";
import { ownerCandidates } from "./implementation-actions.server";
import { OrganisationOptions, TraceabilityItems, type TraceRow } from "./TraceabilityView";
import { organisationOfRegion, traceability, traceableOrganisations } from "./traceability.server";

/*
 * The heavy parts of the two traceability pages, computed once per data version (memoByDataVersion)
 * and rendered once to HTML: the organisation picker (every organisation with its point count:
 * ~2,000 options in a large region) and one organisation's points (200 points with their answers,
 * sections and actions). Rendering them with React on every request, and serialising their
 * thousands of values as loader data, cost ~50 ms a request; the pages insert this HTML as it is.
 * Keys name everything the HTML depends on besides the data: visie, organisation, audience, links.
 */

const attributeEscapes: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&#x27;", "<": "&lt;", ">": "&gt;" };

function escapeAttribute(value: string) {
  return value.replace(/[&"'<>]/g, (c) => attributeEscapes[c]!);
}

/** The options HTML with the option of `value` selected, as React renders <select defaultValue={value}>. */
export function withSelectedOption(optionsHtml: string, value: string) {
  const tag = `<option value="${escapeAttribute(value)}"`;
  const at = optionsHtml.indexOf(`${tag}>`);
  if (at < 0) return optionsHtml;
  const end = at + tag.length;
  return `${optionsHtml.slice(0, end)} selected=""${optionsHtml.slice(end)}`;
}

function optionsHtml(options: Array<{ value: string; name: string; points: number }>) {
  return renderToStaticMarkup(<OrganisationOptions options={options} />);
}

function itemsHtml(rows: TraceRow[], readingHref: (versionNumber: number) => string, actionHref: (a: { id: string; reference: string }) => string) {
  return renderToStaticMarkup(<TraceabilityItems rows={rows} readingHref={readingHref} actionHref={actionHref} />);
}

export interface OrganisationPicker {
  /** Number of organisations in the picker. */
  count: number;
  /** The <option> elements, none selected (see withSelectedOption). */
  optionsHtml: string;
}

/** Public picker: the organisations with published points under their own name, by code. */
export function publicOrganisationPicker(visionId: string): Promise<OrganisationPicker> {
  return memoByDataVersion(`implementation:trace-picker:public:${visionId}`, async () => {
    const rows = await traceableOrganisations(db(), visionId, true);
    return { count: rows.length, optionsHtml: optionsHtml(rows.map((o) => ({ value: o.code, name: o.name, points: Number(o.points) }))) };
  });
}

/** An organisation of the region with its submitted points on the visie. */
export interface StaffOrganisationChoice {
  id: string;
  code: string;
  name: string;
  points: number;
}

export const STAFF_ORGANISATIONS_PAGE_SIZE = 50;

/** Every organisation of the region, by name, with its submitted points on the visie (0 if none). */
function staffOrganisations(regionId: string, visionId: string): Promise<StaffOrganisationChoice[]> {
  return memoByDataVersion(`implementation:trace-organisations:staff:${regionId}:${visionId}`, async () => {
    const [all, withPoints] = await Promise.all([ownerCandidates(db(), regionId), traceableOrganisations(db(), visionId, false)]);
    const counts = new Map(withPoints.map((o) => [o.id, Number(o.points)]));
    return all.map((o) => ({ id: o.id, code: o.code, name: o.name, points: counts.get(o.id) ?? 0 }));
  });
}

/**
 * Staff find an organisation by its code or part of its name (any case); an empty search lists them
 * all. One page of the matches, by name; `exact` is the organisation whose code is the search.
 * A region has up to ~2,000 organisations: a <select> of all of them made the page 180 KB heavier
 * and is hard to use by keyboard or screen reader.
 */
export async function findStaffOrganisations(regionId: string, visionId: string, search: string, page: number) {
  const all = await staffOrganisations(regionId, visionId);
  const needle = search.trim().toLocaleLowerCase("nl");
  const matches = needle ? all.filter((o) => o.code.toLocaleLowerCase("nl").includes(needle) || o.name.toLocaleLowerCase("nl").includes(needle)) : all;
  const start = (page - 1) * STAFF_ORGANISATIONS_PAGE_SIZE;
  return {
    total: matches.length,
    pageSize: STAFF_ORGANISATIONS_PAGE_SIZE,
    exact: needle ? (matches.find((o) => o.code.toLocaleLowerCase("nl") === needle) ?? null) : null,
    items: matches.slice(start, start + STAFF_ORGANISATIONS_PAGE_SIZE),
  };
}

export interface PublicLetterLink {
  reactionId: string;
  kind: "advies" | "reactie" | "reactiebrief";
  letterNumber: string | null;
  sentAt: string;
}

/**
 * Public: the organisation (by code, any case) with its published points as list items (links under
 * `base`, the visie's public address) and its public antwoordbrieven; null for no such organisation.
 */
export function publicOrganisationTrace(vision: { id: string; regionId: string }, code: string, base: string) {
  return memoByDataVersion(`implementation:trace:public:${vision.id}:${code.toUpperCase()}:${base}`, async () => {
    const organisation = await organisationOfRegion(db(), vision.regionId, { code });
    if (!organisation) return null;
    const [rows, letters] = await Promise.all([traceability(db(), vision.id, organisation.id, true), publicLettersOfOrganisation(db(), vision.id, organisation.id)]);
    return {
      organisation: { code: organisation.code, name: organisation.name },
      points: rows.length,
      itemsHtml: itemsHtml(
        rows,
        (n) => `${base}?versie=${n}`,
        (a) => `${base}/uitvoering/${a.reference}`,
      ),
      letters: letters.map((l): PublicLetterLink => ({ reactionId: l.reactionId, kind: l.kind, letterNumber: l.letterNumber, sentAt: l.sentAt.toISOString() })),
    };
  });
}

/**
 * Staff: the organisation of the region (by id) with every submitted point as list items; action
 * links go to the staff pages, section links to the public reading page under `publicBase`.
 */
export function staffOrganisationTrace(vision: { id: string }, regionId: string, organisationId: string, publicBase: string) {
  return memoByDataVersion(`implementation:trace:staff:${regionId}:${vision.id}:${organisationId}:${publicBase}`, async () => {
    const [organisation, rows] = await Promise.all([organisationOfRegion(db(), regionId, { id: organisationId }), traceability(db(), vision.id, organisationId, false)]);
    if (!organisation) return null;
    const staffBase = `/beheer/visies/${vision.id}/uitvoering`;
    return {
      organisation: { id: organisation.id, code: organisation.code, name: organisation.name },
      points: rows.length,
      itemsHtml: itemsHtml(
        rows,
        (n) => `${publicBase}?versie=${n}`,
        (a) => `${staffBase}/${a.id}`,
      ),
    };
  });
}
