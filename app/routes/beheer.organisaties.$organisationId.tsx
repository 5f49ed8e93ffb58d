import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireStaffAdmin, requireStaffRegion } from "~/auth/guards.server";
import { canManageOrganisations, isStaffAdmin, organisationTypeLabels, roleLabels, rolesForOrganisationType } from "~/auth/roles";
import { collectErrors, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/forms";
import { StaffNav } from "~/components/StaffNav";
import { formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { inviteToOrganisation } from "~/organisations/invitations.server";
import { getOrganisation, listMembers, listOpenInvitations, updatePostalAddress } from "~/organisations/organisations.server";
import { InviteSchema, UpdatePostalAddressSchema } from "~/organisations/schema.server";
import { z } from "~/lib/zod.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisatie"} — Beheer — Herleidbaar` },
];

async function loadOrganisation(regionId: string, organisationId: string | undefined) {
  const parsed = z.uuid().safeParse(organisationId);
  if (!parsed.success) throw notFound();
  const organisation = await getOrganisation(db(), regionId, parsed.data);
  if (!organisation) throw notFound();
  return organisation;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { viewer, region } = await requireStaffRegion(request, context);
  const organisation = await loadOrganisation(region.id, params.organisationId);
  const [members, invitations] = await Promise.all([
    listMembers(db(), [organisation.id]),
    listOpenInvitations(db(), organisation.id),
  ]);
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    canManage: canManageOrganisations(viewer, region.id),
    organisation: {
      id: organisation.id,
      name: organisation.name,
      code: organisation.code,
      type: organisationTypeLabels[organisation.type],
      postalAddress: organisation.postalAddress ?? "",
    },
    roles: rolesForOrganisationType[organisation.type].map((role) => ({ value: role, label: roleLabels[role] })),
    members: members.map((m) => ({ id: m.userId, name: m.name, email: m.email, role: roleLabels[m.role] })),
    invitations: invitations.map((i) => ({ id: i.id, name: i.name, email: i.email, role: roleLabels[i.role], expiresAt: formatDateTime(i.expiresAt) })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { region } = await requireStaffRegion(request, context);
  const viewer = await requireStaffAdmin(request, context, region.id);
  const organisation = await loadOrganisation(region.id, params.organisationId);
  const formData = await request.formData();
  if (formData.get("intent") === "address") {
    const submission = parseWithZod(formData, { schema: UpdatePostalAddressSchema });
    if (submission.status !== "success") return { intent: "address" as const, result: submission.reply(), invited: null, addressSaved: false };
    await updatePostalAddress(db(), viewer.user.id, organisation, submission.value.postalAddress);
    return { intent: "address" as const, result: submission.reply(), invited: null, addressSaved: true };
  }
  const submission = parseWithZod(formData, { schema: InviteSchema });
  if (submission.status !== "success") return { intent: "invite" as const, result: submission.reply(), invited: null, addressSaved: false };
  const result = await inviteToOrganisation(db(), viewer.user.id, organisation, submission.value);
  if (!result.ok) {
    return { intent: "invite" as const, result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }), invited: null, addressSaved: false };
  }
  return { intent: "invite" as const, result: submission.reply({ resetForm: true }), invited: submission.value.email, addressSaved: false };
}

export default function OrganisationPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof InviteSchema>>({
    id: "uitnodigen",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
  });
  const [addressForm, addressFields] = useForm<z.input<typeof UpdatePostalAddressSchema>>({
    id: "postadres",
    lastResult: actionData?.intent === "address" ? actionData.result : undefined,
    defaultValue: { postalAddress: data.organisation.postalAddress },
  });
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <h1 className="utrecht-heading-1">{data.organisation.name}</h1>
      <p className="utrecht-paragraph">
        {data.organisation.type} · afkorting {data.organisation.code}
      </p>
      <h2 className="utrecht-heading-2">Postadres</h2>
      {data.canManage ? (
        <>
          {actionData?.addressSaved ? (
            <div className="utrecht-alert utrecht-alert--ok" role="status">
              <p className="utrecht-paragraph">Het postadres is opgeslagen.</p>
            </div>
          ) : null}
          <ErrorSummary errors={collectErrors(addressForm.errors, [addressFields.postalAddress])} />
          <Form method="post" id={addressForm.id} onSubmit={addressForm.onSubmit} noValidate className="form-stack">
            <TextAreaField
              field={addressFields.postalAddress}
              label="Postadres"
              description="Staat op brieven van en aan deze organisatie. Eén regel per adresregel."
              autoComplete="off"
            />
            <SubmitButton name="intent" value="address">
              Postadres opslaan
            </SubmitButton>
          </Form>
        </>
      ) : data.organisation.postalAddress ? (
        <p className="utrecht-paragraph postal-address">{data.organisation.postalAddress}</p>
      ) : (
        <p className="utrecht-paragraph">Geen postadres bekend.</p>
      )}
      <h2 className="utrecht-heading-2">Mensen</h2>
      {data.members.length === 0 ? (
        <p className="utrecht-paragraph">Nog niemand heeft een rol bij deze organisatie.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel, horizontaal te scrollen">
          <table className="utrecht-table">
            <caption className="utrecht-table__caption">Mensen bij {data.organisation.name}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">Naam</th>
                <th scope="col" className="utrecht-table__header-cell">E-mailadres</th>
                <th scope="col" className="utrecht-table__header-cell">Rol</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {data.members.map((m) => (
                <tr key={m.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{m.name}</td>
                  <td className="utrecht-table__cell">{m.email}</td>
                  <td className="utrecht-table__cell">{m.role}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.invitations.length > 0 ? (
        <>
          <h2 className="utrecht-heading-2">Openstaande uitnodigingen</h2>
          <ul className="utrecht-unordered-list">
            {data.invitations.map((i) => (
              <li key={i.id} className="utrecht-unordered-list__item">
                {i.name} ({i.email}), {i.role}, geldig tot {i.expiresAt}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.canManage ? (
        <>
          <h2 className="utrecht-heading-2">Iemand uitnodigen</h2>
          {actionData?.invited ? (
            <div className="utrecht-alert utrecht-alert--ok" role="status">
              <p className="utrecht-paragraph">Uitnodiging verstuurd naar {actionData.invited}.</p>
            </div>
          ) : null}
          <ErrorSummary errors={collectErrors(form.errors, [fields.name, fields.email, fields.role])} />
          <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="form-stack">
            <TextField field={fields.name} label="Naam" autoComplete="off" />
            <TextField field={fields.email} label="E-mailadres" type="email" autoComplete="off" />
            <SelectField field={fields.role} label="Rol" placeholder="Kies een rol" options={data.roles} />
            <SubmitButton>Uitnodiging versturen</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}
