import { parseWithZod } from "@conform-to/zod/v4";
import type { JSONContent } from "@tiptap/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { asc, eq } from "drizzle-orm";
import { useEffect, useRef, useState } from "react";
import { consultationRounds, sections } from "~db/schema";
import { organisationTypeLabels, type OrganisationType } from "~/auth/roles";
import { RichTextField } from "~/components/RichTextField";
import { plainTextOf } from "~/editor/plain-text";
import { formatDate, formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { revisionTrace } from "~/reactions/corrections.server";
import { requireReaction } from "~/reactions/guards.server";
import {
  conflictState,
  listAddressees,
  listSignatoryCandidates,
  loadReactionDetails,
  newSubmissionKey,
  operationOf,
  ReactionError,
  roundState,
  saveReaction,
  submitReaction,
  type ConflictState,
} from "~/reactions/reactions.server";
import { MAX_POINT_CHARS, MAX_POINTS, pointKindLabels, pointKinds } from "~/reactions/options";
import { SaveReactionSchema } from "~/reactions/schema.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.reaction.subject ?? "Reactie"} — Herleidbaar` }];

/** An autosave must not reload the page under the member's cursor. */
export function shouldRevalidate({ formData, defaultShouldRevalidate }: { formData?: FormData; defaultShouldRevalidate: boolean }) {
  if (formData?.get("intent") === "autosave") return false;
  return defaultShouldRevalidate;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const found = await requireReaction(request, context, params.reactionId);
  const { reaction, organisation, vision, version } = found;
  const [details, addressees, candidates, versionSections, trace, round] = await Promise.all([
    loadReactionDetails(db(), reaction.id),
    listAddressees(db(), organisation),
    listSignatoryCandidates(db(), organisation.id),
    db().select({ key: sections.key, number: sections.number, title: sections.title, kind: sections.kind }).from(sections).where(eq(sections.versionId, reaction.versionId)).orderBy(asc(sections.position)),
    revisionTrace(db(), reaction),
    reaction.roundId ? db().select().from(consultationRounds).where(eq(consultationRounds.id, reaction.roundId)).then((rows) => rows[0] ?? null) : null,
  ]);
  const sectionTitle = (key: string) => {
    const s = versionSections.find((x) => x.key === key);
    return s ? `${s.number ? `${s.number} ` : ""}${s.title}` : "onbekend onderdeel";
  };
  const correctedBy = trace.correctedBy && (trace.correctedBy.status !== "draft" || found.isMember) ? trace.correctedBy : null;
  const mayReact = found.isMember && found.canReact;
  return {
    canEdit: found.canEdit,
    // Corrections: the link both ways, and "Corrigeren" for the newest submitted revision while the round takes reactions.
    corrects: trace.corrects ? { id: trace.corrects.id, submittedAt: trace.corrects.submittedAt ? formatDateTime(trace.corrects.submittedAt) : null } : null,
    correctedBy: correctedBy ? { id: correctedBy.id, status: correctedBy.status, submittedAt: correctedBy.submittedAt ? formatDateTime(correctedBy.submittedAt) : null } : null,
    canCorrect: mayReact && reaction.status === "submitted" && !trace.correctedBy && !!round && ["open", "late"].includes(roundState(round)),
    // A council's reactiebrief has no round (and so no reactietermijn) to withdraw from.
    canWithdraw: found.isMember && reaction.status === "submitted" && reaction.roundId !== null && !trace.correctedBy,
    withdrawnAt: reaction.withdrawnAt ? formatDateTime(reaction.withdrawnAt) : null,
    correctionDiscarded: new URL(request.url).searchParams.get("gedaan") === "correctie-weggegooid",
    submissionKey: newSubmissionKey(),
    organisation: { name: organisation.name, type: organisationTypeLabels[organisation.type as OrganisationType] },
    vision: { title: vision.title, version: version.label },
    reaction: {
      id: reaction.id,
      kind: reaction.kind,
      status: reaction.status,
      revision: reaction.revision,
      addressedToId: reaction.addressedToId ?? "",
      addressedTo: addressees.find((a) => a.id === reaction.addressedToId)?.name ?? "",
      place: reaction.place ?? "",
      letterDate: reaction.letterDate ?? "",
      reference: reaction.reference ?? "",
      theirReference: reaction.theirReference ?? "",
      subject: reaction.subject ?? "",
      introduction: reaction.introduction as JSONContent,
      introductionText: plainTextOf(reaction.introduction as JSONContent),
      conclusion: reaction.conclusion as JSONContent,
      conclusionText: plainTextOf(reaction.conclusion as JSONContent),
      submittedAt: reaction.submittedAt ? formatDateTime(reaction.submittedAt) : null,
      isLate: reaction.isLate,
    },
    addressees: addressees.map((a) => ({ id: a.id, name: a.type === "gemeente" ? `College van B en W van ${a.name}` : a.name })),
    candidates,
    signatories: details.signatories.map((s) => ({ userId: s.userId, name: s.name, title: s.title })),
    sections: versionSections.map((s) => ({ key: s.key, label: sectionTitle(s.key) })),
    points: details.points.map((p) => ({
      id: p.id,
      number: p.number,
      reference: p.reference,
      replaces: trace.replaces[p.id] ?? null,
      kind: p.kind,
      body: p.body as JSONContent,
      text: p.plainText,
      isGeneral: p.isGeneral,
      sectionKeys: p.anchors.map((a) => a.sectionKey),
      quote: p.anchors.find((a) => a.exact)?.exact ?? "",
      anchors: p.anchors.map((a) => ({
        section: sectionTitle(a.sectionKey),
        quote: a.exact,
        later: a.resolution ? { state: a.resolution.state, foundText: a.resolution.foundText, version: `versie ${a.resolution.versionNumber} (${a.resolution.versionLabel})` } : null,
      })),
    })),
    letterDateLabel: reaction.letterDate ? formatDate(reaction.letterDate) : null,
  };
}

type ActionData =
  | { status: "saved"; revision: number; savedAt: string; message: string | null }
  | { status: "error"; message: string; revision?: number }
  | { status: "conflict"; message: string; theirs: ConflictState; mine: { introduction: string; conclusion: string; points: Array<{ id: string; text: string }> } };

export async function action({ request, context, params }: ActionFunctionArgs): Promise<ActionData> {
  const found = await requireReaction(request, context, params.reactionId);
  const submission = parseWithZod(await request.formData(), { schema: SaveReactionSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).flat()[0];
    return { status: "error", message: first ?? "Controleer het formulier." };
  }
  const input = submission.value;
  const viewer = found.viewer;
  try {
    if (input.intent === "save-anyway") {
      // The member has seen both texts and chooses theirs: save on top of the newest revision.
      const latest = await conflictState(db(), found.reaction.id);
      input.revision = latest.revision;
    }
    if (input.intent === "submit") {
      // Saving the last edits and submitting are one transaction: a request cut off halfway stores
      // neither, so the retried request (same revision, same submission key) submits once.
      const submissionKey = input.submissionKey ?? newSubmissionKey();
      await db().transaction(async (tx) => {
        const saved = await saveReaction(tx, viewer, found.reaction.id, input, operationOf(input.intent));
        await submitReaction(tx, viewer, found.reaction.id, { revision: saved.revision, submissionKey });
      });
      throw redirect(`/reacties/${found.reaction.id}?ingediend=1`);
    }
    const saved = await saveReaction(db(), viewer, found.reaction.id, input, operationOf(input.intent));
    if (input.intent !== "autosave" && input.intent !== "save" && input.intent !== "save-anyway") throw redirect(`/reacties/${found.reaction.id}`);
    return { status: "saved", revision: saved.revision, savedAt: formatDateTime(new Date()), message: input.intent === "autosave" ? null : "Opgeslagen." };
  } catch (error) {
    if (!(error instanceof ReactionError)) throw error;
    if (error.code === "submitted" && input.intent === "submit" && input.submissionKey) {
      // A retried submit after success: show the receipt, not an error.
      throw redirect(`/reacties/${found.reaction.id}?ingediend=1`);
    }
    if (error.code === "conflict") {
      return {
        status: "conflict",
        message: "Iemand anders van uw organisatie heeft deze reactie intussen opgeslagen. Uw tekst is niet opgeslagen en staat hieronder naast de nieuwste versie.",
        theirs: await conflictState(db(), found.reaction.id),
        mine: {
          introduction: input.introduction ?? plainTextFromJson(input.introductionJson),
          conclusion: input.conclusion ?? plainTextFromJson(input.conclusionJson),
          points: input.points.map((p) => ({ id: p.id, text: p.body ?? plainTextFromJson(p.bodyJson) })),
        },
      };
    }
    return { status: "error", message: error.message };
  }
}

function plainTextFromJson(json: string | undefined) {
  if (!json) return "";
  try {
    return plainTextOf(JSON.parse(json) as JSONContent);
  } catch {
    return "";
  }
}

export default function ReactionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!data.canEdit) return <SubmittedReaction />;
  return <ReactionEditor key={data.reaction.revision} actionData={actionData ?? null} />;
}

