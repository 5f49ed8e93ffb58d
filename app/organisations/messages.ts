/** Shared by the server and the page (a .server module is empty in the browser bundle). */
export const invitationMessages = {
  unusable: "Deze uitnodigingslink is niet (meer) geldig. De link is al gebruikt of verlopen. Vraag de regio om een nieuwe uitnodiging.",
} as const;
