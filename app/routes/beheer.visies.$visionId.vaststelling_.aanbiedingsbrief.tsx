import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { JSONContent } from "@tiptap/core";
import { defaultAdoptionLetterBody } from "~/adoptions/aanbiedingsbrief";
import { adoptionLetterDocument, saveAdoptionRequest, sendAdoptionRequest } from "~/adoptions/adoption-requests.server";
import { AdoptionError, loadAdoptionOverview, todayIso } from "~/adoptions/adoptions.server";
import { longDutchDate } from "~/adoptions/in-force";
import { letterRenderers } from "~/adoptions/render.server";
import { notFound } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { plainTextOf } from "~/editor/plain-text";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Aanbiedingsbrief — Beheer — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const today = todayIso();
  const overview = await loadAdoptionOverview(db(), vision.id, today);
  if (!overview) throw notFound();
  const current = overview.requests[0] ?? null;
  const letter = current ? await adoptionLetterDocument(db(), current) : null;
  const memberCount = overview.rows.filter((r) => r.isMember).length;
  const defaultDeadline = `${Number(today.slice(0, 4)) + (today.slice(5) > "09-30" ? 1 : 0)}-${today.slice(5) > "09-30" ? "03" : "12"}-01`;
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    target: overview.target ? { id: overview.target.id, label: overview.target.label } : null,
    current: current
      ? {
          id: current.id,
          sent: !!current.sentAt,
          sentAt: current.sentAt ? current.sentAt.toISOString().slice(0, 10) : null,
          deadline: current.deadline,
          letterDate: current.letterDate ?? today,
          letterNumber: current.letterNumber ?? "",
          body: plainTextOf(current.body as JSONContent),
          signedByName: current.signedByName ?? "",
          pdfFileId: current.pdfFileId,
          docxFileId: current.docxFileId,
        }
      : null,
    preview: letter
      ? {
          recipient: letter.document.recipient.name,
          municipalities: letter.municipalities.map((m) => m.name),
          subject: letter.document.references.subject,
          date: letter.document.references.date,
          reference: letter.document.references.ourReference ?? null,
          salutation: letter.document.salutation,
          paragraphs: plainTextOf((current?.body as JSONContent) ?? { type: "doc" }).split(/\n{2,}/),
          facts: letter.document.body.flatMap((b) => (b.type === "facts" ? b.rows : [])),
          signatures: letter.document.signatures,
        }
      : null,
    defaults: {
      letterDate: today,
      deadline: defaultDeadline,
      body: defaultAdoptionLetterBody({ regionName: region.name, visionTitle: vision.title, municipalityCount: memberCount, deadline: defaultDeadline }),
    },
    memberCount,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, vision } = await requireVisionStaff(request, context, params.visionId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const requestIdField = z.uuid().nullable().safeParse(String(form.get("requestId") ?? "") || null);
  if (!requestIdField.success) return { errors: ["Deze aanbiedingsbrief bestaat niet."] };
  const requestId = requestIdField.data;
  const versionId = String(form.get("versionId") ?? "");
  if (intent === "opslaan" && versionId !== "" && !z.uuid().safeParse(versionId).success)
    return { errors: ["Kies een definitieve versie van de visie."] };
  try {
    if (intent === "opslaan") {
      await saveAdoptionRequest(
        db(),
        viewer,
        vision.id,
        {
          versionId,
          deadline: String(form.get("deadline") ?? ""),
          letterDate: String(form.get("letterDate") ?? ""),
          letterNumber: String(form.get("letterNumber") ?? ""),
          body: String(form.get("body") ?? ""),
          signedByName: String(form.get("signedByName") ?? ""),
        },
        requestId,
      );
      throw redirect(`/beheer/visies/${vision.id}/vaststelling/aanbiedingsbrief?opgeslagen=1#voorbeeld`);
    }
    if (intent === "verzenden" && requestId) {
      await sendAdoptionRequest(db(), viewer, vision.id, requestId, letterRenderers);
      throw redirect(`/beheer/visies/${vision.id}/vaststelling?verzonden=1`);
    }
  } catch (error) {
    if (error instanceof AdoptionError) return { errors: error.messages };
    throw error;
  }
  return { errors: ["Kies of u de brief wilt opslaan of verzenden."] };
}

