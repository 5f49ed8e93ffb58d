import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AnswerError, assignPoints, bulkAnswer, parseRichTextInput, publishAnswers } from "~/answers/answers.server";
import { answerStatusLabels, answerStatuses, BulkFormSchema, dispositionLabels, dispositions, parseTriageFilters, pointKindLabels, pointKinds, triageSortLabels, triageSorts } from "~/answers/triage-form.server";
import { addPointsToTheme } from "~/answers/themes.server";
import { triageListHtml } from "~/answers/triage-list.server";
import { triagePageFacts } from "~/answers/triage-page.server";
import { organisationFilterText } from "~/answers/triage.server";
import { isStaffAdmin, organisationTypeLabels } from "~/auth/roles";
import { Pagination, parsePage } from "~/components/Pagination";
import { RichTextField } from "~/components/RichTextField";
import { StaffNav } from "~/components/StaffNav";
import { formatDate } from "~/lib/dates";
import type { ScriptsHandle } from "~/lib/hydration";
import { db } from "~/lib/db.server";
import { requireVisionStaff } from "~/visions/guards.server";

// The rows' HTML is in the document; the hydration data need not repeat it (entry.server.tsx).
export const handle: ScriptsHandle = { documentOnly: ["rowsHtml"] };

/**
 * A refused bulk action changed nothing, so the list is not reloaded: reloading would replace the
 * rows' HTML and clear the points the user had checked.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  if (actionResult && typeof actionResult === "object" && "error" in actionResult) return false;
  return defaultShouldRevalidate;
};

export const meta: MetaFunction = () => [{ title: "Punten beantwoorden — Beheer — Herleidbaar" }];

const doneMessages: Record<string, (n: number) => string> = {
  "bulk-assign": (n) => `${n} ${n === 1 ? "punt is" : "punten zijn"} toegewezen.`,
  "bulk-theme": (n) => `${n} ${n === 1 ? "punt is" : "punten zijn"} aan het thema toegevoegd.`,
  "bulk-answer": (n) => `${n} ${n === 1 ? "punt is" : "punten zijn"} beantwoord met hetzelfde antwoord.`,
  publish: () => "De antwoorden van de ronde zijn gepubliceerd.",
};

/** Options of a <select>: value and Dutch label. */
interface Choice {
  value: string;
  label: string;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const url = new URL(request.url);
  const filters = parseTriageFilters(url.searchParams);
  const page = parsePage(url.searchParams.get("pagina"));
  const base = `/beheer/visies/${vision.id}/beantwoorden`;
  const [list, facts, organisationText] = await Promise.all([
    triageListHtml(db(), vision.id, filters, viewer.user.id, page, base),
    triagePageFacts(db(), vision.id, region.id),
    organisationFilterText(db(), filters.organisatie),
  ]);
  const done = url.searchParams.get("gedaan");
  const count = Number(url.searchParams.get("aantal") ?? 0);
  const query = new URLSearchParams(url.searchParams);
  query.delete("pagina");
  query.delete("gedaan");
  query.delete("aantal");
  const staff: Choice[] = facts.staff.map((s) => ({ value: s.id, label: s.name }));
  const themes: Choice[] = facts.options.themes.map((t) => ({ value: t.id, label: t.title }));
  // Labels are resolved here, so the page's JavaScript needs none of the (zod) schema modules.
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    filters: { ...filters, organisatie: organisationText },
    query: query.toString(),
    page,
    total: list.total,
    pageSize: list.pageSize,
    rowsHtml: list.rowsHtml,
    choices: {
      bron: [...facts.options.rounds.map((r) => ({ value: r.id, label: `Ronde ${r.label}` })), { value: "reactiebrief", label: "Reactiebrieven van gemeenteraden" }],
      onderdeel: facts.options.sections.map((s) => ({ value: s.key, label: `${s.number ? `${s.number} ` : ""}${s.title}` })),
      soort: pointKinds.map((k) => ({ value: k, label: pointKindLabels[k] })),
      type: Object.entries(organisationTypeLabels).map(([value, label]) => ({ value, label })),
      thema: themes,
      status: answerStatuses.map((s) => ({ value: s, label: answerStatusLabels[s] })),
      toegewezen: [{ value: "mij", label: "aan mij" }, { value: "niemand", label: "aan niemand" }, ...staff],
      sorteer: triageSorts.map((s) => ({ value: s, label: triageSortLabels[s] })),
      dispositions: dispositions.map((d) => ({ value: d, label: dispositionLabels[d] })),
    },
    staff,
    themes,
    rounds: facts.rounds.map((r) => ({ ...r, answersPublishedAt: r.answersPublishedAt ? formatDate(r.answersPublishedAt) : null })),
    changedSections: facts.changedSections.map((s) => ({ value: `${s.versionId}:${s.sectionKey}`, label: `${s.versionLabel}: ${s.number ? `${s.number} ` : ""}${s.title}` })),
    done: done && doneMessages[done] ? doneMessages[done]!(count) : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const form = await request.formData();
  const back = String(form.get("terug") ?? "");
  const parsed = BulkFormSchema.safeParse({
    intent: form.get("intent"),
    points: form.getAll("punt"),
    assigneeId: form.get("assigneeId") ?? "",
    themeId: form.get("themeId") ?? "",
    body: form.get("body") ?? undefined,
    bodyJson: form.get("bodyJson") ?? undefined,
    disposition: form.get("disposition") || undefined,
    changedSection: form.get("changedSection") ?? "",
    roundId: form.get("roundId") ?? "",
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Er ging iets mis met het formulier." };
  const input = parsed.data;
  const scope = { id: vision.id, regionId: region.id };
  let count = 0;
  try {
    switch (input.intent) {
      case "bulk-assign":
        count = await assignPoints(db(), viewer, scope, input.points, input.assigneeId);
        break;
      case "bulk-theme":
        count = await addPointsToTheme(db(), viewer, scope, input.themeId, input.points);
        break;
      case "bulk-answer": {
        const body = parseRichTextInput({ text: input.body, json: input.bodyJson });
        if (!body.ok) return { error: body.message };
        count = await bulkAnswer(db(), viewer, scope, { pointIds: input.points, body: body.doc, disposition: input.disposition, changedSection: input.changedSection });
        break;
      }
      case "publish":
        await publishAnswers(db(), viewer, scope, input.roundId);
        break;
    }
  } catch (error) {
    if (error instanceof AnswerError) return { error: error.message };
    throw error;
  }
  const query = new URLSearchParams(/^[\w%=&.+:-]*$/.test(back) ? back : "");
  query.set("gedaan", input.intent);
  query.set("aantal", String(count));
  throw redirect(`/beheer/visies/${vision.id}/beantwoorden?${query.toString()}`);
}

function Select({ id, label, value, options, emptyLabel = "alle" }: { id: string; label: string; value: string | undefined; options: Choice[]; emptyLabel?: string }) {
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={`filter-${id}`}>
        {label}
      </label>
      <select id={`filter-${id}`} name={id} className="utrecht-select utrecht-select--html-select" defaultValue={value ?? ""}>
        <option value="">{emptyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function TriagePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/beheer/visies/${data.vision.id}/beantwoorden`;
  const f = data.filters;
  const c = data.choices;
  const hrefFor = (page: number) => `${base}?${data.query ? `${data.query}&` : ""}pagina=${page}`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
        {" · "}
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}/themas`}>
          Thema's (rode draad)
        </a>
      </p>
      <h1 className="utrecht-heading-1">Punten beantwoorden</h1>
      {actionData?.error ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{actionData.error}</p>
        </div>
      ) : null}
      {data.done && !actionData ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{data.done}</p>
        </div>
      ) : null}

