import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaffAdmin, requireStaffRegion } from "~/auth/guards.server";
import { ErrorSummary } from "~/components/forms";
import { Pagination, parsePage } from "~/components/Pagination";
import { StaffNav } from "~/components/StaffNav";
import { smtpConfigured } from "~/email/config.server";
import { attemptOutcomeLabels, mailboxFilterLabels, outboxStatusLabels } from "~/email/labels";
import { MailboxActionSchema, MailboxFilterSchema } from "~/email/schema.server";
import { formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { getMailboxMessage, listMailbox, mailboxCounts, resendMessage, retryMessage } from "~/lib/mailbox.server";
import { z } from "~/lib/zod.server";

export const meta: MetaFunction = () => [{ title: "Postvak — Beheer — Herleidbaar" }];

/** Kept, held and bundled messages never went to an SMTP server: their attempt count means nothing. */
function deliveryAttempted(status: string) {
  return !["kept", "held", "bundled"].includes(status);
}

function formatSize(bytes: number) {
  return bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { region } = await requireStaffRegion(request, context);
  await requireStaffAdmin(request, context, region.id);
  const url = new URL(request.url);
  const page = parsePage(url.searchParams.get("pagina"));
  const filter = MailboxFilterSchema.parse(url.searchParams.get("filter") ?? "alle");
  const selectedId = z.uuid().safeParse(url.searchParams.get("bericht"));
  const [list, counts, selected] = await Promise.all([
    listMailbox(db(), region.id, page, filter),
    mailboxCounts(db(), region.id),
    selectedId.success ? getMailboxMessage(db(), region.id, selectedId.data) : Promise.resolve(null),
  ]);
  return {
    region: { name: region.name },
    smtp: smtpConfigured(),
    page,
    filter,
    filters: Object.entries(mailboxFilterLabels).map(([value, label]) => ({ value, label })),
    failedCount: counts.failed ?? 0,
    deadCount: counts.dead ?? 0,
    total: list.total,
    pageSize: list.pageSize,
    messages: list.rows.map((m) => ({
      ...m,
      createdAt: formatDateTime(m.createdAt),
      nextAttemptAt: m.status === "failed" ? formatDateTime(m.nextAttemptAt) : null,
    })),
    selected: selected
      ? {
          id: selected.id,
          subject: selected.subject,
          to: selected.toName ? `${selected.toName} <${selected.toAddress}>` : selected.toAddress,
          template: selected.template,
          status: selected.status,
          messageId: selected.messageId,
          attempts: selected.attempts,
          maxAttempts: selected.maxAttempts,
          lastError: selected.lastError,
          nextAttemptAt: selected.status === "failed" ? formatDateTime(selected.nextAttemptAt) : null,
          sentAt: selected.sentAt ? formatDateTime(selected.sentAt) : null,
          createdAt: formatDateTime(selected.createdAt),
          resendOfId: selected.resendOfId,
          digestId: selected.digestId,
          textBody: selected.textBody,
          htmlBody: selected.htmlBody,
          attachments: selected.attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: formatSize(a.size) })),
          attemptLog: selected.attemptLog.map((a) => ({
            id: a.id,
            attempt: a.attempt,
            startedAt: formatDateTime(a.startedAt),
            outcome: a.outcome ? (attemptOutcomeLabels[a.outcome] ?? a.outcome) : "bezig",
            detail: a.error ?? a.response ?? "",
          })),
          canRetry: selected.status === "failed" || selected.status === "dead",
          canResend: (selected.status === "sent" || selected.status === "kept") && selected.textBody !== null,
        }
      : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { region } = await requireStaffRegion(request, context);
  const viewer = await requireStaffAdmin(request, context, region.id);
  const submission = parseWithZod(await request.formData(), { schema: MailboxActionSchema });
  if (submission.status !== "success") return { result: submission.reply(), notice: null };
  const { intent, messageId } = submission.value;
  const result =
    intent === "retry"
      ? await retryMessage(db(), viewer.user.id, region.id, messageId)
      : await resendMessage(db(), viewer.user.id, region.id, messageId);
  if (!result.ok) return { result: submission.reply({ formErrors: [result.message] }), notice: null };
  return {
    result: submission.reply({ resetForm: true }),
    notice:
      intent === "retry"
        ? "Het bericht staat weer klaar. Het wordt binnen een minuut opnieuw verzonden."
        : "Er staat een nieuwe kopie klaar. Die wordt binnen een minuut verzonden.",
    newMessageId: result.messageId,
  };
}

