import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { db } from "~/lib/db.server";
import { requireReaction } from "~/reactions/guards.server";
import { ReactionError, withdrawReaction } from "~/reactions/reactions.server";

/** Withdrawing is a POST from the reaction page; the reaction stays on record as withdrawn. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const found = await requireReaction(request, context, params.reactionId);
  try {
    await withdrawReaction(db(), found.viewer, found.reaction.id);
  } catch (error) {
    if (error instanceof ReactionError) throw new Response(error.message, { status: 400 });
    throw error;
  }
  throw redirect(`/reacties/${found.reaction.id}`);
}

export function loader() {
  throw new Response("Niet gevonden", { status: 404 });
}