function SubmittedReaction() {
  const data = useLoaderData<typeof loader>();
  const received = typeof data.reaction.submittedAt === "string";
  return (
    <article>
      {data.correctionDiscarded ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">De correctie is weggegooid. Deze reactie blijft zoals u hem hebt ingediend.</p>
        </div>
      ) : null}
      {data.withdrawnAt ? (
        <div className="utrecht-alert utrecht-alert--warning" role="status">
          <p className="utrecht-paragraph">Deze reactie is ingetrokken op {data.withdrawnAt}. Hij blijft bewaard, maar wordt niet meer beantwoord.</p>
        </div>
      ) : received ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <h2 className="utrecht-heading-3">Ontvangstbevestiging</h2>
          <p className="utrecht-paragraph">
            Deze {data.reaction.kind} is ingediend op {data.reaction.submittedAt}
            {data.reaction.isLate ? ", na de reactietermijn" : ""}. Alle leden van {data.organisation.name} krijgen een bevestiging per e-mail, met de reactie als PDF.
          </p>
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={`/reacties/${data.reaction.id}/reactie.pdf`} download>
              Download de {data.reaction.kind} als PDF
            </a>
          </p>
        </div>
      ) : (
        <p className="utrecht-paragraph">Dit concept kunt u lezen maar niet wijzigen.</p>
      )}
      <RevisionLinks />
      <h1 className="utrecht-heading-1">{data.reaction.subject}</h1>
      <dl className="utrecht-data-list">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">Van</dt>
          <dd className="utrecht-data-list__item-value">{data.organisation.name}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">Aan</dt>
          <dd className="utrecht-data-list__item-value">{data.reaction.addressedTo}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">Over</dt>
          <dd className="utrecht-data-list__item-value">
            {data.vision.title} ({data.vision.version})
          </dd>
        </div>
        {data.reaction.theirReference ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">Uw kenmerk</dt>
            <dd className="utrecht-data-list__item-value">{data.reaction.theirReference}</dd>
          </div>
        ) : null}
        {data.letterDateLabel ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">Datum</dt>
            <dd className="utrecht-data-list__item-value">
              {data.reaction.place ? `${data.reaction.place}, ` : ""}
              {data.letterDateLabel}
            </dd>
          </div>
        ) : null}
      </dl>
      {data.reaction.introductionText ? <p className="utrecht-paragraph reaction-text">{data.reaction.introductionText}</p> : null}
      <h2 className="utrecht-heading-2">Punten</h2>
      <ol className="point-list">
        {data.points.map((p) => (
          <li key={p.id} id={`punt-${p.reference}`} className="point-list__item">
            <p className="utrecht-paragraph">
              <strong>{p.reference}</strong>
              {p.replaces ? ` (vervangt ${p.replaces})` : ""} · {pointKindLabels[p.kind as keyof typeof pointKindLabels]} ·{" "}
              {p.isGeneral && p.anchors.length === 0 ? "algemeen" : p.anchors.map((a) => a.section).join(", ")}
            </p>
            {p.quote ? <blockquote className="utrecht-blockquote">“{p.quote}”</blockquote> : null}
            <p className="utrecht-paragraph reaction-text">{p.text}</p>
            {p.anchors.map((a, i) =>
              a.later ? (
                <p key={i} className="utrecht-paragraph muted anchor-status">
                  In {a.later.version}: {anchorStateLabel(a.later.state, !!a.quote)}
                  {a.later.state === "changed" && a.later.foundText ? ` — nu: “${a.later.foundText}”` : ""}
                </p>
              ) : null,
            )}
          </li>
        ))}
      </ol>
      {data.reaction.conclusionText ? <p className="utrecht-paragraph reaction-text">{data.reaction.conclusionText}</p> : null}
      {data.signatories.length ? (
        <p className="utrecht-paragraph">
          Ondertekend door: {data.signatories.map((s) => `${s.name}${s.title ? ` (${s.title})` : ""}`).join(", ")}
        </p>
      ) : null}
      {data.canCorrect ? (
        <Form method="post" action={`/reacties/${data.reaction.id}/corrigeren`}>
          <p className="utrecht-paragraph muted">
            Iets vergeten of een fout gemaakt? Maak een correctie zolang de reactietermijn loopt. U past dan een kopie aan en dient die opnieuw in. De
            correctie vervangt deze versie; deze versie blijft bewaard.
          </p>
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            Corrigeren
          </button>
        </Form>
      ) : null}
      {data.canWithdraw ? (
        <Form method="post" action={`/reacties/${data.reaction.id}/intrekken`}>
          <p className="utrecht-paragraph muted">Intrekken kan zolang de reactietermijn loopt. De ingetrokken reactie blijft bewaard.</p>
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            Reactie intrekken
          </button>
        </Form>
      ) : null}
    </article>
  );
}

