import { parseWithZod } from "@conform-to/zod/v4";
import type { JSONContent } from "@tiptap/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { and, eq } from "drizzle-orm";
import { sections } from "~db/schema";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { RichTextField } from "~/components/RichTextField";
import { StaffNav } from "~/components/StaffNav";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";
import { analyseReadability } from "~/visions/readability";
import { SectionFormSchema } from "~/visions/schema.server";
import { sectionKindLabels, sectionKinds } from "~/visions/section-kinds";
import { parseSectionContent, updateSection } from "~/visions/sections.server";
import { getDraft, VisionError } from "~/visions/visions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.section.title ?? "Onderdeel"} bewerken — Herleidbaar` }];

async function loadDraftSection(visionId: string, sectionKey: string | undefined) {
  const key = z.uuid().safeParse(sectionKey);
  if (!key.success) throw notFound();
  const draft = await getDraft(db(), visionId);
  if (!draft) throw notFound();
  const [section] = await db().select().from(sections).where(and(eq(sections.versionId, draft.id), eq(sections.key, key.data)));
  if (!section) throw notFound();
  return { draft, section };
}

function readabilityView(text: string) {
  const result = analyseReadability(text);
  return {
    score: result.score,
    level: result.level,
    b1: result.b1,
    words: result.words,
    sentences: result.sentences,
    longSentences: result.longSentences.map((s) => ({ words: s.words, text: s.text })),
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const { draft, section } = await loadDraftSection(vision.id, params.sectionKey);
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    revision: draft.revision,
    section: {
      key: section.key,
      title: section.title,
      kind: section.kind,
      number: section.number ?? "",
      content: section.content as JSONContent,
      plainText: section.plainText,
    },
    readability: readabilityView(section.plainText),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const { section } = await loadDraftSection(vision.id, params.sectionKey);
  const submission = parseWithZod(await request.formData(), { schema: SectionFormSchema });
  if (submission.status !== "success") return { errors: Object.values(submission.error ?? {}).flat(), conflictText: null };
  const content = parseSectionContent(submission.value);
  if (!content.ok) return { errors: [content.message], conflictText: null };
  try {
    await updateSection(db(), viewer.user.id, region.id, vision.id, section.key, {
      title: submission.value.title,
      kind: submission.value.kind,
      number: submission.value.number,
      content: content.doc,
      revision: submission.value.revision,
    });
  } catch (error) {
    if (error instanceof VisionError) {
      return { errors: [error.message], conflictText: error.field === "conflict" ? (submission.value.content ?? submission.value.contentJson ?? "") : null };
    }
    throw error;
  }
  throw redirect(`/beheer/visies/${vision.id}/onderdelen/${section.key}?opgeslagen=1`);
}

export default function EditSectionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = searchParams.has("opgeslagen");
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">{data.section.title} bewerken</h1>
      {actionData?.errors?.length ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <ul className="utrecht-unordered-list">
            {actionData.errors.map((message) => (
              <li key={message} className="utrecht-unordered-list__item">
                {message}
              </li>
            ))}
          </ul>
          {actionData.conflictText ? (
            <>
              <p className="utrecht-paragraph">Uw niet-opgeslagen tekst:</p>
              <pre className="mailbox-body">{actionData.conflictText}</pre>
            </>
          ) : null}
        </div>
      ) : null}
      {saved && !actionData ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">Opgeslagen.</p>
        </div>
      ) : null}
      <Form method="post" className="form-stack form-stack--wide">
        <input type="hidden" name="revision" value={data.revision} />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="title">
            Titel
          </label>
          <input id="title" name="title" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={data.section.title} required maxLength={300} />
        </div>
        <div className="filters">
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="kind">
              Soort
            </label>
            <select id="kind" name="kind" className="utrecht-select utrecht-select--html-select" defaultValue={data.section.kind}>
              {sectionKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {sectionKindLabels[kind]}
                </option>
              ))}
            </select>
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="number">
              Nummer
            </label>
            <input id="number" name="number" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={data.section.number} maxLength={20} />
          </div>
        </div>
        <RichTextField
          name="content"
          label="Tekst"
          initialDoc={data.section.content}
          initialText={data.section.plainText}
          description="Zonder JavaScript: scheid alinea's met een lege regel."
        />
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            Opslaan
          </button>
        </div>
      </Form>
      <section aria-labelledby="leesbaarheid" className="card">
        <h2 id="leesbaarheid" className="utrecht-heading-2">
          Leesbaarheid
        </h2>
        {data.readability.score === null ? (
          <p className="utrecht-paragraph">Nog geen tekst.</p>
        ) : (
          <>
            <p className="utrecht-paragraph">
              Flesch-Douma: <strong>{data.readability.score}</strong> ({data.readability.level}).{" "}
              {data.readability.b1 ? "Dit ligt rond taalniveau B1." : "Dit is moeilijker dan taalniveau B1: maak zinnen korter en woorden eenvoudiger."}{" "}
              {data.readability.words} woorden in {data.readability.sentences} zinnen.
            </p>
            {data.readability.longSentences.length > 0 ? (
              <>
                <h3 className="utrecht-heading-3">Lange zinnen (meer dan 20 woorden)</h3>
                <ul className="utrecht-unordered-list">
                  {data.readability.longSentences.map((s, index) => (
                    <li key={index} className="utrecht-unordered-list__item">
                      <mark className="readability-long">{s.text}</mark> <span className="muted">({s.words} woorden)</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
