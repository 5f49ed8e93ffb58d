import { ActionStatus, formatIsoDate } from "./components";
import type { ImplementationStatus } from "./options";

export interface TraceRow {
  id: string;
  reference: string;
  text: string;
  reactionKind: string;
  letterDate: string | null;
  answer: null | { status: string; dispositionLabel: string | null; html: string };
  changedSection: null | { number: string | null; title: string; versionLabel: string; versionNumber: number };
  actions: Array<{ id: string; reference: string; title: string; status: ImplementationStatus; progress: number; endsOn: string | null }>;
}

const kindLabels: Record<string, string> = { advies: "advies", reactie: "reactie", reactiebrief: "reactiebrief van de raad" };

interface TraceItemsProps {
  rows: TraceRow[];
  readingHref: (versionNumber: number) => string;
  actionHref: (a: { id: string; reference: string }) => string;
}

/**
 * Point → answer and afweging → changed section → actions, one item per point (a heading per point
 * so screen-reader users can jump between them), for the page's <ol className="trace-list">. Links
 * go to the public pages.
 */
export function TraceabilityItems({ rows, readingHref, actionHref }: TraceItemsProps) {
  return (
    <>
      {rows.map((p) => (
        <li key={p.id} className="trace-list__item" id={`punt-${p.reference}`}>
          <h3 className="utrecht-heading-3">Punt {p.reference}</h3>
          <p className="utrecht-paragraph muted">
            Uit de {kindLabels[p.reactionKind] ?? p.reactionKind}
            {p.letterDate ? ` van ${formatIsoDate(p.letterDate)}` : ""}
          </p>
          <blockquote className="utrecht-blockquote">
            <p className="utrecht-paragraph">{p.text}</p>
          </blockquote>
          <dl className="facts">
            <dt>Afweging</dt>
            <dd>{p.answer?.dispositionLabel ?? "nog niet beantwoord"}</dd>
            <dt>Gewijzigd onderdeel</dt>
            <dd>
              {p.changedSection ? (
                <a className="utrecht-link" href={readingHref(p.changedSection.versionNumber)}>
                  {[p.changedSection.number, p.changedSection.title].filter(Boolean).join(" ")} (versie {p.changedSection.versionLabel})
                </a>
              ) : (
                "geen"
              )}
            </dd>
            <dt>Acties in het uitvoeringsplan</dt>
            <dd>
              {p.actions.length === 0 ? (
                "geen"
              ) : (
                <ul className="utrecht-unordered-list">
                  {p.actions.map((a) => (
                    <li key={a.id} className="utrecht-unordered-list__item">
                      <a className="utrecht-link" href={actionHref(a)}>
                        {a.reference} {a.title}
                      </a>{" "}
                      — <ActionStatus status={a.status} progress={a.progress} />
                      {a.endsOn ? ` (einddatum ${formatIsoDate(a.endsOn)})` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          {p.answer?.html ? (
            <details className="trace-answer">
              <summary>Antwoord op {p.reference}</summary>
              <div className="rich-text" dangerouslySetInnerHTML={{ __html: p.answer.html }} />
            </details>
          ) : null}
        </li>
      ))}
    </>
  );
}

/** The options of the organisation picker: each organisation with its number of points. */
export function OrganisationOptions({ options }: { options: Array<{ value: string; name: string; points: number }> }) {
  return (
    <>
      <option value="">Kies een organisatie</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.name} ({o.points} {o.points === 1 ? "punt" : "punten"})
        </option>
      ))}
    </>
  );
}
