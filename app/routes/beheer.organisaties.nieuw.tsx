import { useForm } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaffAdmin, requireStaffRegion } from "~/auth/guards.server";
import { organisationTypeLabels } from "~/auth/roles";
import { collectErrors, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/forms";
import { StaffNav } from "~/components/StaffNav";
import { db } from "~/lib/db.server";
import { createOrganisation, listMunicipalities } from "~/organisations/organisations.server";
import { organisationTypes } from "~/organisations/options";
import { CreateOrganisationSchema } from "~/organisations/schema.server";

export const meta: MetaFunction = () => [{ title: "Organisatie toevoegen — Beheer — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { region } = await requireStaffRegion(request, context);
  await requireStaffAdmin(request, context, region.id);
  return { region: { name: region.name }, municipalities: await listMunicipalities(db(), region.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { region } = await requireStaffRegion(request, context);
  const viewer = await requireStaffAdmin(request, context, region.id);
  const submission = parseWithZod(await request.formData(), { schema: CreateOrganisationSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const result = await createOrganisation(db(), viewer.user.id, region.id, submission.value);
  if (!result.ok) return { result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) };
  throw redirect(`/beheer/organisaties/${result.organisation.id}`);
}

export default function NewOrganisationPage() {
  const { region, municipalities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CreateOrganisationSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <>
      <StaffNav regionName={region.name} isAdmin />
      <h1 className="utrecht-heading-1">Organisatie toevoegen</h1>
      <ErrorSummary errors={collectErrors(form.errors, [fields.name, fields.code, fields.type, fields.municipalityId, fields.postalAddress])} />
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="form-stack">
        <TextField field={fields.name} label="Naam" />
        <TextField
          field={fields.code}
          label="Afkorting"
          description="Wordt gebruikt in de verwijzing naar elk punt, bijvoorbeeld ASDV-3."
        />
        <SelectField
          field={fields.type}
          label="Soort organisatie"
          placeholder="Kies een soort"
          options={organisationTypes.map((t) => ({ value: t, label: organisationTypeLabels[t] }))}
        />
        <SelectField
          field={fields.municipalityId}
          label="Hoort bij gemeente (optioneel)"
          placeholder="Geen"
          description="Bijvoorbeeld de gemeente van een adviesraad sociaal domein."
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
        <TextAreaField
          field={fields.postalAddress}
          label="Postadres (optioneel)"
          description="Staat op brieven van en aan deze organisatie. Eén regel per adresregel, bijvoorbeeld Postbus 1002 en 3130 EB Vlaardingen."
          autoComplete="off"
        />
        <SubmitButton>Organisatie toevoegen</SubmitButton>
      </Form>
    </>
  );
}
