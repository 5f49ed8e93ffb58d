/** Pure permission checks shared by the UI (what to show) and the server (what to allow). */

export type MembershipRole =
  | "member"
  | "signatory"
  | "municipal_staff"
  | "griffie"
  | "staff_editor"
  | "staff_admin";

export type OrganisationType =
  | "regio"
  | "gemeente"
  | "adviesraad"
  | "aanbieder"
  | "ervaringsdeskundigen"
  | "ketenpartner"
  | "clientenraad";

export interface ViewerMembership {
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  regionId: string;
  regionName: string;
  role: MembershipRole;
}

export interface Viewer {
  sessionId: string;
  user: { id: string; email: string; name: string; isPlatformAdmin: boolean };
  memberships: ViewerMembership[];
}

export const roleLabels: Record<MembershipRole, string> = {
  member: "lid",
  signatory: "ondertekenaar",
  municipal_staff: "gemeentelijk medewerker",
  griffie: "griffie",
  staff_editor: "regiomedewerker (redacteur)",
  staff_admin: "regiomedewerker (beheerder)",
};

export const organisationTypeLabels: Record<OrganisationType, string> = {
  regio: "regio",
  gemeente: "gemeente",
  adviesraad: "adviesraad",
  aanbieder: "jeugdhulpaanbieder",
  ervaringsdeskundigen: "ervaringsdeskundigen",
  ketenpartner: "ketenpartner",
  clientenraad: "cliëntenraad",
};

/** Which roles fit which organisation type; invitations outside this are refused. */
export const rolesForOrganisationType: Record<OrganisationType, MembershipRole[]> = {
  regio: ["staff_editor", "staff_admin"],
  gemeente: ["municipal_staff", "griffie"],
  adviesraad: ["member", "signatory"],
  aanbieder: ["member", "signatory"],
  ervaringsdeskundigen: ["member", "signatory"],
  ketenpartner: ["member", "signatory"],
  clientenraad: ["member", "signatory"],
};

export function isStaff(viewer: Viewer | null, regionId: string): boolean {
  return !!viewer?.memberships.some(
    (m) => m.regionId === regionId && (m.role === "staff_editor" || m.role === "staff_admin"),
  );
}

export function isStaffAdmin(viewer: Viewer | null, regionId: string): boolean {
  return !!viewer?.memberships.some((m) => m.regionId === regionId && m.role === "staff_admin");
}

export function staffRegionIds(viewer: Viewer | null): string[] {
  if (!viewer) return [];
  const ids = viewer.memberships
    .filter((m) => m.role === "staff_editor" || m.role === "staff_admin")
    .map((m) => m.regionId);
  return [...new Set(ids)];
}

export function isPlatformAdmin(viewer: Viewer | null): boolean {
  return !!viewer?.user.isPlatformAdmin;
}

/** Staff admins manage organisations and people of their own region only. */
export function canManageOrganisations(viewer: Viewer | null, regionId: string): boolean {
  return isStaffAdmin(viewer, regionId);
}

/** Editors and admins of the region may see its organisations. */
export function canViewOrganisations(viewer: Viewer | null, regionId: string): boolean {
  return isStaff(viewer, regionId);
}

export function canViewMailbox(viewer: Viewer | null, regionId: string): boolean {
  return isStaffAdmin(viewer, regionId);
}

export function canViewAuditLog(viewer: Viewer | null, regionId: string): boolean {
  return isStaffAdmin(viewer, regionId);
}

export function canManageRegions(viewer: Viewer | null): boolean {
  return isPlatformAdmin(viewer);
}

export function isMemberOf(viewer: Viewer | null, organisationId: string): boolean {
  return !!viewer?.memberships.some((m) => m.organisationId === organisationId);
}

export function hasRole(viewer: Viewer | null, role: MembershipRole): boolean {
  return !!viewer?.memberships.some((m) => m.role === role);
}

export interface NavItem {
  to: string;
  label: string;
}

/** The navigation shows each role what it may do. */
export function navigationFor(viewer: Viewer | null): NavItem[] {
  const items: NavItem[] = [
    { to: "/", label: "Home" },
    { to: "/visies", label: "Regiovisies" },
  ];
  if (!viewer) return items;
  const organisationRoles: MembershipRole[] = ["member", "signatory", "municipal_staff", "griffie"];
  if (viewer.memberships.some((m) => m.role === "member" || m.role === "signatory")) {
    items.push({ to: "/reageren", label: "Reageren" });
  }
  if (viewer.memberships.some((m) => organisationRoles.includes(m.role))) {
    items.push({ to: "/mijn-organisaties", label: "Mijn organisaties" });
  }
  if (viewer.memberships.some((m) => m.role === "griffie")) {
    items.push({ to: "/gemeente/vaststelling", label: "Vaststelling" });
  }
  if (staffRegionIds(viewer).length > 0) {
    items.push({ to: "/beheer", label: "Beheer" });
  }
  if (isPlatformAdmin(viewer)) {
    items.push({ to: "/platform/regios", label: "Regio's" });
  }
  items.push({ to: "/account", label: "Mijn account" });
  return items;
}
