import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AdoptionRequestList } from "~/adoptions/AdoptionRequestList";
import { sentAdoptionRequests } from "~/adoptions/adoption-requests.server";
import { loadAdoptionOverview, todayIso } from "~/adoptions/adoptions.server";
import { longDutchDate, outcomeLabels, type DecisionOutcome } from "~/adoptions/in-force";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { notFound } from "~/auth/guards.server";
import { memoByDataVersion } from "~/lib/data-version.server";
import { db } from "~/lib/db.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Vaststelling door de gemeenten — Beheer — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const today = todayIso();
  // The board changes only with the data (or the date): computed once per data version.
  const [overview, sentRequests] = await memoByDataVersion(`adoption-board:${vision.id}:${today}`, () =>
    Promise.all([loadAdoptionOverview(db(), vision.id, today), sentAdoptionRequests(db(), vision.id)]),
  );
  if (!overview) throw notFound();
  return {
    region: { name: region.name, slug: region.slug },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title, slug: vision.slug },
    target: overview.target ? { label: overview.target.label } : null,
    deadline: overview.deadline,
    sentRequests: sentRequests.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })),
    sentRequest: overview.sentRequest ? { letterNumber: overview.sentRequest.letterNumber, sentAt: overview.sentRequest.sentAt } : null,
    status: overview.status.inForce
      ? { inForce: true as const, effectiveDate: overview.status.effectiveDate, reasons: [] as string[] }
      : { inForce: false as const, effectiveDate: null, reasons: overview.status.reasons },
    adoptedCount: overview.adoptedCount,
    requiredCount: overview.requiredCount,
    rows: overview.rows.map((r) => ({
      id: r.municipality.id,
      name: r.municipality.name,
      isMember: r.isMember,
      required: r.required,
      proposalNumber: r.adoption?.proposalNumber ?? null,
      collegeDate: r.adoption?.collegeDate ?? null,
      portfolioHolder: r.adoption?.portfolioHolder ?? null,
      items: ((r.adoption?.decisionItems as Array<{ text: string; outcome: DecisionOutcome | null }> | undefined) ?? []).map((i) => ({
        text: i.text,
        outcome: i.outcome ? outcomeLabels[i.outcome] : "nog niet besloten",
      })),
      committeeDate: r.adoption?.committeeDate ?? null,
      councilDate: r.adoption?.councilDate ?? null,
      outcome: r.adoption?.outcome ? outcomeLabels[r.adoption.outcome] : null,
      versionLabel: r.adoption?.outcome ? r.versionLabel : null,
      decisionFileId: r.adoption?.decisionFileId ?? null,
      decisionFileName: r.decisionFileName,
      councilLetter: r.councilLetter,
      state: r.state,
      reason: r.reason,
      overdue: r.overdue,
    })),
  };
}

const stateLabels: Record<string, string> = {
  adopted: "Vastgesteld",
  pending: "Nog geen besluit",
  held: "Aangehouden",
  rejected: "Verworpen",
  "other-version": "Andere versie vastgesteld",
  "not-member-then": "Besluit buiten lidmaatschap",
};

const date = (value: string | null) => (value ? longDutchDate(value) : "—");

