import { Form } from "@remix-run/react";
import type { DecisionActionData, DecisionPageData } from "./decision-page.server";
import { decisionOutcomes, longDutchDate, outcomeLabels } from "./in-force";
import { MAX_DECISION_ITEMS } from "./options";

function Errors({ data, intent }: { data: DecisionActionData | undefined; intent: string }) {
  if (!data?.errors.length || (data.intent !== intent && !(intent === "raadsbesluit" && data.intent === "upload"))) return null;
  return (
    <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
      <h3 className="utrecht-heading-3">Er is een probleem</h3>
      <ul className="utrecht-unordered-list">
        {data.errors.map((message) => (
          <li key={message} className="utrecht-unordered-list__item">
            {message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Field({ id, label, children, description }: { id: string; label: string; children: React.ReactNode; description?: string }) {
  return (
    <div className="utrecht-form-field">
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {description ? (
        <p className="utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </p>
      ) : null}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

const savedMessages: Record<string, string> = {
  besluit: "Het raadsvoorstel en besluit zijn opgeslagen.",
  raadsbesluit: "Het raadsbesluit (PDF) is toegevoegd.",
  reactiebrief: "De reactiebrief is vastgelegd; de punten staan hieronder.",
};

/** The griffie's and the staff's decision page: raadsvoorstel and besluit, the raadsbesluit PDF, the reactiebrief. */
export function DecisionForms({
  data,
  actionData,
  saved,
  fileHref,
}: {
  data: DecisionPageData;
  actionData: DecisionActionData | undefined;
  saved: string | null;
  /** Where staff download the raadsbesluit; null when the viewer cannot download it here. */
  fileHref: string | null;
}) {
  const a = data.adoption;
  const items = [...a.items, ...Array.from({ length: Math.max(0, Math.min(2, MAX_DECISION_ITEMS - a.items.length)) }, () => ({ text: "", outcome: "" }))];
  if (a.items.length === 0 && items.length < 2) items.push({ text: "", outcome: "" });
  return (
    <>
      {saved && savedMessages[saved] ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{savedMessages[saved]}</p>
        </div>
      ) : null}
      {data.deadline ? <p className="utrecht-paragraph">Gevraagd: een raadsbesluit uiterlijk op {longDutchDate(data.deadline)}.</p> : null}

      <section aria-labelledby="besluit-kop">
        <h2 className="utrecht-heading-2" id="besluit-kop">
          Raadsvoorstel en besluit
        </h2>
        <Errors data={actionData} intent="besluit" />
        <Form method="post" className="form-stack form-stack--wide">
          <input type="hidden" name="intent" value="besluit" />
          <input type="hidden" name="revision" value={a.revision} />
          <Field id="versionId" label="Versie van de visie">
            <select id="versionId" name="versionId" className="utrecht-select utrecht-select--html-select" defaultValue={a.versionId} required>
              {data.versions.map((v) => (
                <option key={v.id} value={v.id}>
                  Versie {v.number}: {v.label}
                  {v.isDefinitive ? " (definitief)" : ""}
                </option>
              ))}
            </select>
          </Field>
          <Field id="proposalNumber" label="Registratienummer raadsvoorstel">
            <input id="proposalNumber" name="proposalNumber" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={a.proposalNumber} maxLength={60} />
          </Field>
          <Field id="collegeDate" label="Datum besluit B&W">
            <input id="collegeDate" name="collegeDate" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={a.collegeDate} />
          </Field>
          <Field id="portfolioHolder" label="Portefeuillehouder">
            <input id="portfolioHolder" name="portfolioHolder" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={a.portfolioHolder} maxLength={120} />
          </Field>
          <fieldset className="utrecht-form-fieldset">
            <legend className="utrecht-form-fieldset__legend">Beslispunten van het raadsvoorstel</legend>
            {items.map((item, index) => (
              <div key={index} className="decision-item">
                <Field id={`itemText-${index}`} label={`Beslispunt ${index + 1}`}>
                  <textarea id={`itemText-${index}`} name="itemText" rows={2} className="utrecht-textarea" defaultValue={item.text} maxLength={1000} />
                </Field>
                <Field id={`itemOutcome-${index}`} label={`Uitkomst beslispunt ${index + 1}`}>
                  <select id={`itemOutcome-${index}`} name="itemOutcome" className="utrecht-select utrecht-select--html-select" defaultValue={item.outcome}>
                    <option value="">nog niet besloten</option>
                    {decisionOutcomes.map((o) => (
                      <option key={o} value={o}>
                        {outcomeLabels[o]}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
            ))}
          </fieldset>
          <Field id="committeeDate" label="Datum commissie">
            <input id="committeeDate" name="committeeDate" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={a.committeeDate} />
          </Field>
          <Field id="councilDate" label="Datum raadsvergadering">
            <input id="councilDate" name="councilDate" type="date" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={a.councilDate} />
          </Field>
          <Field id="decisionNumber" label="Registratienummer raadsbesluit">
            <input id="decisionNumber" name="decisionNumber" className="utrecht-textbox utrecht-textbox--html-input" defaultValue={a.decisionNumber} maxLength={60} />
          </Field>
          <Field id="outcome" label="Besluit van de raad over de visie">
            <select id="outcome" name="outcome" className="utrecht-select utrecht-select--html-select" defaultValue={a.outcome}>
              <option value="">nog geen besluit</option>
              {decisionOutcomes.map((o) => (
                <option key={o} value={o}>
                  {outcomeLabels[o]}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            Besluit opslaan
          </button>
        </Form>
      </section>

      <section aria-labelledby="raadsbesluit-kop">
        <h2 className="utrecht-heading-2" id="raadsbesluit-kop">
          Raadsbesluit (PDF)
        </h2>
        {a.decisionFileName ? (
          <p className="utrecht-paragraph">
            Toegevoegd:{" "}
            {fileHref && a.decisionFileId ? (
              <a className="utrecht-link" href={fileHref} download>
                {a.decisionFileName} (PDF downloaden)
              </a>
            ) : (
              a.decisionFileName
            )}
          </p>
        ) : (
          <p className="utrecht-paragraph">Nog geen raadsbesluit toegevoegd.</p>
        )}
        <Errors data={actionData} intent="raadsbesluit" />
        {a.exists ? (
          <Form method="post" encType="multipart/form-data" className="form-stack">
            <input type="hidden" name="intent" value="raadsbesluit" />
            <input type="hidden" name="revision" value={a.revision} />
            <Field id="decisionFile" label="Raadsbesluit als PDF (hoogstens 10 MB)">
              <input id="decisionFile" name="decisionFile" type="file" accept="application/pdf,.pdf" className="utrecht-textbox" />
            </Field>
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              PDF toevoegen
            </button>
          </Form>
        ) : (
          <p className="utrecht-paragraph">Sla eerst het raadsvoorstel op; daarna kunt u het raadsbesluit toevoegen.</p>
        )}
      </section>

      <section aria-labelledby="reactiebrief">
        <h2 className="utrecht-heading-2" id="reactiebrief">
          Reactiebrief van de raad
        </h2>
        {data.councilLetter ? (
          <>
            <dl className="facts">
              <dt>Onderwerp</dt>
              <dd>{data.councilLetter.subject ?? "—"}</dd>
              <dt>Datum</dt>
              <dd>{data.councilLetter.letterDate ? longDutchDate(data.councilLetter.letterDate) : "—"}</dd>
              <dt>Briefnummer</dt>
              <dd>{data.councilLetter.letterNumber ?? "—"}</dd>
              <dt>Te vermelden bij beantwoording</dt>
              <dd>{data.councilLetter.replyReference ?? "—"}</dd>
            </dl>
            <h3 className="utrecht-heading-3">Punten ({data.councilLetter.points.length})</h3>
            <ol className="utrecht-ordered-list">
              {data.councilLetter.points.map((p) => (
                <li key={p.id} className="utrecht-ordered-list__item" id={`punt-${p.reference}`}>
                  <a className="utrecht-link" href={`/reacties/${data.councilLetter!.id}#punt-${p.reference}`}>
                    {p.reference}
                  </a>
                  : {p.plainText}
                </li>
              ))}
            </ol>
          </>
        ) : (
          <>
            <p className="utrecht-paragraph">
              Heeft de raad een reactiebrief aan het algemeen bestuur vastgesteld? Plak de tekst of kies het Word-bestand. De punten krijgen een vast
              kenmerk en worden net als andere reacties beantwoord.
            </p>
            <Errors data={actionData} intent="reactiebrief" />
            <Form method="post" encType="multipart/form-data" className="form-stack form-stack--wide">
              <input type="hidden" name="intent" value="reactiebrief" />
              <Field id="letterText" label="Tekst van de reactiebrief" description="Elk punt in een eigen alinea, of genummerd (1., 2., …).">
                <textarea id="letterText" name="text" rows={12} className="utrecht-textarea" aria-describedby="letterText-description" />
              </Field>
              <Field id="letterDocument" label="Of: de brief als Word-bestand (.docx)">
                <input id="letterDocument" name="document" type="file" accept=".docx" className="utrecht-textbox" />
              </Field>
              <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                Reactiebrief vastleggen
              </button>
            </Form>
          </>
        )}
      </section>
    </>
  );
}
