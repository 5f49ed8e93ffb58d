import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { listPublishedVisions } from "~/visions/visions.server";
import type { ScriptsHandle } from "~/lib/hydration";

export const handle: ScriptsHandle = { scripts: false };

export const meta: MetaFunction = () => [{ title: "Regiovisies — Herleidbaar" }];

export async function loader() {
  const rows = await listPublishedVisions(db());
  return {
    versions: rows.map((r) => ({ ...r, publishedAt: r.publishedAt ? formatDate(r.publishedAt) : "" })),
  };
}

export default function VisionsPage() {
  const { versions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="utrecht-heading-1">Regiovisies</h1>
      <p className="utrecht-paragraph">Alle gepubliceerde versies. Iedereen kan ze lezen, ook zonder account.</p>
      {versions.length === 0 ? <p className="utrecht-paragraph">Er is nog geen regiovisie gepubliceerd.</p> : null}
      <ul className="utrecht-unordered-list">
        {versions.map((v) => (
          <li key={`${v.regionSlug}-${v.visionSlug}-${v.versionNumber}`} className="utrecht-unordered-list__item">
            <a className="utrecht-link" href={`/visies/${v.regionSlug}/${v.visionSlug}?versie=${v.versionNumber}`}>
              {v.title} — {v.label}
            </a>{" "}
            <span className="muted">
              ({v.regionName}, versie {v.versionNumber}, gepubliceerd op {v.publishedAt})
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
