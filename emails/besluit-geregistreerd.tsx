import { Action, Facts, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, longDate, moment, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

export const decisionLabels = {
  vastgesteld: "vastgesteld",
  vastgesteld_met_amendement: "vastgesteld met amendement",
  aangehouden: "aangehouden",
  verworpen: "verworpen",
} as const;

const schema = z.object({
  recipientName: optionalText(120),
  regionName: text(),
  municipalityName: text(),
  visionTitle: text(),
  versionLabel: text(80),
  decision: z.enum(["vastgesteld", "vastgesteld_met_amendement", "aangehouden", "verworpen"]),
  decidedAt: moment,
  adoptedCount: z.number().int().min(0),
  totalCount: z.number().int().min(1),
  link,
});
type Data = z.output<typeof schema>;

export function BesluitGeregistreerd({ data, context }: { data: Data; context: EmailContext }) {
  const missing = data.totalCount - data.adoptedCount;
  return (
    <Layout
      subject={besluitGeregistreerd.subject(data)}
      preview={`De raad van ${data.municipalityName} heeft de visie ${decisionLabels[data.decision]}.`}
      regionName={data.regionName}
      heading="Een gemeenteraad heeft besloten"
      category="notification"
      reason={`U werkt mee aan ${data.visionTitle} van ${data.regionName}. Daarom houden we u op de hoogte van de besluiten van de gemeenteraden.`}
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        De gemeenteraad van {data.municipalityName} heeft op {longDate(data.decidedAt)} besloten over {data.visionTitle} (
        {data.versionLabel}). Het besluit: {decisionLabels[data.decision]}.
      </Paragraph>
      <Facts
        items={[
          ["Vastgesteld door", `${data.adoptedCount} van de ${data.totalCount} gemeenten`],
          ["Nog nodig", missing > 0 ? `${missing} ${missing === 1 ? "gemeente" : "gemeenten"}` : "geen: alle gemeenten hebben vastgesteld"],
        ]}
      />
      <Action href={data.link}>Stand van de besluiten bekijken</Action>
    </Layout>
  );
}

export const besluitGeregistreerd = defineEmail({
  label: "Besluit van een gemeenteraad geregistreerd",
  description: "Betrokkenen horen dat een gemeenteraad over de visie heeft besloten, en hoeveel gemeenten nog moeten besluiten.",
  category: "notification",
  schema,
  subject: (d) => `Besluit gemeenteraad ${d.municipalityName}: ${d.visionTitle} ${decisionLabels[d.decision]}`,
  summary: (d) => `De raad van ${d.municipalityName} heeft ${d.visionTitle} ${decisionLabels[d.decision]}.`,
  sample: {
    recipientName: "Nina de Vries",
    regionName: "Jeugdhulp Rijnmond",
    municipalityName: "Vlaardingen",
    visionTitle: "Regiovisie jeugdhulp 2026-2030",
    versionLabel: "definitief",
    decision: "vastgesteld",
    decidedAt: "2026-10-08T18:00:00.000Z",
    adoptedCount: 9,
    totalCount: 13,
    link: "https://herleidbaar.example.org/visies/regiovisie-2026/vaststelling",
  },
  Component: BesluitGeregistreerd,
});

export default BesluitGeregistreerd;
