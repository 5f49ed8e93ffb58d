import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaffRegion } from "~/auth/guards.server";
import { listTemplates, renderPreview } from "~/email/previews.server";
import { htmlPreviewResponse } from "~/lib/html-preview.server";

/** The formatted version of an e-mail template with sample data (staff only). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { region } = await requireStaffRegion(request, context);
  const name = new URL(request.url).searchParams.get("sjabloon") ?? listTemplates()[0]!.name;
  const preview = await renderPreview(name, region.name);
  return htmlPreviewResponse(preview.html);
}
