import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { z } from "~/lib/zod.server";

/**
 * Old address of the uitvoeringsplan CSV (`…/uitvoering/csv`): a permanent redirect to
 * `…/uitvoering/uitvoeringsplan.csv`. It reads nothing itself: the new address checks who may have it.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const visionId = z.uuid().safeParse(params.visionId);
  if (!visionId.success) throw notFound();
  return redirect(`/beheer/visies/${visionId.data}/uitvoering/uitvoeringsplan.csv`, 301);
}
