import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { db } from "~/lib/db.server";
import { requireReaction } from "~/reactions/guards.server";
import { addQuotedPoint, ReactionError } from "~/reactions/reactions.server";
import { QuotePointSchema } from "~/reactions/schema.server";

/** "Reageer hierop" from the reading view: a new point anchored to the section (and the selected passage). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const found = await requireReaction(request, context, params.reactionId);
  const submission = parseWithZod(await request.formData(), { schema: QuotePointSchema });
  if (submission.status !== "success") throw new Response("Ongeldig verzoek: kies een onderdeel.", { status: 400 });
  try {
    const point = await addQuotedPoint(db(), found.viewer, found.reaction.id, submission.value);
    throw redirect(`/reacties/${found.reaction.id}#punt-${point.reference}`);
  } catch (error) {
    if (error instanceof ReactionError) throw new Response(error.message, { status: 400 });
    throw error;
  }
}

export function loader() {
  throw new Response("Niet gevonden", { status: 404 });
}
