import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaffRegion } from "~/auth/guards.server";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { listTemplates, renderPreview } from "~/email/previews.server";

export const meta: MetaFunction = () => [{ title: "E-mails — Beheer — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, region } = await requireStaffRegion(request, context);
  const url = new URL(request.url);
  const templates = listTemplates();
  const preview = await renderPreview(url.searchParams.get("sjabloon") ?? templates[0]!.name, region.name);
  return {
    region: { name: region.name },
    isAdmin: isStaffAdmin(viewer, region.id),
    templates,
    preview,
  };
}

export default function EmailPreviewsPage() {
  const data = useLoaderData<typeof loader>();
  const current = data.templates.find((t) => t.name === data.preview.name);
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <h1 className="utrecht-heading-1">E-mails</h1>
      <p className="utrecht-paragraph">
        Dit zijn alle e-mails die het platform verstuurt, met voorbeeldgegevens. Elke e-mail heeft een opgemaakte versie en een
        versie met alleen tekst. Onderaan staat altijd waarom iemand de e-mail krijgt.
      </p>
      <nav aria-label="Sjablonen">
        <ul className="utrecht-link-list">
          {data.templates.map((t) => (
            <li key={t.name} className="utrecht-link-list__item">
              <a
                className="utrecht-link"
                href={`/beheer/e-mails?sjabloon=${t.name}`}
                aria-current={t.name === data.preview.name ? "page" : undefined}
              >
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {current ? (
        <section aria-labelledby="voorbeeld-titel" className="card">
          <h2 id="voorbeeld-titel" className="utrecht-heading-2">
            {current.label}
          </h2>
          <p className="utrecht-paragraph">{current.description}</p>
          <dl className="utrecht-data-list">
            <div className="utrecht-data-list__item">
              <dt className="utrecht-data-list__item-key">Onderwerp</dt>
              <dd className="utrecht-data-list__item-value">{data.preview.subject}</dd>
            </div>
            <div className="utrecht-data-list__item">
              <dt className="utrecht-data-list__item-key">Verzending</dt>
              <dd className="utrecht-data-list__item-value">{current.category}</dd>
            </div>
          </dl>
          <h3 className="utrecht-heading-3">Opgemaakte versie</h3>
          <p className="utrecht-paragraph">
            <a className="utrecht-link" href={`/beheer/e-mail-voorbeeld?sjabloon=${data.preview.name}`} target="_blank" rel="noreferrer">
              Opgemaakte versie openen (nieuw tabblad)
            </a>
          </p>
          <h3 className="utrecht-heading-3">Alleen tekst</h3>
          <div className="mailbox-body">{data.preview.text}</div>
        </section>
      ) : null}
    </>
  );
}
