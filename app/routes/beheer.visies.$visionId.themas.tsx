import type { JSONContent } from "@tiptap/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AnswerError, parseRichTextInput } from "~/answers/answers.server";
import { dispositionLabels, type Disposition } from "~/answers/labels";
import { ThemeFormSchema, ThemeIdSchema } from "~/answers/schema.server";
import { createTheme, deleteTheme, getTheme, listThemes, pointsOfTheme, removePointFromTheme, themeCounts, themeSuggestions, updateTheme, type ThemeCount } from "~/answers/themes.server";
import { isStaffAdmin, organisationTypeLabels, type OrganisationType } from "~/auth/roles";
import { RichTextField } from "~/components/RichTextField";
import { Pagination, parsePage } from "~/components/Pagination";
import { StaffNav } from "~/components/StaffNav";
import { emptyDoc, plainTextOf } from "~/editor/plain-text";
import { renderRichTextToHtml } from "~/editor/render.server";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Thema's (rode draad) — Beheer — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const url = new URL(request.url);
  const selectedId = z.uuid().safeParse(url.searchParams.get("thema"));
  const page = parsePage(url.searchParams.get("pagina"));
  const [themeRows, suggestions, counts, selected] = await Promise.all([
    listThemes(db(), vision.id),
    themeSuggestions(db(), vision.id),
    themeCounts(db(), vision.id),
    selectedId.success ? getTheme(db(), vision.id, selectedId.data) : Promise.resolve(null),
  ]);
  const selectedPoints = selected ? await pointsOfTheme(db(), selected.id, page) : null;
  const countsOf = (list: ThemeCount[], themeId: string) => list.filter((c) => c.themeId === themeId).map((c) => ({ label: c.label, count: c.count }));
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    themes: themeRows.map((t) => ({
      id: t.id,
      title: t.title,
      points: t.points,
      summaryHtml: t.summary ? renderRichTextToHtml(t.summary as JSONContent) : null,
      bySection: countsOf(counts.bySection, t.id),
      byOrganisationType: countsOf(counts.byOrganisationType, t.id).map((c) => ({ ...c, label: organisationTypeLabels[c.label as OrganisationType] ?? c.label })),
      byDisposition: countsOf(counts.byDisposition, t.id).map((c) => ({ ...c, label: dispositionLabels[c.label as Disposition] ?? "nog geen afweging" })),
    })),
    suggestions,
    selected: selected
      ? {
          id: selected.id,
          title: selected.title,
          summaryDoc: (selected.summary as JSONContent | null) ?? emptyDoc(),
          summaryText: selected.summary ? plainTextOf(selected.summary as JSONContent) : "",
          points: selectedPoints!.rows,
          total: selectedPoints!.total,
          page: selectedPoints!.page,
          pageSize: selectedPoints!.pageSize,
        }
      : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const scope = { id: vision.id, regionId: region.id };
  const base = `/beheer/visies/${vision.id}/themas`;
  try {
    switch (intent) {
      case "aanmaken":
      case "bijwerken": {
        const parsed = ThemeFormSchema.safeParse({ title: form.get("title") ?? "", summary: form.get("summary") ?? undefined, summaryJson: form.get("summaryJson") ?? undefined });
        if (!parsed.success) return { error: parsed.error.issues[0]!.message };
        const summary = parseRichTextInput({ text: parsed.data.summary, json: parsed.data.summaryJson }, "de samenvatting");
        if (!summary.ok) return { error: summary.message };
        const summaryDoc = summary.plainText.trim() ? summary.doc : null;
        if (intent === "aanmaken") {
          const theme = await createTheme(db(), viewer, scope, { title: parsed.data.title, summary: summaryDoc });
          throw redirect(`${base}?thema=${theme.id}`);
        }
        const id = ThemeIdSchema.safeParse(form.get("themeId"));
        if (!id.success) return { error: id.error.issues[0]!.message };
        await updateTheme(db(), viewer, scope, id.data, { title: parsed.data.title, summary: summaryDoc });
        throw redirect(`${base}?thema=${id.data}`);
      }
      case "suggestie": {
        const parsed = z
          .object({ title: z.string().trim().min(1, "Kies een suggestie.").max(120), points: z.array(z.uuid()).min(1, "Deze suggestie heeft geen punten.").max(500) })
          .safeParse({ title: form.get("title") ?? "", points: form.getAll("punt") });
        if (!parsed.success) return { error: parsed.error.issues[0]!.message };
        const theme = await createTheme(db(), viewer, scope, { title: parsed.data.title, summary: null, pointIds: parsed.data.points });
        throw redirect(`${base}?thema=${theme.id}`);
      }
      case "verwijderen": {
        const id = ThemeIdSchema.safeParse(form.get("themeId"));
        if (!id.success) return { error: id.error.issues[0]!.message };
        await deleteTheme(db(), viewer, scope, id.data);
        throw redirect(base);
      }
      case "punt-weghalen": {
        const parsed = z.object({ themeId: ThemeIdSchema, pointId: z.uuid({ error: "Kies een punt." }) }).safeParse({ themeId: form.get("themeId"), pointId: form.get("pointId") });
        if (!parsed.success) return { error: parsed.error.issues[0]!.message };
        await removePointFromTheme(db(), viewer, scope, parsed.data.themeId, parsed.data.pointId);
        throw redirect(`${base}?thema=${parsed.data.themeId}`);
      }
      default:
        return { error: "Onbekende actie." };
    }
  } catch (error) {
    if (error instanceof AnswerError) return { error: error.message };
    throw error;
  }
}

