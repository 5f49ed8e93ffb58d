import type { Viewer } from "~/auth/roles";
import { isStaff } from "~/auth/roles";

/** The griffie records its own council's decision; region staff may record any member municipality's on its behalf. */
export function canRecordAdoption(viewer: Viewer | null, regionId: string, municipalityId: string): boolean {
  if (isStaff(viewer, regionId)) return true;
  return isGriffieOf(viewer, municipalityId);
}

export function isGriffieOf(viewer: Viewer | null, municipalityId: string): boolean {
  return !!viewer?.memberships.some((m) => m.organisationId === municipalityId && m.role === "griffie");
}

/** The municipalities (of the region) whose decisions the viewer records as griffie. */
export function griffieMunicipalities(viewer: Viewer | null, regionId?: string) {
  return (viewer?.memberships ?? []).filter(
    (m) => m.role === "griffie" && m.organisationType === "gemeente" && (regionId === undefined || m.regionId === regionId),
  );
}
