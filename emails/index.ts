// One React Email template per message; app/email/render.server.ts renders them by name.
import { aanbiedingsbrief } from "./aanbiedingsbrief";
import { adviesaanvraag } from "./adviesaanvraag";
import { antwoordbriefVerzonden } from "./antwoordbrief-verzonden";
import { besluitGeregistreerd } from "./besluit-geregistreerd";
import { dagelijksOverzicht } from "./dagelijks-overzicht";
import { herinnering } from "./herinnering";
import { nieuweVersie } from "./nieuwe-versie";
import { ontvangstbevestiging } from "./ontvangstbevestiging";
import { uitnodiging } from "./uitnodiging";
import { uitvoeringsplanUpdate } from "./uitvoeringsplan-update";
import { visieVanKracht } from "./visie-van-kracht";

export const emailTemplates = {
  uitnodiging,
  adviesaanvraag,
  herinnering,
  ontvangstbevestiging,
  "antwoordbrief-verzonden": antwoordbriefVerzonden,
  "nieuwe-versie": nieuweVersie,
  aanbiedingsbrief,
  "besluit-geregistreerd": besluitGeregistreerd,
  "visie-van-kracht": visieVanKracht,
  "uitvoeringsplan-update": uitvoeringsplanUpdate,
  "dagelijks-overzicht": dagelijksOverzicht,
};

export type EmailTemplates = typeof emailTemplates;
export type EmailName = keyof EmailTemplates;
export const emailNames = Object.keys(emailTemplates) as EmailName[];

export type { EmailCategory, EmailContext, EmailDefinition } from "./define";
