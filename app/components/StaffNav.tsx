import { NavLink } from "@remix-run/react";

export function StaffNav({ regionName, isAdmin }: { regionName: string; isAdmin: boolean }) {
  const items = [
    { to: "/beheer", label: "Overzicht" },
    { to: "/beheer/visies", label: "Visies" },
    { to: "/beheer/organisaties", label: "Organisaties" },
    { to: "/beheer/e-mails", label: "E-mails (voorbeelden)" },
    ...(isAdmin
      ? [
          { to: "/beheer/postvak", label: "Postvak (uitgaande berichten)" },
          { to: "/beheer/audit", label: "Auditlog" },
        ]
      : []),
  ];
  return (
    <nav aria-label={`Beheer ${regionName}`} className="staff-nav">
      <p className="utrecht-paragraph muted">Beheer — {regionName}</p>
      <ul className="utrecht-link-list">
        {items.map((item) => (
          <li key={item.to} className="utrecht-link-list__item">
            <NavLink to={item.to} end className="utrecht-link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
