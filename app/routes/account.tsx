import { useForm } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { changePassword } from "~/auth/account.server";
import { requireViewer } from "~/auth/guards.server";
import { organisationTypeLabels, roleLabels } from "~/auth/roles";
import { ChangePasswordSchema } from "~/auth/schema.server";
import { sessionCookie } from "~/auth/session.server";
import { collectErrors, ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { db } from "~/lib/db.server";

export const meta: MetaFunction = () => [{ title: "Mijn account — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  return {
    user: { name: viewer.user.name, email: viewer.user.email, isPlatformAdmin: viewer.user.isPlatformAdmin },
    memberships: viewer.memberships.map((m) => ({
      organisation: m.organisationName,
      type: organisationTypeLabels[m.organisationType],
      region: m.regionName,
      role: roleLabels[m.role],
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  const hidden = { hideFields: ["currentPassword", "password", "confirmation"] };
  if (submission.status !== "success") return { result: submission.reply(hidden), changed: false };
  const result = await changePassword(db(), viewer.user.id, submission.value);
  if (!result.ok) {
    return { result: submission.reply({ ...hidden, fieldErrors: { [result.field]: [result.message] } }), changed: false };
  }
  context.setCookie(sessionCookie(result.token, result.expiresAt));
  return { result: submission.reply({ resetForm: true }), changed: true };
}

export default function AccountPage() {
  const { user, memberships } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof ChangePasswordSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <>
      <h1 className="utrecht-heading-1">Mijn account</h1>
      {searchParams.get("welkom") ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">Welkom! Uw account is klaar en u bent ingelogd.</p>
        </div>
      ) : null}
      <dl className="utrecht-data-list">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">Naam</dt>
          <dd className="utrecht-data-list__item-value">{user.name}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">E-mailadres</dt>
          <dd className="utrecht-data-list__item-value">{user.email}</dd>
        </div>
      </dl>
      <h2 className="utrecht-heading-2">Mijn rollen</h2>
      {memberships.length === 0 && !user.isPlatformAdmin ? (
        <p className="utrecht-paragraph">U hoort nog bij geen organisatie.</p>
      ) : (
        <ul className="utrecht-unordered-list">
          {user.isPlatformAdmin ? <li className="utrecht-unordered-list__item">Platformbeheerder</li> : null}
          {memberships.map((m) => (
            <li key={`${m.organisation}-${m.role}`} className="utrecht-unordered-list__item">
              {m.role} bij {m.organisation} ({m.type}, {m.region})
            </li>
          ))}
        </ul>
      )}
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/account/meldingen">
          E-mailmeldingen instellen (direct of één keer per dag)
        </a>
      </p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/account/tweestapsverificatie">
          Tweestapsverificatie (inloggen met een code uit een app)
        </a>
      </p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/account/gegevens">
          Mijn gegevens downloaden of mijn account verwijderen
        </a>
      </p>
      <h2 className="utrecht-heading-2">Wachtwoord wijzigen</h2>
      <p className="utrecht-paragraph">Na het wijzigen wordt u op al uw andere apparaten uitgelogd.</p>
      {actionData?.changed ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">Uw wachtwoord is gewijzigd. Andere sessies zijn beëindigd.</p>
        </div>
      ) : null}
      <ErrorSummary errors={collectErrors(form.errors, [fields.currentPassword, fields.password, fields.confirmation])} />
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="form-stack">
        <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <TextField field={fields.currentPassword} label="Huidig wachtwoord" type="password" autoComplete="current-password" />
        <TextField
          field={fields.password}
          label="Nieuw wachtwoord"
          type="password"
          autoComplete="new-password"
          description="Minstens 12 tekens. Plakken uit een wachtwoordbeheerder mag."
        />
        <TextField field={fields.confirmation} label="Herhaal het nieuwe wachtwoord" type="password" autoComplete="new-password" />
        <SubmitButton>Wachtwoord wijzigen</SubmitButton>
      </Form>
    </>
  );
}
