import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { Notice } from "~/implementation/components";
import { importActionsCsv } from "~/implementation/implementation-actions.server";
import { CSV_MAX_BYTES, csvColumns } from "~/implementation/options";
import { db } from "~/lib/db.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Acties importeren — Uitvoeringsplan — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  return { region: { name: region.name }, isAdmin: isStaffAdmin(viewer, region.id), vision: { id: vision.id, title: vision.title } };
}

type Result = { ok: true; created: string[]; updated: string[] } | { ok: false; message: string; errors: string[] };

export async function action({ request, context, params }: ActionFunctionArgs): Promise<Result> {
  const { viewer, vision } = await requireVisionStaff(request, context, params.visionId);
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data"))
    return { ok: false, message: "Kies een CSV-bestand om te importeren.", errors: [] };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: CSV_MAX_BYTES }));
  } catch {
    return { ok: false, message: `Het bestand is te groot (maximaal ${CSV_MAX_BYTES / 1024 / 1024} MB).`, errors: [] };
  }
  const file = form.get("bestand");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Kies een CSV-bestand om te importeren.", errors: [] };
  const text = new TextDecoder("utf-8", { fatal: false }).decode(await file.arrayBuffer());
  return importActionsCsv(db(), viewer, vision.id, text);
}

export default function ImportActionsPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/beheer/visies/${data.vision.id}/uitvoering`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          Terug naar het uitvoeringsplan
        </a>
      </p>
      <h1 className="utrecht-heading-1">Acties importeren</h1>
      <p className="utrecht-paragraph">
        Gebruik de kolommen van de <a className="utrecht-link" href={`${base}/uitvoeringsplan.csv`} download>export</a>: {csvColumns.join("; ")}. Een regel met een bestaand kenmerk (zoals U-03) werkt die actie bij; een regel zonder kenmerk wordt een nieuwe actie. De kolom punten wordt niet gelezen: koppel punten op de pagina van de actie. Is één regel niet goed, dan wordt niets geïmporteerd.
      </p>
      {result?.ok === true ? (
        <Notice kind="ok">
          <p className="utrecht-paragraph">
            Geïmporteerd: {result.created.length} nieuw{result.created.length ? ` (${result.created.join(", ")})` : ""}, {result.updated.length} bijgewerkt
            {result.updated.length ? ` (${result.updated.join(", ")})` : ""}.
          </p>
        </Notice>
      ) : null}
      {result?.ok === false ? (
        <Notice kind="error">
          <p className="utrecht-paragraph">{result.message}</p>
          {result.errors.length ? (
            <ul className="utrecht-unordered-list">
              {result.errors.map((e) => (
                <li key={e} className="utrecht-unordered-list__item">
                  {e}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="form-stack">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="bestand">
            CSV-bestand (puntkomma of komma, UTF-8, hoogstens 1 MB)
          </label>
          <input id="bestand" name="bestand" type="file" accept=".csv,text/csv" className="utrecht-textbox" />
        </div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            Importeren
          </button>
        </div>
      </Form>
    </>
  );
}
