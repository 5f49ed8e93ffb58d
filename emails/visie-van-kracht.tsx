import { Action, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, longDate, moment, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: optionalText(120),
  regionName: text(),
  visionTitle: text(),
  versionLabel: text(80),
  effectiveAt: moment,
  municipalityCount: z.number().int().min(1),
  link,
});
type Data = z.output<typeof schema>;

export function VisieVanKracht({ data, context }: { data: Data; context: EmailContext }) {
  return (
    <Layout
      subject={visieVanKracht.subject(data)}
      preview={`Alle ${data.municipalityCount} gemeenten hebben de visie vastgesteld.`}
      regionName={data.regionName}
      heading="De visie is van kracht"
      category="notification"
      reason={`U werkt mee aan ${data.visionTitle} van ${data.regionName}. Daarom houden we u op de hoogte.`}
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        Alle {data.municipalityCount} gemeenten van {data.regionName} hebben {data.visionTitle} ({data.versionLabel}) vastgesteld.
        Daarom is de visie van kracht sinds {longDate(data.effectiveAt)}. Bedankt voor uw bijdrage.
      </Paragraph>
      <Paragraph>In het uitvoeringsplan ziet u wat er met elk punt gebeurt.</Paragraph>
      <Action href={data.link}>Visie en uitvoeringsplan bekijken</Action>
    </Layout>
  );
}

export const visieVanKracht = defineEmail({
  label: "Visie van kracht",
  description: "Iedereen die meewerkte, hoort dat alle gemeenten de visie hebben vastgesteld.",
  category: "notification",
  schema,
  subject: (d) => `${d.visionTitle} is van kracht`,
  summary: (d) => `${d.visionTitle} is van kracht: alle gemeenten hebben de visie vastgesteld.`,
  sample: {
    recipientName: "Nina de Vries",
    regionName: "Jeugdhulp Rijnmond",
    visionTitle: "Regiovisie jeugdhulp 2026-2030",
    versionLabel: "definitief",
    effectiveAt: "2026-12-18T12:00:00.000Z",
    municipalityCount: 13,
    link: "https://herleidbaar.example.org/visies/regiovisie-2026",
  },
  Component: VisieVanKracht,
});

export default VisieVanKracht;
