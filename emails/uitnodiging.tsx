import { Action, Layout, Paragraph } from "./components/Layout";
import type { EmailContext } from "./define";
import { defineEmail, link, longDateTime, moment, text } from "./define";
import { z } from "~/lib/zod.server";

const schema = z.object({
  recipientName: text(120),
  organisationName: text(),
  roleLabel: text(80),
  regionName: text(),
  link,
  expiresAt: moment,
});
type Data = z.output<typeof schema>;

export function Uitnodiging({ data, context }: { data: Data; context: EmailContext }) {
  const subject = uitnodiging.subject(data);
  return (
    <Layout
      subject={subject}
      preview={`Kies een wachtwoord om mee te werken namens ${data.organisationName}.`}
      regionName={data.regionName}
      heading="U bent uitgenodigd"
      category="essential"
      reason={`Een medewerker van ${data.regionName} heeft u uitgenodigd. Verwacht u deze e-mail niet? Dan kunt u hem negeren. U krijgt dan geen e-mails meer van ons.`}
      context={context}
    >
      <Paragraph>Beste {data.recipientName},</Paragraph>
      <Paragraph>
        U kunt nu meewerken op Herleidbaar namens {data.organisationName}, als {data.roleLabel}. Op Herleidbaar reageert u op de
        regiovisie van {data.regionName} en leest u de antwoorden.
      </Paragraph>
      <Paragraph>Kies eerst een wachtwoord. De link werkt één keer. U kunt hem gebruiken tot {longDateTime(data.expiresAt)}.</Paragraph>
      <Action href={data.link}>Wachtwoord kiezen</Action>
    </Layout>
  );
}

export const uitnodiging = defineEmail({
  label: "Uitnodiging voor het platform",
  description: "Een nieuwe gebruiker kiest een wachtwoord en krijgt een rol bij een organisatie.",
  category: "essential",
  schema,
  subject: (d) => `Uitnodiging voor Herleidbaar: ${d.organisationName}`,
  summary: (d) => `U bent uitgenodigd om mee te werken namens ${d.organisationName}.`,
  sample: {
    recipientName: "Nina de Vries",
    organisationName: "Adviesraad Sociaal Domein Vlaardingen",
    roleLabel: "lid",
    regionName: "Jeugdhulp Rijnmond",
    link: "https://herleidbaar.example.org/uitnodiging/voorbeeld-token",
    expiresAt: "2026-03-09T09:00:00.000Z",
  },
  Component: Uitnodiging,
});

export default Uitnodiging;