/** "correctie van …" / "gecorrigeerd door …": the link between revisions, shown on both. */
function RevisionLinks() {
  const data = useLoaderData<typeof loader>();
  if (!data.corrects && !data.correctedBy) return null;
  return (
    <div className="utrecht-alert utrecht-alert--info" role="note">
      {data.corrects ? (
        <p className="utrecht-paragraph">
          Dit is een correctie van{" "}
          <a className="utrecht-link" href={`/reacties/${data.corrects.id}`}>
            de reactie{data.corrects.submittedAt ? ` ingediend op ${data.corrects.submittedAt}` : ""}
          </a>
          .{data.reaction.status === "draft" ? " Na indienen vervangt de correctie die reactie." : ""}
        </p>
      ) : null}
      {data.corrects && data.reaction.status === "draft" && data.canEdit ? (
        <details className="discard-correction">
          <summary>Correctie weggooien</summary>
          <Form method="post" action={`/reacties/${data.reaction.id}/correctie-weggooien`}>
            <p className="utrecht-paragraph">
              Wilt u toch niets veranderen? Als u de correctie weggooit, verdwijnen de wijzigingen in deze kopie. De ingediende reactie blijft zoals hij
              was; u kunt hem later opnieuw corrigeren of intrekken zolang de reactietermijn loopt.
            </p>
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              Ja, gooi de correctie weg
            </button>
          </Form>
        </details>
      ) : null}
      {data.correctedBy ? (
        <p className="utrecht-paragraph">
          {data.correctedBy.status === "draft" ? "Er is een correctie van deze reactie in bewerking: " : "Deze reactie is gecorrigeerd door "}
          <a className="utrecht-link" href={`/reacties/${data.correctedBy.id}`}>
            {data.correctedBy.status === "draft"
              ? "ga verder met de correctie"
              : `de correctie${data.correctedBy.submittedAt ? ` ingediend op ${data.correctedBy.submittedAt}` : ""}`}
          </a>
          .{data.correctedBy.status !== "draft" ? " Deze versie blijft bewaard, maar wordt niet meer apart beantwoord." : ""}
        </p>
      ) : null}
    </div>
  );
}

