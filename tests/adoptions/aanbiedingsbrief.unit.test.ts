import { describe, expect, test } from "vitest";
import { buildAdoptionLetter, defaultAdoptionLetterBody } from "~/adoptions/aanbiedingsbrief";
import { docFromPlainText } from "~/editor/plain-text";

describe("the aanbiedingsbrief as a print document", () => {
  const letter = buildAdoptionLetter({
    regionName: "Jeugdhulp Rijnmond",
    regionAddress: "Postbus 70012\n3000 KP Rotterdam",
    visionTitle: "Regiovisie Jeugdhulp Rijnmond 2026-2030",
    versionLabel: "definitief",
    municipalities: ["Albrandswaard", "Barendrecht", "Vlaardingen"],
    letterDate: "2026-01-08",
    letterNumber: "26U0000412",
    deadline: "2026-07-01",
    body: docFromPlainText("Hierbij bieden wij u de regiovisie aan."),
    signedByName: "Wouter Struijk\nWethouder jeugd Nissewaard\nVoorzitter van de regionale stuurgroep transformatie",
  });

  test("is addressed to all colleges, with ons kenmerk, betreft and the version as attachment (seed 002)", () => {
    expect(letter.recipient.name).toBe("Aan alle colleges van de 3 regiogemeenten");
    expect(letter.sender).toEqual({ name: "Jeugdhulp Rijnmond", addressLines: ["Postbus 70012", "3000 KP Rotterdam"] });
    expect(letter.references).toMatchObject({ date: "2026-01-08", ourReference: "26U0000412", subject: "Vaststelling Regiovisie Jeugdhulp Rijnmond 2026-2030" });
    expect(letter.references.attachments).toEqual(["Regiovisie Jeugdhulp Rijnmond 2026-2030 (definitief)"]);
    expect(letter.salutation).toBe("Geachte colleges,");
    expect(letter.closingFormula).toBe("Hoogachtend,");
  });

  test("names the deadline in words and signs with name and functions on behalf of the board", () => {
    expect(letter.body).toContainEqual({
      type: "facts",
      rows: [
        { label: "Versie ter vaststelling", value: "definitief" },
        { label: "Graag een raadsbesluit uiterlijk op", value: "1 juli 2026" },
      ],
    });
    expect(letter.signatures).toEqual([
      {
        name: "Wouter Struijk",
        title: "Wethouder jeugd Nissewaard, Voorzitter van de regionale stuurgroep transformatie",
        onBehalfOf: "namens het Dagelijks Bestuur van Jeugdhulp Rijnmond",
      },
    ]);
    expect(letter.replyNote).toContain("26U0000412");
  });

  test("the default text asks every council to adopt by the deadline", () => {
    const body = defaultAdoptionLetterBody({ regionName: "Jeugdhulp Rijnmond", visionTitle: "Regiovisie", municipalityCount: 13, deadline: "2026-07-01" });
    expect(body).toContain("Pas als alle 13 gemeenteraden dezelfde definitieve versie hebben vastgesteld");
    expect(body).toContain("uiterlijk 1 juli 2026");
  });
});
