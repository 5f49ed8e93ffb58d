import { getInputProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { collectErrors, ErrorSummary, SubmitButton } from "~/components/forms";
import { getNotificationPreference, setNotificationPreference } from "~/email/preferences.server";
import { NotificationPreferenceSchema } from "~/email/schema.server";
import { db } from "~/lib/db.server";

export const meta: MetaFunction = () => [{ title: "Meldingen — Mijn account — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  return { email: viewer.user.email, preference: await getNotificationPreference(db(), viewer.user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const submission = parseWithZod(await request.formData(), { schema: NotificationPreferenceSchema });
  if (submission.status !== "success") return { result: submission.reply(), saved: false };
  await setNotificationPreference(db(), viewer.user.id, submission.value.preference);
  return { result: submission.reply(), saved: true };
}

const options = [
  { value: "immediate", label: "Elke melding meteen", hint: "U krijgt een e-mail zodra er iets gebeurt." },
  { value: "digest", label: "Eén e-mail per dag", hint: "U krijgt elke ochtend om 8 uur één e-mail met alle meldingen van de afgelopen 24 uur." },
] as const;

export default function NotificationSettingsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof NotificationPreferenceSchema>>({
    lastResult: actionData?.result,
    defaultValue: { preference: data.preference },
  });
  const invalid = !!fields.preference.errors?.length;
  return (
    <>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/account">
          Terug naar Mijn account
        </a>
      </p>
      <h1 className="utrecht-heading-1">Meldingen per e-mail</h1>
      <p className="utrecht-paragraph">
        We sturen e-mails naar {data.email}. Sommige e-mails horen bij de adviesprocedure: een uitnodiging, een adviesaanvraag,
        een herinnering voor een deadline, een ontvangstbevestiging en een antwoordbrief. Die sturen we altijd meteen.
      </p>
      <p className="utrecht-paragraph">
        Andere e-mails zijn meldingen: een nieuwe versie van een visie, een besluit van een gemeenteraad, een visie die van kracht
        is en nieuws uit het uitvoeringsplan. Die kunt u ook samen krijgen, in één e-mail per dag.
      </p>
      {actionData?.saved ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">Uw keuze is opgeslagen.</p>
        </div>
      ) : null}
      <ErrorSummary errors={collectErrors(form.errors, [fields.preference])} />
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="form-stack">
        <fieldset
          className={`utrecht-form-fieldset utrecht-form-field${invalid ? " utrecht-form-field--invalid" : ""}`}
          aria-describedby={invalid ? fields.preference.errorId : undefined}
        >
          <legend className="utrecht-form-fieldset__legend utrecht-form-label">Hoe wilt u meldingen krijgen?</legend>
          {invalid ? (
            <p className="utrecht-form-field-error-message field-error" id={fields.preference.errorId}>
              {fields.preference.errors?.join(" ")}
            </p>
          ) : null}
          {options.map((option) => {
            const id = `${fields.preference.id}-${option.value}`;
            return (
              <div key={option.value} className="utrecht-form-field utrecht-form-field--radio">
                <input
                  className="utrecht-radio-button utrecht-radio-button--html-input"
                  {...getInputProps(fields.preference, { type: "radio", value: option.value })}
                  id={id}
                  aria-describedby={`${id}-hint`}
                  key={`${fields.preference.key}-${option.value}`}
                />{" "}
                <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
                  {option.label}
                </label>
                <p className="utrecht-form-field-description" id={`${id}-hint`}>
                  {option.hint}
                </p>
              </div>
            );
          })}
        </fieldset>
        <SubmitButton>Keuze opslaan</SubmitButton>
      </Form>
    </>
  );
}