function anchorStateLabel(state: string, quoted: boolean) {
  if (state === "removed") return quoted ? "passage verwijderd" : "onderdeel verwijderd";
  if (state === "changed") return "passage gewijzigd";
  if (state === "section") return "onderdeel bestaat nog";
  return "passage ongewijzigd";
}

/**
 * The button a member pressed to add, move or delete a point or to save. The editor is remounted
 * with the new revision after such a post, which drops the keyboard focus; the new editor puts it
 * back on the same place (WCAG 2.4.3 focus order).
 */
let focusAfterReload: string | null = null;

function restoreFocus(form: HTMLFormElement, intent: string) {
  const points = Array.from(form.querySelectorAll<HTMLFieldSetElement>("fieldset.point-editor"));
  const firstField = (point: HTMLFieldSetElement | undefined) => point?.querySelector<HTMLElement>("select, input:not([type=hidden])") ?? null;
  const enabled = (button: HTMLButtonElement | null | undefined) => (button && !button.disabled ? button : null);
  const byIntent = (value: string) => enabled(form.querySelector<HTMLButtonElement>(`button[name="intent"][value="${value}"]`));
  const [operation, position, direction] = intent.split(":");
  let target: HTMLElement | null;
  if (operation === "add-point") target = firstField(points.at(-1));
  else if (operation === "move") {
    const to = Number(position) + (direction === "up" ? -1 : 1);
    target = byIntent(`move:${to}:${direction}`) ?? byIntent(`move:${to}:${direction === "up" ? "down" : "up"}`) ?? firstField(points[to]);
  } else if (operation === "delete") target = firstField(points[Math.min(Number(position), points.length - 1)]) ?? byIntent("add-point");
  else target = byIntent(intent);
  target?.focus();
}