function MessageActions({ id, canRetry, canResend }: { id: string; canRetry: boolean; canResend: boolean }) {
  const actionData = useActionData<typeof action>();
  const [form] = useForm<z.input<typeof MailboxActionSchema>>({
    lastResult: actionData?.result,
  });
  if (!canRetry && !canResend) return null;
  return (
    <>
      <ErrorSummary errors={(form.errors ?? []).map((message) => ({ message }))} />
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="inline-form">
        <input type="hidden" name="messageId" value={id} />
        {canRetry ? (
          <button type="submit" name="intent" value="retry" className="utrecht-button utrecht-button--primary-action">
            Opnieuw proberen
          </button>
        ) : null}
        {canResend ? (
          <button type="submit" name="intent" value="resend" className="utrecht-button utrecht-button--secondary-action">
            Nog een keer versturen
          </button>
        ) : null}
      </Form>
    </>
  );
}

export default function MailboxPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const selected = data.selected;
  const problems = data.failedCount + data.deadCount;
  const listHref = (page: number) => `/beheer/postvak?filter=${data.filter}&pagina=${page}`;
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin />
      <h1 className="utrecht-heading-1">Postvak</h1>
      <p className="utrecht-paragraph">
        Alle e-mails die het platform voor deze regio verstuurt of klaarzet, met elke verzendpoging. Een mislukte e-mail wordt
        automatisch een paar keer opnieuw geprobeerd, steeds iets later.
      </p>
      {data.smtp ? null : (
        <div className="utrecht-alert utrecht-alert--info" role="note">
          <p className="utrecht-paragraph">
            Er is geen e-mailserver ingesteld (SMTP_URL). E-mails worden daarom niet verstuurd, maar bewaard in dit postvak. Zo
            kunt u in de demo de links uit uitnodigingen openen.
          </p>
        </div>
      )}
      {problems > 0 ? (
        <div className="utrecht-alert utrecht-alert--warning" role="status">
          <p className="utrecht-paragraph">
            {data.deadCount > 0 ? `${data.deadCount} ${data.deadCount === 1 ? "e-mail is" : "e-mails zijn"} definitief mislukt. ` : ""}
            {data.failedCount > 0 ? `${data.failedCount} ${data.failedCount === 1 ? "e-mail wordt" : "e-mails worden"} later opnieuw geprobeerd. ` : ""}
            <a className="utrecht-link" href="/beheer/postvak?filter=problemen">
              Bekijk de mislukte e-mails
            </a>
          </p>
        </div>
      ) : null}
      {actionData?.notice ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <p className="utrecht-paragraph">{actionData.notice}</p>
        </div>
      ) : null}
      {selected ? (
        <section aria-labelledby="bericht-titel" className="card">
          <h2 id="bericht-titel" className="utrecht-heading-2">
            {selected.subject}
          </h2>
          <dl className="utrecht-data-list">
            <div className="utrecht-data-list__item">
              <dt className="utrecht-data-list__item-key">Aan</dt>
              <dd className="utrecht-data-list__item-value">{selected.to}</dd>
            </div>
            <div className="utrecht-data-list__item">
              <dt className="utrecht-data-list__item-key">Status</dt>
              <dd className="utrecht-data-list__item-value">
                {outboxStatusLabels[selected.status]}
                {selected.nextAttemptAt ? `; volgende poging ${selected.nextAttemptAt}` : ""}
                {selected.sentAt ? `; verzonden ${selected.sentAt}` : ""}
              </dd>
            </div>
            <div className="utrecht-data-list__item">
              <dt className="utrecht-data-list__item-key">Pogingen</dt>
              <dd className="utrecht-data-list__item-value">
                {deliveryAttempted(selected.status) ? `${selected.attempts} van ${selected.maxAttempts}` : "geen (niet naar een e-mailserver gestuurd)"}
              </dd>
            </div>
            {selected.lastError ? (
              <div className="utrecht-data-list__item">
                <dt className="utrecht-data-list__item-key">Laatste fout</dt>
                <dd className="utrecht-data-list__item-value">{selected.lastError}</dd>
              </div>
            ) : null}
            <div className="utrecht-data-list__item">
              <dt className="utrecht-data-list__item-key">Aangemaakt</dt>
              <dd className="utrecht-data-list__item-value">{selected.createdAt}</dd>
            </div>
            <div className="utrecht-data-list__item">
              <dt className="utrecht-data-list__item-key">Sjabloon</dt>
              <dd className="utrecht-data-list__item-value">{selected.template}</dd>
            </div>
            <div className="utrecht-data-list__item">
              <dt className="utrecht-data-list__item-key">Message-ID</dt>
              <dd className="utrecht-data-list__item-value">
                <code>{selected.messageId}</code>
              </dd>
            </div>
            {selected.resendOfId ? (
              <div className="utrecht-data-list__item">
                <dt className="utrecht-data-list__item-key">Kopie van</dt>
                <dd className="utrecht-data-list__item-value">
                  <a className="utrecht-link" href={`/beheer/postvak?bericht=${selected.resendOfId}`}>
                    het oorspronkelijke bericht
                  </a>
                </dd>
              </div>
            ) : null}
            {selected.digestId ? (
              <div className="utrecht-data-list__item">
                <dt className="utrecht-data-list__item-key">Verstuurd in</dt>
                <dd className="utrecht-data-list__item-value">
                  <a className="utrecht-link" href={`/beheer/postvak?bericht=${selected.digestId}`}>
                    het dagelijks overzicht
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
          <MessageActions id={selected.id} canRetry={selected.canRetry} canResend={selected.canResend} />
          {selected.attachments.length > 0 ? (
            <>
              <h3 className="utrecht-heading-3">Bijlagen</h3>
              <ul className="utrecht-unordered-list">
                {selected.attachments.map((a) => (
                  <li key={a.id} className="utrecht-unordered-list__item">
                    {a.filename} ({a.contentType}, {a.size})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {selected.attemptLog.length > 0 ? (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel, horizontaal te scrollen">
              <table className="utrecht-table">
                <caption className="utrecht-table__caption">Verzendpogingen</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    <th scope="col" className="utrecht-table__header-cell">Poging</th>
                    <th scope="col" className="utrecht-table__header-cell">Begonnen</th>
                    <th scope="col" className="utrecht-table__header-cell">Uitkomst</th>
                    <th scope="col" className="utrecht-table__header-cell">Antwoord of fout</th>
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {selected.attemptLog.map((a) => (
                    <tr key={a.id} className="utrecht-table__row">
                      <td className="utrecht-table__cell">{a.attempt}</td>
                      <td className="utrecht-table__cell">{a.startedAt}</td>
                      <td className="utrecht-table__cell">{a.outcome}</td>
                      <td className="utrecht-table__cell">{a.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <h3 className="utrecht-heading-3">Tekst</h3>
          <div className="mailbox-body">{selected.textBody ?? "Dit bericht wordt zo opgemaakt; de tekst verschijnt daarna hier."}</div>
          {selected.htmlBody ? (
            <p className="utrecht-paragraph">
              <a className="utrecht-link" href={`/beheer/postvak-html?bericht=${selected.id}`} target="_blank" rel="noreferrer">
                Opgemaakte versie (HTML) openen (nieuw tabblad)
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
      <form method="get" action="/beheer/postvak" className="filters">
        <div className="utrecht-form-field">
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor="postvak-filter">
              Toon
            </label>
          </div>
          <div className="utrecht-form-field__input">
            <select id="postvak-filter" name="filter" defaultValue={data.filter} className="utrecht-select utrecht-select--html-select">
              {data.filters.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            Filteren
          </button>
        </div>
      </form>
      {data.messages.length === 0 ? (
        <p className="utrecht-paragraph">Er zijn geen berichten{data.filter === "alle" ? "" : " in deze selectie"}.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel, horizontaal te scrollen">
          <table className="utrecht-table">
            <caption className="utrecht-table__caption">
              Uitgaande berichten ({mailboxFilterLabels[data.filter]?.toLowerCase()}), nieuwste eerst
            </caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">Onderwerp</th>
                <th scope="col" className="utrecht-table__header-cell">Aan</th>
                <th scope="col" className="utrecht-table__header-cell">Aangemaakt</th>
                <th scope="col" className="utrecht-table__header-cell">Status</th>
                <th scope="col" className="utrecht-table__header-cell">Pogingen</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {data.messages.map((m) => (
                <tr key={m.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <a className="utrecht-link" href={`/beheer/postvak?bericht=${m.id}&filter=${data.filter}&pagina=${data.page}`}>
                      {m.subject}
                    </a>
                  </td>
                  <td className="utrecht-table__cell">{m.toAddress}</td>
                  <td className="utrecht-table__cell">{m.createdAt}</td>
                  <td className="utrecht-table__cell">
                    {outboxStatusLabels[m.status]}
                    {m.nextAttemptAt ? ` (volgende poging ${m.nextAttemptAt})` : ""}
                    {m.lastError && (m.status === "failed" || m.status === "dead") ? (
                      <>
                        <br />
                        <span className="muted">Fout: {m.lastError}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="utrecht-table__cell">{deliveryAttempted(m.status) ? `${m.attempts} van ${m.maxAttempts}` : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} buildHref={listHref} />
    </>
  );
}
