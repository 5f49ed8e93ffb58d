import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as withStatus, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { formatDate, formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { letterStatusLabels, type LetterStatus } from "~/letters/labels";
import type { LetterDocument } from "~/letters/letter-model";
import { LetterPreview } from "~/letters/LetterPreview";
import { letterPreview } from "~/letters/preview.server";
import {
  buildResponseLetter,
  isoDateInAmsterdam,
  letterTexts,
  loadLetterContext,
  signatoriesOf,
} from "~/letters/response-letter-model.server";
import {
  allowedTransitions,
  LetterError,
  saveResponseLetter,
  transitionResponseLetter,
  unansweredReferences,
} from "~/letters/response-letters.server";
import { PLACEHOLDERS } from "~/letters/templates.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Antwoordbrief — Beheer — Herleidbaar" }];

async function load(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const reactionId = z.uuid().safeParse(params.reactionId);
  if (!reactionId.success) throw notFound();
  const ctx = await loadLetterContext(db(), vision.id, reactionId.data);
  if (!ctx) throw notFound();
  return { viewer, region, vision, ctx };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision, ctx } = await load(request, context, params);
  const texts = await letterTexts(db(), ctx);
  const letter = ctx.letter;
  const frozen = letter && (letter.status === "vastgesteld" || letter.status === "verzonden") && letter.snapshot;
  const doc = frozen ? (letter.snapshot as LetterDocument) : buildResponseLetter(ctx, texts, new Date());
  const signatories = signatoriesOf(letter);
  const status: LetterStatus | null = letter?.status ?? null;
  const url = new URL(request.url);
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    reaction: {
      id: ctx.reaction.id,
      organisation: ctx.organisation.name,
      reference: ctx.reaction.reference,
      kind: ctx.reaction.kind,
    },
    sender: ctx.sender.name,
    letter: {
      exists: !!letter,
      status,
      statusLabel: status ? letterStatusLabels[status] : "Nog niet opgeslagen",
      revision: letter?.revision ?? 0,
      editable: !letter || letter.status === "concept" || letter.status === "ter_goedkeuring",
      letterNumber: letter?.letterNumber ?? "",
      subject: letter?.subject ?? "",
      handledBy: letter?.handledBy ?? "",
      letterDate: letter?.letterDate ? isoDateInAmsterdam(letter.letterDate) : "",
      signatories: [0, 1].map((i) => signatories[i] ?? { name: "", title: "" }),
      introduction: texts.introduction,
      closing: texts.closing,
      approvedAt: letter?.approvedAt ? formatDateTime(letter.approvedAt) : null,
      sentAt: letter?.sentAt ? formatDate(letter.sentAt) : null,
      hasFiles: !!letter?.pdfFileId,
    },
    transitions: status ? allowedTransitions(status, viewer, region.id) : [],
    unanswered: unansweredReferences(ctx),
    pointCount: ctx.points.length,
    placeholders: Object.entries(PLACEHOLDERS).map(([name, description]) => ({ name: `{${name}}`, description })),
    preview: letterPreview(doc),
    notice: url.searchParams.get("opgeslagen")
      ? "De brief is opgeslagen."
      : url.searchParams.get("stap")
        ? "De status van de brief is bijgewerkt."
        : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, vision, ctx } = await load(request, context, params);
  const form = await request.formData();
  const intent = form.get("intent");
  const base = `/beheer/visies/${vision.id}/brieven/${ctx.reaction.id}`;
  const values = {
    revision: String(form.get("revision") ?? ""),
    letterNumber: String(form.get("letterNumber") ?? ""),
    subject: String(form.get("subject") ?? ""),
    handledBy: String(form.get("handledBy") ?? ""),
    letterDate: String(form.get("letterDate") ?? ""),
    signatoryNames: form.getAll("signatoryName").map(String),
    signatoryTitles: form.getAll("signatoryTitle").map(String),
    introduction: String(form.get("introduction") ?? ""),
    closing: String(form.get("closing") ?? ""),
  };
  try {
    if (intent === "opslaan") {
      await saveResponseLetter(db(), viewer, vision.id, ctx.reaction.id, values);
      return redirect(`${base}?opgeslagen=1`);
    }
    if (intent === "stap") {
      await transitionResponseLetter(db(), viewer, vision.id, ctx.reaction.id, {
        revision: values.revision,
        to: String(form.get("to") ?? ""),
      });
      return redirect(`${base}?stap=1`);
    }
  } catch (error) {
    if (error instanceof LetterError)
      return withStatus(
        { error: error.message, values: intent === "opslaan" ? values : null },
        { status: error.code === "conflict" ? 409 : 400 },
      );
    throw error;
  }
  return withStatus(
    { error: "Kies of u de brief wilt opslaan of een stap wilt zetten.", values: null },
    { status: 400 },
  );
}