function ReactionEditor({ actionData }: { actionData: ActionData | null }) {
  const data = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const intent = focusAfterReload;
    focusAfterReload = null;
    if (intent && formRef.current) restoreFocus(formRef.current, intent);
  }, []);
  useEffect(() => {
    // A post that did not reload the editor (an error) leaves nothing to restore.
    if (navigation.state === "idle") focusAfterReload = null;
  }, [navigation.state]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [revision, setRevision] = useState(data.reaction.revision);
  const [saveState, setSaveState] = useState<"saved" | "dirty" | "saving" | "error">("saved");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const latest = fetcher.data ?? actionData;
  /** A button pressed while an autosave was on its way: pressed again once that save is back. */
  const waitingSubmitter = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    const submitter = waitingSubmitter.current;
    if (!submitter || fetcher.state !== "idle") return;
    // The autosave is back; press the button once the new revision is in the form.
    if (fetcher.data?.status === "saved" && fetcher.data.revision !== revision) return;
    waitingSubmitter.current = null;
    // A failed autosave shows its message or the two versions; the member decides and presses again.
    if (fetcher.data?.status === "saved") formRef.current?.requestSubmit(submitter);
  });

  useEffect(() => {
    if (!fetcher.data) return;
    if (fetcher.data.status === "saved") {
      setRevision(fetcher.data.revision);
      setSavedAt(fetcher.data.savedAt);
      setSaveState("saved");
    } else {
      setSaveState("error");
    }
  }, [fetcher.data]);

  useEffect(() => {
    if (actionData?.status === "saved") {
      setRevision(actionData.revision);
      setSavedAt(actionData.savedAt);
    }
  }, [actionData]);

  const autosave = () => {
    if (!formRef.current) return;
    const formData = new FormData(formRef.current);
    formData.set("intent", "autosave");
    setSaveState("saving");
    fetcher.submit(formData, { method: "post" });
  };

  const scheduleAutosave = () => {
    setSaveState("dirty");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(autosave, 1500);
  };

  useEffect(() => {
    // Leaving the page (closing the tab, navigating away) saves what is not saved yet.
    const leave = () => {
      if (saveState === "dirty") autosave();
    };
    window.addEventListener("pagehide", leave);
    return () => window.removeEventListener("pagehide", leave);
  });

  const conflict = latest?.status === "conflict" ? latest : null;
  const error = latest?.status === "error" ? latest.message : null;
  const statusText =
    saveState === "saving" ? "Bezig met opslaan…" : saveState === "dirty" ? "Niet opgeslagen wijzigingen" : saveState === "error" ? "Niet opgeslagen" : savedAt ? `Opgeslagen om ${savedAt}` : "Alles is opgeslagen";

  return (
    <>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/reageren">
          Terug naar reageren
        </a>
      </p>
      <h1 className="utrecht-heading-1">
        {data.reaction.kind === "advies" ? "Advies" : "Reactie"} van {data.organisation.name}
      </h1>
      <p className="utrecht-paragraph">
        Op {data.vision.title} ({data.vision.version}). Iedereen van uw organisatie kan hieraan meeschrijven. Wijzigingen worden vanzelf opgeslagen;
        zonder JavaScript gebruikt u de knop Opslaan.
      </p>
      <RevisionLinks />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/reacties/${data.reaction.id}/brief-importeren`}>
          Al een brief in Word? Importeer hem
        </a>
      </p>
      <p className={`save-status save-status--${saveState}`} role="status" aria-live="polite">
        {statusText}
      </p>
      {error ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{error}</p>
        </div>
      ) : null}
      {conflict ? <ConflictView conflict={conflict} /> : null}
      <Form
        method="post"
        ref={formRef}
        onChange={scheduleAutosave}
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          if (fetcher.state !== "idle" && submitter instanceof HTMLButtonElement) {
            // Posting now would carry the revision the autosave is about to replace: a false conflict.
            event.preventDefault();
            waitingSubmitter.current = submitter;
            return;
          }
          const intent = submitter instanceof HTMLButtonElement && submitter.name === "intent" ? submitter.value : "";
          focusAfterReload = intent && intent !== "submit" ? intent : null;
          // The form posts everything itself: a pending autosave would only race it.
          if (timer.current) clearTimeout(timer.current);
        }}
        className="form-stack form-stack--wide"
      >
        <input type="hidden" name="revision" value={revision} />
        <input type="hidden" name="submissionKey" value={data.submissionKey} />
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">Briefgegevens</legend>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="addressedToId">
              Aan
            </label>
            <select id="addressedToId" name="addressedToId" defaultValue={data.reaction.addressedToId} className="utrecht-select utrecht-select--html-select">
              {data.addressees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="filters">
            <TextInput name="place" label="Plaats" value={data.reaction.place} />
            <TextInput name="letterDate" label="Datum" value={data.reaction.letterDate} type="date" />
            <TextInput name="reference" label="Ons kenmerk" value={data.reaction.reference} />
            <TextInput name="theirReference" label="Uw kenmerk (adviesaanvraag)" value={data.reaction.theirReference} />
          </div>
          <TextInput name="subject" label="Onderwerp" value={data.reaction.subject} />
        </fieldset>
        <RichTextField name="introduction" label="Inleiding" initialDoc={data.reaction.introduction} initialText={data.reaction.introductionText} onChange={scheduleAutosave} />
        <h2 className="utrecht-heading-2">Punten</h2>
        <p className="utrecht-paragraph muted">
          Hoogstens {MAX_POINTS} punten van elk hoogstens {MAX_POINT_CHARS.toLocaleString("nl-NL")} tekens. Koppel elk punt aan een of meer onderdelen van de
          visie, of vink “algemeen” aan.
        </p>
        {data.points.map((p, index) => (
          <fieldset key={p.id} className="utrecht-form-fieldset point-editor" id={`punt-${p.reference}`}>
            <legend className="utrecht-form-fieldset__legend">
              Punt {index + 1} ({p.reference}
              {p.replaces ? `, vervangt ${p.replaces}` : ""})
            </legend>
            <input type="hidden" name={`points[${index}].id`} value={p.id} />
            <div className="filters">
              <div className="utrecht-form-field">
                <label className="utrecht-form-label" htmlFor={`kind-${p.id}`}>
                  Soort
                </label>
                <select id={`kind-${p.id}`} name={`points[${index}].kind`} defaultValue={p.kind} className="utrecht-select utrecht-select--html-select">
                  {pointKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {pointKindLabels[kind]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="utrecht-form-field">
                <label className="utrecht-form-label" htmlFor={`sections-${p.id}`}>
                  Over onderdeel (meer kiezen met Ctrl)
                </label>
                <select id={`sections-${p.id}`} name={`points[${index}].sectionKeys`} multiple size={4} defaultValue={p.sectionKeys} className="utrecht-select utrecht-select--html-select">
                  {data.sections.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="utrecht-form-field utrecht-form-field--checkbox">
                <input id={`general-${p.id}`} type="checkbox" name={`points[${index}].general`} value="ja" defaultChecked={p.isGeneral} />
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`general-${p.id}`}>
                  Algemeen (over de hele visie)
                </label>
              </div>
            </div>
            <TextInput name={`points[${index}].quote`} label="Citaat uit het eerste gekozen onderdeel (optioneel, letterlijk)" value={p.quote} />
            <RichTextField name={`points[${index}].body`} label={`Tekst van punt ${index + 1}`} initialDoc={p.body} initialText={p.text} onChange={scheduleAutosave} />
            <div className="section-tree__actions">
              <button type="submit" name="intent" value={`move:${index}:up`} className="utrecht-button utrecht-button--subtle" disabled={index === 0}>
                Punt {index + 1} omhoog
              </button>
              <button type="submit" name="intent" value={`move:${index}:down`} className="utrecht-button utrecht-button--subtle" disabled={index === data.points.length - 1}>
                Punt {index + 1} omlaag
              </button>
              <button type="submit" name="intent" value={`delete:${index}`} className="utrecht-button utrecht-button--subtle">
                Punt {index + 1} verwijderen
              </button>
            </div>
          </fieldset>
        ))}
        <div>
          <button type="submit" name="intent" value="add-point" className="utrecht-button utrecht-button--secondary-action">
            Punt toevoegen
          </button>
        </div>
        <RichTextField name="conclusion" label="Tot slot" initialDoc={data.reaction.conclusion} initialText={data.reaction.conclusionText} onChange={scheduleAutosave} />
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">Ondertekening</legend>
          {data.candidates.length === 0 ? <p className="utrecht-paragraph">Uw organisatie heeft nog geen ondertekenaars. Vraag de regio om iemand die rol te geven.</p> : null}
          {data.candidates.map((c) => (
            <div key={c.userId} className="utrecht-form-field utrecht-form-field--checkbox">
              <input id={`sig-${c.userId}`} type="checkbox" name="signatories" value={c.userId} defaultChecked={data.signatories.some((s) => s.userId === c.userId)} />
              <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`sig-${c.userId}`}>
                {c.name}
                {c.title ? ` (${c.title})` : ""}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="section-tree__actions">
          <button type="submit" name="intent" value="save" className="utrecht-button utrecht-button--secondary-action">
            Opslaan
          </button>
          <button type="submit" name="intent" value="submit" className="utrecht-button utrecht-button--primary-action">
            Indienen
          </button>
        </div>
        <p className="utrecht-paragraph muted">Na indienen ligt de reactie vast. U krijgt een ontvangstbevestiging.</p>
        {conflict ? (
          <div>
            <button type="submit" name="intent" value="save-anyway" className="utrecht-button utrecht-button--warning">
              Mijn versie toch opslaan (vervangt de nieuwste versie)
            </button>
          </div>
        ) : null}
      </Form>
    </>
  );
}

function ConflictView({ conflict }: { conflict: Extract<ActionData, { status: "conflict" }> }) {
  const rows = [
    { label: "Inleiding", mine: conflict.mine.introduction, theirs: conflict.theirs.introduction },
    ...conflict.mine.points.map((p, i) => ({ label: `Punt ${i + 1}`, mine: p.text, theirs: conflict.theirs.points.find((t) => t.id === p.id)?.text ?? "(verwijderd)" })),
    { label: "Tot slot", mine: conflict.mine.conclusion, theirs: conflict.theirs.conclusion },
  ].filter((row) => row.mine.trim() !== row.theirs.trim());
  return (
    <section className="utrecht-alert utrecht-alert--warning conflict" role="alert" aria-labelledby="conflict-titel">
      <h2 id="conflict-titel" className="utrecht-heading-3">
        Let op: twee versies
      </h2>
      <p className="utrecht-paragraph">{conflict.message}</p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="?">
          Laad de nieuwste versie
        </a>{" "}
        (kopieer eerst uw tekst), of sla uw versie bewust op met de knop onderaan.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel, horizontaal te scrollen">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">Verschillen</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Onderdeel</th>
              <th scope="col" className="utrecht-table__header-cell">Uw tekst (niet opgeslagen)</th>
              <th scope="col" className="utrecht-table__header-cell">Nieuwste opgeslagen tekst</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {rows.map((row) => (
              <tr key={row.label} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {row.label}
                </th>
                <td className="utrecht-table__cell reaction-text">{row.mine}</td>
                <td className="utrecht-table__cell reaction-text">{row.theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TextInput({ name, label, value, type = "text" }: { name: string; label: string; value: string; type?: string }) {
  const id = `veld-${name.replace(/[^a-zA-Z0-9]/g, "-")}`;
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} name={name} type={type} defaultValue={value} className="utrecht-textbox utrecht-textbox--html-input" />
    </div>
  );
}
