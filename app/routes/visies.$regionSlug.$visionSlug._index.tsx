import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getViewer, notFound } from "~/auth/guards.server";
import { draftsForVersion, pointCountsBySection } from "~/reactions/reactions.server";
import { isStaff } from "~/auth/roles";
import { db } from "~/lib/db.server";
import { memoByDataVersion } from "~/lib/data-version.server";
import { ReadingArticle } from "~/visions/ReadingArticle";
import { readingPage } from "~/visions/reading-pages.server";
import type { ScriptsHandle } from "~/lib/hydration";

/** Scripts only for someone who can quote into a draft reaction; readers get plain HTML. */
export const handle: ScriptsHandle = {
  scripts: (data) => ((data as { drafts?: unknown[] } | undefined)?.drafts?.length ?? 0) > 0,
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Herleidbaar` : "Regiovisie — Herleidbaar" }];

/*
 * Loader data is kept to what the page needs: every document request serialises all of it (Remix's
 * hydration stream), even when the page is sent without scripts. Readers without quote buttons or
 * point counts get the article as static HTML, rendered once per data version; the others get the
 * article's data, rendered (and, with a draft, hydrated) live.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const versionParam = url.searchParams.get("versie");
  const number = versionParam && /^\d{1,4}$/.test(versionParam) ? Number(versionParam) : null;
  const [page, viewer] = await Promise.all([readingPage(params.regionSlug ?? "", params.visionSlug ?? "", number), getViewer(request, context)]);
  if (!page) throw notFound();
  const visionId = page.vision.id;
  const staffView = !!viewer && isStaff(viewer, page.vision.regionId);
  const [drafts, pointCounts] = await Promise.all([
    draftsForVersion(db(), viewer, page.version.id),
    staffView ? memoByDataVersion(`reactions:point-counts-by-section\u0000${visionId}`, () => pointCountsBySection(db(), visionId)) : Promise.resolve({} as Record<string, number>),
  ]);
  const title = `${page.vision.title} (${page.version.label})`;
  if (drafts.length === 0 && Object.keys(pointCounts).length === 0) return { title, drafts, html: page.html, article: null };
  const { vision, version, versions, sections } = page;
  return { title, drafts, html: null, article: { vision, version, versions, sections, drafts, pointCounts } };
}

export default function ReadingPage() {
  const { html, article } = useLoaderData<typeof loader>();
  if (html !== null) return <article className="reading" dangerouslySetInnerHTML={{ __html: html }} />;
  return <article className="reading">{article ? <ReadingArticle {...article} /> : null}</article>;
}
