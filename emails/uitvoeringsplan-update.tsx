import { Action, Facts, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: optionalText(120),
  regionName: text(),
  visionTitle: text(),
  actionTitle: text(),
  /** Dutch status label, e.g. "in uitvoering" or "afgerond". */
  statusLabel: text(60),
  note: optionalText(2000),
  /** Points of the recipient's organisation this action follows from, e.g. ASDV-3. */
  pointReferences: z.array(text(40)).max(50).default([]),
  link,
});
type Data = z.output<typeof schema>;

export function UitvoeringsplanUpdate({ data, context }: { data: Data; context: EmailContext }) {
  return (
    <Layout
      subject={uitvoeringsplanUpdate.subject(data)}
      preview={`${data.actionTitle}: ${data.statusLabel}.`}
      regionName={data.regionName}
      heading="Nieuws uit het uitvoeringsplan"
      category="notification"
      reason={
        data.pointReferences.length > 0
          ? `Deze actie komt voort uit een punt van uw organisatie (${data.pointReferences.join(", ")}). Daarom houden we u op de hoogte.`
          : `U werkt mee aan ${data.visionTitle} van ${data.regionName}. Daarom houden we u op de hoogte.`
      }
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        Er is nieuws over een actie uit het uitvoeringsplan van {data.visionTitle}.
      </Paragraph>
      <Facts
        items={[
          ["Actie", data.actionTitle],
          ["Stand", data.statusLabel],
          ["Komt voort uit", data.pointReferences.length > 0 ? data.pointReferences.join(", ") : undefined],
        ]}
      />
      {data.note ? <Paragraph>{data.note}</Paragraph> : null}
      <Action href={data.link}>Actie bekijken</Action>
    </Layout>
  );
}

export const uitvoeringsplanUpdate = defineEmail({
  label: "Uitvoeringsplan: nieuws over een actie",
  description: "Organisaties horen hoe het gaat met acties die uit hun punten voortkomen.",
  category: "notification",
  schema,
  subject: (d) => `Uitvoeringsplan: ${d.actionTitle} (${d.statusLabel})`,
  summary: (d) => `De actie "${d.actionTitle}" is nu: ${d.statusLabel}.`,
  sample: {
    recipientName: "Nina de Vries",
    regionName: "Jeugdhulp Rijnmond",
    visionTitle: "Regiovisie jeugdhulp 2026-2030",
    actionTitle: "Wachttijden per aanbieder openbaar maken",
    statusLabel: "in uitvoering",
    note: "Vanaf 1 maart staan de wachttijden van alle aanbieders elke maand op de website van de regio.",
    pointReferences: ["ASDV-3", "ASDV-7"],
    link: "https://herleidbaar.example.org/visies/regiovisie-2026/uitvoeringsplan",
  },
  Component: UitvoeringsplanUpdate,
});

export default UitvoeringsplanUpdate;