const transitionLabels: Record<LetterStatus, string> = {
  concept: "Terug naar concept",
  ter_goedkeuring: "Ter goedkeuring aanbieden",
  vastgesteld: "Vaststellen (PDF en Word maken)",
  verzonden: "Verzenden per e-mail",
};

export default function ResponseLetterPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ error?: string; values?: Record<string, string | string[]> | null }>();
  const l = data.letter;
  const v = actionData?.values ?? null;
  const field = (name: string, fallback: string) => (v && typeof v[name] === "string" ? (v[name] as string) : fallback);
  const signatory = (kind: "signatoryNames" | "signatoryTitles", i: number, fallback: string) => {
    const list = v?.[kind];
    return Array.isArray(list) ? (list[i] ?? "") : fallback;
  };
  const fileBase = `/beheer/visies/${data.vision.id}/brieven/${data.reaction.id}`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}/brieven`}>
          Terug naar alle antwoordbrieven
        </a>
      </p>
      <h1 className="utrecht-heading-1">Antwoordbrief aan {data.reaction.organisation}</h1>
      <p className="utrecht-paragraph">
        Status: <strong>{l.statusLabel}</strong>
        {l.approvedAt ? `; vastgesteld op ${l.approvedAt}` : ""}
        {l.sentAt ? `; verzonden op ${l.sentAt}` : ""}. Afzender: {data.sender}.
      </p>
      {data.notice ? (
        <p className="utrecht-paragraph" role="status">
          {data.notice}
        </p>
      ) : null}
      {actionData?.error ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <h2 className="utrecht-heading-3">Er is een probleem</h2>
          <p className="utrecht-paragraph">{actionData.error}</p>
        </div>
      ) : null}
      {data.unanswered.length > 0 ? (
        <p className="utrecht-paragraph">
          Nog niet beantwoord ({data.unanswered.length} van {data.pointCount}): {data.unanswered.join(", ")}.{" "}
          <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}/beantwoorden`}>
            Naar beantwoorden
          </a>
        </p>
      ) : (
        <p className="utrecht-paragraph">Alle {data.pointCount} punten zijn beantwoord.</p>
      )}

      <section aria-labelledby="downloads">
        <h2 className="utrecht-heading-2" id="downloads">
          Downloaden
        </h2>
        <p className="utrecht-paragraph">
          <a className="utrecht-link" href={`${fileBase}/antwoordbrief.pdf`} download>
            {l.hasFiles ? "Brief als PDF" : "Concept als PDF"}
          </a>
          {" · "}
          <a className="utrecht-link" href={`${fileBase}/antwoordbrief.docx`} download>
            {l.hasFiles ? "Brief als Word-bestand" : "Concept als Word-bestand"}
          </a>
        </p>
      </section>

      {data.transitions.length > 0 ? (
        <section aria-labelledby="stappen">
          <h2 className="utrecht-heading-2" id="stappen">
            Volgende stap
          </h2>
          <div className="button-row">
            {data.transitions.map((to) => (
              <Form method="post" key={to}>
                <input type="hidden" name="intent" value="stap" />
                <input type="hidden" name="to" value={to} />
                <input type="hidden" name="revision" value={l.revision} />
                <button
                  type="submit"
                  className={`utrecht-button ${to === "concept" ? "utrecht-button--secondary-action" : "utrecht-button--primary-action"}`}
                >
                  {transitionLabels[to]}
                </button>
              </Form>
            ))}
          </div>
        </section>
      ) : null}

      {l.editable ? (
        <section aria-labelledby="bewerken">
          <h2 className="utrecht-heading-2" id="bewerken">
            Brief bewerken
          </h2>
          <Form method="post" className="form-stack form-stack--wide">
            <input type="hidden" name="intent" value="opslaan" />
            <input type="hidden" name="revision" value={l.revision} />
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="letterNumber">
                Briefnummer
              </label>
              <input
                id="letterNumber"
                name="letterNumber"
                className="utrecht-textbox utrecht-textbox--html-input"
                maxLength={60}
                defaultValue={field("letterNumber", l.letterNumber)}
              />
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="letterDate">
                Datum van de brief (leeg: de dag van vaststellen)
              </label>
              <input
                id="letterDate"
                name="letterDate"
                type="date"
                className="utrecht-textbox utrecht-textbox--html-input"
                defaultValue={field("letterDate", l.letterDate)}
              />
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="subject">
                Onderwerp (leeg: standaardonderwerp)
              </label>
              <input
                id="subject"
                name="subject"
                className="utrecht-textbox utrecht-textbox--html-input"
                maxLength={200}
                defaultValue={field("subject", l.subject)}
              />
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="handledBy">
                Behandeld door
              </label>
              <input
                id="handledBy"
                name="handledBy"
                className="utrecht-textbox utrecht-textbox--html-input"
                maxLength={120}
                defaultValue={field("handledBy", l.handledBy)}
              />
            </div>
            <fieldset className="utrecht-form-fieldset">
              <legend className="utrecht-form-fieldset__legend">Ondertekening</legend>
              {l.signatories.map((s, i) => (
                <div key={i} className="form-row">
                  <div className="utrecht-form-field">
                    <label className="utrecht-form-label" htmlFor={`signatoryName-${i}`}>
                      Naam ondertekenaar {i + 1}
                    </label>
                    <input
                      id={`signatoryName-${i}`}
                      name="signatoryName"
                      className="utrecht-textbox utrecht-textbox--html-input"
                      maxLength={120}
                      defaultValue={signatory("signatoryNames", i, s.name)}
                    />
                  </div>
                  <div className="utrecht-form-field">
                    <label className="utrecht-form-label" htmlFor={`signatoryTitle-${i}`}>
                      Functie ondertekenaar {i + 1}
                    </label>
                    <input
                      id={`signatoryTitle-${i}`}
                      name="signatoryTitle"
                      className="utrecht-textbox utrecht-textbox--html-input"
                      maxLength={120}
                      defaultValue={signatory("signatoryTitles", i, s.title)}
                    />
                  </div>
                </div>
              ))}
            </fieldset>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="introduction">
                Inleiding
              </label>
              <p className="utrecht-form-field-description" id="placeholders-description">
                Alinea&apos;s scheidt u met een lege regel. U kunt deze plaatshouders gebruiken:{" "}
                {data.placeholders.map((p) => `${p.name} (${p.description})`).join(", ")}.
              </p>
              <textarea
                id="introduction"
                name="introduction"
                rows={6}
                required
                aria-describedby="placeholders-description"
                className="utrecht-textarea"
                defaultValue={field("introduction", l.introduction)}
              />
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="closing">
                Slot
              </label>
              <textarea
                id="closing"
                name="closing"
                rows={4}
                required
                aria-describedby="placeholders-description"
                className="utrecht-textarea"
                defaultValue={field("closing", l.closing)}
              />
            </div>
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              Opslaan en voorbeeld bijwerken
            </button>
          </Form>
        </section>
      ) : (
        <p className="utrecht-paragraph">
          {l.status === "verzonden"
            ? "Deze brief is verzonden en kan niet meer worden gewijzigd."
            : "Deze brief is vastgesteld. Zet hem terug naar concept om hem te wijzigen."}
        </p>
      )}

      <section aria-labelledby="voorbeeld">
        <h2 className="utrecht-heading-2" id="voorbeeld">
          Voorbeeld
        </h2>
        <LetterPreview letter={data.preview} />
      </section>
    </>
  );
}
