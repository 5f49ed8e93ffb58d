import { Action, Facts, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, longDate, moment, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: optionalText(120),
  municipalityName: text(),
  regionName: text(),
  visionTitle: text(),
  versionLabel: text(80),
  /** The council is asked to decide before this date. */
  deadline: moment,
  reference: optionalText(80),
  attachmentName: optionalText(200),
  link,
});
type Data = z.output<typeof schema>;

export function Aanbiedingsbrief({ data, context }: { data: Data; context: EmailContext }) {
  return (
    <Layout
      subject={aanbiedingsbrief.subject(data)}
      preview={`De gemeenteraad wordt gevraagd te besluiten vóór ${longDate(data.deadline)}.`}
      regionName={data.regionName}
      heading="Visie aangeboden ter vaststelling"
      category="essential"
      reason={`${data.municipalityName} is lid van ${data.regionName}, en u werkt op Herleidbaar mee namens de gemeente.`}
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        {data.regionName} biedt {data.visionTitle} ({data.versionLabel}) aan het college van {data.municipalityName} aan. We
        vragen het college om de visie aan de gemeenteraad voor te leggen. De visie is pas van kracht als alle gemeenten dezelfde
        versie hebben vastgesteld.
      </Paragraph>
      <Facts
        items={[
          ["Graag een besluit vóór", longDate(data.deadline)],
          ["Kenmerk", data.reference],
          ["Bijlage", data.attachmentName],
        ]}
      />
      <Paragraph>Na het besluit van de raad legt u het raadsbesluit vast op Herleidbaar. U kunt ook een reactiebrief van de raad toevoegen.</Paragraph>
      <Action href={data.link}>Aanbieding en visie bekijken</Action>
    </Layout>
  );
}

export const aanbiedingsbrief = defineEmail({
  label: "Aanbiedingsbrief (visie ter vaststelling)",
  description: "Elke lidgemeente krijgt de definitieve visie met het verzoek om vaststelling vóór een datum.",
  category: "essential",
  schema,
  subject: (d) => `Aanbiedingsbrief: ${d.visionTitle} ter vaststelling${d.reference ? ` (kenmerk ${d.reference})` : ""}`,
  summary: (d) => `${d.regionName} vraagt de gemeenteraad van ${d.municipalityName} om ${d.visionTitle} vast te stellen.`,
  sample: {
    recipientName: "L. Zwagemaker",
    municipalityName: "gemeente Vlaardingen",
    regionName: "Jeugdhulp Rijnmond",
    visionTitle: "Regiovisie jeugdhulp 2026-2030",
    versionLabel: "definitief",
    deadline: "2026-11-01T00:00:00.000Z",
    reference: "GRJR/2026/0311",
    attachmentName: "aanbiedingsbrief-regiovisie-2026.pdf",
    link: "https://herleidbaar.example.org/visies/regiovisie-2026/vaststelling",
  },
  Component: Aanbiedingsbrief,
});

export default Aanbiedingsbrief;
