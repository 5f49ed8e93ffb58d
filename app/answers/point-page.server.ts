import type { JSONContent } from "@tiptap/core";
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin, organisationTypeLabels } from "~/auth/roles";
import { emptyDoc, plainTextOf } from "~/editor/plain-text";
import { renderRichTextToHtml } from "~/editor/render.server";
import { memoByDataVersion } from "~/lib/data-version.server";
import { formatDate, formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { formRevision, z } from "~/lib/zod.server";
import { pointKindLabels } from "~/reactions/options";
import { requireVisionStaff } from "~/visions/guards.server";
import {
  AnswerError,
  anchorsWithSections,
  changedSectionOptions,
  getPointForStaff,
  listStaffOfRegion,
  parseRichTextInput,
  reuseAnswer,
  reuseGroupOf,
  saveAnswer,
  signOffAnswer,
  userNames,
} from "./answers.server";
import { pointReference, requireAnsweringPoint } from "./guards.server";
import type { AnswerStatus } from "./labels";
import { AnswerFormSchema } from "./schema.server";
import { similarPoints } from "./similar.server";

/**
 * Everything the answering page shows about one point that does not depend on who looks at it: the
 * point, its anchors, the answer, the staff list, the changed-section options, the reuse group and
 * the similar points. Null when the reference is not a submitted point of the visie.
 */
async function computePointPage(visionId: string, regionId: string, reference: string) {
  const found = await getPointForStaff(db(), visionId, reference);
  if (!found) return null;
  const { point, reaction, organisation, answer } = found;
  const [anchors, similar, staff, changedSections, reusedBy, people] = await Promise.all([
    anchorsWithSections(db(), point.id),
    similarPoints(db(), visionId, point.id),
    listStaffOfRegion(db(), regionId),
    changedSectionOptions(db(), visionId, reaction.versionId),
    reuseGroupOf(db(), visionId, answer),
    userNames(db(), [answer?.answeredById, answer?.reviewedById]),
  ]);
  const nameOf = (id: string | null | undefined) => (id ? (people.get(id) ?? null) : null);
  const answerBody = (answer?.body as JSONContent | null) ?? emptyDoc();
  return {
    point: {
      id: point.id,
      reference: point.reference,
      kind: pointKindLabels[point.kind],
      html: renderRichTextToHtml(point.body as JSONContent),
      isGeneral: point.isGeneral,
    },
    reaction: { id: reaction.id, kind: reaction.kind, isLate: reaction.isLate, submittedAt: reaction.submittedAt ? formatDate(reaction.submittedAt) : null },
    organisation: { name: organisation.name, type: organisationTypeLabels[organisation.type] },
    // The plain text is only shown for a section without stored HTML; not sent twice.
    anchors: anchors.map((a) => ({ sectionKey: a.sectionKey, title: `${a.number ? `${a.number} ` : ""}${a.title ?? "onderdeel"}`, html: a.contentHtml ?? null, plainText: a.contentHtml ? "" : (a.plainText ?? ""), exact: a.exact })),
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

/**
 * The loader of the answering page. The viewer is checked on every request (region staff); the page's
 * data is computed once per data version (see data-version.server.ts): the similar points alone cost
 * ~150 ms of SQL at 20,000 points, and nothing they show changes until something is saved.
 */
export async function loadPointPage(request: Request, context: AppLoadContext, visionIdParam: string | undefined, referenceParam: string | undefined) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, visionIdParam);
  const parsed = pointReference.safeParse(referenceParam);
  if (!parsed.success) throw notFound();
  const page = await memoByDataVersion(`answer-point:${vision.id}:${region.id}:${parsed.data}`, () => computePointPage(vision.id, region.id, parsed.data));
  if (!page) throw notFound();
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    viewerId: viewer.user.id,
    vision: { id: vision.id, title: vision.title },
    ...page,
  };
}

const SignOffSchema = z.object({ revision: formRevision(1) });
const ReuseSchema = z.object({ revision: formRevision(0), sourceAnswerId: z.uuid({ error: "Kies een antwoord om te hergebruiken." }) });

export interface PointActionResult {
  errors: string[];
  unsavedText: string | null;
  conflict: boolean;
}

/** The action of the answering page: save the answer, sign it off, or reuse a similar point's answer. */
export async function pointPageAction(request: Request, context: AppLoadContext, visionIdParam: string | undefined, referenceParam: string | undefined): Promise<PointActionResult> {
  const { viewer, region, vision, point } = await requireAnsweringPoint(request, context, visionIdParam, referenceParam);
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