export default function AdoptionBoardPage() {
  const data = useLoaderData<typeof loader>();
  const base = `/beheer/visies/${data.vision.id}/vaststelling`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Vaststelling door de gemeenten</h1>
      <div className={`adoption-status ${data.status.inForce ? "adoption-status--in-force" : "adoption-status--not-in-force"}`} role="status">
        {data.status.inForce ? (
          <p className="utrecht-paragraph">
            <strong>Van kracht</strong> sinds {date(data.status.effectiveDate)}: alle {data.requiredCount} gemeenten hebben versie &lsquo;{data.target?.label}
            &rsquo; vastgesteld.
          </p>
        ) : (
          <>
            <p className="utrecht-paragraph">
              <strong>Niet van kracht.</strong> {data.adoptedCount} van de {data.requiredCount} gemeenten hebben
              {data.target ? ` versie '${data.target.label}'` : " de definitieve versie"} vastgesteld. Waarom nog niet:
            </p>
            <ul className="utrecht-unordered-list">
              {data.status.reasons.map((reason) => (
                <li key={reason} className="utrecht-unordered-list__item">
                  {reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <p className="utrecht-paragraph">
        {data.sentRequest ? (
          <>
            Aanbiedingsbrief{data.sentRequest.letterNumber ? ` (kenmerk ${data.sentRequest.letterNumber})` : ""} verzonden; gevraagd een raadsbesluit uiterlijk op{" "}
            <strong>{date(data.deadline)}</strong>.{" "}
          </>
        ) : (
          <>Er is nog geen aanbiedingsbrief verzonden. </>
        )}
        <a className="utrecht-link" href={`${base}/aanbiedingsbrief`}>
          Aanbiedingsbrief {data.sentRequest ? "bekijken" : "opstellen"}
        </a>
        {" · "}
        <a className="utrecht-link" href={`/visies/${data.region.slug}/${data.vision.slug}/vaststelling`}>
          Openbare stand van de vaststelling
        </a>
      </p>
      <AdoptionRequestList
        requests={data.sentRequests}
        heading="Verzonden aanbiedingsbrieven"
        headingId="aanbiedingsbrieven-kop"
        caption="Alle verzonden aanbiedingsbrieven, nieuwste eerst"
        fileHref={(fileId, name) => `${base}/bestanden/${fileId}/${name}`}
      />
      <h2 className="utrecht-heading-2">Besluiten per gemeente</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel met besluiten per gemeente, horizontaal te scrollen">
        <table className="utrecht-table adoption-board">
          <caption className="utrecht-table__caption">Besluiten van de {data.rows.length} gemeenten</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Gemeente</th>
              <th scope="col" className="utrecht-table__header-cell">Stand</th>
              <th scope="col" className="utrecht-table__header-cell">Raadsvoorstel</th>
              <th scope="col" className="utrecht-table__header-cell">Commissie</th>
              <th scope="col" className="utrecht-table__header-cell">Raad</th>
              <th scope="col" className="utrecht-table__header-cell">Besluit per beslispunt</th>
              <th scope="col" className="utrecht-table__header-cell">Versie</th>
              <th scope="col" className="utrecht-table__header-cell">Raadsbesluit</th>
              <th scope="col" className="utrecht-table__header-cell">Reactiebrief</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.rows.map((r) => (
              <tr key={r.id} className={`utrecht-table__row${r.overdue ? " adoption-board__row--overdue" : ""}`}>
                <th scope="row" className="utrecht-table__header-cell">
                  <a className="utrecht-link" href={`${base}/${r.id}`}>
                    {r.name}
                  </a>
                  {!r.isMember ? <span className="muted"> (geen lid meer)</span> : null}
                </th>
                <td className="utrecht-table__cell">
                  {r.state ? stateLabels[r.state] : "Niet nodig"}
                  {r.overdue ? <strong className="overdue-label"> — te laat: de termijn is verstreken</strong> : null}
                </td>
                <td className="utrecht-table__cell">
                  {r.proposalNumber ? (
                    <>
                      nr. {r.proposalNumber}
                      <br />
                      B&amp;W: {date(r.collegeDate)}
                      {r.portfolioHolder ? (
                        <>
                          <br />
                          {r.portfolioHolder}
                        </>
                      ) : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="utrecht-table__cell">{date(r.committeeDate)}</td>
                <td className="utrecht-table__cell">
                  {date(r.councilDate)}
                  {r.outcome ? (
                    <>
                      <br />
                      {r.outcome}
                    </>
                  ) : null}
                </td>
                <td className="utrecht-table__cell">
                  {r.items.length ? (
                    <ol className="utrecht-ordered-list compact-list">
                      {r.items.map((item, index) => (
                        <li key={index} className="utrecht-ordered-list__item">
                          {item.text} — <em>{item.outcome}</em>
                        </li>
                      ))}
                    </ol>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="utrecht-table__cell">{r.versionLabel ?? "—"}</td>
                <td className="utrecht-table__cell">
                  {r.decisionFileId ? (
                    <a className="utrecht-link" href={`${base}/bestanden/${r.decisionFileId}/raadsbesluit.pdf`} download>
                      {r.decisionFileName} (PDF)
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="utrecht-table__cell">
                  {r.councilLetter ? (
                    <a className="utrecht-link" href={`/reacties/${r.councilLetter.id}`}>
                      Reactiebrief{r.councilLetter.reference ? ` ${r.councilLetter.reference}` : ""} ({r.councilLetter.points} punten)
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
