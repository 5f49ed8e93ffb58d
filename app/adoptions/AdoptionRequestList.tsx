import { formatDate } from "~/lib/dates";
import { longDutchDate } from "./in-force";

export interface AdoptionRequestListItem {
  id: string;
  letterNumber: string | null;
  letterDate: string | null;
  deadline: string;
  sentAt: string;
  versionLabel: string;
  pdfFileId: string | null;
  docxFileId: string | null;
  /** On the board: how many municipalities it was sent to. */
  municipalities?: number;
}

/**
 * Every aanbiedingsbrief that was sent (newest first), with date, kenmerk, deadline and downloads;
 * `fileHref` is where this viewer downloads a file of it (staff and griffie each have their route).
 */
export function AdoptionRequestList({
  requests,
  caption,
  fileHref,
  headingId,
  heading,
}: {
  requests: AdoptionRequestListItem[];
  caption: string;
  fileHref: (fileId: string, name: "aanbiedingsbrief.pdf" | "aanbiedingsbrief.docx") => string;
  headingId: string;
  heading: string;
}) {
  const showCount = requests.some((r) => r.municipalities !== undefined);
  return (
    <section aria-labelledby={headingId}>
      <h2 className="utrecht-heading-2" id={headingId}>
        {heading}
      </h2>
      {requests.length === 0 ? (
        <p className="utrecht-paragraph">Er is nog geen aanbiedingsbrief verzonden.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${caption}, horizontaal te scrollen`}>
          <table className="utrecht-table">
            <caption className="utrecht-table__caption">{caption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  Verzonden op
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  Kenmerk
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  Datum brief
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  Versie
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  Besluit gevraagd uiterlijk
                </th>
                {showCount ? (
                  <th scope="col" className="utrecht-table__header-cell">
                    Gemeenten
                  </th>
                ) : null}
                <th scope="col" className="utrecht-table__header-cell">
                  Downloaden
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {requests.map((r, index) => (
                <tr key={r.id} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {formatDate(r.sentAt)}
                    {index === 0 && requests.length > 1 ? <span className="muted"> (nieuwste)</span> : null}
                  </th>
                  <td className="utrecht-table__cell">{r.letterNumber ?? "—"}</td>
                  <td className="utrecht-table__cell">{r.letterDate ? longDutchDate(r.letterDate) : "—"}</td>
                  <td className="utrecht-table__cell">{r.versionLabel}</td>
                  <td className="utrecht-table__cell">{longDutchDate(r.deadline)}</td>
                  {showCount ? <td className="utrecht-table__cell">{r.municipalities ?? "—"}</td> : null}
                  <td className="utrecht-table__cell">
                    {r.pdfFileId ? (
                      <a className="utrecht-link" href={fileHref(r.pdfFileId, "aanbiedingsbrief.pdf")} download>
                        PDF<span className="visually-hidden"> van de aanbiedingsbrief{r.letterNumber ? ` ${r.letterNumber}` : ""} van {formatDate(r.sentAt)}</span>
                      </a>
                    ) : null}
                    {r.pdfFileId && r.docxFileId ? " · " : null}
                    {r.docxFileId ? (
                      <a className="utrecht-link" href={fileHref(r.docxFileId, "aanbiedingsbrief.docx")} download>
                        DOCX<span className="visually-hidden"> van de aanbiedingsbrief{r.letterNumber ? ` ${r.letterNumber}` : ""} van {formatDate(r.sentAt)}</span>
                      </a>
                    ) : null}
                    {!r.pdfFileId && !r.docxFileId ? "—" : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
