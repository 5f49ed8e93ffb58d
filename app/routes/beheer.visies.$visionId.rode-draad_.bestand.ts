import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { movedDownload } from "~/lib/downloads";
import { z } from "~/lib/zod.server";

/**
 * Old address of the rode draad (`…/rode-draad/bestand?formaat=pdf|docx`): a permanent redirect to `…/rode-draad/rode-draad.<formaat>`, keeping `?ronde=`.
 * It reads nothing itself: the new address checks who may have the file.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const visionId = z.uuid().safeParse(params.visionId);
  if (!visionId.success) throw notFound();
  const to = movedDownload(request.url, `/beheer/visies/${visionId.data}/rode-draad`, "threadReport", "pdf");
  if (!to) throw notFound();
  return redirect(to, 301);
}
