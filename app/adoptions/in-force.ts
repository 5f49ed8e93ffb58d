/**
 * The van-kracht rule (pure): a visie is in force only when every municipality that is a member of
 * the region on the relevant date has adopted (vastgesteld, or vastgesteld met amendement) the same
 * definitive, published version. The effective date is the council date of the last adoption
 * needed. Membership is judged at the dates themselves: an adoption counts only when the
 * municipality was a member on its council date; a municipality that merged away before that date
 * is not required; one that joined by then is.
 */

export type DecisionOutcome = "vastgesteld" | "vastgesteld_met_amendement" | "aangehouden" | "verworpen";

export const decisionOutcomes = ["vastgesteld", "vastgesteld_met_amendement", "aangehouden", "verworpen"] as const;

export const outcomeLabels: Record<DecisionOutcome, string> = {
  vastgesteld: "vastgesteld",
  vastgesteld_met_amendement: "vastgesteld met amendement",
  aangehouden: "aangehouden",
  verworpen: "verworpen",
};

export interface MunicipalityMembership {
  id: string;
  name: string;
  /** ISO dates (yyyy-mm-dd); null = open-ended. */
  memberFrom: string | null;
  memberUntil: string | null;
}

export interface AdoptionDecision {
  municipalityId: string;
  versionId: string | null;
  outcome: DecisionOutcome | null;
  /** ISO date of the raadsvergadering. */
  councilDate: string | null;
}

export interface TargetVersion {
  id: string;
  label: string;
  isDefinitive: boolean;
  isPublished: boolean;
}

export interface InForceInput {
  /** The definitive published version the municipalities are asked to adopt (null: none yet). */
  target: TargetVersion | null;
  municipalities: MunicipalityMembership[];
  adoptions: AdoptionDecision[];
  /** Labels of every version of the visie, for the reasons ("eerste concept"). */
  versionLabels: Record<string, string>;
  /** Today (ISO date): whose membership the reasons are about when the visie is not in force. */
  asOf: string;
}

export type MunicipalityState = "adopted" | "pending" | "held" | "rejected" | "other-version" | "not-member-then";

export interface MunicipalityStatus {
  municipalityId: string;
  name: string;
  state: MunicipalityState;
  /** Dutch, e.g. "Schiedam: nog geen besluit". Null when adopted. */
  reason: string | null;
}

export type InForceResult =
  | { inForce: true; effectiveDate: string; required: MunicipalityStatus[] }
  | { inForce: false; reasons: string[]; required: MunicipalityStatus[] };

const adopted = new Set<DecisionOutcome | null>(["vastgesteld", "vastgesteld_met_amendement"]);

export function isMemberOn(m: Pick<MunicipalityMembership, "memberFrom" | "memberUntil">, date: string): boolean {
  return (m.memberFrom === null || m.memberFrom <= date) && (m.memberUntil === null || date <= m.memberUntil);
}

/** "12 juni 2026" from an ISO date, without time zones (a council date is a calendar date). */
export function longDutchDate(iso: string): string {
  const months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${months[(month ?? 1) - 1]} ${year}`;
}

function counts(decision: AdoptionDecision | undefined, target: TargetVersion, municipality: MunicipalityMembership) {
  return (
    !!decision &&
    adopted.has(decision.outcome) &&
    decision.versionId === target.id &&
    decision.councilDate !== null &&
    isMemberOn(municipality, decision.councilDate)
  );
}

function statusOf(municipality: MunicipalityMembership, decision: AdoptionDecision | undefined, input: InForceInput & { target: TargetVersion }): MunicipalityStatus {
  const base = { municipalityId: municipality.id, name: municipality.name };
  const when = decision?.councilDate ? ` op ${longDutchDate(decision.councilDate)}` : "";
  if (!decision || decision.outcome === null) return { ...base, state: "pending", reason: `${municipality.name}: nog geen besluit` };
  if (decision.outcome === "verworpen") return { ...base, state: "rejected", reason: `${municipality.name}: verworpen${when}` };
  if (decision.outcome === "aangehouden") return { ...base, state: "held", reason: `${municipality.name}: besluit aangehouden${when}` };
  if (decision.versionId !== input.target.id) {
    const label = decision.versionId ? (input.versionLabels[decision.versionId] ?? "onbekend") : "onbekend";
    return { ...base, state: "other-version", reason: `${municipality.name}: heeft versie '${label}' vastgesteld, niet '${input.target.label}'` };
  }
  if (!decision.councilDate || !isMemberOn(municipality, decision.councilDate)) {
    return { ...base, state: "not-member-then", reason: `${municipality.name}: het besluit${when} valt buiten het lidmaatschap van de regio` };
  }
  return { ...base, state: "adopted", reason: null };
}

export function inForceStatus(input: InForceInput): InForceResult {
  const { target } = input;
  if (!target) return { inForce: false, reasons: ["Er is nog geen definitieve versie gepubliceerd."], required: [] };
  if (!target.isPublished || !target.isDefinitive) {
    return { inForce: false, reasons: [`Versie '${target.label}' is geen gepubliceerde definitieve versie.`], required: [] };
  }
  const decisionOf = new Map(input.adoptions.map((a) => [a.municipalityId, a]));
  const withTarget = { ...input, target };

  // The visie comes into force on an adoption date: the first such date on which every member of
  // that day has a counting adoption on or before it.
  const candidateDates = [
    ...new Set(
      input.municipalities
        .filter((m) => counts(decisionOf.get(m.id), target, m))
        .map((m) => decisionOf.get(m.id)!.councilDate!),
    ),
  ].sort();
  for (const date of candidateDates) {
    const members = input.municipalities.filter((m) => isMemberOn(m, date));
    if (members.length === 0) continue;
    const complete = members.every((m) => {
      const decision = decisionOf.get(m.id);
      return counts(decision, target, m) && decision!.councilDate! <= date;
    });
    if (complete) {
      return { inForce: true, effectiveDate: date, required: members.map((m) => statusOf(m, decisionOf.get(m.id), withTarget)) };
    }
  }

  const required = input.municipalities
    .filter((m) => isMemberOn(m, input.asOf))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))
    .map((m) => statusOf(m, decisionOf.get(m.id), withTarget));
  const reasons = required.filter((s) => s.reason !== null).map((s) => s.reason!);
  if (reasons.length === 0) reasons.push("Nog niet alle gemeenten hebben dezelfde versie vastgesteld.");
  return { inForce: false, reasons, required };
}
