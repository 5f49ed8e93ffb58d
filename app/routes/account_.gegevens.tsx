import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { deleteOwnAccount } from "~/auth/personal-data.server";
import { DeleteAccountSchema } from "~/auth/schema.server";
import { blankSessionCookie } from "~/auth/session.server";
import { db } from "~/lib/db.server";

export const meta: MetaFunction = () => [{ title: "Mijn gegevens — Mijn account — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireViewer(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const parsed = DeleteAccountSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Controleer het formulier." };
  const result = await deleteOwnAccount(db(), viewer.user.id, parsed.data.password);
  if (!result.ok) return { error: result.message };
  context.setCookie(blankSessionCookie());
  throw redirect("/?account=verwijderd");
}

export default function PersonalDataPage() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1 className="utrecht-heading-1">Mijn gegevens</h1>
      <h2 className="utrecht-heading-2">Gegevens downloaden</h2>
      <p className="utrecht-paragraph">
        U kunt alle gegevens die Herleidbaar over u bewaart downloaden: uw account, uw organisaties en rollen, de reacties die u
        indiende of ondertekende, de antwoorden die u schreef, wat u deed op het platform en de e-mails die u kreeg.
      </p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/account/gegevens/mijn-gegevens.json" download>
          Mijn gegevens downloaden (JSON-bestand)
        </a>
      </p>
      <h2 className="utrecht-heading-2">Account verwijderen</h2>
      <p className="utrecht-paragraph">
        Als u uw account verwijdert, kunt u niet meer inloggen en halen wij uw naam en e-mailadres weg. Een advies of reactie die uw
        organisatie al heeft ingediend, blijft bestaan: dat is een officieel stuk van uw organisatie. Uw naam wordt wel uit de
        ondertekening gehaald.
      </p>
      {actionData?.error ? (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{actionData.error}</p>
        </div>
      ) : null}
      <Form method="post" className="form-stack">
        <div className="utrecht-form-field utrecht-form-field--text">
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor="password">
              Uw wachtwoord
            </label>
          </div>
          <div className="utrecht-form-field__input">
            <input id="password" name="password" type="password" autoComplete="current-password" className="utrecht-textbox utrecht-textbox--html-input" required />
          </div>
        </div>
        <div className="utrecht-form-field utrecht-form-field--checkbox">
          <input id="confirm" name="confirm" type="checkbox" value="ja" className="utrecht-checkbox utrecht-checkbox--html-input" required />
          <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="confirm">
            Ja, verwijder mijn account. Dit kan niet ongedaan worden gemaakt.
          </label>
        </div>
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Account verwijderen
        </button>
      </Form>
    </>
  );
}
