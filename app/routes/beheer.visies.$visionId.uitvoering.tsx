import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { isStaffAdmin } from "~/auth/roles";
import { Pagination, parsePage } from "~/components/Pagination";
import { RichTextField } from "~/components/RichTextField";
import { StaffNav } from "~/components/StaffNav";
import { emptyDoc } from "~/editor/plain-text";
import { ActionStatus, formatIsoDate, Notice } from "~/implementation/components";
import { createAction, latestPublishedSections, listActions, ownerCandidates, sectionLabel, statusCounts } from "~/implementation/implementation-actions.server";
import { implementationStatuses, statusLabels, type ImplementationStatus } from "~/implementation/options";
import { db } from "~/lib/db.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Uitvoeringsplan — Beheer — Herleidbaar" }];

function statusFilter(value: string | null): ImplementationStatus | null {
  return implementationStatuses.includes(value as ImplementationStatus) ? (value as ImplementationStatus) : null;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const url = new URL(request.url);
  const page = parsePage(url.searchParams.get("pagina"));
  const status = statusFilter(url.searchParams.get("status"));
  const [list, counts, owners, latest] = await Promise.all([
    listActions(db(), vision.id, { status, page, publicOnly: false }),
    statusCounts(db(), vision.id),
    ownerCandidates(db(), region.id),
    latestPublishedSections(db(), vision.id),
  ]);
  return {
    region: { name: region.name, slug: region.slug },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title, slug: vision.slug },
    page,
    status,
    counts,
    ...list,
    owners: owners.map((o) => ({ id: o.id, name: o.name })),
    sections: latest.sections.filter((s) => s.kind !== "begrip").map((s) => ({ key: s.key, label: sectionLabel(s), kind: s.kind })),
    versionLabel: latest.version?.label ?? null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, vision } = await requireVisionStaff(request, context, params.visionId);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  const input = {
    title: text("title"),
    description: text("description"),
    descriptionJson: text("descriptionJson"),
    ownerOrganisationId: text("ownerOrganisationId"),
    startsOn: text("startsOn"),
    endsOn: text("endsOn"),
    sectionKeys: form.getAll("sectionKeys").map(String),
  };
  const result = await createAction(db(), viewer, vision.id, input);
  if (!result.ok) return { error: result.message, field: result.field ?? null, values: input };
  throw redirect(`/beheer/visies/${vision.id}/uitvoering/${result.action.id}?aangemaakt=1`);
}

