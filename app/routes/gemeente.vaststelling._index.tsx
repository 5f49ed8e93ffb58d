import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listVisionsForMunicipality } from "~/adoptions/adoptions.server";
import { longDutchDate, outcomeLabels } from "~/adoptions/in-force";
import { griffieMunicipalities } from "~/adoptions/permissions";
import { requireViewer } from "~/auth/guards.server";
import { db } from "~/lib/db.server";

export const meta: MetaFunction = () => [{ title: "Vaststelling door de raad — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const municipalities = griffieMunicipalities(viewer);
  const lists = await Promise.all(
    municipalities.map(async (m) => ({
      id: m.organisationId,
      name: m.organisationName,
      visions: (await listVisionsForMunicipality(db(), m.organisationId)).map((v) => ({
        id: v.id,
        title: v.title,
        outcome: v.outcome ? outcomeLabels[v.outcome] : null,
        councilDate: v.councilDate ? longDutchDate(v.councilDate) : null,
        deadline: v.deadline ? longDutchDate(v.deadline) : null,
      })),
    })),
  );
  return { municipalities: lists };
}

export default function GriffieOverviewPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="utrecht-heading-1">Vaststelling door de raad</h1>
      {data.municipalities.length === 0 ? (
        <p className="utrecht-paragraph">U bent geen medewerker van een griffie. Alleen de griffie legt de besluiten van de gemeenteraad vast.</p>
      ) : (
        data.municipalities.map((m) => (
          <section key={m.id} aria-labelledby={`gemeente-${m.id}`}>
            <h2 className="utrecht-heading-2" id={`gemeente-${m.id}`}>
              Gemeente {m.name}
            </h2>
            {m.visions.length === 0 ? (
              <p className="utrecht-paragraph">Er zijn nog geen visies aan uw raad voorgelegd.</p>
            ) : (
              <ul className="utrecht-unordered-list">
                {m.visions.map((v) => (
                  <li key={v.id} className="utrecht-unordered-list__item">
                    <a className="utrecht-link" href={`/gemeente/vaststelling/${v.id}`}>
                      {v.title}
                    </a>
                    {": "}
                    {v.outcome ? `${v.outcome} op ${v.councilDate ?? "—"}` : "nog geen besluit vastgelegd"}
                    {v.deadline ? ` (gevraagd uiterlijk ${v.deadline})` : ""}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </>
  );
}
