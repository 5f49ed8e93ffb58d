import { createRequire } from "node:module";
import { isCommonPassword } from "./schema.server";

// Mozilla's list of the most common passwords from public breaches (fxa-common-password-list, MPL-2.0),
// loaded once on the server, on top of the short list in ./schema.server.
const require = createRequire(import.meta.url);
const breachedList = require("fxa-common-password-list") as { test(password: string): boolean };

export const breachedPasswordMessage =
  "Dit wachtwoord staat in lijsten van gelekte of veelgebruikte wachtwoorden. Kies een ander wachtwoord, bijvoorbeeld een zin van een paar woorden.";

export function isBreachedPassword(password: string): boolean {
  return isCommonPassword(password) || breachedList.test(password) || breachedList.test(password.toLowerCase());
}
