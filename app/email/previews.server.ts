import type { EmailName } from "../../emails";
import { emailNames, emailTemplates } from "../../emails";
import type { EmailInput } from "./render.server";
import { isEmailName, renderEmail } from "./render.server";

export const categoryLabels = {
  essential: "altijd meteen (hoort bij de procedure)",
  notification: "melding: meteen of in het dagelijks overzicht",
  digest: "dagelijks overzicht",
} as const;

export function listTemplates() {
  return emailNames.map((name) => ({
    name,
    label: emailTemplates[name].label,
    description: emailTemplates[name].description,
    category: categoryLabels[emailTemplates[name].category],
  }));
}

/** A template rendered with its sample data; the region's own name where the sample has one. */
export async function renderPreview(name: string, regionName: string) {
  const chosen: EmailName = isEmailName(name) ? name : emailNames[0]!;
  const sample = { ...(emailTemplates[chosen].sample as Record<string, unknown>) };
  if ("regionName" in sample) sample.regionName = regionName;
  if (sample.requestedByName !== undefined) sample.requestedByName = regionName;
  const rendered = await renderEmail(chosen, sample as EmailInput<typeof chosen>);
  return { name: chosen, ...rendered };
}