function CountList({ title, items }: { title: string; items: Array<{ label: string; count: number }> }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4 className="utrecht-heading-4">{title}</h4>
      <ul className="utrecht-unordered-list">
        {items.map((i) => (
          <li key={i.label} className="utrecht-unordered-list__item">
            {i.label}: {i.count}
          </li>
        ))}
      </ul>
    </>
  );
}

export default function ThemesPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/beheer/visies/${data.vision.id}/themas`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
        {" · "}
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}/beantwoorden`}>
          Punten beantwoorden
        </a>
      </p>
      <h1 className="utrecht-heading-1">Thema's (rode draad)</h1>
      {actionData?.error ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{actionData.error}</p>
        </div>
      ) : null}

      <h2 className="utrecht-heading-2">Thema's</h2>
      {data.themes.length === 0 ? <p className="utrecht-paragraph">Er zijn nog geen thema's.</p> : null}
      {data.themes.map((t) => (
        <section key={t.id} className="theme-card" aria-labelledby={`thema-${t.id}`}>
          <h3 id={`thema-${t.id}`} className="utrecht-heading-3">
            {t.title} ({t.points} {t.points === 1 ? "punt" : "punten"})
          </h3>
          {t.summaryHtml ? <div className="utrecht-rich-text rich-text" dangerouslySetInnerHTML={{ __html: t.summaryHtml }} /> : <p className="utrecht-paragraph muted">Nog geen samenvatting.</p>}
          <div className="theme-counts">
            <CountList title="Per onderdeel" items={t.bySection} />
            <CountList title="Per soort organisatie" items={t.byOrganisationType} />
            <CountList title="Per afweging" items={t.byDisposition} />
          </div>
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={`${base}?thema=${t.id}`}>
              {t.title} bewerken
            </a>
            {" · "}
            <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}/beantwoorden?thema=${t.id}`}>
              Punten van {t.title} in de lijst
            </a>
          </p>
        </section>
      ))}

      {data.selected ? (
        <section aria-labelledby="bewerken-kop">
          <h2 id="bewerken-kop" className="utrecht-heading-2">
            Thema {data.selected.title} bewerken
          </h2>
          <Form method="post" action={`${base}?thema=${data.selected.id}`} className="form-stack form-stack--wide">
            <input type="hidden" name="themeId" value={data.selected.id} />
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="edit-title">
                Naam
              </label>
              <input id="edit-title" name="title" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={data.selected.title} required maxLength={120} />
            </div>
            <RichTextField name="summary" label="Samenvatting" initialDoc={data.selected.summaryDoc} initialText={data.selected.summaryText} />
            <div>
              <button type="submit" name="intent" value="bijwerken" className="utrecht-button utrecht-button--primary-action">
                Thema opslaan
              </button>
            </div>
          </Form>
          <h3 className="utrecht-heading-3">Punten in dit thema</h3>
          {data.selected.total === 0 ? <p className="utrecht-paragraph">Nog geen punten. Voeg ze toe vanuit de lijst met punten.</p> : null}
          {data.selected.total > data.selected.pageSize ? (
            <p className="utrecht-paragraph">
              {data.selected.total} punten; u ziet {Math.min((data.selected.page - 1) * data.selected.pageSize + 1, data.selected.total)} tot en met{" "}
              {Math.min(data.selected.page * data.selected.pageSize, data.selected.total)}.
            </p>
          ) : null}
          <ul className="utrecht-unordered-list">
            {data.selected.points.map((p) => (
              <li key={p.id} className="utrecht-unordered-list__item">
                <Form method="post" action={`${base}?thema=${data.selected!.id}`} className="inline-form">
                  <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}/beantwoorden/${p.reference}`}>
                    {p.reference}
                  </a>{" "}
                  ({p.organisation}): {p.excerpt}{" "}
                  <input type="hidden" name="themeId" value={data.selected!.id} />
                  <input type="hidden" name="pointId" value={p.id} />
                  <button type="submit" name="intent" value="punt-weghalen" className="utrecht-button utrecht-button--subtle" aria-label={`${p.reference} uit het thema halen`}>
                    Uit thema halen
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <Pagination
            page={data.selected.page}
            pageSize={data.selected.pageSize}
            total={data.selected.total}
            buildHref={(n) => `${base}?thema=${data.selected!.id}${n > 1 ? `&pagina=${n}` : ""}#bewerken-kop`}
          />
          <Form method="post" action={`${base}?thema=${data.selected.id}`}>
            <input type="hidden" name="themeId" value={data.selected.id} />
            <button type="submit" name="intent" value="verwijderen" className="utrecht-button utrecht-button--secondary-action">
              Thema {data.selected.title} verwijderen
            </button>
          </Form>
        </section>
      ) : null}

      <h2 className="utrecht-heading-2">Nieuw thema</h2>
      <Form method="post" action={base} className="form-stack form-stack--wide">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="new-title">
            Naam
          </label>
          <input id="new-title" name="title" className="utrecht-textbox utrecht-textbox--html-input" required maxLength={120} />
        </div>
        <RichTextField name="summary" label="Samenvatting (mag later)" initialDoc={emptyDoc()} initialText="" />
        <div>
          <button type="submit" name="intent" value="aanmaken" className="utrecht-button utrecht-button--primary-action">
            Thema aanmaken
          </button>
        </div>
      </Form>

      <h2 className="utrecht-heading-2">Suggesties</h2>
      <p className="utrecht-paragraph">Woorden die in punten van minstens twee organisaties voorkomen, met de punten die het thema zou bundelen.</p>
      {data.suggestions.length === 0 ? <p className="utrecht-paragraph">Geen suggesties.</p> : null}
      <ul className="utrecht-unordered-list">
        {data.suggestions.map((s) => (
          <li key={s.word} className="utrecht-unordered-list__item">
            <Form method="post" action={base} className="inline-form">
              <strong>{s.word}</strong> ({s.organisations} organisaties): {s.points.map((p) => p.reference).join(", ")}{" "}
              <input type="hidden" name="title" value={s.word} />
              {s.points.map((p) => (
                <input key={p.id} type="hidden" name="punt" value={p.id} />
              ))}
              <button type="submit" name="intent" value="suggestie" className="utrecht-button utrecht-button--subtle" aria-label={`Thema ${s.word} maken met ${s.points.length} punten`}>
                Thema maken
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
