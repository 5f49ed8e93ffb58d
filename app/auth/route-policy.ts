import { downloadNames } from "~/lib/downloads";

/**
 * The access-control matrix: every route module in app/routes with, for its loader and its action
 * separately, who may use it. One table for the whole app, shared by the tests (a route missing
 * here fails `tests/security/route-table.test.ts`; every row is walked for every role in
 * `tests/security/access-matrix.test.ts`) and usable by the UI or the documentation.
 *
 * Outcomes for everyone who is *not* allowed follow the conventions of `app/auth/guards.server.ts`:
 * no session → 302 to `/inloggen?terug=…`; logged in with the wrong role → 403; a resource of
 * another region, or one the viewer may not see → 404, never data.
 */

/**
 * Who may use a loader or action.
 *
 * - `public`: anyone, with or without a session.
 * - `published`: anyone, but only published versions of a visie; a draft or an unknown
 *   region/visie/version answers 404 to everyone (staff use the beheer pages for drafts).
 * - `invitation-token`: anyone holding a usable invitation link; the token is the credential. An
 *   unknown, used or expired token gets the Dutch "link werkt niet meer" message.
 * - `authenticated`: any logged-in person; the handler only shows or changes the viewer's own
 *   account and memberships.
 * - `reacting-member`: a member or signatory of an organisation that may react to the round
 *   (invited, or of the round's region when the round is open to every registered organisation),
 *   while the round is open and that organisation has not reacted yet. Anyone else logged in → 404.
 * - `staff`: region staff (staff editor or staff admin); the page shows their own region only.
 *   Logged in without a staff membership → 403.
 * - `staff-admin`: staff admin of their own region. Staff editors and everyone else → 403.
 * - `region-staff-of-resource`: staff (editor or admin) of the region that owns the resource in
 *   the URL's path or query (a visie, an organisation, an outbox message). Not staff → 403; staff
 *   of another region, or an unknown id → 404.
 * - `region-staff-admin-of-resource`: staff admin of the region that owns the resource. Not staff,
 *   or a staff editor → 403; a staff admin of another region, or an unknown id → 404.
 * - `reaction-reader`: the reacting organisation's members (any state); once submitted also the
 *   staff of its region and the municipal staff of the college it is addressed to. Anyone else → 404.
 * - `reaction-editor`: a member or signatory of the reacting organisation while the reaction is a
 *   draft. Anyone else → 404.
 * - `reaction-owner`: any member of the reacting organisation, on a submitted reaction while its
 *   round is open (withdrawing).
 * - `letter-reader`: staff (editor or admin) of the region of the antwoordbrief's visie, and once the
 *   letter is sent also the members and signatories of the reacting organisation. Anyone else logged
 *   in (also staff of another region) → 404.
 * - `municipality-griffie`: the griffie of a member municipality of the visie's region, for its own
 *   municipality only. Anyone else logged in (also staff, who use the beheer pages) → 404.
 * - `awaiting-second-factor`: only a session that gave the password of an account with two-factor
 *   login and still has to give the code; everyone else is sent to `/inloggen`.
 * - `platform-admin`: the platform administrator (a user flag). Everyone else logged in → 403.
 * - `nobody`: the handler answers 404 to everyone (the catch-all, the loader of a POST-only route).
 */
export type Access =
  | "public"
  | "published"
  | "invitation-token"
  | "authenticated"
  | "reacting-member"
  | "staff"
  | "staff-admin"
  | "region-staff-of-resource"
  | "region-staff-admin-of-resource"
  | "reaction-reader"
  | "reaction-editor"
  | "reaction-owner"
  | "letter-reader"
  | "platform-admin"
  | "municipality-griffie"
  | "awaiting-second-factor"
  | "nobody";

