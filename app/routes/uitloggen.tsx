import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getViewer } from "~/auth/guards.server";
import { blankSessionCookie, invalidateSession } from "~/auth/session.server";
import { db } from "~/lib/db.server";

/** Logging out is a POST (no state change on GET). */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (viewer) await invalidateSession(db(), viewer.sessionId);
  context.setCookie(blankSessionCookie());
  throw redirect("/");
}

export async function loader() {
  throw redirect("/");
}
