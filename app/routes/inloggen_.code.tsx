import { useForm } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getSessionAwaitingSecondFactor } from "~/auth/guards.server";
import { SecondFactorSchema } from "~/auth/schema.server";
import { verifySecondFactor } from "~/auth/two-factor.server";
import { collectErrors, ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { db } from "~/lib/db.server";
import { safeRedirect } from "~/lib/redirect";

export const meta: MetaFunction = () => [{ title: "Code uit uw app — Inloggen — Herleidbaar" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await getSessionAwaitingSecondFactor(request);
  if (!pending) throw redirect("/inloggen");
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("terug")), email: pending.user.email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await getSessionAwaitingSecondFactor(request);
  if (!pending) throw redirect("/inloggen");
  const submission = parseWithZod(await request.formData(), { schema: SecondFactorSchema });
  if (submission.status !== "success") return { result: submission.reply({ hideFields: ["code"] }) };
  const result = await verifySecondFactor(db(), pending.user.id, pending.sessionId, submission.value.code, context.clientIp);
  if (!result.ok) return { result: submission.reply({ formErrors: [result.message], hideFields: ["code"] }) };
  throw redirect(safeRedirect(submission.value.terug));
}

export default function SecondFactorPage() {
  const { redirectTo, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof SecondFactorSchema>>({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <h1 className="utrecht-heading-1">Code uit uw app</h1>
      <p className="utrecht-paragraph">
        Voor {email} staat tweestapsverificatie aan. Open uw app voor inlogcodes en vul de code van 6 cijfers in die u nu ziet.
      </p>
      <ErrorSummary errors={collectErrors(form.errors, [fields.code])} />
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="form-stack">
        <input type="hidden" name="terug" value={redirectTo} />
        <TextField field={fields.code} label="Code" type="text" autoComplete="one-time-code" inputMode="numeric" />
        <SubmitButton>Inloggen</SubmitButton>
      </Form>
      <p className="utrecht-paragraph">Geen toegang tot uw app? Vraag de beheerder van uw regio om tweestapsverificatie voor u uit te zetten.</p>
      <Form method="post" action="/uitloggen">
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Stoppen met inloggen
        </button>
      </Form>
    </>
  );
}
