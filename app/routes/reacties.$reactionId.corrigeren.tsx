import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { db } from "~/lib/db.server";
import { correctReaction } from "~/reactions/corrections.server";
import { requireReaction } from "~/reactions/guards.server";
import { ReactionError } from "~/reactions/reactions.server";

/** "Corrigeren" is a POST from the reaction page: a draft correction linked to it, opened for editing. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const found = await requireReaction(request, context, params.reactionId);
  try {
    const correction = await correctReaction(db(), found.viewer, found.reaction.id);
    throw redirect(`/reacties/${correction.id}`);
  } catch (error) {
    if (error instanceof ReactionError) throw new Response(error.message, { status: 400 });
    throw error;
  }
}

export function loader() {
  throw new Response("Niet gevonden", { status: 404 });
}
