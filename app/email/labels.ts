/** Dutch labels for delivery states, shared by the postvak page and tests. */
export const outboxStatusLabels: Record<string, string> = {
  pending: "wacht op verzending",
  sending: "wordt nu verzonden",
  sent: "verzonden",
  failed: "mislukt, wordt opnieuw geprobeerd",
  dead: "definitief mislukt",
  kept: "bewaard, niet verzonden (geen e-mailserver ingesteld)",
  held: "wacht op het dagelijks overzicht",
  bundled: "verstuurd in het dagelijks overzicht",
};

export const attemptOutcomeLabels: Record<string, string> = {
  sent: "verzonden",
  kept: "bewaard in het postvak",
  failed: "mislukt",
  dead: "mislukt (laatste poging)",
  interrupted: "onderbroken",
};

export const mailboxFilterNames = ["alle", "problemen", "wachtend", "verzonden", "bewaard"] as const;

export const mailboxFilterLabels: Record<(typeof mailboxFilterNames)[number], string> = {
  alle: "Alle berichten",
  problemen: "Mislukt",
  wachtend: "Wacht op verzending",
  verzonden: "Verzonden",
  bewaard: "Bewaard (niet verzonden)",
};
