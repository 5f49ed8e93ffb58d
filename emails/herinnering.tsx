import { Action, Facts, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, longDateTime, moment, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: optionalText(120),
  organisationName: text(),
  regionName: text(),
  visionTitle: text(),
  versionLabel: text(80),
  closesAt: moment,
  /** 7 or 1: which reminder this is. */
  daysLeft: z.union([z.literal(7), z.literal(1)]),
  reference: optionalText(80),
  link,
});
type Data = z.output<typeof schema>;

function when(d: Data) {
  return d.daysLeft === 1 ? "morgen" : "over 7 dagen";
}

export function Herinnering({ data, context }: { data: Data; context: EmailContext }) {
  return (
    <Layout
      subject={herinnering.subject(data)}
      preview={`De reactietermijn sluit ${when(data)}: ${longDateTime(data.closesAt)}.`}
      regionName={data.regionName}
      heading={data.daysLeft === 1 ? "Morgen is de laatste dag" : "Nog 7 dagen om te reageren"}
      category="essential"
      reason={`${data.organisationName} is uitgenodigd om te reageren en heeft nog geen reactie verstuurd. U werkt op Herleidbaar mee namens deze organisatie.`}
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        {data.organisationName} heeft nog geen reactie verstuurd op {data.visionTitle} ({data.versionLabel}). De reactietermijn
        sluit {when(data)}. Een reactie die al klaarstaat als concept, moet u nog versturen.
      </Paragraph>
      <Facts
        items={[
          ["Reageren kan tot", longDateTime(data.closesAt)],
          ["Kenmerk", data.reference],
        ]}
      />
      <Action href={data.link}>Reactie afmaken en versturen</Action>
      <Paragraph>Heeft uw organisatie al gereageerd op een andere manier? Dan kunt u deze e-mail negeren.</Paragraph>
    </Layout>
  );
}

export const herinnering = defineEmail({
  label: "Herinnering (7 dagen en 1 dag voor de deadline)",
  description: "Uitgenodigde organisaties die nog niet gereageerd hebben, krijgen 7 dagen en 1 dag voor de deadline een herinnering.",
  category: "essential",
  schema,
  subject: (d) =>
    d.daysLeft === 1
      ? `Laatste herinnering: reageren op ${d.visionTitle} kan tot morgen`
      : `Herinnering: nog 7 dagen om te reageren op ${d.visionTitle}`,
  summary: (d) => `De reactietermijn voor ${d.visionTitle} sluit ${d.daysLeft === 1 ? "morgen" : "over 7 dagen"}.`,
  sample: {
    recipientName: "Nina de Vries",
    organisationName: "Adviesraad Sociaal Domein Vlaardingen",
    regionName: "Jeugdhulp Rijnmond",
    visionTitle: "Regiovisie jeugdhulp 2026-2030",
    versionLabel: "eerste concept",
    closesAt: "2026-05-01T15:00:00.000Z",
    daysLeft: 7,
    reference: "GRJR/2026/0142",
    link: "https://herleidbaar.example.org/visies/regiovisie-2026",
  },
  Component: Herinnering,
});

export default Herinnering;
