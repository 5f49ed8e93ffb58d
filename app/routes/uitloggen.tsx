import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSessionAwaitingSecondFactor, getViewer } from "~/auth/guards.server";
import { blankSessionCookie, invalidateSession } from "~/auth/session.server";
import { db } from "~/lib/db.server";

/** Logging out is a POST (no state change on GET). */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context);
  const pending = viewer ? null : await getSessionAwaitingSecondFactor(request);
  const sessionId = viewer?.sessionId ?? pending?.sessionId;
  if (sessionId) await invalidateSession(db(), sessionId);
  context.setCookie(blankSessionCookie());
  throw redirect("/");
}

export async function loader() {
  throw redirect("/");
}
