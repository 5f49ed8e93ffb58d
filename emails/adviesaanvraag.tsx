import { Action, Facts, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, longDate, longDateTime, moment, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: optionalText(120),
  organisationName: text(),
  regionName: text(),
  /** The region, or the municipality asking its own adviesraad. */
  requestedByName: text(),
  visionTitle: text(),
  versionLabel: text(80),
  closesAt: moment,
  reference: optionalText(80),
  requestDate: moment.optional(),
  message: optionalText(2000),
  link,
});
type Data = z.output<typeof schema>;

export function Adviesaanvraag({ data, context }: { data: Data; context: EmailContext }) {
  return (
    <Layout
      subject={adviesaanvraag.subject(data)}
      preview={`${data.requestedByName} vraagt uw reactie. Reageren kan tot ${longDate(data.closesAt)}.`}
      regionName={data.regionName}
      heading="Wij vragen uw reactie"
      category="essential"
      reason={`${data.requestedByName} heeft ${data.organisationName} uitgenodigd om te reageren. U werkt op Herleidbaar mee namens deze organisatie.`}
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        {data.requestedByName} vraagt {data.organisationName} om te reageren op {data.visionTitle} ({data.versionLabel}). Uw
        organisatie stuurt samen één reactie. U kunt per onderdeel van de visie een punt maken.
      </Paragraph>
      <Facts
        items={[
          ["Visie", `${data.visionTitle} (${data.versionLabel})`],
          ["Reageren kan tot", longDateTime(data.closesAt)],
          ["Kenmerk", data.reference],
          ["Datum adviesaanvraag", data.requestDate ? longDate(data.requestDate) : undefined],
        ]}
      />
      {data.message ? <Paragraph>{data.message}</Paragraph> : null}
      <Action href={data.link}>Visie lezen en reageren</Action>
    </Layout>
  );
}

export const adviesaanvraag = defineEmail({
  label: "Adviesaanvraag (uitnodiging om te reageren)",
  description: "Een uitgenodigde organisatie krijgt de vraag om te reageren op een gepubliceerde versie.",
  category: "essential",
  schema,
  subject: (d) => `Adviesaanvraag: ${d.visionTitle} (${d.versionLabel})${d.reference ? `, kenmerk ${d.reference}` : ""}`,
  summary: (d) => `${d.requestedByName} vraagt uw reactie op ${d.visionTitle}. Reageren kan tot ${longDate(d.closesAt)}.`,
  sample: {
    recipientName: "Nina de Vries",
    organisationName: "Adviesraad Sociaal Domein Vlaardingen",
    regionName: "Jeugdhulp Rijnmond",
    requestedByName: "Jeugdhulp Rijnmond",
    visionTitle: "Regiovisie jeugdhulp 2026-2030",
    versionLabel: "eerste concept",
    closesAt: "2026-05-01T15:00:00.000Z",
    reference: "GRJR/2026/0142",
    requestDate: "2026-03-02T09:00:00.000Z",
    message: "We horen graag vooral hoe jongeren en ouders de bouwstenen over wachttijden ervaren.",
    link: "https://herleidbaar.example.org/visies/regiovisie-2026",
  },
  Component: Adviesaanvraag,
});

export default Adviesaanvraag;
