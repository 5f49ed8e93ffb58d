import { Action, Facts, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, longDateTime, moment, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: optionalText(120),
  organisationName: text(),
  regionName: text(),
  addressedToName: text(),
  visionTitle: text(),
  versionLabel: text(80),
  submittedAt: moment,
  pointCount: z.number().int().min(0),
  reference: optionalText(80),
  /** File name of the attached PDF, if any. */
  attachmentName: optionalText(200),
  /** When the reaction this one corrects was submitted: the receipt says it is a correction. */
  correctionOf: moment.optional(),
  link,
});
type Data = z.output<typeof schema>;

function points(n: number) {
  return n === 1 ? "1 punt" : `${n} punten`;
}

export function Ontvangstbevestiging({ data, context }: { data: Data; context: EmailContext }) {
  return (
    <Layout
      subject={ontvangstbevestiging.subject(data)}
      preview={`Ontvangen op ${longDateTime(data.submittedAt)}, met ${points(data.pointCount)}.`}
      regionName={data.regionName}
      heading="Wij hebben uw reactie ontvangen"
      category="essential"
      reason={`U werkt op Herleidbaar mee namens ${data.organisationName}, en uw organisatie heeft een reactie verstuurd.`}
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        De reactie van {data.organisationName} op {data.visionTitle} ({data.versionLabel}) is ontvangen door {data.addressedToName}.
        De reactie is nu definitief. U krijgt later een antwoordbrief met een antwoord op elk punt.
      </Paragraph>
      {data.correctionOf ? (
        <Paragraph>
          Dit is een correctie. Hij vervangt de reactie die uw organisatie op {longDateTime(data.correctionOf)} stuurde. Die oude versie blijft
          bewaard, maar wordt niet meer apart beantwoord.
        </Paragraph>
      ) : null}
      <Facts
        items={[
          ["Ontvangen op", longDateTime(data.submittedAt)],
          ["Aantal punten", points(data.pointCount)],
          ["Kenmerk", data.reference],
          ["Bijlage", data.attachmentName ? `${data.attachmentName} (de reactie als PDF)` : undefined],
        ]}
      />
      <Action href={data.link}>Reactie bekijken</Action>
    </Layout>
  );
}

export const ontvangstbevestiging = defineEmail({
  label: "Ontvangstbevestiging van een reactie",
  description: "Na het versturen van een reactie krijgt de organisatie een bevestiging, met de reactie als PDF in de bijlage.",
  category: "essential",
  schema,
  subject: (d) => `Ontvangstbevestiging: ${d.correctionOf ? "correctie van de reactie" : "reactie"} van ${d.organisationName} op ${d.visionTitle}`,
  summary: (d) => `De reactie van ${d.organisationName} op ${d.visionTitle} is ontvangen.`,
  sample: {
    recipientName: "Nina de Vries",
    organisationName: "Adviesraad Sociaal Domein Vlaardingen",
    regionName: "Jeugdhulp Rijnmond",
    addressedToName: "het college van B en W van Vlaardingen",
    visionTitle: "Regiovisie jeugdhulp 2026-2030",
    versionLabel: "eerste concept",
    submittedAt: "2026-04-22T13:41:00.000Z",
    pointCount: 12,
    reference: "ASDV/2026/07",
    attachmentName: "reactie-asdv-regiovisie-2026.pdf",
    link: "https://herleidbaar.example.org/reacties/voorbeeld",
  },
  Component: Ontvangstbevestiging,
});

export default Ontvangstbevestiging;
