import { Action, Facts, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, longDate, moment, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: optionalText(120),
  organisationName: text(),
  regionName: text(),
  /** The region or the municipality's college that sends the letter. */
  senderName: text(),
  visionTitle: text(),
  letterDate: moment,
  letterReference: optionalText(80),
  theirReference: optionalText(80),
  attachmentName: optionalText(200),
  link,
});
type Data = z.output<typeof schema>;

export function AntwoordbriefVerzonden({ data, context }: { data: Data; context: EmailContext }) {
  return (
    <Layout
      subject={antwoordbriefVerzonden.subject(data)}
      preview={`${data.senderName} beantwoordt elk punt uit uw reactie.`}
      regionName={data.regionName}
      heading="De antwoordbrief op uw reactie"
      category="essential"
      reason={`${data.organisationName} heeft gereageerd op ${data.visionTitle}, en u werkt op Herleidbaar mee namens deze organisatie.`}
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        {data.senderName} heeft de antwoordbrief verstuurd op de reactie van {data.organisationName}. In de brief staat bij elk
        punt wat ermee is gedaan. De brief zit als PDF in de bijlage. Online ziet u ook welke tekst in de visie is veranderd.
      </Paragraph>
      <Facts
        items={[
          ["Datum brief", longDate(data.letterDate)],
          ["Ons kenmerk", data.letterReference],
          ["Uw kenmerk", data.theirReference],
          ["Bijlage", data.attachmentName],
        ]}
      />
      <Action href={data.link}>Antwoorden online bekijken</Action>
    </Layout>
  );
}

export const antwoordbriefVerzonden = defineEmail({
  label: "Antwoordbrief verzonden",
  description: "De organisatie krijgt de vastgestelde antwoordbrief als PDF in de bijlage.",
  category: "essential",
  schema,
  subject: (d) => `Antwoordbrief op uw reactie op ${d.visionTitle}${d.letterReference ? ` (kenmerk ${d.letterReference})` : ""}`,
  summary: (d) => `${d.senderName} heeft de antwoordbrief op uw reactie verstuurd.`,
  sample: {
    recipientName: "Nina de Vries",
    organisationName: "Adviesraad Sociaal Domein Vlaardingen",
    regionName: "Jeugdhulp Rijnmond",
    senderName: "Het college van B en W van Vlaardingen",
    visionTitle: "Regiovisie jeugdhulp 2026-2030",
    letterDate: "2026-06-15T08:00:00.000Z",
    letterReference: "VL/2026/3381",
    theirReference: "ASDV/2026/07",
    attachmentName: "antwoordbrief-asdv.pdf",
    link: "https://herleidbaar.example.org/reacties/voorbeeld/antwoorden",
  },
  Component: AntwoordbriefVerzonden,
});

export default AntwoordbriefVerzonden;