      <h2 className="utrecht-heading-2">Filteren en zoeken</h2>
      <Form method="get" action={base} className="triage-filters">
        <div className="filters">
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="filter-q">
              Zoeken in de tekst
            </label>
            <input id="filter-q" name="q" type="search" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={f.q ?? ""} aria-describedby="filter-q-uitleg" />
            <p id="filter-q-uitleg" className="utrecht-form-field-description">
              Vindt ook andere vormen van een woord (wachtlijsten vindt wachtlijst). Gebruik "aanhalingstekens" voor een zinsdeel en - om een woord uit te sluiten.
            </p>
          </div>
          <Select id="bron" label="Bron" value={f.bron} options={c.bron} />
          <Select id="onderdeel" label="Onderdeel of bouwsteen" value={f.onderdeel} options={c.onderdeel} />
          <Select id="soort" label="Soort punt" value={f.soort} options={c.soort} />
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="filter-organisatie">
              Organisatie
            </label>
            <input id="filter-organisatie" name="organisatie" type="search" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={f.organisatie} aria-describedby="filter-organisatie-uitleg" />
            <p id="filter-organisatie-uitleg" className="utrecht-form-field-description">
              De code van de organisatie of een deel van de naam.
            </p>
          </div>
          <Select id="type" label="Soort organisatie" value={f.type} options={c.type} />
          <Select id="thema" label="Thema" value={f.thema} options={c.thema} />
          <Select id="status" label="Status" value={f.status} options={c.status} />
          <Select id="toegewezen" label="Toegewezen aan" value={f.toegewezen} options={c.toegewezen} emptyLabel="iedereen" />
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="filter-sorteer">
              Sorteren op
            </label>
            <select id="filter-sorteer" name="sorteer" className="utrecht-select utrecht-select--html-select" defaultValue={f.sorteer}>
              {c.sorteer.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="utrecht-form-field utrecht-form-field--checkbox">
            <input id="filter-laat" name="laat" type="checkbox" value="ja" className="utrecht-checkbox utrecht-checkbox--html-input" defaultChecked={!!f.laat} />
            <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="filter-laat">
              Alleen te laat ingediend
            </label>
          </div>
          <div>
            <button type="submit" className="utrecht-button utrecht-button--primary-action">
              Filteren
            </button>
          </div>
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={base}>
              Filters wissen
            </a>
          </p>
        </div>
      </Form>

      <h2 className="utrecht-heading-2">Punten</h2>
      <Form method="post" action={base}>
        <input type="hidden" name="terug" value={data.query} />
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Punten, horizontaal te scrollen">
          <table className="utrecht-table triage-table">
            <caption className="utrecht-table__caption">
              {data.total} {data.total === 1 ? "punt" : "punten"} gevonden{data.total > data.pageSize ? `, pagina ${data.page}` : ""}
            </caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  <span className="visually-hidden">Selecteren</span>
                </th>
                <th scope="col" className="utrecht-table__header-cell">Punt</th>
                <th scope="col" className="utrecht-table__header-cell">Organisatie</th>
                <th scope="col" className="utrecht-table__header-cell">Tekst</th>
                <th scope="col" className="utrecht-table__header-cell">Onderdeel</th>
                <th scope="col" className="utrecht-table__header-cell">Status</th>
                <th scope="col" className="utrecht-table__header-cell">Toegewezen</th>
              </tr>
            </thead>
            {/* Static HTML rendered on the server (triage-list.server.tsx): checkboxes and links only. */}
            <tbody className="utrecht-table__body" dangerouslySetInnerHTML={{ __html: data.rowsHtml ?? "" }} />
          </table>
        </div>
        <Pagination page={data.page} pageSize={data.pageSize} total={data.total} buildHref={hrefFor} />

        <fieldset className="utrecht-form-fieldset bulk-actions">
          <legend className="utrecht-form-fieldset__legend">Met de aangevinkte punten</legend>
          <div className="filters">
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="bulk-assignee">
                Toewijzen aan
              </label>
              <select id="bulk-assignee" name="assigneeId" className="utrecht-select utrecht-select--html-select" defaultValue="">
                <option value="">niemand</option>
                {data.staff.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <button type="submit" name="intent" value="bulk-assign" className="utrecht-button utrecht-button--secondary-action">
                Toewijzen
              </button>
            </div>
          </div>
          <div className="filters">
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="bulk-theme">
                Thema
              </label>
              <select id="bulk-theme" name="themeId" className="utrecht-select utrecht-select--html-select" defaultValue="">
                <option value="">kies een thema</option>
                {data.themes.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <button type="submit" name="intent" value="bulk-theme" className="utrecht-button utrecht-button--secondary-action">
                Aan thema toevoegen
              </button>
            </div>
          </div>
          <details className="bulk-answer">
            <summary>Allemaal hetzelfde antwoord geven</summary>
            <div className="form-stack form-stack--wide">
              <RichTextField name="body" label="Antwoord" initialDoc={{ type: "doc", content: [{ type: "paragraph" }] }} initialText="" description="Het eerste aangevinkte punt krijgt dit antwoord; de andere punten hergebruiken het." />
              <div className="utrecht-form-field">
                <label className="utrecht-form-label" htmlFor="bulk-disposition">
                  Afweging
                </label>
                <select id="bulk-disposition" name="disposition" className="utrecht-select utrecht-select--html-select" defaultValue="">
                  <option value="">kies een afweging</option>
                  {c.dispositions.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="utrecht-form-field">
                <label className="utrecht-form-label" htmlFor="bulk-changed">
                  Gewijzigd onderdeel (verplicht bij overgenomen)
                </label>
                <select id="bulk-changed" name="changedSection" className="utrecht-select utrecht-select--html-select" defaultValue="">
                  <option value="">geen</option>
                  {data.changedSections.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <button type="submit" name="intent" value="bulk-answer" className="utrecht-button utrecht-button--secondary-action">
                  Antwoord geven
                </button>
              </div>
            </div>
          </details>
        </fieldset>
      </Form>

      <h2 className="utrecht-heading-2">Antwoorden publiceren</h2>
      <p className="utrecht-paragraph">Na publicatie zijn de antwoorden van een ronde openbaar. Dat kan pas als elk punt van de ronde beantwoord is.</p>
      <ul className="utrecht-unordered-list">
        {data.rounds.map((r) => (
          <li key={r.id} className="utrecht-unordered-list__item">
            Ronde {r.versionLabel}: {r.total - r.open} van {r.total} punten beantwoord.{" "}
            {r.answersPublishedAt ? (
              <>Gepubliceerd op {r.answersPublishedAt}.</>
            ) : (
              <Form method="post" action={base} className="inline-form">
                <input type="hidden" name="roundId" value={r.id} />
                <input type="hidden" name="terug" value={data.query} />
                <button type="submit" name="intent" value="publish" className="utrecht-button utrecht-button--secondary-action">
                  Antwoorden van ronde {r.versionLabel} publiceren
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
