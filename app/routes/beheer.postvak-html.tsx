import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireStaffAdmin, requireStaffRegion } from "~/auth/guards.server";
import { db } from "~/lib/db.server";
import { htmlPreviewResponse } from "~/lib/html-preview.server";
import { getMailboxMessage } from "~/lib/mailbox.server";
import { z } from "~/lib/zod.server";

/** The formatted version of one outbox message of the staff admin's region. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { region } = await requireStaffRegion(request, context);
  await requireStaffAdmin(request, context, region.id);
  const id = z.uuid().safeParse(new URL(request.url).searchParams.get("bericht"));
  if (!id.success) throw notFound();
  const message = await getMailboxMessage(db(), region.id, id.data);
  if (!message?.htmlBody) throw notFound();
  return htmlPreviewResponse(message.htmlBody);
}
