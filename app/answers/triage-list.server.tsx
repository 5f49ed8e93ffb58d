import { renderToStaticMarkup } from "react-dom/server";
import { organisationTypeLabels, type OrganisationType } from "~/auth/roles";
import type { Db } from "~/lib/db.server";
import { pointKindLabels, type PointKind } from "~/reactions/options";
import { answerStatusLabels, dispositionLabels } from "./labels";
import type { TriageFilterInput } from "./schema.server";
import { TriageRows, type TriageRowView } from "./TriageRows";
import { idsKey, listTriage, memoOnAppDatabase, TRIAGE_PAGE_SIZE } from "./triage.server";

export interface TriageListHtml {
  total: number;
  pageSize: number;
  /** The <tr> elements of the table body. */
  rowsHtml: string;
}

/**
 * One page of the triage list as HTML, rendered once per filter, page and data version. Rendering
 * 50 rows with React and sending them as loader data for hydration cost more than half of the
 * page's server time; the page inserts this HTML as it is, and its loader data carries one string.
 * The key is listTriage's key plus the links' base path.
 */
export function triageListHtml(db: Db, visionId: string, filters: TriageFilterInput, viewerId: string, page: number, base: string): Promise<TriageListHtml> {
  const key = JSON.stringify(["triage-list-html", idsKey(visionId, filters, viewerId), page, base]);
  return memoOnAppDatabase(db, key, async () => {
    const result = await listTriage(db, visionId, filters, viewerId, page, TRIAGE_PAGE_SIZE);
    const rows = result.rows.map(
      (r): TriageRowView => ({
        id: r.id,
        reference: r.reference,
        kind: pointKindLabels[r.kind as PointKind] ?? r.kind,
        organisation: r.organisation,
        organisationNote: `${organisationTypeLabels[r.organisationType as OrganisationType] ?? r.organisationType}${r.reactionKind === "reactiebrief" ? ", reactiebrief" : ""}${r.isLate ? ", te laat" : ""}`,
        excerpt: r.excerpt,
        themes: r.themes,
        sections: r.sections,
        status: answerStatusLabels[r.status],
        disposition: r.disposition ? dispositionLabels[r.disposition] : null,
        assignee: r.assignee,
      }),
    );
    return {
      total: result.total,
      pageSize: result.pageSize,
      rowsHtml: renderToStaticMarkup(<TriageRows rows={rows} base={base} />),
    };
  });
}
