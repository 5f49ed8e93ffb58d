import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireViewer } from "~/auth/guards.server";
import { TwoFactorSettingsSchema } from "~/auth/schema.server";
import { disableTwoFactor, enableTwoFactor, newTotpKey, totpSetup, twoFactorStatus } from "~/auth/two-factor.server";
import { db } from "~/lib/db.server";

export const meta: MetaFunction = () => [{ title: "Tweestapsverificatie — Mijn account — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const status = await twoFactorStatus(db(), viewer.user.id);
  const url = new URL(request.url);
  return {
    enabledAt: status.enabledAt?.toISOString() ?? null,
    justChanged: url.searchParams.get("gewijzigd"),
    setup: status.enabledAt ? null : totpSetup(newTotpKey(), viewer.user.email),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const submission = parseWithZod(await request.formData(), { schema: TwoFactorSettingsSchema });
  if (submission.status !== "success") {
    const key = submission.payload.key;
    return { error: "Vul de code van 6 cijfers uit uw app in.", key: typeof key === "string" ? key : null };
  }
  const value = submission.value;
  if (value.intent === "aanzetten") {
    const result = await enableTwoFactor(db(), viewer.user.id, viewer.sessionId, value.key, value.code);
    if (!result.ok) return { error: result.message, key: value.key };
    throw redirect("/account/tweestapsverificatie?gewijzigd=aan");
  }
  const result = await disableTwoFactor(db(), viewer.user.id, value.code);
  if (!result.ok) return { error: result.message, key: null };
  throw redirect("/account/tweestapsverificatie?gewijzigd=uit");
}

export default function TwoFactorPage() {
  const { enabledAt, setup, justChanged } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // After a wrong code the same key stays, so the app the person just set up keeps working.
  const keyBase64 = actionData?.key ?? setup?.keyBase64 ?? "";
  return (
    <>
      <h1 className="utrecht-heading-1">Tweestapsverificatie</h1>
      {justChanged ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{justChanged === "aan" ? "Tweestapsverificatie staat nu aan." : "Tweestapsverificatie staat nu uit."}</p>
        </div>
      ) : null}
      {actionData?.error ? (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{actionData.error}</p>
        </div>
      ) : null}
      <p className="utrecht-paragraph">
        Met tweestapsverificatie vraagt Herleidbaar bij het inloggen, na uw wachtwoord, ook een code uit een app op uw telefoon
        (bijvoorbeeld een authenticator-app). Voor medewerkers van de regio is dit sterk aangeraden: zij zien niet-openbare stukken.
      </p>
      {enabledAt ? (
        <>
          <p className="utrecht-paragraph">
            <strong>Tweestapsverificatie staat aan.</strong>
          </p>
          <h2 className="utrecht-heading-2">Uitzetten</h2>
          <Form method="post" className="form-stack">
            <input type="hidden" name="intent" value="uitzetten" />
            <CodeField />
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              Tweestapsverificatie uitzetten
            </button>
          </Form>
        </>
      ) : setup ? (
        <>
          <h2 className="utrecht-heading-2">Aanzetten in twee stappen</h2>
          <ol className="utrecht-ordered-list">
            <li className="utrecht-ordered-list__item">
              Scan deze QR-code met uw app, of typ de sleutel over: <code className="totp-key">{actionData?.key ? "(dezelfde sleutel als hiervoor)" : setup.keyForTyping}</code>
            </li>
            <li className="utrecht-ordered-list__item">Vul de code van 6 cijfers in die de app daarna laat zien.</li>
          </ol>
          {actionData?.key ? null : (
            // The SVG is made on the server by uqr from our own otpauth URI; it holds no user HTML.
            <div className="totp-qr" role="img" aria-label="QR-code met de sleutel voor uw app" dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
          )}
          <Form method="post" className="form-stack">
            <input type="hidden" name="intent" value="aanzetten" />
            <input type="hidden" name="key" value={keyBase64} />
            <CodeField />
            <button type="submit" className="utrecht-button utrecht-button--primary-action">
              Tweestapsverificatie aanzetten
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}

function CodeField() {
  return (
    <div className="utrecht-form-field utrecht-form-field--text">
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor="code">
          Code uit uw app (6 cijfers)
        </label>
      </div>
      <div className="utrecht-form-field__input">
        <input id="code" name="code" className="utrecht-textbox utrecht-textbox--html-input" inputMode="numeric" autoComplete="one-time-code" required />
      </div>
    </div>
  );
}
