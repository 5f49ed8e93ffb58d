import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { asc, eq } from "drizzle-orm";
import { sections } from "~db/schema";
import { notFound } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { requireReaction } from "~/reactions/guards.server";
import { MAX_LETTER_IMPORT_CHARS } from "~/reactions/letter-import";
import { docxLetterText, proposeLetterImport } from "~/reactions/letter-import.server";
import { applyLetterImport, ReactionError } from "~/reactions/reactions.server";
import { pointKindLabels, pointKinds } from "~/reactions/options";
import { LetterImportConfirmSchema } from "~/reactions/schema.server";

export const meta: MetaFunction = () => [{ title: "Bestaande brief importeren — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const found = await requireReaction(request, context, params.reactionId);
  if (!found.canEdit) throw notFound();
  const versionSections = await db()
    .select({ key: sections.key, number: sections.number, title: sections.title })
    .from(sections)
    .where(eq(sections.versionId, found.reaction.versionId))
    .orderBy(asc(sections.position));
  return {
    reaction: { id: found.reaction.id },
    organisation: found.organisation.name,
    sections: versionSections.map((s) => ({ key: s.key, label: `${s.number ? `${s.number} ` : ""}${s.title}` })),
  };
}

type ActionData =
  | { step: "paste"; error: string }
  | { step: "confirm"; error: string | null; proposal: Awaited<ReturnType<typeof proposeLetterImport>> };

export async function action({ request, context, params }: ActionFunctionArgs): Promise<ActionData> {
  const found = await requireReaction(request, context, params.reactionId);
  if (!found.canEdit) throw notFound();
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let formData: FormData;
    try {
      formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: 20 * 1024 * 1024 }));
    } catch {
      return { step: "paste", error: "Het bestand is te groot (maximaal 20 MB)." };
    }
    const file = formData.get("document");
    let text = String(formData.get("text") ?? "");
    if (file instanceof File && file.size > 0) {
      const extracted = await docxLetterText(Buffer.from(await file.arrayBuffer()));
      if (!extracted.ok) return { step: "paste", error: extracted.message };
      text = extracted.text;
    }
    if (!text.trim()) return { step: "paste", error: "Plak de tekst van de brief of kies een Word-bestand." };
    if (text.length > MAX_LETTER_IMPORT_CHARS) return { step: "paste", error: `De brief is te lang (hoogstens ${MAX_LETTER_IMPORT_CHARS.toLocaleString("nl-NL")} tekens).` };
    return { step: "confirm", error: null, proposal: await proposeLetterImport(db(), found.reaction.versionId, text) };
  }
  const formData = await request.formData();
  const points: Array<Record<string, FormDataEntryValue>> = [];
  for (const [name, value] of formData.entries()) {
    const match = /^points\[(\d{1,3})\]\.(include|text|kind|sectionKey)$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    points[index] ??= {};
    points[index]![match[2]!] = value;
  }
  const parsed = LetterImportConfirmSchema.safeParse({ ...Object.fromEntries(formData), points: points.filter(Boolean) });
  if (!parsed.success) return { step: "paste", error: parsed.error.issues[0]?.message ?? "Controleer het formulier." };
  const input = parsed.data;
  try {
    await applyLetterImport(db(), found.viewer, found.reaction.id, {
      metadata: {
        place: input.place || null,
        letterDate: input.letterDate || null,
        reference: input.reference || null,
        theirReference: input.theirReference || null,
        subject: input.subject || null,
      },
      introduction: input.introduction,
      conclusion: input.conclusion,
      points: input.points
        .filter((p) => p.include === "ja" && p.text)
        .map((p) => ({ text: p.text, kind: p.kind, sectionKeys: p.sectionKey ? [p.sectionKey] : [], general: !p.sectionKey })),
    });
  } catch (error) {
    if (error instanceof ReactionError) return { step: "paste", error: error.message };
    throw error;
  }
  throw redirect(`/reacties/${found.reaction.id}`);
}

