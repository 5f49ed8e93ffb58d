import { useForm } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePlatformAdmin } from "~/auth/guards.server";
import { collectErrors, ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { db } from "~/lib/db.server";
import { createRegion, listRegions } from "~/organisations/regions.server";
import { CreateRegionSchema } from "~/organisations/schema.server";

export const meta: MetaFunction = () => [{ title: "Regio's — Platformbeheer — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request, context);
  return { regions: await listRegions(db()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePlatformAdmin(request, context);
  const submission = parseWithZod(await request.formData(), { schema: CreateRegionSchema });
  if (submission.status !== "success") return { result: submission.reply(), created: null };
  const result = await createRegion(db(), viewer.user.id, submission.value);
  if (!result.ok) return { result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }), created: null };
  return { result: submission.reply({ resetForm: true }), created: submission.value.name };
}

export default function RegionsPage() {
  const { regions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CreateRegionSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <>
      <h1 className="utrecht-heading-1">Regio's</h1>
      <p className="utrecht-paragraph">Elke jeugdregio werkt apart: organisaties, mensen en documenten worden niet gedeeld.</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel, horizontaal te scrollen">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">Regio's op het platform</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Naam</th>
              <th scope="col" className="utrecht-table__header-cell">Korte naam</th>
              <th scope="col" className="utrecht-table__header-cell">Organisaties</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {regions.map((r) => (
              <tr key={r.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{r.name}</td>
                <td className="utrecht-table__cell">{r.shortName}</td>
                <td className="utrecht-table__cell">{r.organisations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="utrecht-heading-2">Regio toevoegen</h2>
      {actionData?.created ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">Regio {actionData.created} is aangemaakt; de eerste beheerder is uitgenodigd.</p>
        </div>
      ) : null}
      <ErrorSummary errors={collectErrors(form.errors, [fields.name, fields.shortName, fields.slug, fields.adminName, fields.adminEmail])} />
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="form-stack">
        <TextField field={fields.name} label="Naam van de regio" />
        <TextField field={fields.shortName} label="Korte naam" description="Bijvoorbeeld GRJR of H10." />
        <TextField field={fields.slug} label="Webadresnaam" description="Kleine letters, cijfers en streepjes, bijvoorbeeld haaglanden." />
        <TextField field={fields.adminName} label="Naam eerste beheerder" />
        <TextField field={fields.adminEmail} label="E-mailadres eerste beheerder" type="email" />
        <SubmitButton>Regio aanmaken</SubmitButton>
      </Form>
    </>
  );
}
