import { Action, BulletList, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, longDate, moment, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: optionalText(120),
  regionName: text(),
  visionTitle: text(),
  versionLabel: text(80),
  publishedAt: moment,
  /** The most important changes; the page shows all of them. */
  changes: z.array(z.object({ section: text(), change: text(400) })).max(20),
  changeCount: z.number().int().min(0),
  link,
});
type Data = z.output<typeof schema>;

export function NieuweVersie({ data, context }: { data: Data; context: EmailContext }) {
  const more = data.changeCount - data.changes.length;
  return (
    <Layout
      subject={nieuweVersie.subject(data)}
      preview={`${data.visionTitle} heeft een nieuwe versie: ${data.versionLabel}.`}
      regionName={data.regionName}
      heading="Er is een nieuwe versie"
      category="notification"
      reason={`U werkt mee aan ${data.visionTitle} van ${data.regionName}. Daarom houden we u op de hoogte van nieuwe versies.`}
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        {data.regionName} heeft op {longDate(data.publishedAt)} een nieuwe versie van {data.visionTitle} gepubliceerd:{" "}
        {data.versionLabel}. {data.changeCount === 0 ? "Er zijn geen onderdelen veranderd." : `Er ${data.changeCount === 1 ? "is 1 onderdeel" : `zijn ${data.changeCount} onderdelen`} veranderd.`}
      </Paragraph>
      {data.changes.length > 0 ? (
        <>
          <Paragraph>Wat is er veranderd?</Paragraph>
          <BulletList items={data.changes.map((c) => `${c.section}: ${c.change}`)} />
          {more > 0 ? <Paragraph>En nog {more} andere wijzigingen. U ziet ze allemaal op de website.</Paragraph> : null}
        </>
      ) : null}
      <Action href={data.link}>Nieuwe versie en wijzigingen bekijken</Action>
    </Layout>
  );
}

export const nieuweVersie = defineEmail({
  label: "Nieuwe versie gepubliceerd",
  description: "Betrokkenen horen dat er een nieuwe versie is, met de belangrijkste wijzigingen.",
  category: "notification",
  schema,
  subject: (d) => `Nieuwe versie van ${d.visionTitle}: ${d.versionLabel}`,
  summary: (d) => `${d.visionTitle} heeft een nieuwe versie: ${d.versionLabel}.`,
  sample: {
    recipientName: "Nina de Vries",
    regionName: "Jeugdhulp Rijnmond",
    visionTitle: "Regiovisie jeugdhulp 2026-2030",
    versionLabel: "aangepast concept",
    publishedAt: "2026-07-01T08:00:00.000Z",
    changes: [
      { section: "Bouwsteen 4: Wachttijden", change: "De maximale wachttijd is nu 6 weken (was: 8 weken). Dit is overgenomen uit ASDV-3." },
      { section: "Begrip: ervaringsdeskundige", change: "Nieuwe uitleg in eenvoudige taal." },
    ],
    changeCount: 7,
    link: "https://herleidbaar.example.org/visies/regiovisie-2026/versies/2",
  },
  Component: NieuweVersie,
});

export default NieuweVersie;
