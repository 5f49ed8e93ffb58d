import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { db } from "~/lib/db.server";
import { discardCorrection } from "~/reactions/corrections.server";
import { requireReaction } from "~/reactions/guards.server";
import { ReactionError } from "~/reactions/reactions.server";

/** "Correctie weggooien" is a POST from the draft correction's page; back to the reaction it corrected. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const found = await requireReaction(request, context, params.reactionId);
  try {
    const { correctsId } = await discardCorrection(db(), found.viewer, found.reaction.id);
    throw redirect(`/reacties/${correctsId}?gedaan=correctie-weggegooid`);
  } catch (error) {
    if (error instanceof ReactionError) throw new Response(error.message, { status: 400 });
    throw error;
  }
}

export function loader() {
  throw new Response("Niet gevonden", { status: 404 });
}
