import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as withStatus, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { isStaffAdmin } from "~/auth/roles";
import { Pagination, parsePage } from "~/components/Pagination";
import { StaffNav } from "~/components/StaffNav";
import { formatDate, formatDateTime } from "~/lib/dates";
import { memoByDataVersion } from "~/lib/data-version.server";
import { db } from "~/lib/db.server";
import { letterStatusLabels } from "~/letters/labels";
import { latestRenderJob, LetterError, listLetters, queueRenderAll } from "~/letters/response-letters.server";
import { requireVisionStaff } from "~/visions/guards.server";

export const meta: MetaFunction = () => [{ title: "Antwoordbrieven — Beheer — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const page = parsePage(new URL(request.url).searchParams.get("pagina"));
  // The list and the render job change only with the data: computed once per data version.
  const [result, job] = await memoByDataVersion(`letters:${vision.id}:${page}`, () =>
    Promise.all([listLetters(db(), vision.id, page), latestRenderJob(db(), vision.id)]),
  );
  const busy = job ? job.status === "queued" || job.status === "running" || job.status === "failed" : false;
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    vision: { id: vision.id, title: vision.title },
    page,
    total: result.total,
    pageSize: result.pageSize,
    fixed: result.fixed,
    sent: result.sent,
    job: job
      ? {
          status: job.status,
          progress: job.progress,
          total: job.total,
          busy,
          lastError: job.lastError,
          finishedAt: job.finishedAt ? formatDateTime(job.finishedAt) : null,
        }
      : null,
    rows: result.rows.map((r) => ({
      reactionId: r.reactionId,
      organisation: r.organisation,
      kind: r.kind,
      reference: r.reference,
      submittedAt: r.submittedAt ? formatDate(r.submittedAt) : "—",
      status: r.status ? letterStatusLabels[r.status] : "Nog geen brief",
      letterNumber: r.letterNumber,
      sentAt: r.sentAt ? formatDate(r.sentAt) : null,
      hasFiles: !!r.pdfFileId,
      points: Number(r.points),
      answered: Number(r.answered),
    })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  const form = await request.formData();
  if (form.get("intent") !== "alles-renderen") {
    return withStatus({ error: "Kies wat u wilt doen." }, { status: 400 });
  }
  try {
    await queueRenderAll(db(), viewer, region.id, vision.id);
  } catch (error) {
    if (error instanceof LetterError) return withStatus({ error: error.message }, { status: 400 });
    throw error;
  }
  return redirect(`/beheer/visies/${vision.id}/brieven?renderen=1#renderen`);
}

export default function LettersPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ error?: string }>();
  const base = `/beheer/visies/${data.vision.id}/brieven`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Antwoordbrieven</h1>
      <p className="utrecht-paragraph">
        Elke organisatie die reageerde krijgt één antwoordbrief, met per punt haar tekst, het antwoord en wat ermee is
        gedaan. Een brief wordt vastgesteld als alle punten een antwoord hebben; daarna kan hij worden verzonden.
      </p>
      {actionData?.error ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <h2 className="utrecht-heading-3">Er is een probleem</h2>
          <p className="utrecht-paragraph">{actionData.error}</p>
        </div>
      ) : null}
      <p className="utrecht-paragraph">
        Ook beschikbaar:{" "}
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}/nota`}>
          Nota van beantwoording
        </a>
        {" · "}
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}/rode-draad`}>
          Rode draad
        </a>
        {data.isAdmin ? (
          <>
            {" · "}
            <a className="utrecht-link" href="/beheer/briefsjablonen">
              Briefsjabloon
            </a>
          </>
        ) : null}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Antwoordbrieven, horizontaal te scrollen">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">
            {data.total} reacties; {data.fixed} brieven vastgesteld, {data.sent} verzonden
          </caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                Organisatie
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                Ingediend
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                Punten beantwoord
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                Brief
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                Briefnummer
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.rows.map((r) => (
              <tr key={r.reactionId} className="utrecht-table__row">
                <td className="utrecht-table__cell">
                  <a className="utrecht-link" href={`${base}/${r.reactionId}`}>
                    {r.organisation}
                  </a>
                  {r.reference ? ` (kenmerk ${r.reference})` : ""}
                </td>
                <td className="utrecht-table__cell">{r.submittedAt}</td>
                <td className="utrecht-table__cell">
                  {r.answered} van {r.points}
                </td>
                <td className="utrecht-table__cell">
                  {r.status}
                  {r.sentAt ? ` op ${r.sentAt}` : ""}
                </td>
                <td className="utrecht-table__cell">{r.letterNumber ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        buildHref={(p) => `${base}?pagina=${p}`}
      />
      <section aria-labelledby="renderen">
        <h2 className="utrecht-heading-2" id="renderen">
          Alle vastgestelde brieven renderen
        </h2>
        <p className="utrecht-paragraph">
          Maakt de PDF en het Word-bestand van elke vastgestelde (nog niet verzonden) brief opnieuw, op de achtergrond.
          Verzonden brieven veranderen niet.
        </p>
        {data.job ? (
          <p className="utrecht-paragraph" role="status">
            {data.job.status === "done"
              ? `Klaar: ${data.job.progress} van ${data.job.total ?? 0} brieven gerenderd${data.job.finishedAt ? ` (${data.job.finishedAt})` : ""}.`
              : data.job.status === "dead"
                ? `Het renderen is mislukt: ${data.job.lastError ?? "onbekende fout"}.`
                : `Bezig: ${data.job.progress} van ${data.job.total ?? "?"} brieven gerenderd.`}{" "}
            {data.job.busy ? (
              <a className="utrecht-link" href={`${base}#renderen`}>
                Vernieuwen
              </a>
            ) : null}
          </p>
        ) : null}
        {data.job?.busy ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="alles-renderen" />
            <button type="submit" className="utrecht-button utrecht-button--secondary-action">
              Alle vastgestelde brieven renderen
            </button>
          </Form>
        )}
      </section>
    </>
  );
}
