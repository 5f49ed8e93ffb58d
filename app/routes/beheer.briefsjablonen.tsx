import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as withStatus, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaffAdmin, requireStaffRegion } from "~/auth/guards.server";
import { StaffNav } from "~/components/StaffNav";
import { formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import {
  getResponseLetterTemplate,
  PLACEHOLDERS,
  saveResponseLetterTemplate,
  TemplateError,
} from "~/letters/templates.server";

export const meta: MetaFunction = () => [{ title: "Briefsjabloon antwoordbrief — Beheer — Herleidbaar" }];

async function adminRegion(request: Request, context: LoaderFunctionArgs["context"]) {
  const { region } = await requireStaffRegion(request, context);
  const viewer = await requireStaffAdmin(request, context, region.id);
  return { viewer, region };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { region } = await adminRegion(request, context);
  const template = await getResponseLetterTemplate(db(), region.id);
  return {
    region: { name: region.name },
    template: {
      introduction: template.introduction,
      closing: template.closing,
      saved: template.saved,
      updatedAt: template.updatedAt ? formatDateTime(template.updatedAt) : null,
    },
    placeholders: Object.entries(PLACEHOLDERS).map(([name, description]) => ({ name: `{${name}}`, description })),
    saved: new URL(request.url).searchParams.has("opgeslagen"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, region } = await adminRegion(request, context);
  const form = await request.formData();
  const values = { introduction: String(form.get("introduction") ?? ""), closing: String(form.get("closing") ?? "") };
  try {
    await saveResponseLetterTemplate(db(), viewer, region.id, values);
  } catch (error) {
    if (error instanceof TemplateError) return withStatus({ error: error.message, values }, { status: 400 });
    throw error;
  }
  return redirect("/beheer/briefsjablonen?opgeslagen=1");
}

export default function LetterTemplatePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ error?: string; values?: { introduction: string; closing: string } }>();
  const values = actionData?.values ?? data.template;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={true} />
      <h1 className="utrecht-heading-1">Briefsjabloon antwoordbrief</h1>
      <p className="utrecht-paragraph">
        De inleiding en het slot van elke nieuwe antwoordbrief van {data.region.name}. Per brief kunt u ze daarna nog
        aanpassen.
        {data.template.saved ? ` Laatst gewijzigd op ${data.template.updatedAt}.` : " Nu geldt het standaardsjabloon."}
      </p>
      {data.saved ? (
        <p className="utrecht-paragraph" role="status">
          Het sjabloon is opgeslagen.
        </p>
      ) : null}
      {actionData?.error ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <h2 className="utrecht-heading-3">Er is een probleem</h2>
          <p className="utrecht-paragraph">{actionData.error}</p>
        </div>
      ) : null}
      <h2 className="utrecht-heading-2">Plaatshouders</h2>
      <ul className="utrecht-unordered-list">
        {data.placeholders.map((p) => (
          <li key={p.name} className="utrecht-unordered-list__item">
            <code>{p.name}</code>: {p.description}
          </li>
        ))}
      </ul>
      <h2 className="utrecht-heading-2">Sjabloon</h2>
      <Form method="post" className="form-stack form-stack--wide">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="introduction">
            Inleiding
          </label>
          <p className="utrecht-form-field-description" id="paragraphs-description">
            Alinea&apos;s scheidt u met een lege regel.
          </p>
          <textarea
            id="introduction"
            name="introduction"
            rows={8}
            required
            aria-describedby="paragraphs-description"
            className="utrecht-textarea"
            defaultValue={values.introduction}
          />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="closing">
            Slot
          </label>
          <textarea
            id="closing"
            name="closing"
            rows={6}
            required
            aria-describedby="paragraphs-description"
            className="utrecht-textarea"
            defaultValue={values.closing}
          />
        </div>
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          Sjabloon opslaan
        </button>
      </Form>
    </>
  );
}