export default function AdoptionRequestPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/beheer/visies/${data.vision.id}/vaststelling`;
  const c = data.current;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          Terug naar de vaststelling
        </a>
      </p>
      <h1 className="utrecht-heading-1">Aanbiedingsbrief</h1>
      <p className="utrecht-paragraph">
        Met de aanbiedingsbrief biedt de regio de definitieve versie aan de colleges van alle {data.memberCount} lidgemeenten aan, met de vraag om
        vaststelling door de raad vóór een datum. Bij verzenden krijgt elke contactpersoon en griffie van die gemeenten een e-mail met de brief als PDF, en
        begint per gemeente het dossier voor het raadsbesluit.
      </p>
      {actionData?.errors?.length ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <h2 className="utrecht-heading-3">Er is een probleem</h2>
          <ul className="utrecht-unordered-list">
            {actionData.errors.map((message) => (
              <li key={message} className="utrecht-unordered-list__item">
                {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!data.target ? (
        <p className="utrecht-paragraph">Er is nog geen definitieve versie gepubliceerd. Publiceer eerst de definitieve versie; daarna kunt u hem aanbieden.</p>
      ) : c?.sent ? (
        <p className="utrecht-paragraph">
          Verzonden op {longDutchDate(c.sentAt!)}.{" "}
          {c.pdfFileId ? (
            <a className="utrecht-link" href={`${base}/bestanden/${c.pdfFileId}/aanbiedingsbrief.pdf`} download>
              Brief als PDF
            </a>
          ) : null}
          {" · "}
          {c.docxFileId ? (
            <a className="utrecht-link" href={`${base}/bestanden/${c.docxFileId}/aanbiedingsbrief.docx`} download>
              Brief als Word-bestand
            </a>
          ) : null}
        </p>
      ) : (
        <section aria-labelledby="opstellen">
          <h2 className="utrecht-heading-2" id="opstellen">
            {c ? "Brief aanpassen" : "Brief opstellen"}
          </h2>
          <Form method="post" className="form-stack form-stack--wide">
            <input type="hidden" name="intent" value="opslaan" />
            <input type="hidden" name="versionId" value={data.target.id} />
            {c ? <input type="hidden" name="requestId" value={c.id} /> : null}
            <p className="utrecht-paragraph">Versie ter vaststelling: {data.target.label}</p>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="letterDate">
                Datum van de brief
              </label>
              <input id="letterDate" name="letterDate" type="date" required className="utrecht-textbox utrecht-textbox--html-input" defaultValue={c?.letterDate ?? data.defaults.letterDate} />
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="letterNumber">
                Ons kenmerk
              </label>
              <input id="letterNumber" name="letterNumber" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={c?.letterNumber ?? ""} maxLength={60} />
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="deadline">
                Raadsbesluit uiterlijk op
              </label>
              <input id="deadline" name="deadline" type="date" required className="utrecht-textbox utrecht-textbox--html-input" defaultValue={c?.deadline ?? data.defaults.deadline} />
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="body">
                Tekst van de brief
              </label>
              <p className="utrecht-form-field-description" id="body-description">
                Alinea&apos;s scheidt u met een lege regel.
              </p>
              <textarea id="body" name="body" rows={14} required aria-describedby="body-description" className="utrecht-textarea" defaultValue={c?.body ?? data.defaults.body} />
            </div>
            <div className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor="signedByName">
                Ondertekening
              </label>
              <p className="utrecht-form-field-description" id="signedByName-description">
                Eerste regel de naam, daaronder de functie(s).
              </p>
              <textarea id="signedByName" name="signedByName" rows={3} aria-describedby="signedByName-description" className="utrecht-textarea" defaultValue={c?.signedByName ?? ""} />
            </div>
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              Opslaan en voorbeeld bekijken
            </button>
          </Form>
        </section>
      )}
      {data.preview ? (
        <section aria-labelledby="voorbeeld">
          <h2 className="utrecht-heading-2" id="voorbeeld">
            {c?.sent ? "De verzonden brief" : "Voorbeeld"}
          </h2>
          <article className="letter-preview">
            <p className="utrecht-paragraph">
              <strong>{data.preview.recipient}</strong>
              <br />
              {data.preview.municipalities.join(", ")}
            </p>
            <dl className="facts">
              <dt>Datum</dt>
              <dd>{longDutchDate(data.preview.date)}</dd>
              {data.preview.reference ? (
                <>
                  <dt>Ons kenmerk</dt>
                  <dd>{data.preview.reference}</dd>
                </>
              ) : null}
              <dt>Betreft</dt>
              <dd>{data.preview.subject}</dd>
            </dl>
            <p className="utrecht-paragraph">{data.preview.salutation}</p>
            {data.preview.paragraphs.map((p, index) => (
              <p key={index} className="utrecht-paragraph">
                {p}
              </p>
            ))}
            <dl className="facts">
              {data.preview.facts.map((f) => (
                <div key={f.label}>
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
            <p className="utrecht-paragraph">Hoogachtend,</p>
            {data.preview.signatures.map((s) => (
              <p key={s.name} className="utrecht-paragraph">
                {s.onBehalfOf}
                <br />
                {s.name}
                {s.title ? (
                  <>
                    <br />
                    {s.title}
                  </>
                ) : null}
              </p>
            ))}
          </article>
          {c && !c.sent ? (
            <Form method="post">
              <input type="hidden" name="intent" value="verzenden" />
              <input type="hidden" name="requestId" value={c.id} />
              <p className="utrecht-paragraph">
                Na verzenden kunt u de brief niet meer wijzigen. Hij gaat naar {data.preview.municipalities.length} gemeenten.
              </p>
              <button type="submit" className="utrecht-button utrecht-button--primary-action">
                Aanbiedingsbrief verzenden
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
