import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { formatDateTime } from "~/lib/dates";
import { db } from "~/lib/db.server";
import { listRoundsForViewer, ReactionError, startReaction } from "~/reactions/reactions.server";
import { StartReactionSchema } from "~/reactions/schema.server";

export const meta: MetaFunction = () => [{ title: "Reageren — Herleidbaar" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const rows = await listRoundsForViewer(db(), viewer);
  return {
    rounds: rows.map((r) => ({
      roundId: r.round.id,
      vision: r.round.visionTitle,
      version: r.round.versionLabel,
      readHref: `/visies/${r.round.regionSlug}/${r.round.visionSlug}?versie=${r.round.versionNumber}`,
      closesAt: formatDateTime(r.round.closesAt),
      state: r.state,
      organisationId: r.organisation.id,
      organisation: r.organisation.name,
      invited: r.invited,
      reaction: r.reaction,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const submission = parseWithZod(await request.formData(), { schema: StartReactionSchema });
  if (submission.status !== "success") return { error: "Kies een consultatieronde en organisatie." };
  try {
    const reaction = await startReaction(db(), viewer, submission.value);
    throw redirect(`/reacties/${reaction.id}`);
  } catch (error) {
    if (error instanceof ReactionError) return { error: error.message };
    throw error;
  }
}

const stateLabels = { "not-open": "nog niet begonnen", open: "open", late: "termijn verlopen, late reacties toegestaan", closed: "gesloten" } as const;

export default function ReactPage() {
  const { rounds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1 className="utrecht-heading-1">Reageren</h1>
      <p className="utrecht-paragraph">Hier ziet u de consultaties waarop uw organisatie mag reageren. Eén reactie per organisatie; u schrijft hem samen met de andere leden.</p>
      {actionData?.error ? (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{actionData.error}</p>
        </div>
      ) : null}
      {rounds.length === 0 ? <p className="utrecht-paragraph">Er zijn nu geen consultaties voor uw organisatie.</p> : null}
      <ul className="card-list">
        {rounds.map((r) => (
          <li key={`${r.roundId}-${r.organisationId}`} className="card">
            <h2 className="utrecht-heading-3">{r.vision}</h2>
            <p className="utrecht-paragraph">
              {r.version} · namens {r.organisation}
              <br />
              Reageren kan tot en met {r.closesAt} ({stateLabels[r.state]}).
            </p>
            <p className="utrecht-paragraph">
              <a className="utrecht-link" href={r.readHref}>
                Lees de visie
              </a>
            </p>
            {r.reaction ? (
              <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`/reacties/${r.reaction.id}`}>
                {r.reaction.status === "draft" ? "Verder met de reactie" : "Ingediende reactie bekijken"}
              </a>
            ) : r.state === "open" || r.state === "late" ? (
              <>
                <Form method="post">
                  <input type="hidden" name="roundId" value={r.roundId} />
                  <input type="hidden" name="organisationId" value={r.organisationId} />
                  <button type="submit" className="utrecht-button utrecht-button--primary-action">
                    Reactie beginnen
                  </button>
                </Form>
                <p className="utrecht-paragraph">
                  <a className="utrecht-link" href={`/reageren/eenvoudig/${r.roundId}`}>
                    Eenvoudig reageren: drie korte vragen
                  </a>
                </p>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
