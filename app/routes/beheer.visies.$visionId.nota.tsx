import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { formatDate } from "~/lib/dates";
import { db } from "~/lib/db.server";
import {
  groupPoints,
  pickRound,
  roundPoints,
  roundsOfVision,
  totalsOf,
  type Grouping,
} from "~/letters/response-report.server";
import { NotaQuerySchema } from "~/letters/schema.server";
import { notFound } from "~/auth/guards.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Nota van beantwoording — Beheer — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const search = new URL(request.url).searchParams;
  const q = NotaQuerySchema.parse({ ronde: search.get("ronde"), groep: search.get("groep") ?? "onderdeel" });
  const round = await pickRound(db(), vision.id, q.ronde);
  if (q.ronde && !round) throw notFound();
  const grouping: Grouping = q.groep;
  const rounds = await roundsOfVision(db(), vision.id);
  const list = round ? await roundPoints(db(), round.id) : [];
  const totals = totalsOf(list);
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    rounds: rounds.map((r) => ({ id: r.id, label: `${r.versionLabel} (sloot ${formatDate(r.closesAt)})` })),
    round: round ? { id: round.id, label: round.versionLabel } : null,
    grouping,
    totals,
    groups: groupPoints(list, grouping).map((g) => ({
      title: g.title,
      count: g.points.length,
      answered: g.points.filter((p) => p.status === "beantwoord" || p.status === "vastgesteld").length,
    })),
  };
}

export default function ResponseReportPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/beheer/visies/${data.vision.id}/nota`;
  const params = (extension: "pdf" | "docx" | "csv") =>
    `${base}/nota-van-beantwoording.${extension}?${new URLSearchParams({ ...(data.round ? { ronde: data.round.id } : {}), groep: data.grouping }).toString()}`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Nota van beantwoording</h1>
      <p className="utrecht-paragraph">
        Alle punten van een reactieronde met organisatie, kenmerk, onderdeel, antwoord en afweging. Download de nota als
        PDF, Word-bestand of als CSV voor Excel.
      </p>
      {data.rounds.length === 0 ? (
        <p className="utrecht-paragraph">Deze visie heeft nog geen reactieronde.</p>
      ) : (
        <>
          <form method="get" action={base} className="form-row">
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="ronde">
                Reactieronde
              </label>
              <select id="ronde" name="ronde" className="utrecht-select" defaultValue={data.round?.id}>
                {data.rounds.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="groep">
                Groeperen per
              </label>
              <select id="groep" name="groep" className="utrecht-select" defaultValue={data.grouping}>
                <option value="onderdeel">onderdeel van de visie</option>
                <option value="organisatie">organisatie</option>
              </select>
            </div>
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              Tonen
            </button>
          </form>
          <h2 className="utrecht-heading-2">Downloaden</h2>
          <ul className="utrecht-unordered-list">
            <li className="utrecht-unordered-list__item">
              <a className="utrecht-link" href={params("pdf")} download>
                Nota als PDF
              </a>
            </li>
            <li className="utrecht-unordered-list__item">
              <a className="utrecht-link" href={params("docx")} download>
                Nota als Word-bestand
              </a>
            </li>
            <li className="utrecht-unordered-list__item">
              <a className="utrecht-link" href={params("csv")} download>
                Nota als CSV voor Excel
              </a>
            </li>
          </ul>
          <h2 className="utrecht-heading-2">Totalen</h2>
          <p className="utrecht-paragraph">
            {data.totals.reactions} reacties met {data.totals.points} punten; {data.totals.answered} beantwoord.{" "}
            {data.totals.changedVision} punten hebben de visie veranderd (overgenomen of deels overgenomen).
          </p>
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-label="Punten per afweging, horizontaal te scrollen"
          >
            <table className="utrecht-table">
              <caption className="utrecht-table__caption">Punten per afweging</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    Afweging
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Punten
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {data.totals.byDisposition.map((d) => (
                  <tr key={d.disposition} className="utrecht-table__row">
                    <td className="utrecht-table__cell">{d.label}</td>
                    <td className="utrecht-table__cell">{d.count}</td>
                  </tr>
                ))}
                <tr className="utrecht-table__row">
                  <td className="utrecht-table__cell">Nog niet beantwoord</td>
                  <td className="utrecht-table__cell">{data.totals.points - data.totals.answered}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <h2 className="utrecht-heading-2">Per {data.grouping === "organisatie" ? "organisatie" : "onderdeel"}</h2>
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-label="Punten per groep, horizontaal te scrollen"
          >
            <table className="utrecht-table">
              <caption className="utrecht-table__caption">
                Punten per {data.grouping === "organisatie" ? "organisatie" : "onderdeel"}
              </caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    {data.grouping === "organisatie" ? "Organisatie" : "Onderdeel"}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Punten
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    Beantwoord
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {data.groups.map((g) => (
                  <tr key={g.title} className="utrecht-table__row">
                    <td className="utrecht-table__cell">{g.title}</td>
                    <td className="utrecht-table__cell">{g.count}</td>
                    <td className="utrecht-table__cell">{g.answered}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
