import { renderDocx, renderPdf } from "~/letters/render.server";
import type { LetterRenderers } from "./adoption-requests.server";

/** The aanbiedingsbrief is rendered like every other letter: the letters capability's PDF and DOCX renderers. */
export const letterRenderers: LetterRenderers = { pdf: renderPdf, docx: renderDocx };
