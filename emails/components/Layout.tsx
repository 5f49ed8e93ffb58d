// The single packages, not @react-email/components: its barrel also loads the code-block (Prism),
// Markdown and Tailwind components, ~30 MB and 2.5 s for every process that renders e-mail.
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { ReactNode } from "react";
import type { EmailCategory, EmailContext } from "../define";

// Plain inline styles and tables only: what Outlook (Word engine), Gmail and Apple Mail all render.
const font = "Arial, Helvetica, sans-serif";
const colours = { text: "#1a1a1a", brand: "#154273", muted: "#4a4a4a", line: "#cccccc", background: "#f3f3f3" };

export const styles = {
  paragraph: { fontFamily: font, fontSize: "16px", lineHeight: "24px", color: colours.text, margin: "0 0 16px" },
  small: { fontFamily: font, fontSize: "14px", lineHeight: "21px", color: colours.muted, margin: "0 0 12px" },
  link: { color: colours.brand, textDecoration: "underline" },
  listItem: { fontFamily: font, fontSize: "16px", lineHeight: "24px", color: colours.text, margin: "0 0 8px" },
} as const;

export function Layout(props: {
  subject: string;
  preview: string;
  regionName?: string;
  heading: string;
  category: EmailCategory;
  /** Why this person gets this e-mail, in one or two B1 sentences. */
  reason: string;
  context: EmailContext;
  children: ReactNode;
}) {
  return (
    <Html lang="nl" dir="ltr">
      <Head>
        <title>{props.subject}</title>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: colours.background, margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: "600px", width: "100%", border: `1px solid ${colours.line}` }}>
          <div role="article" aria-roledescription="e-mail" aria-label={props.subject} lang="nl">
            <Section style={{ backgroundColor: colours.brand, padding: "16px 24px" }}>
              <Text style={{ fontFamily: font, fontSize: "18px", lineHeight: "24px", fontWeight: 700, color: "#ffffff", margin: 0 }}>
                Herleidbaar{props.regionName ? ` · ${props.regionName}` : ""}
              </Text>
            </Section>
            <Section style={{ padding: "24px" }}>
              <Heading as="h1" style={{ fontFamily: font, fontSize: "24px", lineHeight: "32px", color: colours.text, margin: "0 0 16px" }}>
                {props.heading}
              </Heading>
              {props.children}
            </Section>
            <Hr style={{ borderColor: colours.line, margin: 0 }} />
            <Section style={{ padding: "16px 24px" }}>
              <Footer category={props.category} reason={props.reason} regionName={props.regionName} context={props.context} />
            </Section>
          </div>
        </Container>
      </Body>
    </Html>
  );
}

function Footer({ category, reason, regionName, context }: { category: EmailCategory; reason: string; regionName?: string; context: EmailContext }) {
  const contact = regionName ? `Neem contact op met ${regionName}.` : "Neem contact op met uw regio.";
  return (
    <>
      <Heading as="h2" style={{ fontFamily: font, fontSize: "16px", lineHeight: "24px", color: colours.text, margin: "0 0 8px" }}>
        Waarom krijgt u deze e-mail?
      </Heading>
      <Text style={styles.small}>{reason}</Text>
      {category === "essential" ? (
        <Text style={styles.small}>
          Deze e-mail hoort bij de adviesprocedure. Daarom sturen we hem altijd meteen. U kunt hem niet uitzetten. Klopt er
          iets niet? {contact}
        </Text>
      ) : (
        <Text style={styles.small}>
          Wilt u deze meldingen liever {category === "digest" ? "meteen, één voor één" : "in één e-mail per dag"}? Dat kiest u
          bij Mijn account, Meldingen:{" "}
          <Link href={context.preferencesUrl} style={styles.link}>
            {context.preferencesUrl}
          </Link>
        </Text>
      )}
    </>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{children}</Text>;
}

/** A button that also works in Outlook; the address is repeated as text for copying. */
export function Action({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: "8px 0 24px" }}>
      <Button
        href={href}
        style={{
          backgroundColor: colours.brand,
          color: "#ffffff",
          fontFamily: font,
          fontSize: "16px",
          fontWeight: 700,
          lineHeight: "24px",
          padding: "12px 20px",
          borderRadius: "4px",
          textDecoration: "none",
        }}
      >
        {children}
      </Button>
      <Text data-skip-in-text="true" style={{ ...styles.small, margin: "12px 0 0" }}>
        Werkt de knop niet? Kopieer dan dit adres in uw browser:{" "}
        <Link href={href} style={styles.link}>
          {href}
        </Link>
      </Text>
    </Section>
  );
}

/** Label-value pairs as short lines: read well aloud and in the plain-text part. */
export function Facts({ items }: { items: Array<[string, string | undefined | null]> }) {
  const shown = items.filter((item): item is [string, string] => !!item[1]);
  return (
    <Section style={{ margin: "0 0 16px" }}>
      {shown.map(([label, value]) => (
        <Text key={label} style={{ ...styles.listItem }}>
          <strong>{label}:</strong> {value}
        </Text>
      ))}
    </Section>
  );
}

export function BulletList({ items }: { items: ReactNode[] }) {
  return (
    <ul style={{ margin: "0 0 16px", paddingLeft: "24px" }}>
      {items.map((item, index) => (
        <li key={index} style={styles.listItem}>
          {item}
        </li>
      ))}
    </ul>
  );
}
