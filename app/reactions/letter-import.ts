/**
 * Import of an existing advies / reactie letter (pasted text, or the text of a DOCX) into a
 * proposal for a structured reaction: letter metadata, introduction, points and conclusion.
 *
 * Pure and isomorphic (no DOM, no server-only imports): it runs on the server for an upload and
 * in the browser for a live preview of pasted text. Everything here is a heuristic for Dutch
 * letters; the member confirms and edits the proposal, and `warnings` tells what to check.
 *
 * The letter is read in three zones:
 *  - the header, up to the salutation ("Geacht College,"): addressee, place and date, subject,
 *    kenmerk, uw kenmerk, briefnummer (also in tab-separated letterhead cells);
 *  - the body, from the salutation to the closing ("Met vriendelijke groet,", "Hoogachtend,"):
 *    introduction, points and conclusion;
 *  - the signature, after the closing: the signatories and their titles.
 *
 * Points are, in order of preference: the list items of the body ("- ", "• ", "1.", "a)");
 * otherwise the paragraphs after a sentence announcing them ("… de onderstaande punten.") or
 * after a heading like "Aandachtspunten"; otherwise the body paragraphs between the introduction
 * and the conclusion.
 */

export type LetterPointKind = "vraag" | "aandachtspunt" | "wijzigingsvoorstel" | "steun" | "bezwaar";

export type LetterSignatory = { name: string; title: string | null };

export type LetterMetadata = {
  addressee: string | null;
  place: string | null;
  /** ISO yyyy-mm-dd. */
  letterDate: string | null;
  subject: string | null;
  /** "Kenmerk:", "Ons kenmerk". */
  reference: string | null;
  /** "Uw kenmerk". */
  theirReference: string | null;
  /** "Briefnummer". */
  letterNumber: string | null;
  /** "Wilt u bij beantwoording van deze brief het briefnummer X vermelden". */
  replyReference: string | null;
  signatories: LetterSignatory[];
};

export type ParsedLetterPoint = { text: string; kind: LetterPointKind; source: "list-item" | "paragraph" };

export type ParsedLetter = {
  metadata: LetterMetadata;
  introduction: string;
  points: ParsedLetterPoint[];
  conclusion: string;
  warnings: string[];
};

/** Longer input is cut off here (with a warning): a letter is a few pages, not a book. */
export const MAX_LETTER_IMPORT_CHARS = 200_000;

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1,
  februari: 2, feb: 2, febr: 2,
  maart: 3, mrt: 3, mar: 3,
  april: 4, apr: 4,
  mei: 5,
  juni: 6, jun: 6,
  juli: 7, jul: 7,
  augustus: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const WEEKDAY = "(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\\.?,?\\s+";
/** "17 november 2025", "maandag 3 mrt. 2026", "12 juni jl.", "1 juli a.s.", "5 mei". */
const WORD_DATE_SRC = `(?:${WEEKDAY})?(\\d{1,2})(?:e|de|ste)?\\s+(${MONTH_ALT})\\.?(?:\\s+(\\d{4}|'\\d{2})|\\s+(jl\\.?|j\\.l\\.?|jongstleden|a\\.s\\.?|as\\.?|aanstaande))?`;
/** "31-03-2026", "31/3/2026", "31.03.2026". */
const NUMERIC_DATE_SRC = "(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})";
const ISO_DATE_SRC = "(\\d{4})-(\\d{2})-(\\d{2})";

const WORD_DATE_ONLY_RE = new RegExp(`^${WORD_DATE_SRC}$`, "iu");
const NUMERIC_DATE_ONLY_RE = new RegExp(`^(?:${WEEKDAY})?${NUMERIC_DATE_SRC}$`, "iu");
const ISO_DATE_ONLY_RE = new RegExp(`^${ISO_DATE_SRC}$`, "u");
const FULL_DATE_ANYWHERE_RE = new RegExp(`\\b(?:${WORD_DATE_SRC}|${NUMERIC_DATE_SRC})`, "giu");