export const accessDescriptions: Record<Access, string> = {
  public: "iedereen, ook zonder account",
  published: "iedereen; alleen gepubliceerde versies (een concept geeft 404)",
  "invitation-token": "wie een geldige uitnodigingslink heeft",
  authenticated: "iedereen die is ingelogd (alleen het eigen account)",
  "awaiting-second-factor": "wie het wachtwoord gaf en nog de code uit de app moet geven",
  "reacting-member": "leden en ondertekenaars van een uitgenodigde organisatie",
  staff: "regiomedewerkers (redacteur of beheerder) van de eigen regio",
  "staff-admin": "regiobeheerders van de eigen regio",
  "region-staff-of-resource": "regiomedewerkers van de regio waar het om gaat",
  "region-staff-admin-of-resource": "regiobeheerders van de regio waar het om gaat",
  "reaction-reader": "leden van de organisatie; na indienen ook de regio en het geadresseerde college",
  "reaction-editor": "leden en ondertekenaars van de organisatie, zolang de reactie een concept is",
  "reaction-owner": "leden van de organisatie, voor een ingediende reactie zolang de ronde open is",
  "letter-reader": "regiomedewerkers van de regio; na verzenden ook de leden van de organisatie die reageerde",
  "platform-admin": "platformbeheerders",
  "municipality-griffie": "de griffie van een lidgemeente, voor de eigen gemeente",
  nobody: "niemand (altijd 404)",
};

/**
 * A handler whose gate is wider than the changes it makes: everyone allowed by `access` reaches the
 * handler, but only `writes` can change anything; the others get a Dutch refusal and nothing is
 * written (checked by the server function, e.g. `saveReaction` for a submitted reaction).
 */
export interface GatedHandler {
  access: Access;
  writes: Access;
}

export type HandlerPolicy = Access | GatedHandler;

export interface RoutePolicy {
  /** One line: what the route is for (Dutch where it names the page, English otherwise). */
  description: string;
  /** The loader's policy, or null when the module exports no loader. */
  loader: HandlerPolicy | null;
  /** The action's policy, or null when the module exports no action. */
  action: HandlerPolicy | null;
  /**
   * For a route that answers with a file: the file names it serves (app/lib/downloads.ts). Its path
   * ends in that name: a `$bestand` segment allow-listed to these names, or the one static name.
   */
  download?: readonly string[];
}

