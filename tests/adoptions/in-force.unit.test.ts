import { describe, expect, test } from "vitest";
import { inForceStatus, type AdoptionDecision, type InForceInput, type MunicipalityMembership } from "~/adoptions/in-force";

const current = [
  "Albrandswaard",
  "Barendrecht",
  "Capelle aan den IJssel",
  "Goeree-Overflakkee",
  "Krimpen aan den IJssel",
  "Lansingerland",
  "Maassluis",
  "Nissewaard",
  "Ridderkerk",
  "Rotterdam",
  "Schiedam",
  "Vlaardingen",
];
const municipalities: MunicipalityMembership[] = [
  ...current.map((name) => ({ id: name, name, memberFrom: null, memberUntil: null })),
  { id: "Voorne aan Zee", name: "Voorne aan Zee", memberFrom: "2023-01-01", memberUntil: null },
  ...["Brielle", "Hellevoetsluis", "Westvoorne"].map((name) => ({ id: name, name, memberFrom: null, memberUntil: "2022-12-31" })),
];
const target = { id: "v2", label: "definitief", isDefinitive: true, isPublished: true };
const versionLabels = { v1: "eerste concept", v2: "definitief" };

function adoptedBy(names: string[], councilDate = "2026-06-12"): AdoptionDecision[] {
  return names.map((name) => ({ municipalityId: name, versionId: "v2", outcome: "vastgesteld", councilDate }));
}

const thirteen = [...current, "Voorne aan Zee"];

function input(adoptions: AdoptionDecision[], overrides: Partial<InForceInput> = {}): InForceInput {
  return { target, municipalities, adoptions, versionLabels, asOf: "2026-07-15", ...overrides };
}

describe("van kracht", () => {
  test("all 13 member municipalities adopted the definitive version: in force from the last council date", () => {
    const adoptions = adoptedBy(thirteen);
    adoptions[4] = { ...adoptions[4]!, outcome: "vastgesteld_met_amendement", councilDate: "2026-07-02" };
    const result = inForceStatus(input(adoptions));
    expect(result).toMatchObject({ inForce: true, effectiveDate: "2026-07-02" });
    expect(result.required.map((r) => r.name).sort()).toEqual([...thirteen].sort());
  });

  test("one municipality adopted an older version: not in force, and the reason names both versions", () => {
    const adoptions = adoptedBy(thirteen.filter((n) => n !== "Maassluis"));
    adoptions.push({ municipalityId: "Maassluis", versionId: "v1", outcome: "vastgesteld", councilDate: "2026-05-20" });
    const result = inForceStatus(input(adoptions));
    expect(result.inForce).toBe(false);
    if (result.inForce) return;
    expect(result.reasons).toEqual(["Maassluis: heeft versie 'eerste concept' vastgesteld, niet 'definitief'"]);
  });

  test("one council rejected: not in force, with the date of the rejection", () => {
    const adoptions = adoptedBy(thirteen.filter((n) => n !== "Lansingerland"));
    adoptions.push({ municipalityId: "Lansingerland", versionId: "v2", outcome: "verworpen", councilDate: "2026-06-25" });
    const result = inForceStatus(input(adoptions));
    expect(result).toMatchObject({ inForce: false, reasons: ["Lansingerland: verworpen op 25 juni 2026"] });
  });

  test("a decision held over (aangehouden) and a missing decision each keep it from being in force", () => {
    const adoptions = adoptedBy(thirteen.filter((n) => n !== "Schiedam" && n !== "Rotterdam"));
    adoptions.push({ municipalityId: "Rotterdam", versionId: "v2", outcome: "aangehouden", councilDate: "2026-06-18" });
    const result = inForceStatus(input(adoptions));
    expect(result).toMatchObject({
      inForce: false,
      reasons: ["Rotterdam: besluit aangehouden op 18 juni 2026", "Schiedam: nog geen besluit"],
    });
  });

  test("a merger during the process: the merged municipalities are not required after they ceased, the new one is", () => {
    // The three merged municipalities adopted in 2022; the others in 2023 after the merger, Voorne aan Zee not yet.
    const adoptions = [
      ...adoptedBy(["Brielle", "Hellevoetsluis", "Westvoorne"], "2022-11-10"),
      ...adoptedBy(current, "2023-03-01"),
    ];
    const without = inForceStatus(input(adoptions, { asOf: "2023-04-01" }));
    expect(without).toMatchObject({ inForce: false, reasons: ["Voorne aan Zee: nog geen besluit"] });
    expect(without.required).toHaveLength(13);

    const withVaz = inForceStatus(input([...adoptions, ...adoptedBy(["Voorne aan Zee"], "2023-03-15")], { asOf: "2023-04-01" }));
    expect(withVaz).toMatchObject({ inForce: true, effectiveDate: "2023-03-15" });
    expect(withVaz.required.map((r) => r.name)).not.toContain("Brielle");
  });

  test("before the merger all 15 were required: in force on the 15th adoption, and stays so after the merger", () => {
    const fifteen = municipalities.filter((m) => m.id !== "Voorne aan Zee").map((m) => m.id);
    const adoptions = adoptedBy(fifteen, "2021-04-22");
    adoptions[0] = { ...adoptions[0]!, councilDate: "2021-04-29" };
    const result = inForceStatus(input(adoptions, { asOf: "2026-01-01" }));
    expect(result).toMatchObject({ inForce: true, effectiveDate: "2021-04-29" });
    expect(result.required).toHaveLength(15);
  });

  test("an adoption dated before the municipality became a member does not count", () => {
    const adoptions = [...adoptedBy(current), { municipalityId: "Voorne aan Zee", versionId: "v2", outcome: "vastgesteld" as const, councilDate: "2022-12-01" }];
    const result = inForceStatus(input(adoptions));
    expect(result.inForce).toBe(false);
    if (!result.inForce) expect(result.reasons[0]).toMatch(/^Voorne aan Zee: het besluit op 1 december 2022 valt buiten het lidmaatschap/);
  });

  test("no published definitive version: never in force", () => {
    expect(inForceStatus(input(adoptedBy(thirteen), { target: { ...target, isPublished: false } }))).toMatchObject({ inForce: false });
    expect(inForceStatus(input(adoptedBy(thirteen), { target: null }))).toMatchObject({
      inForce: false,
      reasons: ["Er is nog geen definitieve versie gepubliceerd."],
    });
  });
});