export default function StaffPlanPage() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const base = `/beheer/visies/${data.vision.id}/uitvoering`;
  const values: Partial<NonNullable<typeof failed>["values"]> = failed?.values ?? {};
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Uitvoeringsplan</h1>
      <p className="utrecht-paragraph">
        Acties bij {data.vision.title}. Koppel elke actie aan bouwstenen en aan de punten waar ze uit voortkomt, zodat iedereen kan volgen wat er met een reactie is gedaan.
      </p>
      <ul className="utrecht-link-list">
        <li className="utrecht-link-list__item">
          <a className="utrecht-link" href={`${base}/tekorten`}>Tekortenrapport: punten zonder actie en acties over de einddatum</a>
        </li>
        <li className="utrecht-link-list__item">
          <a className="utrecht-link" href={`${base}/herleidbaarheid`}>Herleidbaarheid per organisatie</a>
        </li>
        <li className="utrecht-link-list__item">
          <a className="utrecht-link" href={`${base}/uitvoeringsplan.csv`} download>Acties downloaden (CSV)</a>
        </li>
        <li className="utrecht-link-list__item">
          <a className="utrecht-link" href={`${base}/importeren`}>Acties importeren uit CSV</a>
        </li>
        <li className="utrecht-link-list__item">
          <a className="utrecht-link" href={`/visies/${data.region.slug}/${data.vision.slug}/uitvoering`}>Openbare pagina van het uitvoeringsplan</a>
        </li>
      </ul>

      <h2 className="utrecht-heading-2">Acties</h2>
      <Form method="get" className="form-inline">
        <label className="utrecht-form-label" htmlFor="status-filter">
          Status
        </label>{" "}
        <select id="status-filter" name="status" className="utrecht-select utrecht-select--html-select" defaultValue={data.status ?? ""}>
          <option value="">Alle ({Object.values(data.counts).reduce((a, b) => a + (b ?? 0), 0)})</option>
          {implementationStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]} ({data.counts[s] ?? 0})
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Filteren
        </button>
      </Form>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Acties, horizontaal te scrollen">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">
            {data.total} {data.total === 1 ? "actie" : "acties"}
            {data.status ? ` met status ${statusLabels[data.status]}` : ""}
          </caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Kenmerk</th>
              <th scope="col" className="utrecht-table__header-cell">Actie</th>
              <th scope="col" className="utrecht-table__header-cell">Eigenaar</th>
              <th scope="col" className="utrecht-table__header-cell">Periode</th>
              <th scope="col" className="utrecht-table__header-cell">Stand</th>
              <th scope="col" className="utrecht-table__header-cell">Punten</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.rows.map((r) => (
              <tr key={r.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{r.reference}</td>
                <td className="utrecht-table__cell">
                  <a className="utrecht-link" href={`${base}/${r.id}`}>
                    {r.title}
                  </a>
                </td>
                <td className="utrecht-table__cell">{r.owner ?? "—"}</td>
                <td className="utrecht-table__cell">
                  {formatIsoDate(r.startsOn)} – {formatIsoDate(r.endsOn)}
                </td>
                <td className="utrecht-table__cell">
                  <ActionStatus status={r.status} progress={r.progress} />
                </td>
                <td className="utrecht-table__cell">{r.pointCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} buildHref={(p) => `${base}?pagina=${p}${data.status ? `&status=${data.status}` : ""}`} />

      <h2 className="utrecht-heading-2" id="nieuwe-actie">
        Nieuwe actie
      </h2>
      {failed?.error ? (
        <Notice kind="error">
          <p className="utrecht-paragraph">{failed.error}</p>
        </Notice>
      ) : null}
      <Form method="post" className="form-stack" noValidate>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="title">
            Titel
          </label>
          <input id="title" name="title" className="utrecht-textbox utrecht-textbox--html-input" required maxLength={200} defaultValue={values.title ?? ""} aria-invalid={failed?.field === "title" || undefined} />
        </div>
        <RichTextField name="description" label="Omschrijving" initialDoc={emptyDoc()} initialText={values.description ?? ""} error={failed?.field === "description" ? failed.error : undefined} />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="ownerOrganisationId">
            Eigenaar (trekker)
          </label>
          <select id="ownerOrganisationId" name="ownerOrganisationId" className="utrecht-select utrecht-select--html-select" defaultValue={values.ownerOrganisationId ?? ""}>
            <option value="">Nog niet bekend</option>
            {data.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="startsOn">
            Start
          </label>
          <input id="startsOn" name="startsOn" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={values.startsOn ?? ""} />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="endsOn">
            Einde
          </label>
          <input id="endsOn" name="endsOn" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={values.endsOn ?? ""} aria-invalid={failed?.field === "endsOn" || undefined} />
        </div>
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">Bouwstenen{data.versionLabel ? ` (versie ${data.versionLabel})` : ""}</legend>
          <div className="checkbox-columns">
            {data.sections.map((s) => (
              <div key={s.key} className="utrecht-form-field utrecht-form-field--checkbox">
                <input id={`section-${s.key}`} type="checkbox" name="sectionKeys" value={s.key} className="utrecht-checkbox utrecht-checkbox--html-input" defaultChecked={values.sectionKeys?.includes(s.key)} />{" "}
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`section-${s.key}`}>
                  {s.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            Actie toevoegen
          </button>
        </div>
      </Form>
    </>
  );
}