/** Every file in app/routes, by file name without extension. Keep sorted as `ls app/routes` is. */
export const routePolicies = {
  $: {
    description: "Catch-all: every unknown address gets the Dutch 404 page.",
    loader: "nobody",
    action: null,
  },
  _index: {
    description: "Home: introduction and the regions on the platform.",
    loader: "public",
    action: null,
  },
  account: {
    description: "Mijn account: own name, memberships and changing one's password.",
    loader: "authenticated",
    action: "authenticated",
  },
  "account_.gegevens": {
    description: "Mijn gegevens: download one's personal data, or delete one's own account (AVG).",
    loader: "authenticated",
    action: "authenticated",
  },
  "account_.gegevens-downloaden": {
    description: "Old address of the personal-data download: 301 to /account/gegevens/mijn-gegevens.json (reads nothing).",
    loader: "public",
    action: null,
  },
  "account_.gegevens_.$bestand": {
    description: "All personal data of the logged-in person as mijn-gegevens.json (AVG art. 15/20).",
    loader: "authenticated",
    action: null,
    download: downloadNames.personalData,
  },
  "account_.meldingen": {
    description: "Meldingen: own e-mail notification preference (immediate or daily digest).",
    loader: "authenticated",
    action: "authenticated",
  },
  "account_.tweestapsverificatie": {
    description: "Tweestapsverificatie: turn TOTP two-factor login on (QR code, confirm a code) or off (with a code).",
    loader: "authenticated",
    action: "authenticated",
  },
  "beheer._index": {
    description: "Beheer: the staff dashboard of the viewer's region.",
    loader: "staff",
    action: null,
  },
  "beheer.audit": {
    description: "Auditlog of the region, with filters (staff admins).",
    loader: "staff-admin",
    action: null,
  },
  "beheer.briefsjablonen": {
    description: "Briefsjabloon antwoordbrief: the region's introduction and closing with placeholders (staff admins).",
    loader: "staff-admin",
    action: "staff-admin",
  },
  "beheer.e-mail-voorbeeld": {
    description: "The formatted (HTML) preview of an e-mail template with sample data, served sandboxed.",
    loader: "staff",
    action: null,
  },
  "beheer.e-mails": {
    description: "E-mails: previews of every e-mail template with the region's name.",
    loader: "staff",
    action: null,
  },
  "beheer.organisaties.$organisationId": {
    description: "One organisation of the region: members and open invitations; admins invite people.",
    loader: "region-staff-of-resource",
    action: "region-staff-admin-of-resource",
  },
  "beheer.organisaties._index": {
    description: "Organisaties of the region, filtered by type and name.",
    loader: "staff",
    action: null,
  },
  "beheer.organisaties.nieuw": {
    description: "Organisatie toevoegen to the region (staff admins).",
    loader: "staff-admin",
    action: "staff-admin",
  },
  "beheer.postvak": {
    description: "Postvak: the region's outbox and delivery log; retry or resend a message (staff admins).",
    loader: "staff-admin",
    action: "staff-admin",
  },
  "beheer.postvak-html": {
    description: "The formatted (HTML) version of one outbox message (`?bericht=`) of the region, served sandboxed.",
    loader: "region-staff-admin-of-resource",
    action: null,
  },
  "beheer.visies.$visionId._index": {
    description: "One visie for staff: versions, draft sections (move, add, delete, renumber), rounds and deadlines.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.importeren": {
    description: "Document importeren (DOCX, Markdown, text) into the visie's draft, with a preview to adjust.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.onderdelen.$sectionKey": {
    description: "Onderdeel bewerken: one section of the visie's draft (the draft only; other keys 404).",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.publiceren": {
    description: "Versie publiceren: freeze the draft and optionally open a consultation round with invitees.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.beantwoorden._index": {
    description: "Punten beantwoorden: triage of every submitted point of the visie (filters, Dutch search, bulk assign/theme/answer) and publishing a round's answers.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.beantwoorden.$pointRef": {
    description: "One submitted point (by reference, e.g. ASDV-3) beside its section text: answer, disposition, sign-off, similar points and reuse. Drafts and other visies' points 404.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.themas": {
    description: "Thema's (rode draad) of the visie: create, rename, summarise and delete themes, suggestions from word overlap, counts per section, organisation type and disposition.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.brieven": {
    description: "Antwoordbrieven: every submitted reaction with its letter status; render all vastgestelde letters in the background.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.brieven_.$reactionId": {
    description: "Antwoordbrief of one reaction: edit texts, number and signatories, preview, workflow (vaststellen by staff admins, verzenden).",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.brieven_.$reactionId_.$bestand": {
    description: "The antwoordbrief as antwoordbrief.pdf or .docx: staff, and the organisation's members once sent.",
    loader: "letter-reader",
    action: null,
    download: downloadNames.letter,
  },
  "beheer.visies.$visionId.brieven_.bestand.$reactionId": {
    description: "Old address of the antwoordbrief (`?formaat=`, in sent e-mails): 301 to …/brieven/:reactionId/antwoordbrief.pdf|docx (reads nothing).",
    loader: "public",
    action: null,
  },
  "beheer.visies.$visionId.nota": {
    description: "Nota van beantwoording of a round: totals per disposition and per section or organisation, download links.",
    loader: "region-staff-of-resource",
    action: null,
  },
  "beheer.visies.$visionId.nota_.$bestand": {
    description: "The Nota van beantwoording as nota-van-beantwoording.pdf, .docx or .csv (for Excel).",
    loader: "region-staff-of-resource",
    action: null,
    download: downloadNames.nota,
  },
  "beheer.visies.$visionId.nota_.bestand": {
    description: "Old address of the Nota (`?formaat=`): 301 to …/nota/nota-van-beantwoording.<formaat> (reads nothing).",
    loader: "public",
    action: null,
  },
  "beheer.visies.$visionId.rode-draad": {
    description: "Rode draad reacties op de concept-regiovisie: per theme its summary, counts and points.",
    loader: "region-staff-of-resource",
    action: null,
  },
  "beheer.visies.$visionId.rode-draad_.$bestand": {
    description: "The rode draad document as rode-draad.pdf or .docx.",
    loader: "region-staff-of-resource",
    action: null,
    download: downloadNames.threadReport,
  },
  "beheer.visies.$visionId.rode-draad_.bestand": {
    description: "Old address of the rode draad (`?formaat=`): 301 to …/rode-draad/rode-draad.<formaat> (reads nothing).",
    loader: "public",
    action: null,
  },
  "beheer.visies.$visionId.reacties": {
    description: "Ontvangen reacties: the submitted reactions (never drafts) on the visie, with point counts.",
    loader: "region-staff-of-resource",
    action: null,
  },
  "beheer.visies.$visionId.vaststelling": {
    description: "Vaststelling: the adoption board (every member municipality's raadsvoorstel and besluit, deadline, van kracht or why not).",
    loader: "region-staff-of-resource",
    action: null,
  },
  "beheer.visies.$visionId.vaststelling_.$municipalityId": {
    description: "Besluit van een gemeenteraad: staff record a member municipality's decision, raadsbesluit PDF and reactiebrief on its behalf.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.vaststelling_.aanbiedingsbrief": {
    description: "Aanbiedingsbrief: compose, preview and send the letter offering the definitive version to every college.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.vaststelling_.bestanden.$fileId.$bestand": {
    description: "A raadsbesluit (raadsbesluit.pdf) or the aanbiedingsbrief (aanbiedingsbrief.pdf|docx) of the visie's adoption; the name's extension must be the file's.",
    loader: "region-staff-of-resource",
    action: null,
    download: downloadNames.adoptionFile,
  },
  "beheer.visies.$visionId.uitvoering": {
    description: "Uitvoeringsplan (staff): the visie's actions with status filter, and a new action.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.uitvoering_.$actionId": {
    description: "One uitvoeringsplan action: edit, record progress (dated update, status e-mail), link and unlink points.",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.uitvoering_.csv": {
    description: "Old address of the uitvoeringsplan CSV: 301 to …/uitvoering/uitvoeringsplan.csv (reads nothing).",
    loader: "public",
    action: null,
  },
  "beheer.visies.$visionId.uitvoering_.herleidbaarheid": {
    description: "Herleidbaarheid (staff): every submitted point of one organisation → answer → changed section → actions.",
    loader: "region-staff-of-resource",
    action: null,
  },
  "beheer.visies.$visionId.uitvoering_.herleidbaarheid_.$bestand": {
    description: "The staff traceability of one organisation (`?organisatie=<id>`) as herleidbaarheid.pdf or .csv.",
    loader: "region-staff-of-resource",
    action: null,
    download: downloadNames.traceability,
  },
  "beheer.visies.$visionId.uitvoering_.herleidbaarheid_.bestand": {
    description: "Old address of the staff traceability download (`?formaat=`): 301 to …/herleidbaarheid/herleidbaarheid.<formaat> (reads nothing).",
    loader: "public",
    action: null,
  },
  "beheer.visies.$visionId.uitvoering_.importeren": {
    description: "Acties importeren from CSV (multipart, size-limited; one bad row and nothing is written).",
    loader: "region-staff-of-resource",
    action: "region-staff-of-resource",
  },
  "beheer.visies.$visionId.uitvoering_.tekorten": {
    description: "Tekortenrapport: points answered 'meegenomen in uitvoeringsplan' without an action, and overdue actions.",
    loader: "region-staff-of-resource",
    action: null,
  },
  "beheer.visies.$visionId.uitvoering_.uitvoeringsplan[.]csv": {
    description: "Every action of the visie as uitvoeringsplan.csv (the import reads the same columns).",
    loader: "region-staff-of-resource",
    action: null,
    download: downloadNames.actionsCsv,
  },
  "beheer.visies._index": {
    description: "Visies of the region; staff create a new visie.",
    loader: "staff",
    action: "staff",
  },
  "gemeente.vaststelling.$visionId": {
    description: "Vaststelling door de raad: the griffie records its own council's decision, raadsbesluit PDF and reactiebrief.",
    loader: "municipality-griffie",
    action: "municipality-griffie",
  },
  "gemeente.vaststelling_.$visionId.bestanden.$fileId.$bestand": {
    description: "An aanbiedingsbrief (aanbiedingsbrief.pdf|docx) sent to the griffie's own municipality.",
    loader: "municipality-griffie",
    action: null,
    download: downloadNames.sentAdoptionLetter,
  },
  "gemeente.vaststelling._index": {
    description: "Vaststelling door de raad: the visies put to the viewer's council (griffie), with their decision so far.",
    loader: "authenticated",
    action: null,
  },
  healthz: {
    description: "Health check for load balancers: 200 when the database answers, 503 otherwise.",
    loader: "public",
    action: null,
  },
  inloggen: {
    description: "Inloggen with e-mail and password (a logged-in viewer is sent on to `terug`).",
    loader: "public",
    action: "public",
  },
  "inloggen_.code": {
    description: "Inloggen, second step: the code from the authenticator app for accounts with two-factor login.",
    loader: "awaiting-second-factor",
    action: "awaiting-second-factor",
  },
  "mijn-organisaties": {
    description: "Mijn organisaties: the viewer's own organisations and who else belongs to them.",
    loader: "authenticated",
    action: null,
  },
  "platform.regios": {
    description: "Regio's: list and create regions (platform admins).",
    loader: "platform-admin",
    action: "platform-admin",
  },
  "reacties.$reactionId._index": {
    description: "One reaction (advies or reactie): read, and for its organisation write, save and submit the draft.",
    loader: "reaction-reader",
    action: { access: "reaction-reader", writes: "reaction-editor" },
  },
  "reacties.$reactionId.brief-importeren": {
    description: "Bestaande brief importeren (pasted text or Word) into a draft reaction.",
    loader: "reaction-editor",
    action: "reaction-editor",
  },
  "reacties.$reactionId.citaat": {
    description: '"Reageer hierop" from the reading view: a new point anchored to a section and quote (POST only).',
    loader: "nobody",
    action: { access: "reaction-reader", writes: "reaction-editor" },
  },
  "reacties.$reactionId.intrekken": {
    description:
      "Intrekken: withdraw a submitted reaction while its round is open; it stays on record as withdrawn (POST only).",
    loader: "nobody",
    action: { access: "reaction-reader", writes: "reaction-owner" },
  },
  "reacties.$reactionId.corrigeren": {
    description:
      "Corrigeren: a member starts a correction of the organisation's submitted reaction while its round is open; a new draft revision linked to it (POST only).",
    loader: "nobody",
    action: { access: "reaction-reader", writes: "reaction-owner" },
  },
  "reacties.$reactionId.correctie-weggooien": {
    description:
      "Correctie weggooien: a member deletes the organisation's draft correction; the reaction it corrects stays as submitted (POST only).",
    loader: "nobody",
    action: { access: "reaction-reader", writes: "reaction-editor" },
  },
  "reacties.$reactionId.$bestand": {
    description: "De reactie als reactie.pdf (tagged): for whoever may read the reaction.",
    loader: "reaction-reader",
    action: null,
    download: downloadNames.reaction,
  },
  "reacties.$reactionId.pdf": {
    description: "Old address of the reaction PDF: 301 to /reacties/:reactionId/reactie.pdf (reads nothing).",
    loader: "public",
    action: null,
  },
  reageren: {
    description: "Reageren: the consultation rounds the viewer's organisations may react to; start a reaction.",
    loader: "authenticated",
    action: { access: "authenticated", writes: "reacting-member" },
  },
  "reageren_.eenvoudig.$roundId": {
    description: "Eenvoudig reageren: the plain-language form (three questions) for one open round, submitted at once.",
    loader: "reacting-member",
    action: "reacting-member",
  },
  toegankelijkheid: {
    description: "Toegankelijkheidsverklaring: a static public page (no loader, no action).",
    loader: null,
    action: null,
  },
  uitloggen: {
    description: "Uitloggen: POST ends the own session; GET only redirects home (no state change on GET).",
    loader: "public",
    action: "public",
  },
  "uitnodiging.$token": {
    description: "Uitnodiging: accept an invitation link (choose a password when the account is new).",
    loader: "invitation-token",
    action: "invitation-token",
  },
  "visies.$regionSlug.$visionSlug._index": {
    description: "The public reading view of a published visie version (`?versie=` picks an older one).",
    loader: "published",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.vergelijken": {
    description: "Wat is er veranderd: compare two published versions of a visie.",
    loader: "published",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.vaststelling": {
    description: "Vaststelling: public adoption status per municipality and whether the visie is van kracht, and why not.",
    loader: "published",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.herleidbaarheid": {
    description: "Wat is er met uw reactie gedaan: the published points of one organisation (`?organisatie=CODE`) → answer → section → actions.",
    loader: "published",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.herleidbaarheid_.$bestand": {
    description: "The public traceability of one organisation (`?organisatie=CODE`) as herleidbaarheid.pdf or .csv.",
    loader: "published",
    action: null,
    download: downloadNames.traceability,
  },
  "visies.$regionSlug.$visionSlug.herleidbaarheid_.bestand": {
    description: "Old address of the public traceability download (`?formaat=`): 301 to …/herleidbaarheid/herleidbaarheid.<formaat> (reads nothing).",
    loader: "public",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.herleidbaarheid_.antwoordbrief.$reactionId_.$bestand": {
    description: "The sent antwoordbrief to one reaction as antwoordbrief.pdf, when the letter is public (app/letters/public-letters.server.ts: sent, every point public, named, not ervaringsdeskundigen).",
    loader: "published",
    action: null,
    download: downloadNames.publicLetter,
  },
  "visies.$regionSlug.$visionSlug.herleidbaarheid_.antwoordbrief.$reactionId": {
    description: "Old address of a public antwoordbrief: 301 to …/antwoordbrief/:reactionId/antwoordbrief.pdf (reads nothing).",
    loader: "public",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.open-data": {
    description: "Open data: what the CSV and JSON downloads of a visie hold, field by field.",
    loader: "published",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.open-data_.$bestand": {
    description: "Open data: punten.csv, antwoorden.csv, besluiten.csv, acties.csv, or everything with field descriptions as open-data.json.",
    loader: "published",
    action: null,
    download: downloadNames.openData,
  },
  "visies.$regionSlug.$visionSlug.open-data_.csv": {
    description: "Old address of an open-data CSV (`?gegevens=`, used by scripts): 301 to …/open-data/<gegevens>.csv, or to the open-data page (reads nothing).",
    loader: "public",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.open-data_.json": {
    description: "Old address of the open data as JSON (used by scripts): 301 to …/open-data/open-data.json (reads nothing).",
    loader: "public",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.uitvoering": {
    description: "The public uitvoeringsplan of a visie: actions with status, progress, bouwstenen and latest news.",
    loader: "published",
    action: null,
  },
  "visies.$regionSlug.$visionSlug.uitvoering_.$actionReference": {
    description: "One public action (`U-01`): status, updates and the published points it follows from.",
    loader: "published",
    action: null,
  },
  "visies._index": {
    description: "Regiovisies: every published visie version of every region.",
    loader: "published",
    action: null,
  },
} as const satisfies Record<string, RoutePolicy>;

export type RouteFile = keyof typeof routePolicies;

/** The gate of a handler: who gets past it (for a gated handler, not everyone of whom may write). */
export function accessOf(policy: HandlerPolicy): Access {
  return typeof policy === "string" ? policy : policy.access;
}

/** Who may change something through a handler. */
export function writesOf(policy: HandlerPolicy): Access {
  return typeof policy === "string" ? policy : policy.writes;
}

/**
 * The URL pattern of a Remix v2 flat route file name: "beheer.visies.$visionId._index" →
 * "/beheer/visies/:visionId", "account_.meldingen" → "/account/meldingen", "$" → "/*".
 */
export function routePath(file: string): string {
  const segments = (file.match(/(?:\[[^\]]*\]|[^.])+/g) ?? [])
    .filter((segment) => segment !== "_index" && !(segment.startsWith("_") && segment !== "_"))
    .map((segment) => {
      // "$bestand_" → ":bestand"; "uitvoeringsplan[.]csv" → "uitvoeringsplan.csv" (escaped, never a separator).
      const plain = segment.replace(/_$/, "");
      return plain === "$" ? "*" : plain.startsWith("$") ? `:${plain.slice(1)}` : plain.replace(/\[([^\]]*)\]/g, "$1");
    });
  return `/${segments.join("/")}`;
}

/** The names of a route's URL parameters ("*" for the catch-all). */
export function routeParams(file: string): string[] {
  return routePath(file)
    .split("/")
    .filter((segment) => segment.startsWith(":") || segment === "*")
    .map((segment) => (segment === "*" ? "*" : segment.slice(1)));
}
