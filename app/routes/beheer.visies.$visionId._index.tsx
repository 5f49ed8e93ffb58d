import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { formatDate, formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { requireVisionStaff } from "~/visions/guards.server";
import { withDepth } from "~/visions/reading.server";
import { AddSectionSchema, ExtendDeadlineSchema, MoveSectionSchema, OutlineIntentSchema } from "~/visions/schema.server";
import { sectionKindLabels, sectionKinds, type SectionKind } from "~/visions/section-kinds";
import { addSection, deleteSection, moveSection, renumberDraft } from "~/visions/sections.server";
import { ensureDraft, extendDeadline, getDraft, listRoundInvitees, listRounds, listSections, listVersions, VisionError } from "~/visions/visions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.vision.title ?? "Visie"} — Beheer — Herleidbaar` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const [versions, draft, rounds] = await Promise.all([listVersions(db(), vision.id), getDraft(db(), vision.id), listRounds(db(), vision.id)]);
  const [draftSections, invitees] = await Promise.all([
    draft ? listSections(db(), draft.id) : Promise.resolve([]),
    listRoundInvitees(db(), rounds.map((r) => r.id)),
  ]);
  return {
    region: { name: region.name, slug: region.slug },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title, slug: vision.slug },
    versions: versions.map((v) => ({ number: v.number, label: v.label, status: v.status, publishedAt: v.publishedAt ? formatDate(v.publishedAt) : null })),
    draft: draft ? { number: draft.number, revision: draft.revision } : null,
    sections: withDepth(draftSections).map((s) => ({ key: s.key, depth: s.depth, kind: s.kind, number: s.number, title: s.title, words: s.plainText.split(/\s+/).filter(Boolean).length })),
    rounds: rounds.map((r) => ({
      id: r.id,
      version: `${r.versionNumber}: ${r.versionLabel}`,
      opensAt: formatDate(r.opensAt),
      closesAt: formatDateTime(r.closesAt),
      closesAtValue: r.closesAt.toISOString().slice(0, 10),
      open: r.closesAt.getTime() > Date.now(),
      invitees: invitees.filter((i) => i.roundId === r.id).map((i) => i.name),
    })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const formData = await request.formData();
  const intent = OutlineIntentSchema.safeParse({ intent: formData.get("intent") });
  if (!intent.success) return { error: "Onbekende handeling.", done: null };
  const actor = viewer.user.id;
  try {
    switch (intent.data.intent) {
      case "move": {
        const parsed = MoveSectionSchema.safeParse(Object.fromEntries(formData));
        if (!parsed.success) return { error: parsed.error.issues[0]!.message, done: null };
        await moveSection(db(), actor, region.id, vision.id, parsed.data.sectionKey, parsed.data.direction);
        return { error: null, done: "Onderdeel verplaatst." };
      }
      case "delete": {
        const parsed = MoveSectionSchema.pick({ sectionKey: true }).safeParse(Object.fromEntries(formData));
        if (!parsed.success) return { error: parsed.error.issues[0]!.message, done: null };
        await deleteSection(db(), actor, region.id, vision.id, parsed.data.sectionKey);
        return { error: null, done: "Onderdeel verwijderd." };
      }
      case "add": {
        const submission = parseWithZod(formData, { schema: AddSectionSchema });
        if (submission.status !== "success") return { error: Object.values(submission.error ?? {}).flat()[0] ?? "Controleer het formulier.", done: null };
        await addSection(db(), actor, region.id, vision.id, submission.value);
        return { error: null, done: "Onderdeel toegevoegd." };
      }
      case "renumber":
        await renumberDraft(db(), actor, region.id, vision.id);
        return { error: null, done: "Nummering bijgewerkt." };
      case "new-draft":
        await ensureDraft(db(), actor, region.id, vision.id);
        return { error: null, done: "Nieuwe conceptversie gemaakt op basis van de laatste versie." };
      case "extend": {
        const submission = parseWithZod(formData, { schema: ExtendDeadlineSchema });
        if (submission.status !== "success") return { error: Object.values(submission.error ?? {}).flat()[0] ?? "Controleer de datum.", done: null };
        await extendDeadline(db(), actor, region.id, vision.id, submission.value.roundId, submission.value.closesAt);
        return { error: null, done: "Reactietermijn verlengd." };
      }
    }
  } catch (error) {
    if (error instanceof VisionError) return { error: error.message, done: null };
    throw error;
  }
}

const moveLabels = { up: "Omhoog", down: "Omlaag", in: "Inspringen", out: "Uitspringen" } as const;

export default function StaffVisionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/beheer/visies/${data.vision.id}`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <h1 className="utrecht-heading-1">{data.vision.title}</h1>
      {actionData?.error ? (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{actionData.error}</p>
        </div>
      ) : null}
      {actionData?.done ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{actionData.done}</p>
        </div>
      ) : null}

      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`${base}/reacties`}>
          Ontvangen reacties bekijken
        </a>
      </p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`${base}/uitvoering`}>
          Uitvoeringsplan (acties, herleidbaarheid, tekortenrapport)
        </a>
      </p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`${base}/beantwoorden`}>
          Punten beantwoorden (triage, antwoorden, publiceren)
        </a>
        {" · "}
        <a className="utrecht-link" href={`${base}/themas`}>
          Thema's (rode draad)
        </a>
      </p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`${base}/brieven`}>
          Antwoordbrieven
        </a>
        {" · "}
        <a className="utrecht-link" href={`${base}/nota`}>
          Nota van beantwoording
        </a>
        {" · "}
        <a className="utrecht-link" href={`${base}/rode-draad`}>
          Rode draad document
        </a>
      </p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`${base}/vaststelling`}>
          Vaststelling door de gemeenten (aanbiedingsbrief, besluiten, van kracht)
        </a>
      </p>
      <h2 className="utrecht-heading-2">Versies</h2>
      <ul className="utrecht-unordered-list">
        {data.versions.map((v) => (
          <li key={v.number} className="utrecht-unordered-list__item">
            Versie {v.number}: {v.label} —{" "}
            {v.status === "published" ? (
              <>
                gepubliceerd op {v.publishedAt} (
                <a className="utrecht-link" href={`/visies/${data.region.slug}/${data.vision.slug}?versie=${v.number}`}>
                  lezen
                </a>
                )
              </>
            ) : (
              "concept, nog niet gepubliceerd"
            )}
          </li>
        ))}
      </ul>

      {data.rounds.length > 0 ? (
        <>
          <h2 className="utrecht-heading-2">Consultatierondes</h2>
          {data.rounds.map((r) => (
            <div key={r.id} className="card">
              <p className="utrecht-paragraph">
                Versie {r.version}: van {r.opensAt} tot en met {r.closesAt} ({r.open ? "open" : "gesloten"}). Uitgenodigd:{" "}
                {r.invitees.length ? r.invitees.join(", ") : "iedere geregistreerde organisatie"}.
              </p>
              <Form method="post" className="filters">
                <input type="hidden" name="intent" value="extend" />
                <input type="hidden" name="roundId" value={r.id} />
                <div className="utrecht-form-field">
                  <label className="utrecht-form-label" htmlFor={`closes-${r.id}`}>
                    Nieuwe einddatum
                  </label>
                  <input id={`closes-${r.id}`} name="closesAt" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={r.closesAtValue} />
                </div>
                <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                  Termijn verlengen
                </button>
              </Form>
            </div>
          ))}
        </>
      ) : null}

      <h2 className="utrecht-heading-2">{data.draft ? `Concept (versie ${data.draft.number})` : "Concept"}</h2>
      {!data.draft ? (
        <Form method="post">
          <input type="hidden" name="intent" value="new-draft" />
          <p className="utrecht-paragraph">Alle versies zijn gepubliceerd. Maak een nieuwe conceptversie om wijzigingen voor te bereiden.</p>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            Nieuwe conceptversie maken
          </button>
        </Form>
      ) : (
        <>
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={`${base}/importeren`}>
              Document importeren (Word, Markdown of tekst)
            </a>{" "}
            ·{" "}
            <a className="utrecht-link" href={`${base}/publiceren`}>
              Dit concept publiceren
            </a>
          </p>
          {data.sections.length === 0 ? (
            <p className="utrecht-paragraph">Dit concept is nog leeg. Importeer een document of voeg onderdelen toe.</p>
          ) : (
            <ol className="section-tree" aria-label="Onderdelen van het concept">
              {data.sections.map((s) => (
                <li key={s.key} className="section-tree__item" style={{ paddingInlineStart: `${(s.depth - 1) * 1.5}rem` }}>
                  <span>
                    <a className="utrecht-link" href={`${base}/onderdelen/${s.key}`}>
                      {s.number ? `${s.number} ` : ""}
                      {s.title}
                    </a>{" "}
                    <span className="muted">
                      ({sectionKindLabels[s.kind as SectionKind]}, {s.words} woorden)
                    </span>
                  </span>
                  <span className="section-tree__actions">
                    {(["up", "down", "in", "out"] as const).map((direction) => (
                      <Form method="post" key={direction} className="inline-form">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="sectionKey" value={s.key} />
                        <input type="hidden" name="direction" value={direction} />
                        <button type="submit" className="utrecht-button utrecht-button--subtle" aria-label={`${moveLabels[direction]}: ${s.title}`}>
                          {moveLabels[direction]}
                        </button>
                      </Form>
                    ))}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="sectionKey" value={s.key} />
                      <button type="submit" className="utrecht-button utrecht-button--subtle" aria-label={`Verwijderen: ${s.title}`}>
                        Verwijderen
                      </button>
                    </Form>
                  </span>
                </li>
              ))}
            </ol>
          )}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="renumber" />
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              Nummering bijwerken
            </button>
          </Form>
          <h3 className="utrecht-heading-3">Onderdeel toevoegen</h3>
          <Form method="post" className="filters">
            <input type="hidden" name="intent" value="add" />
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="new-title">
                Titel
              </label>
              <input id="new-title" name="title" className="utrecht-textbox utrecht-textbox--html-input" required maxLength={300} />
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="new-kind">
                Soort
              </label>
              <select id="new-kind" name="kind" className="utrecht-select utrecht-select--html-select">
                {sectionKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {sectionKindLabels[kind]}
                  </option>
                ))}
              </select>
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="new-parent">
                Onder
              </label>
              <select id="new-parent" name="parentKey" className="utrecht-select utrecht-select--html-select">
                <option value="">Hoogste niveau</option>
                {data.sections
                  .filter((s) => s.depth <= 2)
                  .map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.number ? `${s.number} ` : ""}
                      {s.title}
                    </option>
                  ))}
              </select>
            </div>
            <button type="submit" className="utrecht-button utrecht-button--primary-action">
              Toevoegen
            </button>
          </Form>
        </>
      )}
    </>
  );
}
