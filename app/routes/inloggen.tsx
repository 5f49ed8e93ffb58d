import { useForm } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/guards.server";
import { logIn, loginMessages } from "~/auth/login.server";
import { LoginSchema } from "~/auth/schema.server";
import { sessionCookie } from "~/auth/session.server";
import { collectErrors, ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { db } from "~/lib/db.server";
import { safeRedirect } from "~/lib/redirect";

export const meta: MetaFunction = () => [{ title: "Inloggen — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("terug"));
  if (await getViewer(request, context)) throw redirect(redirectTo);
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  if (submission.status !== "success") {
    return { result: submission.reply({ hideFields: ["password"] }) };
  }
  const { email, password, redirectTo } = submission.value;
  const result = await logIn(db(), { email, password, ip: context.clientIp });
  if (!result.ok) {
    return { result: submission.reply({ formErrors: [loginMessages[result.reason]], hideFields: ["password"] }) };
  }
  // A new session at every login (no session fixation).
  context.setCookie(sessionCookie(result.token, result.expiresAt));
  if (result.needsSecondFactor) throw redirect(`/inloggen/code?terug=${encodeURIComponent(safeRedirect(redirectTo))}`);
  throw redirect(safeRedirect(redirectTo));
}

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof LoginSchema>>({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <h1 className="utrecht-heading-1">Inloggen</h1>
      <p className="utrecht-paragraph">Log in met het e-mailadres en wachtwoord van uw account.</p>
      <ErrorSummary errors={collectErrors(form.errors, [fields.email, fields.password])} />
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="form-stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label="E-mailadres" type="email" autoComplete="username" />
        <TextField field={fields.password} label="Wachtwoord" type="password" autoComplete="current-password" />
        <SubmitButton>Inloggen</SubmitButton>
      </Form>
      <p className="utrecht-paragraph">
        Nog geen account? Uw organisatie of de regio nodigt u uit per e-mail.
      </p>
    </>
  );
}
