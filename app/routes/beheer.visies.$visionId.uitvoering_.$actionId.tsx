import type { JSONContent } from "@tiptap/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { RichTextField } from "~/components/RichTextField";
import { StaffNav } from "~/components/StaffNav";
import { emptyDoc, plainTextOf } from "~/editor/plain-text";
import { renderRichTextToHtml } from "~/editor/render.server";
import { ActionStatus, formatIsoDate, Notice } from "~/implementation/components";
import {
  actionDetail,
  latestPublishedSections,
  linkablePointReferences,
  linkPoint,
  ownerCandidates,
  recordActionUpdate,
  sectionLabel,
  unlinkPoint,
  updateAction,
} from "~/implementation/implementation-actions.server";
import { implementationStatuses, statusLabels } from "~/implementation/options";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.action.reference} ${data.action.title} — Uitvoeringsplan — Herleidbaar` : "Actie — Herleidbaar" }];

const notices: Record<string, string> = {
  aangemaakt: "De actie is toegevoegd.",
  opgeslagen: "De actie is opgeslagen.",
  bijgewerkt: "De voortgang is vastgelegd.",
  gekoppeld: "Het punt is gekoppeld.",
  ontkoppeld: "Het punt is losgekoppeld.",
};

async function load(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const id = z.uuid().safeParse(params.actionId);
  if (!id.success) throw notFound();
  const detail = await actionDetail(db(), vision.id, { id: id.data }, false);
  if (!detail) throw notFound();
  return { viewer, region, vision, detail };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision, detail } = await load(request, context, params);
  const [owners, latest, references] = await Promise.all([ownerCandidates(db(), region.id), latestPublishedSections(db(), vision.id), linkablePointReferences(db(), vision.id)]);
  const url = new URL(request.url);
  const notice = [...url.searchParams.keys()].map((k) => notices[k]).find(Boolean) ?? null;
  const description = (detail.description as JSONContent | null) ?? null;
  return {
    region: { name: region.name, slug: region.slug },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title, slug: vision.slug },
    notice,
    action: {
      id: detail.id,
      reference: detail.reference,
      title: detail.title,
      status: detail.status,
      progress: detail.progress,
      startsOn: detail.startsOn,
      endsOn: detail.endsOn,
      ownerOrganisationId: detail.ownerOrganisationId,
      owner: detail.owner,
      descriptionHtml: description ? renderRichTextToHtml(description) : "",
      descriptionDoc: description ?? emptyDoc(),
      descriptionText: description ? plainTextOf(description) : "",
      sectionKeys: detail.sections.map((s) => s.key),
      sections: detail.sections.map((s) => sectionLabel(s)),
      updates: detail.updates,
      points: detail.points.map((p) => ({ id: p.id, reference: p.reference, organisation: p.organisation, text: p.text.length > 240 ? `${p.text.slice(0, 240)}…` : p.text })),
    },
    owners: owners.map((o) => ({ id: o.id, name: o.name })),
    sections: latest.sections.filter((s) => s.kind !== "begrip").map((s) => ({ key: s.key, label: sectionLabel(s) })),
    references,
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, vision, detail } = await load(request, context, params);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  const intent = text("intent");
  const back = (flag: string) => redirect(`/beheer/visies/${vision.id}/uitvoering/${detail.id}?${flag}=1`);
  if (intent === "edit") {
    const result = await updateAction(db(), viewer, detail.id, {
      title: text("title"),
      description: text("description"),
      descriptionJson: text("descriptionJson"),
      ownerOrganisationId: text("ownerOrganisationId"),
      startsOn: text("startsOn"),
      endsOn: text("endsOn"),
      sectionKeys: form.getAll("sectionKeys").map(String),
    });
    if (!result.ok) return { intent, error: result.message, field: result.field ?? null };
    throw back("opgeslagen");
  }
  if (intent === "update") {
    const result = await recordActionUpdate(db(), viewer, detail.id, { status: text("status"), progress: text("progress"), on: text("on"), text: text("text") });
    if (!result.ok) return { intent, error: result.message, field: result.field ?? null };
    throw back("bijgewerkt");
  }
  if (intent === "link") {
    const result = await linkPoint(db(), viewer, detail.id, { pointReference: text("pointReference") });
    if (!result.ok) return { intent, error: result.message, field: result.field ?? null };
    throw back("gekoppeld");
  }
  if (intent === "unlink") {
    const result = await unlinkPoint(db(), viewer, detail.id, text("pointId"));
    if (!result.ok) return { intent, error: result.message, field: null };
    throw back("ontkoppeld");
  }
  return { intent, error: "Onbekende handeling. Laad de pagina opnieuw.", field: null };
}

function ErrorFor({ intent, failed }: { intent: string; failed: { intent: string; error: string } | undefined }) {
  if (!failed || failed.intent !== intent) return null;
  return (
    <Notice kind="error">
      <p className="utrecht-paragraph">{failed.error}</p>
    </Notice>
  );
}

export default function StaffActionPage() {
  const { region, isAdmin, vision, notice, action: item, owners, sections, references, today } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const base = `/beheer/visies/${vision.id}/uitvoering`;
  return (
    <>
      <StaffNav regionName={region.name} isAdmin={isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          Terug naar het uitvoeringsplan
        </a>
      </p>
      <h1 className="utrecht-heading-1">
        {item.reference} {item.title}
      </h1>
      {notice ? (
        <Notice kind="ok">
          <p className="utrecht-paragraph">{notice}</p>
        </Notice>
      ) : null}
      <dl className="facts">
        <dt>Stand</dt>
        <dd>
          <ActionStatus status={item.status} progress={item.progress} />
        </dd>
        <dt>Eigenaar</dt>
        <dd>{item.owner ?? "nog niet bekend"}</dd>
        <dt>Periode</dt>
        <dd>
          {formatIsoDate(item.startsOn)} – {formatIsoDate(item.endsOn)}
        </dd>
        <dt>Bouwstenen</dt>
        <dd>{item.sections.length ? item.sections.join("; ") : "geen"}</dd>
      </dl>
      {item.descriptionHtml ? <div className="rich-text" dangerouslySetInnerHTML={{ __html: item.descriptionHtml }} /> : null}
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/visies/${region.slug}/${vision.slug}/uitvoering/${item.reference}`}>
          Openbare pagina van deze actie
        </a>
      </p>

      <h2 className="utrecht-heading-2">Voortgang vastleggen</h2>
      <p className="utrecht-paragraph">Elke wijziging van status of voortgang komt met datum in het logboek. Bij een andere status krijgen de organisaties van de gekoppelde punten een e-mail.</p>
      <ErrorFor intent="update" failed={failed} />
      <Form method="post" className="form-stack" noValidate>
        <input type="hidden" name="intent" value="update" />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="status">
            Status
          </label>
          <select id="status" name="status" className="utrecht-select utrecht-select--html-select" defaultValue={item.status}>
            {implementationStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="progress">
            Voortgang in procenten (0 tot en met 100)
          </label>
          <input id="progress" name="progress" type="number" min={0} max={100} step={1} inputMode="numeric" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={item.progress} />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="on">
            Datum
          </label>
          <input id="on" name="on" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={today} />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="update-text">
            Wat is er gebeurd?
          </label>
          <textarea id="update-text" name="text" className="utrecht-textarea" rows={3} maxLength={2000} />
        </div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            Voortgang vastleggen
          </button>
        </div>
      </Form>

      <h2 className="utrecht-heading-2">Logboek</h2>
      {item.updates.length === 0 ? (
        <p className="utrecht-paragraph">Nog geen updates.</p>
      ) : (
        <ol className="utrecht-ordered-list">
          {item.updates.map((u) => (
            <li key={u.id} className="utrecht-ordered-list__item">
              <strong>{formatIsoDate(u.on)}</strong>
              {u.status ? ` — ${statusLabels[u.status]}${u.progress !== null ? `, ${u.progress}%` : ""}` : ""}: {u.text}
            </li>
          ))}
        </ol>
      )}

      <h2 className="utrecht-heading-2">Gekoppelde punten</h2>
      <ErrorFor intent="unlink" failed={failed} />
      {item.points.length === 0 ? (
        <p className="utrecht-paragraph">Er zijn nog geen punten gekoppeld.</p>
      ) : (
        <ul className="utrecht-unordered-list">
          {item.points.map((p) => (
            <li key={p.id} className="utrecht-unordered-list__item">
              <strong>{p.reference}</strong> ({p.organisation}): {p.text}{" "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="unlink" />
                <input type="hidden" name="pointId" value={p.id} />
                <button type="submit" className="utrecht-button utrecht-button--subtle">
                  Loskoppelen<span className="visually-hidden"> {p.reference}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h3 className="utrecht-heading-3">Punt koppelen</h3>
      <ErrorFor intent="link" failed={failed} />
      <Form method="post" className="form-stack" noValidate>
        <input type="hidden" name="intent" value="link" />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="pointReference">
            Kenmerk van het punt
          </label>
          <p className="utrecht-form-field-description" id="pointReference-uitleg">
            Bijvoorbeeld ASDV-3 (advies), ENV-1 (reactie) of VLA-2 (reactiebrief van een gemeente).
          </p>
          <input id="pointReference" name="pointReference" list="point-references" className="utrecht-textbox utrecht-textbox--html-input" aria-describedby="pointReference-uitleg" autoComplete="off" />
          <datalist id="point-references">
            {references.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            Punt koppelen
          </button>
        </div>
      </Form>

      <h2 className="utrecht-heading-2">Actie wijzigen</h2>
      <ErrorFor intent="edit" failed={failed} />
      <Form method="post" className="form-stack" noValidate>
        <input type="hidden" name="intent" value="edit" />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="title">
            Titel
          </label>
          <input id="title" name="title" className="utrecht-textbox utrecht-textbox--html-input" required maxLength={200} defaultValue={item.title} />
        </div>
        <RichTextField name="description" label="Omschrijving" initialDoc={item.descriptionDoc} initialText={item.descriptionText} />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="ownerOrganisationId">
            Eigenaar (trekker)
          </label>
          <select id="ownerOrganisationId" name="ownerOrganisationId" className="utrecht-select utrecht-select--html-select" defaultValue={item.ownerOrganisationId ?? ""}>
            <option value="">Nog niet bekend</option>
            {owners.map((o) => (
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
          <input id="startsOn" name="startsOn" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={item.startsOn ?? ""} />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="endsOn">
            Einde
          </label>
          <input id="endsOn" name="endsOn" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={item.endsOn ?? ""} />
        </div>
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">Bouwstenen</legend>
          <div className="checkbox-columns">
            {sections.map((s) => (
              <div key={s.key} className="utrecht-form-field utrecht-form-field--checkbox">
                <input id={`section-${s.key}`} type="checkbox" name="sectionKeys" value={s.key} className="utrecht-checkbox utrecht-checkbox--html-input" defaultChecked={item.sectionKeys.includes(s.key)} />{" "}
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`section-${s.key}`}>
                  {s.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            Wijzigingen opslaan
          </button>
        </div>
      </Form>
    </>
  );
}
