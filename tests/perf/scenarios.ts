// The page scenarios of `npm run bench`, over the large region (tests/perf/large-region.ts). Every read
// page of the process, public and staff; goals from issues 4, 6, 7 and 9.
import type { LargeRegion } from "./large-region";

export interface BenchScenario {
  name: string;
  path: string;
  method: "GET";
  /** Needs the bench staff member's session cookie. */
  staff: boolean;
  /** p95 goal in ms at `connections` concurrent requests. */
  goalP95: number;
  connections: number;
  /** Read pages count towards the "p95 < 100 ms, ratio < 3" goals; downloads are renders. */
  kind: "page" | "render";
}

export function benchScenarios(region: Pick<LargeRegion, "regionSlug" | "visionSlug" | "visionId" | "traceOrganisationCode" | "traceOrganisationId" | "letterReactionId" | "samplePointReference">): BenchScenario[] {
  const pub = `/visies/${region.regionSlug}/${region.visionSlug}`;
  const staff = `/beheer/visies/${region.visionId}`;
  const page = (name: string, path: string, isStaff = false): BenchScenario => ({ name, path, method: "GET", staff: isStaff, goalP95: 100, connections: 10, kind: "page" });
  const render = (name: string, path: string): BenchScenario => ({ name, path, method: "GET", staff: true, goalP95: 500, connections: 1, kind: "render" });
  return [
    page("visie lezen (60 onderdelen)", pub),
    page("vergelijken v1 → v2", `${pub}/vergelijken?van=1&naar=2`),
    page("triage: nieuw, adviesraden", `${staff}/beantwoorden?status=nieuw&type=adviesraad`, true),
    page("triage: aan mij, op onderdeel, p3", `${staff}/beantwoorden?toegewezen=mij&sorteer=onderdeel&pagina=3`, true),
    page("zoeken: wachtlijsten", `${staff}/beantwoorden?q=wachtlijsten`, true),
    page("zoeken: adviezen jongeren -school", `${staff}/beantwoorden?q=adviezen+jongeren+-school&status=beantwoord`, true),
    page("punt beantwoorden", `${staff}/beantwoorden/${region.samplePointReference}`, true),
    page("herleidbaarheid 200 punten (openbaar)", `${pub}/herleidbaarheid?organisatie=${region.traceOrganisationCode}`),
    page("herleidbaarheid 200 punten (beheer)", `${staff}/uitvoering/herleidbaarheid?organisatie=${region.traceOrganisationId}`, true),
    page("uitvoeringsplan 500 acties (openbaar)", `${pub}/uitvoering`),
    page("vaststelling (openbaar)", `${pub}/vaststelling`),
    page("vaststelling: bord (beheer)", `${staff}/vaststelling`, true),
    page("brieven (beheer)", `${staff}/brieven`, true),
    render("antwoordbrief 20 punten: PDF", `${staff}/brieven/${region.letterReactionId}/antwoordbrief.pdf`),
    render("antwoordbrief 20 punten: DOCX", `${staff}/brieven/${region.letterReactionId}/antwoordbrief.docx`),
  ];
}
