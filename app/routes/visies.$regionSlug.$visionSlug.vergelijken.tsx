import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getViewer, notFound } from "~/auth/guards.server";
import { isStaff } from "~/auth/roles";
import { comparisonPage } from "~/visions/reading-pages.server";
import type { ScriptsHandle } from "~/lib/hydration";

export const handle: ScriptsHandle = { scripts: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Wat is er veranderd — ${data.title} — Herleidbaar` : "Vergelijken — Herleidbaar" }];

function versionNumber(value: string | null) {
  return value && /^\d{1,4}$/.test(value) ? Number(value) : null;
}

/** Loader data is only the title and the HTML: every document request serialises all of it. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const from = versionNumber(url.searchParams.get("van"));
  const to = versionNumber(url.searchParams.get("naar"));
  const regionSlug = params.regionSlug ?? "";
  const visionSlug = params.visionSlug ?? "";
  const [page, viewer] = await Promise.all([comparisonPage(regionSlug, visionSlug, from, to, { includeUnpublished: false }), getViewer(request, context)]);
  if (!page) throw notFound();
  // The region's staff also see points whose answers are not public yet.
  if (viewer && isStaff(viewer, page.regionId)) {
    const staffPage = await comparisonPage(regionSlug, visionSlug, from, to, { includeUnpublished: true });
    if (!staffPage) throw notFound();
    return { title: staffPage.title, html: staffPage.html };
  }
  return { title: page.title, html: page.html };
}

export default function ComparePage() {
  const { html } = useLoaderData<typeof loader>();
  // Static HTML of <ComparisonView>, rendered once per data version (app/visions/reading-pages.server.tsx).
  return <div className="compare" dangerouslySetInnerHTML={{ __html: html }} />;
}
