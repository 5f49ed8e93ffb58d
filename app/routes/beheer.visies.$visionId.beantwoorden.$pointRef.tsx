import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { answerStatusLabels, dispositionLabels, dispositions } from "~/answers/labels";
import { loadPointPage, pointPageAction } from "~/answers/point-page.server";
import { RichTextField } from "~/components/RichTextField";
import { StaffNav } from "~/components/StaffNav";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.point.reference ?? "Punt"} beantwoorden — Herleidbaar` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return loadPointPage(request, context, params.visionId, params.pointRef);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return pointPageAction(request, context, params.visionId, params.pointRef);
}

const doneMessages: Record<string, string> = {
  opgeslagen: "Het antwoord is opgeslagen.",
  vastgesteld: "Het antwoord is vastgesteld.",
  hergebruikt: "Het antwoord is overgenomen van het vergelijkbare punt.",
};

export default function AnswerPointPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = doneMessages[searchParams.get("gedaan") ?? ""];
  const base = `/beheer/visies/${data.vision.id}/beantwoorden`;
  const answer = data.answer;
  const canSignOff = answer?.status === "beantwoord" && answer.answeredById !== data.viewerId;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          Terug naar alle punten
        </a>
      </p>
      <h1 className="utrecht-heading-1">Punt {data.point.reference} beantwoorden</h1>
      {actionData?.errors?.length ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <ul className="utrecht-unordered-list">
            {actionData.errors.map((message) => (
              <li key={message} className="utrecht-unordered-list__item">
                {message}
              </li>
            ))}
          </ul>
          {actionData.unsavedText ? (
            <>
              <p className="utrecht-paragraph">Uw niet-opgeslagen tekst:</p>
              <pre className="mailbox-body">{actionData.unsavedText}</pre>
            </>
          ) : null}
        </div>
      ) : null}
      {done && !actionData ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{done}</p>
        </div>
      ) : null}

      <div className="answer-layout">
        <section aria-labelledby="punt-kop" className="answer-layout__point">
          <h2 id="punt-kop" className="utrecht-heading-2">
            Het punt
          </h2>
          <dl className="answer-meta">
            <dt>Organisatie</dt>
            <dd>
              {data.organisation.name} ({data.organisation.type})
            </dd>
            <dt>Soort</dt>
            <dd>
              {data.point.kind}
              {data.reaction.kind === "reactiebrief" ? ", uit een reactiebrief van de gemeenteraad" : ""}
            </dd>
            <dt>Ingediend</dt>
            <dd>
              {data.reaction.submittedAt ?? "—"}
              {data.reaction.isLate ? " (te laat)" : ""}
            </dd>
            <dt>Status</dt>
            <dd>{answerStatusLabels[answer?.status ?? "nieuw"]}</dd>
          </dl>
          <div className="utrecht-rich-text rich-text point-body" dangerouslySetInnerHTML={{ __html: data.point.html }} />
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={`/reacties/${data.reaction.id}`}>
              Hele reactie lezen
            </a>
          </p>
        </section>
        <section aria-labelledby="context-kop" className="answer-layout__context">
          <h2 id="context-kop" className="utrecht-heading-2">
            Waar het punt over gaat
          </h2>
          {data.anchors.length === 0 ? <p className="utrecht-paragraph">Dit is een algemeen punt; het hoort niet bij één onderdeel.</p> : null}
          {data.anchors.map((a) => (
            <div key={a.sectionKey} className="anchored-section">
              <h3 className="utrecht-heading-3">{a.title}</h3>
              {a.exact ? (
                <blockquote className="utrecht-blockquote quote">
                  <p className="utrecht-paragraph">Geciteerd: “{a.exact}”</p>
                </blockquote>
              ) : null}
              {a.html ? (
                <div className="utrecht-rich-text rich-text section-text" dangerouslySetInnerHTML={{ __html: a.html }} />
              ) : (
                <p className="utrecht-paragraph section-text">{a.plainText}</p>
              )}
            </div>
          ))}
        </section>
      </div>

      <h2 className="utrecht-heading-2">Antwoord</h2>
      {answer?.answeredBy ? (
        <p className="utrecht-paragraph muted">
          Beantwoord door {answer.answeredBy}
          {answer.answeredAt ? ` op ${answer.answeredAt}` : ""}
          {answer.reviewedBy ? `; vastgesteld door ${answer.reviewedBy} op ${answer.reviewedAt}` : ""}.
        </p>
      ) : null}
      {data.reusedBy.length ? (
        <div className="utrecht-alert reuse-notice" role="note">
          <p className="utrecht-paragraph">
            Dit antwoord wordt ook gebruikt bij: {data.reusedBy.map((r) => `${r.reference} (${r.organisation})`).join(", ")}. Vink hieronder aan welke punten uw wijziging ook moeten krijgen.
          </p>
        </div>
      ) : null}
      <Form method="post" className="form-stack form-stack--wide">
        <input type="hidden" name="revision" value={answer?.revision ?? 0} />
        <RichTextField name="body" label="Antwoordtekst" initialDoc={data.answerDoc} initialText={data.answerText} />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="disposition">
            Afweging
          </label>
          <select id="disposition" name="disposition" className="utrecht-select utrecht-select--html-select" defaultValue={answer?.disposition ?? ""}>
            <option value="">nog geen afweging</option>
            {dispositions.map((d) => (
              <option key={d} value={d}>
                {dispositionLabels[d]}
              </option>
            ))}
          </select>
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="changedSection">
            Gewijzigd onderdeel in een nieuwere versie
          </label>
          <p className="utrecht-form-field-description" id="changedSection-uitleg">
            Verplicht bij ‘overgenomen’: het onderdeel waarin de visie is aangepast. Het komt in het wijzigingsoverzicht van die versie.
          </p>
          <select id="changedSection" name="changedSection" aria-describedby="changedSection-uitleg" className="utrecht-select utrecht-select--html-select" defaultValue={answer?.changedSection ?? ""}>
            <option value="">geen</option>
            {data.changedSections.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="assigneeId">
            Toegewezen aan
          </label>
          <select id="assigneeId" name="assigneeId" className="utrecht-select utrecht-select--html-select" defaultValue={answer?.assigneeId ?? ""}>
            <option value="">niemand</option>
            {data.staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        {data.reusedBy.length ? (
          <fieldset className="utrecht-form-fieldset">
            <legend className="utrecht-form-fieldset__legend">Wijziging ook doorvoeren bij</legend>
            {data.reusedBy.map((r) => (
              <div key={r.pointId} className="utrecht-form-field utrecht-form-field--checkbox">
                <input id={`ook-${r.pointId}`} type="checkbox" name="alsoUpdate" value={r.pointId} className="utrecht-checkbox utrecht-checkbox--html-input" />
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`ook-${r.pointId}`}>
                  {r.reference} ({r.organisation}, {answerStatusLabels[r.status]})
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <div>
          <button type="submit" name="intent" value="opslaan" className="utrecht-button utrecht-button--primary-action">
            Antwoord opslaan
          </button>
        </div>
      </Form>
      {answer?.status === "beantwoord" ? (
        canSignOff ? (
          <Form method="post" className="form-stack">
            <input type="hidden" name="revision" value={answer.revision} />
            <p className="utrecht-paragraph">Gelezen en akkoord? Stel het antwoord dan vast.</p>
            <div>
              <button type="submit" name="intent" value="vaststellen" className="utrecht-button utrecht-button--secondary-action">
                Antwoord vaststellen
              </button>
            </div>
          </Form>
        ) : (
          <p className="utrecht-paragraph muted">Een andere medewerker stelt dit antwoord vast (vier-ogenprincipe).</p>
        )
      ) : null}

      <h2 className="utrecht-heading-2">Vergelijkbare punten</h2>
      {data.similar.length === 0 ? <p className="utrecht-paragraph">Er zijn geen vergelijkbare punten gevonden.</p> : null}
      <ul className="utrecht-unordered-list similar-points">
        {data.similar.map((s) => (
          <li key={s.id} className="utrecht-unordered-list__item">
            <p className="utrecht-paragraph">
              <a className="utrecht-link" href={`${base}/${s.reference}`}>
                {s.reference}
              </a>{" "}
              ({s.organisation}): {s.excerpt}
            </p>
            <p className="utrecht-paragraph muted">
              Waarom vergelijkbaar:{" "}
              {[
                s.sharedSections.length ? `zelfde onderdeel (${s.sharedSections.join(", ")})` : null,
                s.sharedWords.length ? `gedeelde woorden: ${s.sharedWords.join(", ")}` : null,
                s.similarity >= 0.3 ? `tekst lijkt ${Math.round(s.similarity * 100)}% op elkaar` : null,
              ]
                .filter(Boolean)
                .join("; ")}
              .
            </p>
            {s.answer && s.answer.disposition && (s.answer.status === "beantwoord" || s.answer.status === "vastgesteld") ? (
              <Form method="post" className="inline-form">
                <p className="utrecht-paragraph">
                  Antwoord ({dispositionLabels[s.answer.disposition]}): {s.answer.excerpt}
                </p>
                <input type="hidden" name="revision" value={answer?.revision ?? 0} />
                <input type="hidden" name="sourceAnswerId" value={s.answer.id} />
                <button type="submit" name="intent" value="hergebruiken" className="utrecht-button utrecht-button--secondary-action" aria-label={`Gebruik het antwoord van ${s.reference}`}>
                  Gebruik dit antwoord
                </button>
              </Form>
            ) : (
              <p className="utrecht-paragraph muted">Nog niet beantwoord.</p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

