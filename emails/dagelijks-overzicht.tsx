import { Link } from "@react-email/link";
import { Action, BulletList, Layout, Paragraph, styles } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, greeting, link, longDate, moment, optionalText, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: optionalText(120),
  date: moment,
  items: z
    .array(z.object({ subject: text(300), summary: text(600), link: link.optional() }))
    .min(1)
    .max(200),
});
type Data = z.output<typeof schema>;

export function DagelijksOverzicht({ data, context }: { data: Data; context: EmailContext }) {
  const count = data.items.length;
  return (
    <Layout
      subject={dagelijksOverzicht.subject(data)}
      preview={`${count === 1 ? "1 melding" : `${count} meldingen`} van Herleidbaar.`}
      heading="Uw meldingen van vandaag"
      category="digest"
      reason="U heeft gekozen voor één e-mail per dag met alle meldingen, in plaats van elke melding apart."
      context={context}
    >
      <Paragraph>{greeting(data.recipientName)}</Paragraph>
      <Paragraph>
        Dit is uw overzicht van {longDate(data.date)}. Er {count === 1 ? "is 1 melding" : `zijn ${count} meldingen`}.
      </Paragraph>
      <BulletList
        items={data.items.map((item) => (
          <>
            <strong>{item.subject}</strong>
            <br />
            {item.summary}
            {item.link ? (
              <>
                {" "}
                <Link href={item.link} style={styles.link}>
                  Bekijken
                </Link>
              </>
            ) : null}
          </>
        ))}
      />
      <Action href={context.appUrl}>Naar Herleidbaar</Action>
    </Layout>
  );
}

export const dagelijksOverzicht = defineEmail({
  label: "Dagelijks overzicht van meldingen",
  description: "Wie koos voor één e-mail per dag, krijgt de meldingen van die dag samen in dit overzicht.",
  category: "digest",
  schema,
  subject: (d) => `Uw meldingen van Herleidbaar (${d.items.length})`,
  summary: (d) => `${d.items.length} meldingen.`,
  sample: {
    recipientName: "Nina de Vries",
    date: "2026-07-02T06:00:00.000Z",
    items: [
      {
        subject: "Nieuwe versie van Regiovisie jeugdhulp 2026-2030: aangepast concept",
        summary: "Regiovisie jeugdhulp 2026-2030 heeft een nieuwe versie: aangepast concept.",
        link: "https://herleidbaar.example.org/visies/regiovisie-2026/versies/2",
      },
      {
        subject: "Uitvoeringsplan: Wachttijden per aanbieder openbaar maken (in uitvoering)",
        summary: 'De actie "Wachttijden per aanbieder openbaar maken" is nu: in uitvoering.',
      },
    ],
  },
  Component: DagelijksOverzicht,
});

export default DagelijksOverzicht;