export default function LetterImportPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/reacties/${data.reaction.id}`}>
          Terug naar de reactie
        </a>
      </p>
      <h1 className="utrecht-heading-1">Bestaande brief importeren</h1>
      {result?.error ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{result.error}</p>
        </div>
      ) : null}
      {result?.step === "confirm" ? (
        <ConfirmStep proposal={result.proposal} sections={data.sections} />
      ) : (
        <Form method="post" encType="multipart/form-data" className="form-stack form-stack--wide">
          <p className="utrecht-paragraph">
            Heeft {data.organisation} het advies al in Word geschreven? Plak de tekst of kies het bestand. U ziet daarna de voorgestelde punten, elk met
            de onderdelen van de visie waar het waarschijnlijk over gaat. U bevestigt en past aan; de punten in het concept worden vervangen.
          </p>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="document">
              Word-bestand (.docx, maximaal 20 MB)
            </label>
            <input id="document" name="document" type="file" accept=".docx" className="utrecht-textbox" />
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="text">
              Of plak de tekst van de brief
            </label>
            <textarea id="text" name="text" rows={14} className="utrecht-textarea" />
          </div>
          <div>
            <button type="submit" className="utrecht-button utrecht-button--primary-action">
              Punten voorstellen
            </button>
          </div>
        </Form>
      )}
    </>
  );
}

function ConfirmStep({ proposal, sections }: { proposal: Extract<ActionData, { step: "confirm" }>["proposal"]; sections: Array<{ key: string; label: string }> }) {
  const m = proposal.letter.metadata;
  const field = (name: string, label: string, value: string | null, type = "text") => (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={`brief-${name}`}>
        {label}
      </label>
      <input id={`brief-${name}`} name={name} type={type} defaultValue={value ?? ""} className="utrecht-textbox utrecht-textbox--html-input" />
    </div>
  );
  return (
    <Form method="post" className="form-stack form-stack--wide">
      <p className="utrecht-paragraph" role="status">
        {proposal.points.length} punten gevonden{m.signatories.length ? `; ondertekend door ${m.signatories.map((s) => s.name).join(" en ")}` : ""}.
      </p>
      {proposal.letter.warnings.length ? (
        <ul className="utrecht-unordered-list">
          {proposal.letter.warnings.map((w) => (
            <li key={w} className="utrecht-unordered-list__item">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <fieldset className="utrecht-form-fieldset">
        <legend className="utrecht-form-fieldset__legend">Briefgegevens</legend>
        <div className="filters">
          {field("place", "Plaats", m.place)}
          {field("letterDate", "Datum", m.letterDate, "date")}
          {field("reference", "Ons kenmerk", m.reference ?? m.letterNumber)}
          {field("theirReference", "Uw kenmerk", m.theirReference)}
        </div>
        {field("subject", "Onderwerp", m.subject)}
      </fieldset>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="brief-introduction">
          Inleiding
        </label>
        <textarea id="brief-introduction" name="introduction" rows={5} className="utrecht-textarea" defaultValue={proposal.letter.introduction} />
      </div>
      {proposal.points.map((p, index) => (
        <fieldset key={index} className="utrecht-form-fieldset point-editor">
          <legend className="utrecht-form-fieldset__legend">Voorgesteld punt {index + 1}</legend>
          <div className="utrecht-form-field utrecht-form-field--checkbox">
            <input id={`include-${index}`} type="checkbox" name={`points[${index}].include`} value="ja" defaultChecked />
            <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`include-${index}`}>
              Overnemen als punt
            </label>
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor={`text-${index}`}>
              Tekst
            </label>
            <textarea id={`text-${index}`} name={`points[${index}].text`} rows={4} className="utrecht-textarea" defaultValue={p.text} />
          </div>
          <div className="filters">
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor={`kind-${index}`}>
                Soort
              </label>
              <select id={`kind-${index}`} name={`points[${index}].kind`} defaultValue={p.kind} className="utrecht-select utrecht-select--html-select">
                {pointKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {pointKindLabels[kind]}
                  </option>
                ))}
              </select>
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor={`section-${index}`}>
                Over onderdeel
              </label>
              <select id={`section-${index}`} name={`points[${index}].sectionKey`} defaultValue={p.suggestions[0]?.key ?? ""} className="utrecht-select utrecht-select--html-select">
                <option value="">Algemeen (hele visie)</option>
                {sections.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {p.suggestions.length ? (
            <details>
              <summary>Waarom dit onderdeel?</summary>
              <ul className="utrecht-unordered-list">
                {p.suggestions.map((s) => (
                  <li key={s.key} className="utrecht-unordered-list__item">
                    {sections.find((x) => x.key === s.key)?.label}: {s.reasons.join("; ")}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </fieldset>
      ))}
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="brief-conclusion">
          Tot slot
        </label>
        <textarea id="brief-conclusion" name="conclusion" rows={5} className="utrecht-textarea" defaultValue={proposal.letter.conclusion} />
      </div>
      <div>
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          Punten overnemen in de reactie
        </button>
      </div>
    </Form>
  );
}
