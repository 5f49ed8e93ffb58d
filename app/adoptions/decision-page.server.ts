import { redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { Viewer } from "~/auth/roles";
import { plainTextOf } from "~/editor/plain-text";
import { db } from "~/lib/db.server";
import { docxLetterText } from "~/reactions/letter-import.server";
import type { JSONContent } from "@tiptap/core";
import { AdoptionError, attachDecisionFile, loadDecisionForm, recordDecision } from "./adoptions.server";
import { sentAdoptionRequests } from "./adoption-requests.server";
import { importCouncilLetter } from "./council-letters.server";
import { MAX_DECISION_FILE_BYTES } from "./options";
import { decisionFromForm } from "./schema.server";

/**
 * The decision page is the same for the griffie (its own municipality) and for staff (on its
 * behalf): one loader payload and one action with three intents (besluit, raadsbesluit,
 * reactiebrief), so both routes stay thin.
 */
export async function decisionPageData(visionId: string, municipalityId: string) {
  const [form, requests] = await Promise.all([loadDecisionForm(db(), visionId, municipalityId), sentAdoptionRequests(db(), visionId, municipalityId)]);
  if (!form) return null;
  const a = form.adoption;
  return {
    vision: { id: form.vision.id, title: form.vision.title },
    municipality: { id: form.municipality.id, name: form.municipality.name },
    versions: form.versions.map((v) => ({ id: v.id, label: v.label, number: v.number, isDefinitive: v.isDefinitive })),
    deadline: form.deadline,
    /** Every aanbiedingsbrief sent to this municipality, newest first. */
    adoptionRequests: requests.map((r) => ({
      id: r.id,
      letterNumber: r.letterNumber,
      letterDate: r.letterDate,
      deadline: r.deadline,
      sentAt: r.sentAt.toISOString(),
      versionLabel: r.versionLabel,
      pdfFileId: r.pdfFileId,
      docxFileId: r.docxFileId,
    })),
    adoption: {
      revision: a?.revision ?? 0,
      versionId: a?.versionId ?? form.target?.id ?? "",
      proposalNumber: a?.proposalNumber ?? "",
      collegeDate: a?.collegeDate ?? "",
      portfolioHolder: a?.portfolioHolder ?? "",
      committeeDate: a?.committeeDate ?? "",
      councilDate: a?.councilDate ?? "",
      decisionNumber: a?.decisionNumber ?? "",
      outcome: a?.outcome ?? "",
      items: ((a?.decisionItems as Array<{ text: string; outcome: string | null }> | undefined) ?? []).map((i) => ({ text: i.text, outcome: i.outcome ?? "" })),
      decisionFileId: a?.decisionFileId ?? null,
      decisionFileName: form.decisionFileName,
      exists: !!a,
    },
    councilLetter: form.councilLetter
      ? {
          id: form.councilLetter.id,
          subject: form.councilLetter.subject,
          letterDate: form.councilLetter.letterDate,
          letterNumber: form.councilLetter.reference,
          replyReference: form.councilLetter.replyReference,
          introduction: plainTextOf(form.councilLetter.introduction as JSONContent),
          points: form.councilLetter.points,
        }
      : null,
  };
}

export type DecisionPageData = NonNullable<Awaited<ReturnType<typeof decisionPageData>>>;

export interface DecisionActionData {
  intent: string;
  errors: string[];
}

export async function handleDecisionAction(request: Request, viewer: Viewer, visionId: string, municipalityId: string, back: string): Promise<DecisionActionData> {
  let form: FormData;
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DECISION_FILE_BYTES + 1024 }));
    } catch {
      return { intent: "upload", errors: ["Het bestand is te groot (hoogstens 10 MB)."] };
    }
  } else {
    form = await request.formData();
  }
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "besluit") {
      await recordDecision(db(), viewer, { visionId, municipalityId, decision: decisionFromForm(form) });
      throw redirect(`${back}?opgeslagen=besluit`);
    }
    if (intent === "raadsbesluit") {
      const file = form.get("decisionFile");
      if (!(file instanceof File) || file.size === 0) return { intent, errors: ["Kies het raadsbesluit als PDF-bestand."] };
      await attachDecisionFile(db(), viewer, {
        visionId,
        municipalityId,
        revision: Number(form.get("revision") ?? -1),
        filename: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      throw redirect(`${back}?opgeslagen=raadsbesluit`);
    }
    if (intent === "reactiebrief") {
      let text = String(form.get("text") ?? "");
      const file = form.get("document");
      if (file instanceof File && file.size > 0) {
        const extracted = await docxLetterText(Buffer.from(await file.arrayBuffer()));
        if (!extracted.ok) return { intent, errors: [extracted.message] };
        text = extracted.text;
      }
      await importCouncilLetter(db(), viewer, { visionId, municipalityId, text });
      throw redirect(`${back}?opgeslagen=reactiebrief#reactiebrief`);
    }
  } catch (error) {
    if (error instanceof AdoptionError) return { intent, errors: error.messages };
    throw error;
  }
  return { intent, errors: ["Kies wat u wilt vastleggen."] };
}
