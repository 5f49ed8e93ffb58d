import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { and, asc, eq, inArray } from "drizzle-orm";
import { consultationRounds, sections } from "~db/schema";
import { notFound, requireViewer } from "~/auth/guards.server";
import { formatDate } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { listRoundsForViewer, newSubmissionKey, ReactionError, submitPlainReaction } from "~/reactions/reactions.server";
import { PlainReactionSchema } from "~/reactions/schema.server";

export const meta: MetaFunction = () => [{ title: "Eenvoudig reageren — Herleidbaar" }];

async function loadRound(request: Request, context: Parameters<typeof requireViewer>[1], roundId: string | undefined) {
  const viewer = await requireViewer(request, context);
  const id = z.uuid().safeParse(roundId);
  if (!id.success) throw notFound();
  const options = (await listRoundsForViewer(db(), viewer)).filter((r) => r.round.id === id.data && (r.state === "open" || r.state === "late") && !r.reaction);
  const [round] = await db().select().from(consultationRounds).where(eq(consultationRounds.id, id.data));
  if (!round || options.length === 0) throw notFound();
  return { viewer, round, options };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { round, options } = await loadRound(request, context, params.roundId);
  const parts = await db()
    .select({ key: sections.key, title: sections.title })
    .from(sections)
    .where(and(eq(sections.versionId, round.versionId), inArray(sections.kind, ["hoofdstuk", "paragraaf", "bouwsteen"])))
    .orderBy(asc(sections.position));
  return {
    vision: options[0]!.round.visionTitle,
    readHref: `/visies/${options[0]!.round.regionSlug}/${options[0]!.round.visionSlug}?versie=${options[0]!.round.versionNumber}`,
    closesAt: formatDate(round.closesAt),
    organisations: options.map((o) => ({ id: o.organisation.id, name: o.organisation.name })),
    parts,
    submissionKey: newSubmissionKey(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, round } = await loadRound(request, context, params.roundId);
  const formData = await request.formData();
  // Typed answers come back with the message, so nothing is lost (also without JavaScript).
  const values = Object.fromEntries(["opinion", "missing", "helps", "sectionKey", "publication"].map((k) => [k, String(formData.get(k) ?? "").slice(0, 3000)]));
  const submission = parseWithZod(formData, { schema: PlainReactionSchema });
  if (submission.status !== "success") return { errors: Object.values(submission.error ?? {}).flat(), values };
  try {
    const reaction = await submitPlainReaction(db(), viewer, { roundId: round.id, ...submission.value });
    throw redirect(`/reacties/${reaction.id}?ingediend=1`);
  } catch (error) {
    if (error instanceof ReactionError) return { errors: [error.message], values };
    throw error;
  }
}

export default function PlainReactionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? {};
  return (
    <div className="plain-mode">
      <h1 className="utrecht-heading-1">Zeg wat u ervan vindt</h1>
      <p className="utrecht-paragraph">
        Het gaat over: <strong>{data.vision}</strong>. U kunt reageren tot en met {data.closesAt}. Vul in wat u wilt. Eén vraag is genoeg.
      </p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={data.readHref}>
          Eerst de visie lezen
        </a>
      </p>
      {actionData?.errors?.length ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <ul className="utrecht-unordered-list">
            {actionData.errors.map((message) => (
              <li key={message} className="utrecht-unordered-list__item">
                {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="form-stack">
        <input type="hidden" name="submissionKey" value={data.submissionKey} />
        {data.organisations.length === 1 ? (
          <input type="hidden" name="organisationId" value={data.organisations[0]!.id} />
        ) : (
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="organisationId">
              Namens wie reageert u?
            </label>
            <select id="organisationId" name="organisationId" className="utrecht-select utrecht-select--html-select">
              {data.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="sectionKey">
            Over welk deel gaat het?
          </label>
          <select id="sectionKey" name="sectionKey" defaultValue={values.sectionKey ?? ""} className="utrecht-select utrecht-select--html-select">
            <option value="">Over de hele visie</option>
            {data.parts.map((p) => (
              <option key={p.key} value={p.key}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <Question name="opinion" label="Wat vindt u van dit deel?" hint="Wat is goed? Wat is niet goed?" value={values.opinion} />
        <Question name="missing" label="Wat mist u?" hint="Wat staat er niet in, maar is wel belangrijk voor u?" value={values.missing} />
        <Question name="helps" label="Wat zou u helpen?" hint="Wat moet er anders, zodat de hulp beter past bij u of uw gezin?" value={values.helps} />
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">Mag iedereen later zien dat dit van u komt?</legend>
          {[
            ["met_naam", "Ja, met mijn naam"],
            ["alleen_organisatie", "Alleen de naam van mijn groep of organisatie"],
            ["anoniem", "Nee, zonder naam (anoniem)"],
          ].map(([value, label]) => (
            <div key={value} className="utrecht-form-field utrecht-form-field--radio">
              <input id={`publication-${value}`} type="radio" name="publication" value={value} defaultChecked={value === (values.publication || "anoniem")} />
              <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`publication-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="utrecht-form-field utrecht-form-field--checkbox">
          <input id="consent" type="checkbox" name="consent" value="ja" />
          <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="consent">
            Ik vind het goed dat de regio mijn antwoorden gebruikt om de visie beter te maken.
          </label>
        </div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action plain-mode__submit">
            Versturen
          </button>
        </div>
      </Form>
    </div>
  );
}

function Question({ name, label, hint, value }: { name: string; label: string; hint: string; value?: string }) {
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={name}>
        {label}
      </label>
      <p className="utrecht-form-field-description" id={`${name}-hint`}>
        {hint}
      </p>
      <textarea id={name} name={name} rows={4} maxLength={3000} defaultValue={value} aria-describedby={`${name}-hint`} className="utrecht-textarea" />
    </div>
  );
}