function isoOf(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function yearFromRelative(month: number, day: number, relative: string | undefined, referenceIso: string | null): number | null {
  if (!referenceIso) return null;
  const [ry, rm, rd] = referenceIso.split("-").map(Number) as [number, number, number];
  const key = month * 100 + day;
  const refKey = rm * 100 + rd;
  const rel = (relative ?? "").toLowerCase().replace(/\s+/g, "");
  if (/^(?:jl|j\.l|jongstleden)/.test(rel)) return key <= refKey ? ry : ry - 1;
  if (/^(?:a\.?s|aanstaande)/.test(rel)) return key >= refKey ? ry : ry + 1;
  return ry;
}

/**
 * A Dutch date written out on its own ("17 november 2025", "Maandag 17 nov. 2025",
 * "31-03-2026", "2026-03-31", "12 juni jl.") as ISO yyyy-mm-dd. A date without a year ("12 juni
 * jl.", "1 juli a.s.", "5 mei") takes its year from `referenceIso` (jl. = on or before it, a.s. =
 * on or after it), or is null without one. Null for anything that is not exactly a date.
 */
export function parseDutchDate(text: string, referenceIso: string | null = null): string | null {
  const t = text.trim().replace(/\s+/g, " ").replace(/[,.]$/, "");
  let m = ISO_DATE_ONLY_RE.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_DATE_ONLY_RE.exec(t);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = WORD_DATE_ONLY_RE.exec(t);
  if (m) {
    const day = Number(m[1]);
    const month = MONTHS[m[2]!.toLowerCase()]!;
    if (m[3]) {
      const year = m[3].startsWith("'") ? 2000 + Number(m[3].slice(1)) : Number(m[3]);
      return isoOf(year, month, day);
    }
    const year = yearFromRelative(month, day, m[4], referenceIso);
    return year === null ? null : isoOf(year, month, day);
  }
  return null;
}

/** Every fully specified date (with a year) in a text, as ISO, in order of appearance. */
export function findDutchDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FULL_DATE_ANYWHERE_RE)) {
    if (m[1] && m[2] && m[3]) {
      const year = m[3].startsWith("'") ? 2000 + Number(m[3].slice(1)) : Number(m[3]);
      const iso = isoOf(year, MONTHS[m[2].toLowerCase()]!, Number(m[1]));
      if (iso) out.push(iso);
    } else if (m[5] && m[6] && m[7]) {
      const iso = isoOf(Number(m[7]), Number(m[6]), Number(m[5]));
      if (iso) out.push(iso);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Point kinds

const QUESTION_RE =
  /\?|\b(?:vragen (?:wij|we) ons af|vraagt zich af|graag (?:een )?(?:toelichting|antwoord|uitleg)|(?:is|blijft) (?:het )?(?:voor )?(?:ons )?onduidelijk|wij vragen (?:u|ons)|(?:horen|vernemen) (?:wij|we) graag (?:hoe|of|wat|waarom|wanneer))\b/iu;
const OBJECTION_RE =
  /\b(?:bezwaar|bezwaren|bezwaarlijk|(?:het )?niet eens|oneens|niet akkoord|niet (?:mee )?(?:in)?stemmen|kunnen (?:ons|wij|we) niet vinden|wijzen (?:wij|we) af|verzetten (?:wij|we) ons|afwijzen|zorgelijk|grote zorgen)\b/iu;
const CHANGE_RE =
  /\b(?:verzoeken (?:wij|we)|(?:wij|we) verzoeken|stellen (?:wij |we )?voor|voorstel(?:len)? (?:om|is|tot)|zou(?:den)? (?:\S+ ){0,4}moeten|dient (?:\S+ ){0,6}(?:aangepast|gewijzigd|toegevoegd|geschrapt|aangevuld|opgenomen) te worden|graag\b.{0,120}?\b(?:aanpassen|aangepast|wijzigen|gewijzigd|toevoegen|toegevoegd|aanvullen|aangevuld|opnemen|opgenomen|schrappen|geschrapt|vervangen|herformuleren)|adviseren (?:wij|we) (?:om|u|het)|(?:wij|we) adviseren (?:om|u|het)|(?:toe te voegen|aan te passen|te schrappen|te wijzigen|op te nemen|aan te vullen)\b)/iu;
/** A request only for attention ("verzoeken wij u aandacht te besteden aan …") is an aandachtspunt. */
const ATTENTION_ONLY_RE = /\baandacht (?:te )?(?:besteden|geven|schenken|hebben|vragen)|\baandacht voor\b|\brekening te houden\b/iu;
const CHANGE_VERB_RE =
  /\b(?:aanpassen|aangepast|aan te passen|wijzigen|gewijzigd|te wijzigen|toevoegen|toegevoegd|toe te voegen|schrappen|geschrapt|te schrappen|opnemen|opgenomen|op te nemen|aanvullen|aangevuld|aan te vullen|vervangen|herformuleren|voor(?:stel|stellen)\b)/iu;
const SUPPORT_RE =
  /\b(?:onderschrijven|onderschrijft|onderschreven|steunen|steunt|ondersteunen (?:wij|we)|(?:wij|we) ondersteunen|positief|positieve|zijn (?:blij|verheugd|tevreden)|waarderen|waardering|compliment(?:en)?|(?:van harte )?eens met|(?:wij|we) juichen|toe te juichen|sluit(?:en)? (?:goed )?aan)\b/iu;
const NEGATED_SUPPORT_RE = /\bniet (?:\S+ ){0,2}(?:positief|eens|steunen|onderschrijven)\b/iu;

/** The kind a point's wording suggests; `context` is a lead-in such as "Wij hebben de volgende vragen:". */
export function guessPointKind(text: string, context = ""): LetterPointKind {
  const kind = kindOfText(text);
  if (kind !== "aandachtspunt" || !context) return kind;
  const lead = context.toLowerCase();
  if (/\bvra(?:ag|gen)\b/.test(lead)) return "vraag";
  if (/\bbezwa(?:ar|ren)\b/.test(lead)) return "bezwaar";
  if (/\b(?:voorstel(?:len)?|wijzigingen|wijzigingsvoorstellen|aanpassingen)\b/.test(lead)) return "wijzigingsvoorstel";
  if (/\b(?:steunen|onderschrijven|positief|positieve|waarderen)\b/.test(lead) && !NEGATED_SUPPORT_RE.test(lead)) return "steun";
  return kind;
}

function kindOfText(text: string): LetterPointKind {
  if (QUESTION_RE.test(text)) return "vraag";
  if (OBJECTION_RE.test(text) || NEGATED_SUPPORT_RE.test(text)) return "bezwaar";
  if (CHANGE_RE.test(text)) {
    const attentionOnly = ATTENTION_ONLY_RE.test(text) && !CHANGE_VERB_RE.test(text);
    if (!attentionOnly) return "wijzigingsvoorstel";
  }
  if (SUPPORT_RE.test(text)) return "steun";
  return "aandachtspunt";
}

// ---------------------------------------------------------------------------------------------
// Lines and labels

function cleanText(raw: string): string {
  return raw
    .replace(/^\ufeff/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/\f/g, "\n\n")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, "");
}

const collapse = (s: string): string => s.replace(/[ \t]+/g, " ").trim();
const words = (s: string): string[] => s.trim().split(/\s+/).filter(Boolean);
const TERMINAL_RE = /[.!?:;…]["”’)\]]?$/u;
/** Only the last characters are looked at, so this stays cheap on long texts. */
const endsTerminal = (s: string): boolean => TERMINAL_RE.test(s.trimEnd().slice(-3));

/** Typed bullets, Word's private-use bullet glyphs and PDF-extracted ones. */
const BULLET_RE = /^[ \t]*[-–—•●▪■◦·*\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u2023\u2043\u25e6\u2219\u27a2\u2713\u2714][ \t]+(?=\S)/u;
/** "1. ", "2) ", "a) ", "(b) ", "iv. " (roman up to 3 letters only with ")" or "."). */
const ORDERED_RE = /^[ \t]*(?:\(?(\d{1,2})[.)]|\(?([a-z])\)|([a-z])\.(?=\s+\p{Ll})|\(?(i{1,3}|iv|vi{0,3}|ix|x)\))[ \t]+(?=\S)/u;

const SALUTATION_RE =
  /^(?:zeer |hoog)?geachte?\b[^.!?]{0,80}[,:!]?$|^(?:beste|lieve|hallo|dag)\b[^.!?]{0,60}[,:!]$/iu;
const CLOSING_RE =
  /^(?:met\s+)?(?:(?:zeer\s+)?vriendelijke|hartelijke|collegiale|warme|beste|sportieve)\s+groet(?:en)?\b\s*[,.!]?\s*(.*)$|^(?:hoogachtend|met\s+(?:de\s+)?meeste\s+hoogachting|met\s+hoogachting)\s*[,.]?\s*(.*)$/iu;
const REPLY_RE =
  /\bbij (?:de )?beantwoording(?: van deze brief)?\b[^.\n]*?\b(?:briefnummer|kenmerk|nummer|zaaknummer|referentie)\s*:?\s*([A-Za-z0-9][A-Za-z0-9./_-]*[A-Za-z0-9])/iu;
const REPLY_LINE_RE = /\bbij (?:de )?beantwoording\b.*\bvermelden\b|^wilt u bij (?:de )?beantwoording\b/iu;
const PAGE_LINE_RE = /^(?:(?:pagina|page|blz\.?)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:van|of|\/)\s*\d{1,3})?$/iu;

const POSTBUS_RE = /^postbus\s+\d+/iu;
const POSTCODE_RE = /^\d{4}\s?[A-Z]{2}\b/u;
const STREET_RE = /^[\p{L}'’.\- ]{2,60}\s\d{1,5}(?:\s?[a-zA-Z])?(?:\s?[-/]\s?\d{1,4}[a-zA-Z]?)?$/u;
const isAddressLine = (s: string): boolean => POSTBUS_RE.test(s) || POSTCODE_RE.test(s) || STREET_RE.test(s);

type FieldName = "date" | "subject" | "reference" | "theirReference" | "letterNumber";

/** Labels in letterheads, most specific first. */
const LABELS: Array<{ field: FieldName | null; re: RegExp }> = [
  { field: "theirReference", re: /^(?:uw\s+(?:kenmerk|referentie|brief(?:\s+(?:van|d\.?d\.?))?|nummer|bericht(?:\s+van)?))\b\.?/iu },
  { field: "letterNumber", re: /^(?:ons\s+)?briefnummer\b/iu },
  { field: "reference", re: /^(?:ons\s+kenmerk|kenmerk|onze\s+referentie|referentie|zaaknummer|dossiernummer|ons\s+nummer)\b/iu },
  { field: "subject", re: /^(?:onderwerp|betreft|betreffende|inzake)\b/iu },
  { field: "date", re: /^(?:datum|verzenddatum|verzonden)\b/iu },
  // Labels we do not use, recognised so that their values are not taken for anything else.
  { field: null, re: /^(?:bijlage(?:\(n\)|n)?|pagina|blad|afdeling|contactpersoon|behandeld door|telefoon(?:nummer)?|tel\.?|e-?mail|bezoekadres|postadres|retouradres|doorkiesnummer|ons telefoonnummer|cc|afschrift(?: aan)?|kopie aan|website|iban|kvk)\b/iu },
];

function matchLabel(cell: string): { field: FieldName | null; value: string } | null {
  for (const { field, re } of LABELS) {
    const m = re.exec(cell);
    if (!m) continue;
    const rest = cell.slice(m[0].length);
    // A label is followed by a colon, whitespace or the end; "Datumgrens" is not a label.
    if (rest && !/^[\s:]/.test(rest)) continue;
    return { field, value: rest.replace(/^\s*:?\s*/, "").trim() };
  }
  return null;
}

/** "-", "–", "n.v.t.", "geen": a field that is deliberately empty. */
const isEmptyValue = (v: string): boolean => /^(?:[-–—/]+|n\.?v\.?t\.?|geen|nvt)$/iu.test(v.trim());

// ---------------------------------------------------------------------------------------------
// Signatories

const ROLE_WORDS = [
  "voorzitter", "vicevoorzitter", "vice-voorzitter", "covoorzitter", "co-voorzitter", "secretaris", "griffier", "raadsgriffier",
  "burgemeester", "loco-burgemeester", "wethouder", "gemeentesecretaris", "directeur", "directeur-bestuurder", "bestuurder",
  "bestuursvoorzitter", "penningmeester", "lid", "leden", "coördinator", "coordinator", "manager", "teamleider", "teammanager",
  "adviseur", "beleidsadviseur", "beleidsmedewerker", "contactambtenaar", "projectleider", "programmamanager",
  "portefeuillehouder", "ondersteuner", "medewerker", "algemeen", "ambtelijk", "ambtelijke", "plv.", "plaatsvervangend",
  "waarnemend", "interim", "namens",
];
const ROLE_SET = new Set(ROLE_WORDS);
const PLURAL_ROLES: Record<string, string> = { voorzitters: "voorzitter", secretarissen: "secretaris", wethouders: "wethouder", leden: "lid", bestuurders: "bestuurder", directeuren: "directeur", covoorzitters: "covoorzitter", "co-voorzitters": "co-voorzitter" };

const ORG_LINE_RE =
  /^(?:namens|voor deze|i\.?o\.?|p\.?p\.?|het college|college|burgemeester en wethouders|gemeenteraad|de gemeenteraad|gemeente|adviesraad|de adviesraad|stichting|vereniging|raad van|de raad|cliëntenraad|participatieraad|wmo-raad|jongerenraad|team|afdeling|bestuur|het bestuur|directie|de directie)\b/iu;
const ON_BEHALF_RE = /^(?:voor deze|v\.?d\.?|i\.?o\.?|in opdracht(?: van)?|namens deze|p\.?p\.?)[,.:]?$/iu;

const NAME_PREFIX = new Set(["drs.", "drs", "dr.", "dr", "mr.", "mr", "ir.", "ir", "ing.", "ing", "prof.", "prof", "ds.", "bc.", "mevr.", "mevrouw", "dhr.", "de heer", "mw.", "ms.", "mevr"]);
const NAME_SUFFIX = /^(?:msc|ma|mba|bsc|ba|llm|mpa|phd|ra|empa|mph|msc\.|ma\.|jr\.?|sr\.?)$/iu;
const TUSSENVOEGSEL = new Set(["van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "’t", "in", "op", "la", "le", "du", "da", "von", "'s", "’s", "d'", "el", "al", "bin"]);
const INITIALS_RE = /^(?:\p{Lu}\.){1,5}(?:\p{Lu}\.?)?$|^(?:\p{Lu}\p{Ll}?\.){1,4}$/u;
const CAPITALISED_RE = /^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*$/u;

/** "I.B. van Ham", "drs. E. Stolk", "R. Pfoster Msc", "Jan de Vries": a person's name. */
function looksLikeName(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 60 || /[,:;!?()]$/.test(t) || ORG_LINE_RE.test(t)) return false;
  const tokens = t.split(/\s+/);
  if (tokens.length > 7) return false;
  let initials = 0;
  let capitalised = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const lower = tok.toLowerCase();
    if (NAME_PREFIX.has(lower)) continue;
    if (INITIALS_RE.test(tok)) initials++;
    else if (CAPITALISED_RE.test(tok)) {
      if (ROLE_SET.has(lower)) return false;
      capitalised++;
    } else if (TUSSENVOEGSEL.has(lower)) continue;
    else if (NAME_SUFFIX.test(tok)) continue;
    else if (tok === "-" || tok === "–") continue;
    else return false;
  }
  if (capitalised === 0) return false;
  return initials > 0 || capitalised >= 2;
}

/** "I.B. van Ham en R. Hoozemans" → two names; null when the line is not (only) names. */
function namesOf(line: string): string[] | null {
  const t = collapse(line.replace(/^[-–•*]\s+/, ""));
  if (looksLikeName(t)) return [t];
  const parts = t.split(/\s+(?:en|&)\s+|\s*[,;/]\s*/u).map((p) => p.trim()).filter(Boolean);
  if (parts.length >= 2 && parts.every(looksLikeName)) return parts;
  return null;
}

function normaliseTitle(raw: string): string | null {
  let t = collapse(raw.replace(/^\(|\)$/g, "").replace(/[,:;.]$/, ""));
  t = t.replace(/^(?:de|het)\s+/iu, "");
  if (!t) return null;
  const [first, ...rest] = t.split(" ");
  const singular = PLURAL_ROLES[first!.toLowerCase()];
  const head = singular ?? first!;
  t = [head, ...rest].join(" ");
  // Lower-case the first letter unless the first word is an abbreviation ("MBR", "RvT").
  if (!/^\p{Lu}{2}/u.test(t)) t = t.charAt(0).toLowerCase() + t.slice(1);
  return t;
}

function titleOfLine(line: string): string | null {
  const t = collapse(line);
  if (/^\(.+\)[,.]?$/.test(t)) return normaliseTitle(t.replace(/[,.]$/, ""));
  if (words(t).length > 8) return null;
  const stripped = t.replace(/^(?:de|het)\s+/iu, "");
  const first = stripped.split(/\s+/)[0]!.toLowerCase().replace(/,$/, "");
  const isRole = ROLE_SET.has(first) || first in PLURAL_ROLES;
  if (!isRole || first === "namens") return null;
  // "Burgemeester en wethouders van Vlaardingen," is the body that signs, not a title.
  if (/\ben wethouders\b/iu.test(t)) return null;
  return normaliseTitle(t);
}

function parseSignatories(lines: string[], warnings: string[]): LetterSignatory[] {
  const out: LetterSignatory[] = [];
  const pendingTitles: string[] = [];
  let lastGroup: LetterSignatory[] = [];
  let lastWasName = false;
  let onBehalf = false;
  const onBehalfNames: string[] = [];
  const nonEmpty = lines.map(collapse).filter((l) => l.length > 0);
  for (let i = 0; i < nonEmpty.length; i++) {
    const line = nonEmpty[i]!;
    if (ON_BEHALF_RE.test(line)) {
      onBehalf = true;
      lastWasName = false;
      continue;
    }
    // The end of the signature: an address block, appendices, or running text.
    if (isAddressLine(line) || /^(?:bijlage|bijlagen|cc|afschrift|kopie aan)\b/iu.test(line) || words(line).length > 14) break;
    const names = /^\(.*\)$/.test(line) ? null : namesOf(line.replace(/^(?:i\.?o\.?|p\.?p\.?)\s+/iu, ""));
    if (names) {
      const next = nonEmpty[i + 1];
      const parenthesised = next && /^\(.+\)[,.]?$/.test(next) ? normaliseTitle(next.replace(/[,.]$/, "")) : null;
      if (onBehalf) {
        onBehalfNames.push(...names);
        if (parenthesised) i++;
        lastWasName = false;
        continue;
      }
      const group = names.map((name) => ({ name, title: parenthesised ?? pendingTitles.shift() ?? null }));
      if (parenthesised) i++;
      out.push(...group);
      lastGroup = group;
      lastWasName = true;
      continue;
    }
    const title = titleOfLine(line);
    if (title) {
      if (onBehalf) continue;
      if (lastWasName && lastGroup.every((s) => s.title === null) && pendingTitles.length === 0) {
        for (const s of lastGroup) s.title = title;
      } else {
        pendingTitles.push(title);
      }
      lastWasName = false;
      continue;
    }
    lastWasName = false;
  }
  if (onBehalfNames.length > 0) {
    warnings.push(
      `${onBehalfNames.join(" en ")} ${onBehalfNames.length === 1 ? "tekent" : "tekenen"} "voor deze" (namens de ondertekenaars) en ${onBehalfNames.length === 1 ? "is" : "zijn"} niet als ondertekenaar overgenomen.`,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Body blocks

type BodyBlock = { type: "heading" | "paragraph" | "item"; text: string; numbered?: boolean };

const INTRO_HEADING_RE = /^(?:inleiding|aanleiding|algemeen|achtergrond|voorwoord|context|ter inleiding)$/iu;
const CONCLUSION_HEADING_RE =
  /^(?:conclusies?|samenvatting(?: en conclusies?)?|tot slot|ten slotte|afsluiting|afronding|slot|tot besluit|slotopmerkingen?|slotwoord|vervolg|tot (?:slot|besluit) en vervolg)\b/iu;
const POINTS_HEADING_RE =
  /^(?:(?:ons |onze )?(?:advies|adviezen|aandachtspunten|opmerkingen|punten|vragen|reactie|suggesties|wijzigingsvoorstellen|voorstellen|kanttekeningen|bevindingen)|inhoudelijke (?:reactie|opmerkingen|punten)|(?:ons |onze )?(?:inhoudelijke )?(?:reactie|opmerkingen) op (?:de|het) .{1,60})$/iu;
const ANNOUNCE_RE =
  /\b(?:(?:de|het)\s+)?(?:onderstaande|volgende|navolgende|hiernavolgende|hierna volgende|hieronder (?:genoemde|staande|vermelde|beschreven))\s+(?:\S+\s+){0,3}?(?:punten|aandachtspunten|opmerkingen|vragen|zaken|aspecten|onderwerpen|adviezen|suggesties|voorstellen|wijzigingsvoorstellen|kanttekeningen|overwegingen|reacties|punt)\b|\bhieronder\b[^.]{0,160}\b(?:punten|aandachtspunten|opmerkingen|vragen|zaken|aspecten|onderwerpen|advies|adviezen|suggesties|voorstellen|kanttekeningen)\b|\bals volgt\s*:?$/iu;
const OPENING_RE =
  /^(?:hierbij|bijgevoegd|bijgaand|naar aanleiding van|in reactie op|dank (?:u )?voor|wij danken u|op \d{1,2}\s+\S+\s+(?:\d{4}\s+)?(?:heeft|hebben|ontvingen|vroeg)|u heeft (?:ons|de)|met deze brief|in uw brief|graag (?:geven|reageren|brengen)|de adviesraad (?:heeft|is)\b.{0,40}\b(?:gevraagd|verzocht))/iu;
const CLOSING_PHRASE_RE =
  /\b(?:met vertrouwen tegemoet|zien (?:\S+ ){1,6}tegemoet|(?:wij|we) hopen (?:dat|u hiermee|hiermee)|(?:wij|we) vertrouwen erop|voor (?:nadere |eventuele )?vragen|nadere toelichting (?:geven|verstrekken)|(?:zijn|is) (?:wij |we )?graag bereid|bij voorbaat dank|wij wensen u|(?:houden|blijven) (?:ons|wij|we) (?:graag )?aanbevolen|(?:ons|onze) advies bijdraagt|graag meegenomen|horen (?:wij|we) graag (?:van u|uw reactie))\b/iu;

const HEADING_NUMBER_RE = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.|[IVX]{1,4}\.)\s+/u;
const stripHeadingNumber = (s: string): string => s.replace(HEADING_NUMBER_RE, "").replace(/:$/, "").trim();

function isHeadingText(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 80 || words(t).length > 9) return false;
  if (/[.!?;,]["”’)]?$/.test(t)) return false;
  if (/^\(.*\)$/.test(t)) return false;
  return /^\p{Lu}|^\d/u.test(t);
}

function markerOf(line: string): { rest: string; numbered: boolean } | null {
  const bullet = BULLET_RE.exec(line);
  if (bullet) return { rest: line.slice(bullet[0].length), numbered: false };
  const ordered = ORDERED_RE.exec(line);
  if (ordered) return { rest: line.slice(ordered[0].length), numbered: true };
  return null;
}

/** Joins wrapped lines with a space; "ontwik-" + "keling" (a word broken at a line end) without. Linear. */
function joinLines(parts: string[]): string {
  const out: string[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    const previous = out.length > 0 ? out[out.length - 1]! : null;
    if (previous !== null && /\p{Ll}-$/u.test(previous.slice(-2)) && /^\p{Ll}/u.test(part)) {
      out[out.length - 1] = previous.slice(0, -1);
      out.push(part);
    } else {
      if (previous !== null) out.push(" ");
      out.push(part);
    }
  }
  return out.join("");
}

type OpenBlock = { type: BodyBlock["type"]; parts: string[]; numbered?: boolean };
const lastPart = (b: OpenBlock): string => b.parts[b.parts.length - 1] ?? "";

/** Body lines → headings, paragraphs and list items. */
function bodyBlocks(lines: string[]): BodyBlock[] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === "" || PAGE_LINE_RE.test(line.trim())) {
      if (current.length) chunks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) chunks.push(current);

  const blocks: OpenBlock[] = [];
  chunks.forEach((chunk, chunkIndex) => {
    const maxLen = chunk.reduce((max, l) => Math.max(max, l.trim().length), 0);
    // Text pasted from Word has one paragraph per line; text from a PDF has wrapped lines.
    const prose = chunk.filter((l) => words(l).length >= 5);
    const linePerParagraph = maxLen > 130 || (prose.length >= 2 && prose.filter(endsTerminal).length >= prose.length * 0.8);
    let open: OpenBlock | null = null;
    chunk.forEach((raw, i) => {
      const line = raw.trim();
      const marker = markerOf(raw);
      if (marker) {
        const rest = marker.rest.trim();
        const aloneAndShort = chunk.length === 1 && marker.numbered && isHeadingText(rest);
        const nextChunk = chunks[chunkIndex + 1];
        const nextIsProse = nextChunk !== undefined && !markerOf(nextChunk[0]!);
        // "2. Wachttijden" followed by paragraphs: a numbered heading.
        open =
          aloneAndShort && nextIsProse
            ? { type: "heading", parts: [line], numbered: true }
            : { type: "item", parts: [rest], numbered: marker.numbered };
        blocks.push(open);
        return;
      }
      const next = chunk[i + 1]?.trim();
      if (open && open.type === "item") {
        if (linePerParagraph && endsTerminal(lastPart(open)) && /^\p{Lu}/u.test(line)) {
          open = { type: "paragraph", parts: [line] };
          blocks.push(open);
        } else open.parts.push(line);
        return;
      }
      const headingHere =
        isHeadingText(line) && (chunk.length === 1 || (next !== undefined && /^\p{Lu}/u.test(next) && (linePerParagraph || line.length < maxLen * 0.6)));
      if (headingHere) {
        open = null;
        blocks.push({ type: "heading", parts: [line], numbered: HEADING_NUMBER_RE.test(line) });
        return;
      }
      if (open && open.type === "paragraph") {
        const previousLine = chunk[i - 1]?.trim() ?? "";
        const startNew = linePerParagraph
          ? !/^\p{Ll}/u.test(line)
          : endsTerminal(lastPart(open)) && /^\p{Lu}/u.test(line) && previousLine.length < maxLen * 0.85;
        if (!startNew) {
          open.parts.push(line);
          return;
        }
      }
      open = { type: "paragraph", parts: [line] };
      blocks.push(open);
    });
  });
  return blocks
    .map((b): BodyBlock => ({ type: b.type, text: collapse(joinLines(b.parts)), ...(b.numbered !== undefined ? { numbered: b.numbered } : {}) }))
    .filter((b) => b.text.length > 0);
}

// ---------------------------------------------------------------------------------------------
// The letter

function findAddressee(headerLines: string[]): string | null {
  const lines = headerLines.map(collapse);
  const start = lines.findIndex((l) => /^aan:?\s+\S/iu.test(l) && !/[.;]$/.test(l) && words(l).length <= 14);
  const collect = (from: number, firstLine: string): string | null => {
    const parts = [firstLine];
    for (let i = from + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (!l || isAddressLine(l) || matchLabel(l) || /^t\.?a\.?v\.?\b/iu.test(l)) break;
      parts.push(l);
    }
    const text = collapse(parts.join(" ").replace(/,$/, ""));
    return text || null;
  };
  if (start >= 0) {
    const first = lines[start]!.replace(/^aan:?\s+/iu, "").replace(/^(?:het|de)\s+/iu, "");
    return collect(start, first);
  }
  // Otherwise the first name block directly above a postal address that is not labelled
  // (a "Bezoekadres:" or the sender's own "Postbus" without a name is not an addressee).
  for (let i = 0; i < lines.length; i++) {
    if (!isAddressLine(lines[i]!)) continue;
    const names: string[] = [];
    for (let j = i - 1; j >= 0 && lines[j] && !isAddressLine(lines[j]!); j--) names.unshift(lines[j]!);
    if (names.length === 0 || names.some((n) => matchLabel(n) || /:$/.test(n) || words(n).length > 12)) {
      // Skip the rest of this address block.
      while (i + 1 < lines.length && lines[i + 1] && isAddressLine(lines[i + 1]!)) i++;
      continue;
    }
    return collapse(names.join(" ").replace(/^aan\s+/iu, "").replace(/,$/, ""));
  }
  return null;
}

type HeaderFields = { [K in FieldName]: string | null } & { place: string | null };

const PLACE_DATE_RE = /^([\p{Lu}'’][\p{L}'’.\- ]{1,50}?),\s*(.+)$/u;

function readHeader(headerLines: string[], referenceYearHint: string | null): HeaderFields {
  const fields: HeaderFields = { date: null, subject: null, reference: null, theirReference: null, letterNumber: null, place: null };
  const lines = headerLines.map((l) => l.trimEnd());
  let placeDate: { place: string; date: string } | null = null;
  let loneDate: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const cells = line.split(/\t+| {3,}/).map((c) => collapse(c)).filter(Boolean);
    for (const cell of cells) {
      const label = matchLabel(cell);
      if (label) {
        if (!label.field || fields[label.field] !== null) continue;
        let value = label.value;
        if (!value && cells.length === 1) {
          // The value on the next line: "Betreft:\nAdvies …".
          let j = i + 1;
          while (j < lines.length && !lines[j]!.trim()) j++;
          const next = j < lines.length ? collapse(lines[j]!) : "";
          if (next && !matchLabel(next) && !SALUTATION_RE.test(next)) {
            value = next;
            i = j;
          }
        }
        if (!value || isEmptyValue(value)) continue;
        if (label.field === "date") {
          fields.date = parseDutchDate(value, referenceYearHint) ?? fields.date;
          const pd = PLACE_DATE_RE.exec(value);
          if (!fields.date && pd) {
            const d = parseDutchDate(pd[2]!, referenceYearHint);
            if (d) {
              fields.date = d;
              fields.place ??= pd[1]!.trim();
            }
          }
        } else fields[label.field] = value;
        continue;
      }
      const pd = PLACE_DATE_RE.exec(cell);
      if (pd && !placeDate) {
        const date = parseDutchDate(pd[2]!, referenceYearHint);
        if (date && words(pd[1]!).length <= 5) placeDate = { place: pd[1]!.trim(), date };
        continue;
      }
      if (!loneDate) loneDate = parseDutchDate(cell, referenceYearHint);
    }
  }
  if (placeDate) {
    fields.place ??= placeDate.place;
    fields.date ??= placeDate.date;
  }
  fields.date ??= loneDate;
  return fields;
}

const join = (parts: string[]): string => parts.filter((p) => p.trim().length > 0).join("\n\n");

/** Reads a pasted or extracted advies/reactie letter; see the module comment. */
export function parseAdviceLetter(text: string): ParsedLetter {
  const warnings: string[] = [];
  let input = typeof text === "string" ? text : "";
  if (input.length > MAX_LETTER_IMPORT_CHARS) {
    input = input.slice(0, MAX_LETTER_IMPORT_CHARS);
    warnings.push(`De tekst is langer dan ${MAX_LETTER_IMPORT_CHARS.toLocaleString("nl-NL")} tekens; alleen het begin is ingelezen.`);
  }
  const cleaned = cleanText(input);
  const allLines = cleaned.split("\n");

  // The reply reference may stand anywhere (often in the footer); its line is never a point.
  const reply = REPLY_RE.exec(cleaned);
  const replyReference = reply ? reply[1]! : null;
  const lines = allLines.map((l) => (REPLY_LINE_RE.test(l) ? "" : l));

  // Zones.
  const trimmed = lines.map((l) => collapse(l));
  const salutation = trimmed.findIndex((l) => SALUTATION_RE.test(l));
  let headerEnd: number;
  let bodyStart: number;
  if (salutation < 0) {
    // No salutation: the header runs up to the first line of running text or list item.
    const firstBody = trimmed.findIndex((l, i) => l.length > 0 && (markerOf(lines[i]!) !== null || (words(l).length >= 12 && !lines[i]!.includes("\t"))));
    warnings.push('Geen aanhef (zoals "Geacht College,") gevonden; controleer waar de brief begint.');
    headerEnd = firstBody < 0 ? 0 : firstBody;
    bodyStart = headerEnd;
  } else {
    headerEnd = salutation;
    bodyStart = salutation + 1;
  }
  let closing = -1;
  for (let i = bodyStart; i < trimmed.length; i++) {
    if (CLOSING_RE.test(trimmed[i]!)) {
      closing = i;
      break;
    }
  }
  if (closing < 0) warnings.push('Geen afsluiting (zoals "Met vriendelijke groet," of "Hoogachtend,") gevonden; er zijn geen ondertekenaars herkend.');
  const headerLines = lines.slice(0, headerEnd);
  const bodyLines = lines.slice(bodyStart, closing < 0 ? lines.length : closing);
  const signatureLines = closing < 0 ? [] : lines.slice(closing);
  if (closing >= 0) {
    const m = CLOSING_RE.exec(trimmed[closing]!);
    const rest = (m?.[1] ?? m?.[2] ?? "").trim();
    signatureLines[0] = rest;
  }

  // Metadata. Dates without a year ("12 juni jl.") take it from the latest full date in the letter.
  const knownDates = findDutchDates(cleaned).sort();
  const hint = knownDates.length > 0 ? knownDates[knownDates.length - 1]! : null;
  const header = readHeader(headerLines, hint);
  if (!header.date) warnings.push("Geen datum van de brief gevonden.");
  const signatories = closing >= 0 ? parseSignatories(signatureLines, warnings) : [];
  if (closing >= 0 && signatories.length === 0) warnings.push("Geen ondertekenaars herkend; kies ze zelf.");
  const metadata: LetterMetadata = {
    addressee: findAddressee(headerLines),
    place: header.place,
    letterDate: header.date,
    subject: header.subject,
    reference: header.reference,
    theirReference: header.theirReference,
    letterNumber: header.letterNumber,
    replyReference,
    signatories,
  };

  const { introduction, points, conclusion } = splitBody(bodyBlocks(bodyLines), warnings);
  return { metadata, introduction, points, conclusion, warnings };
}

/** Drops the headings that only name the part they are in ("Inleiding", "Conclusies"). */
function partText(blocks: BodyBlock[]): string {
  return join(
    blocks
      .filter((b) => !(b.type === "heading" && (INTRO_HEADING_RE.test(stripHeadingNumber(b.text)) || CONCLUSION_HEADING_RE.test(stripHeadingNumber(b.text)) || POINTS_HEADING_RE.test(stripHeadingNumber(b.text)))))
      .map((b) => (b.type === "item" ? `- ${b.text}` : b.text)),
  );
}

function splitBody(
  blocks: BodyBlock[],
  warnings: string[],
): { introduction: string; points: ParsedLetterPoint[]; conclusion: string } {
  if (blocks.length === 0) {
    warnings.push("De brief heeft geen tekst tussen aanhef en afsluiting.");
    return { introduction: "", points: [], conclusion: "" };
  }
  const isConclusionHeading = (b: BodyBlock) => b.type === "heading" && CONCLUSION_HEADING_RE.test(stripHeadingNumber(b.text));
  let conclusionStart = blocks.findIndex((b, i) => i > 0 && isConclusionHeading(b));
  if (conclusionStart < 0) conclusionStart = blocks.length;

  // Where the points begin: after an announcing sentence or heading, else at the first list item.
  let announce = -1;
  for (let i = 0; i < conclusionStart - 1; i++) {
    const b = blocks[i]!;
    const announcing =
      (b.type === "paragraph" && ANNOUNCE_RE.test(b.text)) ||
      (b.type === "heading" && POINTS_HEADING_RE.test(stripHeadingNumber(b.text)));
    if (announcing && blocks.slice(i + 1, conclusionStart).some((n) => n.type !== "heading")) {
      announce = i;
      break;
    }
  }
  const firstItem = blocks.findIndex((b, i) => i < conclusionStart && b.type === "item");
  let start: number;
  if (announce >= 0) start = announce + 1;
  else if (firstItem >= 0) start = firstItem;
  else start = introEnd(blocks, conclusionStart);

  const region = blocks.slice(start, conclusionStart);
  const intro = blocks.slice(0, start);
  const conclusionBlocks = blocks.slice(conclusionStart);
  const points: ParsedLetterPoint[] = [];
  const regionItems = region.filter((b) => b.type === "item");

  if (regionItems.length > 0) {
    const first = region.findIndex((b) => b.type === "item");
    let last = -1;
    region.forEach((b, i) => {
      if (b.type === "item") last = i;
    });
    intro.push(...region.slice(0, first));
    let lead = "";
    type Draft = { parts: string[]; lead: string; source: ParsedLetterPoint["source"] };
    const drafts: Draft[] = [];
    let lastDraft: Draft | null = null;
    for (const b of region.slice(first, last + 1)) {
      if (b.type === "item") {
        lastDraft = { parts: [b.text], lead, source: "list-item" };
        drafts.push(lastDraft);
      } else if (b.type === "heading" || /:$/.test(b.text)) {
        // "Wat we missen:" introduces the next items and colours their kind.
        lead = b.text;
        lastDraft = null;
      } else if (lastDraft && (/^\p{Ll}/u.test(b.text) || !endsTerminal(lastDraft.parts[lastDraft.parts.length - 1]!))) {
        // A paragraph continuing the item above it.
        lastDraft.parts.push(b.text);
      } else {
        lastDraft = { parts: [b.text], lead, source: "paragraph" };
        drafts.push(lastDraft);
      }
    }
    for (const d of drafts) {
      const textOf = join(d.parts);
      points.push({ text: textOf, kind: guessPointKind(textOf, d.lead), source: d.source });
    }
    const after = region.slice(last + 1);
    if (after.some((b) => b.type !== "heading") && conclusionStart < blocks.length) {
      warnings.push("Er staat tekst tussen de opsomming en het slot; die is bij het slot gezet. Controleer of het punten zijn.");
    }
    conclusionBlocks.unshift(...after);
  } else {
    // Paragraph points. Closing remarks at the end ("Wij zien … met vertrouwen tegemoet.") are the conclusion.
    let end = region.length;
    if (conclusionStart === blocks.length) {
      while (end > 1 && region[end - 1]!.type === "paragraph" && CLOSING_PHRASE_RE.test(region[end - 1]!.text)) end--;
    }
    conclusionBlocks.unshift(...region.slice(end));
    const body = region.slice(0, end);
    let current: { heading: string; parts: string[] } | null = null;
    const flush = () => {
      if (current && current.parts.length > 0) {
        const textOf = `${stripHeadingNumber(current.heading)}\n\n${join(current.parts)}`;
        points.push({ text: textOf, kind: guessPointKind(join(current.parts), current.heading), source: "paragraph" });
      } else if (current) {
        points.push({ text: stripHeadingNumber(current.heading), kind: guessPointKind(current.heading), source: "paragraph" });
      }
      current = null;
    };
    for (const b of body) {
      if (b.type === "heading") {
        flush();
        current = { heading: b.text, parts: [] };
      } else if (current) {
        current.parts.push(b.text);
      } else {
        points.push({ text: b.text, kind: guessPointKind(b.text), source: "paragraph" });
      }
    }
    flush();
    if (points.length > 0 && announce < 0) {
      warnings.push("Geen opsomming gevonden: elke alinea tussen inleiding en slot is als punt voorgesteld. Voeg punten samen of splits ze waar nodig.");
    }
  }
  if (points.length === 0) warnings.push("Er zijn geen punten herkend; voeg ze zelf toe.");
  return { introduction: partText(intro), points, conclusion: partText(conclusionBlocks) };
}

/**
 * Without a list or an announcing sentence: the introduction is the part under an "Inleiding"
 * heading, or the opening paragraphs ("Hierbij ontvangt u …"), or the first paragraph of a longer
 * letter.
 */
function introEnd(blocks: BodyBlock[], conclusionStart: number): number {
  const introHeading = blocks.findIndex((b, i) => i <= 1 && b.type === "heading" && INTRO_HEADING_RE.test(stripHeadingNumber(b.text)));
  if (introHeading >= 0) {
    const nextHeading = blocks.findIndex((b, i) => i > introHeading && i < conclusionStart && b.type === "heading");
    if (nextHeading >= 0) return nextHeading;
    return Math.min(introHeading + 2, conclusionStart);
  }
  let i = 0;
  while (i < conclusionStart && blocks[i]!.type === "paragraph" && OPENING_RE.test(blocks[i]!.text)) i++;
  if (i > 0) return i;
  const paragraphs = blocks.slice(0, conclusionStart).filter((b) => b.type !== "heading").length;
  return paragraphs >= 3 && blocks[0]!.type === "paragraph" ? 1 : 0;
}
