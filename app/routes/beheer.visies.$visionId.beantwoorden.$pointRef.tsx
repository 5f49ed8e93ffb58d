import type { JSONContent } from "@tiptap/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  AnswerError,
  anchorsWithSections,
  changedSectionOptions,
  listStaffOfRegion,
  parseRichTextInput,
  userNames,
  reuseAnswer,
  reuseGroupOf,
  saveAnswer,
  signOffAnswer,
} from "~/answers/answers.server";
import { requireAnsweringPoint } from "~/answers/guards.server";
import { AnswerFormSchema, answerStatusLabels, dispositionLabels, dispositions, type AnswerStatus } from "~/answers/schema";
import { similarPoints } from "~/answers/similar.server";
import { isStaffAdmin, organisationTypeLabels } from "~/auth/roles";
import { RichTextField } from "~/components/RichTextField";
import { StaffNav } from "~/components/StaffNav";
import { emptyDoc, plainTextOf } from "~/editor/plain-text";
import { renderRichTextToHtml } from "~/editor/render.server";
import { formatDate, formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { formRevision, z } from "~/lib/zod";
import { pointKindLabels } from "~/reactions/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.point.reference ?? "Punt"} beantwoorden — Herleidbaar` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision, point, reaction, organisation, answer } = await requireAnsweringPoint(request, context, params.visionId, params.pointRef);
  const [anchors, similar, staff, changedSections, reusedBy] = await Promise.all([
    anchorsWithSections(db(), point.id),
    similarPoints(db(), vision.id, point.id),
    listStaffOfRegion(db(), region.id),
    changedSectionOptions(db(), vision.id, reaction.versionId),
    reuseGroupOf(db(), vision.id, answer),
  ]);
  const people = await userNames(db(), [answer?.answeredById, answer?.reviewedById]);
  const nameOf = (id: string | null | undefined) => (id ? (people.get(id) ?? null) : null);
  const answerBody = (answer?.body as JSONContent | null) ?? emptyDoc();
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    viewerId: viewer.user.id,
    vision: { id: vision.id, title: vision.title },
    point: {
      id: point.id,
      reference: point.reference,
      kind: pointKindLabels[point.kind],
      html: renderRichTextToHtml(point.body as JSONContent),
      isGeneral: point.isGeneral,
    },
    reaction: { id: reaction.id, kind: reaction.kind, isLate: reaction.isLate, submittedAt: reaction.submittedAt ? formatDate(reaction.submittedAt) : null },
    organisation: { name: organisation.name, type: organisationTypeLabels[organisation.type] },
    anchors: anchors.map((a) => ({ sectionKey: a.sectionKey, title: `${a.number ? `${a.number} ` : ""}${a.title ?? "onderdeel"}`, html: a.contentHtml ?? null, plainText: a.plainText ?? "", exact: a.exact })),
    answer: answer
      ? {
          revision: answer.revision,
          status: answer.status as AnswerStatus,
          disposition: answer.disposition,
          changedSection: answer.changedSectionKey && answer.changedVersionId ? `${answer.changedVersionId}:${answer.changedSectionKey}` : "",
          assigneeId: answer.assigneeId ?? "",
          answeredBy: nameOf(answer.answeredById),
          answeredById: answer.answeredById,
          answeredAt: answer.answeredAt ? formatDateTime(answer.answeredAt) : null,
          reviewedBy: nameOf(answer.reviewedById),
          reviewedAt: answer.reviewedAt ? formatDateTime(answer.reviewedAt) : null,
          reusedFromId: answer.reusedFromId,
        }
      : null,
    answerDoc: answerBody,
    answerText: plainTextOf(answerBody),
    staff,
    changedSections: changedSections.map((s) => ({ value: `${s.versionId}:${s.sectionKey}`, label: `${s.versionLabel}: ${s.number ? `${s.number} ` : ""}${s.title}` })),
    similar,
    reusedBy,
  };
}

const SignOffSchema = z.object({ revision: formRevision(1) });
const ReuseSchema = z.object({ revision: formRevision(0), sourceAnswerId: z.uuid({ error: "Kies een antwoord om te hergebruiken." }) });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, region, vision, point } = await requireAnsweringPoint(request, context, params.visionId, params.pointRef);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "opslaan");
  const scope = { id: vision.id, regionId: region.id };
  const here = `/beheer/visies/${vision.id}/beantwoorden/${point.reference}`;
  try {
    if (intent === "vaststellen") {
      const parsed = SignOffSchema.safeParse({ revision: form.get("revision") });
      if (!parsed.success) return { errors: ["Het formulier is onvolledig. Laad de pagina opnieuw."], unsavedText: null, conflict: false };
      await signOffAnswer(db(), viewer, scope, point.id, parsed.data);
      throw redirect(`${here}?gedaan=vastgesteld`);
    }
    if (intent === "hergebruiken") {
      const parsed = ReuseSchema.safeParse({ revision: form.get("revision"), sourceAnswerId: form.get("sourceAnswerId") });
      if (!parsed.success) return { errors: [parsed.error.issues[0]?.message ?? "Het formulier is onvolledig."], unsavedText: null, conflict: false };
      await reuseAnswer(db(), viewer, scope, point.id, parsed.data);
      throw redirect(`${here}?gedaan=hergebruikt`);
    }
    const parsed = AnswerFormSchema.safeParse({
      revision: form.get("revision"),
      body: form.get("body") ?? undefined,
      bodyJson: form.get("bodyJson") ?? undefined,
      disposition: form.get("disposition") ?? "",
      changedSection: form.get("changedSection") ?? "",
      assigneeId: form.get("assigneeId") ?? "",
      alsoUpdate: form.getAll("alsoUpdate"),
    });
    if (!parsed.success) return { errors: parsed.error.issues.map((i) => i.message), unsavedText: null, conflict: false };
    const body = parseRichTextInput({ text: parsed.data.body, json: parsed.data.bodyJson });
    if (!body.ok) return { errors: [body.message], unsavedText: null, conflict: false };
    try {
      await saveAnswer(db(), viewer, scope, point.id, {
        revision: parsed.data.revision,
        body: body.doc,
        disposition: parsed.data.disposition,
        changedSection: parsed.data.changedSection,
        assigneeId: parsed.data.assigneeId,
        alsoUpdate: parsed.data.alsoUpdate,
      });
    } catch (error) {
      if (error instanceof AnswerError && error.code === "conflict") return { errors: [error.message], unsavedText: body.plainText, conflict: true };
      throw error;
    }
    throw redirect(`${here}?gedaan=opgeslagen`);
  } catch (error) {
    if (error instanceof AnswerError) return { errors: [error.message], unsavedText: null, conflict: false };
    throw error;
  }
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

