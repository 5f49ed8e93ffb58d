import type { JSONContent } from "@tiptap/core";
import type { LetterDocument } from "~/letters/letter-model";
import { longDutchDate } from "./in-force";

export interface AdoptionLetterInput {
  regionName: string;
  regionAddress: string | null;
  visionTitle: string;
  versionLabel: string;
  /** Names of the member municipalities the letter goes to. */
  municipalities: string[];
  letterDate: string;
  letterNumber: string | null;
  deadline: string;
  body: JSONContent;
  /** First line the name, further lines the functions (seed 002: four lines under "Wouter Struijk"). */
  signedByName: string | null;
}

/**
 * The aanbiedingsbrief as one print document (seed 002: "Aan alle Colleges van de 15
 * regiogemeenten", ons kenmerk, betreft, the request to adopt "uiterlijk 1 mei 2021").
 */
export function buildAdoptionLetter(input: AdoptionLetterInput): LetterDocument {
  const [name, ...titles] = (input.signedByName ?? "").split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return {
    type: "letter",
    title: `Aanbiedingsbrief ${input.visionTitle}`,
    sender: { name: input.regionName, addressLines: (input.regionAddress ?? "").split(/\r?\n/).filter((line) => line.trim() !== "") },
    recipient: {
      name: `Aan alle colleges van de ${input.municipalities.length} regiogemeenten`,
      addressLines: [input.municipalities.join(", ")],
    },
    references: {
      date: input.letterDate,
      ourReference: input.letterNumber,
      subject: `Vaststelling ${input.visionTitle}`,
      attachments: [`${input.visionTitle} (${input.versionLabel})`],
    },
    salutation: "Geachte colleges,",
    body: [
      { type: "text", content: { kind: "rich", doc: input.body } },
      {
        type: "facts",
        rows: [
          { label: "Versie ter vaststelling", value: input.versionLabel },
          { label: "Graag een raadsbesluit uiterlijk op", value: longDutchDate(input.deadline) },
        ],
      },
    ],
    closingFormula: "Hoogachtend,",
    signatures: name ? [{ name, title: titles.join(", ") || null, onBehalfOf: `namens het Dagelijks Bestuur van ${input.regionName}` }] : [],
    replyNote: input.letterNumber ? `Wilt u bij beantwoording van deze brief ons kenmerk ${input.letterNumber} vermelden?` : null,
  };
}

/** Seed 002 in the 2026 situation: the text staff start from. */
export function defaultAdoptionLetterBody(input: { regionName: string; visionTitle: string; municipalityCount: number; deadline: string }) {
  return [
    `Hierbij bieden wij u de ${input.visionTitle} aan, met het verzoek deze te laten vaststellen door uw gemeenteraad.`,
    `De visie is tot stand gekomen met inbreng van de adviesraden sociaal domein, jeugdhulpaanbieders, ketenpartners en ervaringsdeskundigen. Bij elke reactie staat op Herleidbaar wat ermee is gedaan.`,
    `Pas als alle ${input.municipalityCount} gemeenteraden dezelfde definitieve versie hebben vastgesteld, is de visie van kracht. Daarom verzoeken wij u uiterlijk ${longDutchDate(input.deadline)} de visie formeel vast te laten stellen door uw raad. Wij gaan ervan uit dat u daarbij ook het advies van uw adviesraad sociaal domein meeneemt.`,
    `Wilt u het raadsbesluit, en eventueel een reactiebrief van uw raad, vastleggen op Herleidbaar? Dan blijft voor iedereen zichtbaar hoe ver de vaststelling is.`,
  ].join("\n\n");
}
