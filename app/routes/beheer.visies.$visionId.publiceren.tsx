import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { isStaffAdmin, organisationTypeLabels, type OrganisationType } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { db } from "~/lib/db.server";
import { requireVisionStaff } from "~/visions/guards.server";
import { versionLabels } from "~/visions/options";
import { PublishSchema } from "~/visions/schema.server";
import { getDraft, listInvitableOrganisations, listSections, publishDraft, VisionError } from "~/visions/visions.server";

export const meta: MetaFunction = () => [{ title: "Versie publiceren — Beheer — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const draft = await getDraft(db(), vision.id);
  const [organisations, draftSections] = await Promise.all([
    listInvitableOrganisations(db(), region.id),
    draft ? listSections(db(), draft.id) : Promise.resolve([]),
  ]);
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    draft: draft ? { number: draft.number, sections: draftSections.length } : null,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, type: organisationTypeLabels[o.type as OrganisationType] })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const submission = parseWithZod(await request.formData(), { schema: PublishSchema });
  if (submission.status !== "success") return { errors: Object.values(submission.error ?? {}).flat() };
  const value = submission.value;
  try {
    await publishDraft(db(), viewer.user.id, region.id, vision.id, {
      label: value.label,
      isDefinitive: value.label === "definitief",
      round:
        value.openRound === "ja"
          ? {
              opensAt: value.opensAt!,
              closesAt: value.closesAt!,
              visibility: value.visibility,
              acceptsLate: value.acceptsLate === "ja",
              invitees: value.invitees,
              reference: value.reference || undefined,
              message: value.message || undefined,
            }
          : null,
    });
  } catch (error) {
    if (error instanceof VisionError) return { errors: [error.message] };
    throw error;
  }
  throw redirect(`/beheer/visies/${vision.id}`);
}

export default function PublishPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <h1 className="utrecht-heading-1">Versie publiceren</h1>
      {!data.draft ? (
        <p className="utrecht-paragraph">Er is geen concept om te publiceren.</p>
      ) : (
        <>
          <p className="utrecht-paragraph">
            U publiceert versie {data.draft.number} van {data.vision.title} ({data.draft.sections} onderdelen). Na publiceren ligt deze versie voor
            altijd vast; wijzigingen komen in een volgende versie.
          </p>
          {actionData?.errors?.length ? (
            <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
              <h2 className="utrecht-heading-3">Er is een probleem</h2>
              <ul className="utrecht-unordered-list">
                {actionData.errors.map((message) => (
                  <li key={message} className="utrecht-unordered-list__item">
                    {message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post" className="form-stack form-stack--wide">
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="label">
                Naam van de versie
              </label>
              <select id="label" name="label" className="utrecht-select utrecht-select--html-select">
                {versionLabels.map((label) => (
                  <option key={label} value={label}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="utrecht-form-fieldset">
              <legend className="utrecht-form-fieldset__legend">Consultatieronde</legend>
              <div className="utrecht-form-field utrecht-form-field--checkbox">
                <input id="openRound" type="checkbox" name="openRound" value="ja" className="utrecht-checkbox utrecht-checkbox--html-input" />
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="openRound">
                  Open een consultatieronde voor deze versie
                </label>
              </div>
              <div className="filters">
                <div className="utrecht-form-field">
                  <label className="utrecht-form-label" htmlFor="opensAt">
                    Begin
                  </label>
                  <input id="opensAt" name="opensAt" type="date" className="utrecht-textbox utrecht-textbox--html-input" />
                </div>
                <div className="utrecht-form-field">
                  <label className="utrecht-form-label" htmlFor="closesAt">
                    Einde reactietermijn
                  </label>
                  <input id="closesAt" name="closesAt" type="date" className="utrecht-textbox utrecht-textbox--html-input" />
                </div>
                <div className="utrecht-form-field">
                  <label className="utrecht-form-label" htmlFor="visibility">
                    Wie mag reageren
                  </label>
                  <select id="visibility" name="visibility" className="utrecht-select utrecht-select--html-select">
                    <option value="invited">Alleen uitgenodigde organisaties</option>
                    <option value="registered">Iedere geregistreerde organisatie</option>
                  </select>
                </div>
              </div>
              <div className="utrecht-form-field utrecht-form-field--checkbox">
                <input id="acceptsLate" type="checkbox" name="acceptsLate" value="ja" className="utrecht-checkbox utrecht-checkbox--html-input" />
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="acceptsLate">
                  Late reacties toestaan (ze worden als te laat gemarkeerd)
                </label>
              </div>
              <div className="utrecht-form-field">
                <label className="utrecht-form-label" htmlFor="reference">
                  Kenmerk van de adviesaanvraag
                </label>
                <input id="reference" name="reference" className="utrecht-textbox utrecht-textbox--html-input" maxLength={100} />
              </div>
              <div className="utrecht-form-field">
                <label className="utrecht-form-label" htmlFor="message">
                  Bericht bij de uitnodiging
                </label>
                <textarea id="message" name="message" className="utrecht-textarea" rows={4} maxLength={4000} />
              </div>
              <fieldset className="utrecht-form-fieldset">
                <legend className="utrecht-form-fieldset__legend">Uitnodigen (adviesaanvraag)</legend>
                {data.organisations.map((o) => (
                  <div key={o.id} className="utrecht-form-field utrecht-form-field--checkbox">
                    <input id={`inv-${o.id}`} type="checkbox" name="invitees" value={o.id} className="utrecht-checkbox utrecht-checkbox--html-input" />
                    <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`inv-${o.id}`}>
                      {o.name} <span className="muted">({o.type})</span>
                    </label>
                  </div>
                ))}
              </fieldset>
            </fieldset>
            <div className="utrecht-form-field utrecht-form-field--checkbox">
              <input id="confirm" type="checkbox" name="confirm" value="ja" className="utrecht-checkbox utrecht-checkbox--html-input" />
              <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="confirm">
                Ik begrijp dat deze versie na publiceren niet meer kan worden gewijzigd
              </label>
            </div>
            <div>
              <button type="submit" className="utrecht-button utrecht-button--primary-action">
                Publiceren
              </button>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
