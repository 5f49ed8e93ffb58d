import { useForm } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SetPasswordSchema } from "~/auth/schema.server";
import { roleLabels } from "~/auth/roles";
import { sessionCookie } from "~/auth/session.server";
import { collectErrors, ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { db } from "~/lib/db.server";
import { getViewer } from "~/auth/guards.server";
import { acceptInvitation, findUsableInvitation } from "~/organisations/invitations.server";
import { invitationMessages } from "~/organisations/messages";

export const meta: MetaFunction = () => [{ title: "Uitnodiging — Herleidbaar" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const invitation = await findUsableInvitation(db(), params.token ?? "");
  if (!invitation) return { invitation: null };
  const viewer = await getViewer(request, context);
  return {
    invitation: {
      name: invitation.name,
      email: invitation.email,
      role: roleLabels[invitation.role],
      organisationName: invitation.organisationName,
      needsPassword: !invitation.userHasPassword,
      /** An existing account accepts only while logged in as itself. */
      mustLogIn: invitation.userHasPassword && viewer?.user.email !== invitation.email,
      loginHref: `/inloggen?terug=${encodeURIComponent(new URL(request.url).pathname)}`,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await findUsableInvitation(db(), token);
  if (!invitation) return { result: null, error: invitationMessages.unusable };
  const formData = await request.formData();
  let password: string | null = null;
  if (!invitation.userHasPassword) {
    const submission = parseWithZod(formData, { schema: SetPasswordSchema });
    if (submission.status !== "success") {
      return { result: submission.reply({ hideFields: ["password", "confirmation"] }), error: null };
    }
    password = submission.value.password;
  }
  const viewer = await getViewer(request, context);
  const result = await acceptInvitation(db(), token, password, new Date(), viewer?.user.id ?? null);
  if (!result.ok) return { result: null, error: result.message };
  if (result.session) context.setCookie(sessionCookie(result.session.token, result.session.expiresAt));
  throw redirect("/account?welkom=1");
}

export default function InvitationPage() {
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof SetPasswordSchema>>({
    lastResult: actionData?.result,
  });
  if (!invitation || actionData?.error) {
    return (
      <>
        <h1 className="utrecht-heading-1">Uitnodiging niet geldig</h1>
        <p className="utrecht-paragraph" role="alert">
          {actionData?.error ?? invitationMessages.unusable}
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="utrecht-heading-1">Welkom, {invitation.name}</h1>
      <p className="utrecht-paragraph">
        U bent uitgenodigd voor <strong>{invitation.organisationName}</strong> als {invitation.role}. Uw e-mailadres is{" "}
        <strong>{invitation.email}</strong>.
      </p>
      {invitation.needsPassword ? (
        <>
          <ErrorSummary errors={collectErrors(form.errors, [fields.password, fields.confirmation])} />
          <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="form-stack">
            <input type="text" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
            <TextField
              field={fields.password}
              label="Kies een wachtwoord"
              type="password"
              autoComplete="new-password"
              description="Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden. Plakken uit een wachtwoordbeheerder mag."
            />
            <TextField field={fields.confirmation} label="Herhaal het wachtwoord" type="password" autoComplete="new-password" />
            <SubmitButton>Wachtwoord opslaan en inloggen</SubmitButton>
          </Form>
        </>
      ) : invitation.mustLogIn ? (
        <p className="utrecht-paragraph">
          U heeft al een account met dit e-mailadres.{" "}
          <a className="utrecht-link" href={invitation.loginHref}>
            Log eerst in
          </a>{" "}
          en neem daarna de uitnodiging aan.
        </p>
      ) : (
        <Form method="post" className="form-stack">
          <p className="utrecht-paragraph">U heeft al een account. Bevestig dat u zich bij deze organisatie aansluit.</p>
          <SubmitButton>Uitnodiging aannemen</SubmitButton>
        </Form>
      )}
    </>
  );
}
