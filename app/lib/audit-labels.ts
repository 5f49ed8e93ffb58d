/** Dutch labels of audit actions: shared by the audit page (its filter) and the server. */
export const auditActions: Record<string, string> = {
  "organisation.create": "organisatie toegevoegd",
  "organisation.address": "postadres van organisatie gewijzigd",
  "invitation.create": "uitnodiging verstuurd",
  "invitation.accept": "uitnodiging aangenomen",
  "region.create": "regio aangemaakt",
};
