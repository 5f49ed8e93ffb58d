import type { TextSegment } from "./triage.server";

/** One row of the triage list, with its labels already in Dutch. */
export interface TriageRowView {
  id: string;
  reference: string;
  kind: string;
  organisation: string;
  organisationNote: string;
  excerpt: TextSegment[];
  themes: string[];
  sections: string[];
  status: string;
  disposition: string | null;
  assignee: string | null;
}

/**
 * The rows of the triage table (the <tr> elements of its <tbody>). Rendered once per list, page and
 * data version to static HTML on the server (triage-list.server.tsx); the checkboxes are plain form
 * fields of the bulk form, so the rows need no JavaScript.
 */
export function TriageRows({ rows, base }: { rows: TriageRowView[]; base: string }) {
  return (
    <>
      {rows.map((r) => (
        <tr key={r.id} className="utrecht-table__row">
          <td className="utrecht-table__cell">
            <input type="checkbox" name="punt" value={r.id} id={`punt-${r.id}`} className="utrecht-checkbox utrecht-checkbox--html-input" aria-label={`Selecteer ${r.reference}`} />
          </td>
          <th scope="row" className="utrecht-table__cell">
            <a className="utrecht-link" href={`${base}/${r.reference}`}>
              {r.reference}
            </a>
            <br />
            <span className="muted">{r.kind}</span>
          </th>
          <td className="utrecht-table__cell">
            {r.organisation}
            <br />
            <span className="muted">{r.organisationNote}</span>
          </td>
          <td className="utrecht-table__cell triage-text">
            {r.excerpt.map((segment, index) => (segment.hit ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
            {r.themes.length ? <span className="muted"> Thema: {r.themes.join(", ")}</span> : null}
          </td>
          <td className="utrecht-table__cell">{r.sections.length ? r.sections.join("; ") : "algemeen"}</td>
          <td className="utrecht-table__cell">
            {r.status}
            {r.disposition ? (
              <>
                <br />
                <span className="muted">{r.disposition}</span>
              </>
            ) : null}
          </td>
          <td className="utrecht-table__cell">{r.assignee ?? "—"}</td>
        </tr>
      ))}
    </>
  );
}
