import { randomUUID } from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import {
  anchorResolutions,
  consultationRounds,
  memberships,
  organisations,
  pointAnchors,
  points,
  reactions,
  reactionSignatories,
  regions,
  roundInvitees,
  sections,
  users,
  visions,
  visionVersions,
} from "~db/schema";
import type { Viewer } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import { docFromPlainText, plainTextOf } from "~/editor/plain-text";
import { validateRichText } from "~/editor/validate.server";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { isUniqueViolation } from "~/lib/errors.server";
import { queueMessage } from "~/lib/outbox.server";
import { createQuoteSelector } from "./anchors";
import { MAX_POINTS, type PointKind } from "./options";
import type { SaveReactionInput } from "./schema.server";
import { renderReactionPdf } from "./reaction-document.server";
import { enqueueJob, registerJobHandler } from "~/email/jobs.server";
import { rateLimits, takeRateLimit } from "~/lib/rate-limit.server";
import { z } from "~/lib/zod.server";
import { isCurrentRevision } from "./revisions.server";

export class ReactionError extends Error {
  constructor(
    message: string,
    readonly code: "invalid" | "conflict" | "closed" | "forbidden" | "submitted" = "invalid",
  ) {
    super(message);
  }
}

export type ReactionRow = typeof reactions.$inferSelect;

const reactingRoles = new Set(["member", "signatory"]);

/** Organisations the viewer may react for (member or signatory). */
export function reactingOrganisationIds(viewer: Viewer) {
  return viewer.memberships.filter((m) => reactingRoles.has(m.role)).map((m) => m.organisationId);
}

export interface RoundWindow {
  opensAt: Date;
  closesAt: Date;
  acceptsLate: boolean;
}

/** Open between opening and deadline; after the deadline only when the round accepts late reactions (marked late). */
export function roundState(round: RoundWindow, now = new Date()): "not-open" | "open" | "late" | "closed" {
  if (now < round.opensAt) return "not-open";
  if (now <= round.closesAt) return "open";
  return round.acceptsLate ? "late" : "closed";
}

/** Rounds the viewer's organisations may react to (invited, or open to every registered organisation of the region). */
export async function listRoundsForViewer(db: Db, viewer: Viewer) {
  const organisationIds = reactingOrganisationIds(viewer);
  if (organisationIds.length === 0) return [];
  const orgs = await db.select().from(organisations).where(inArray(organisations.id, organisationIds));
  const regionIds = [...new Set(orgs.map((o) => o.regionId))];
  const rounds = await db
    .select({
      id: consultationRounds.id,
      opensAt: consultationRounds.opensAt,
      closesAt: consultationRounds.closesAt,
      acceptsLate: consultationRounds.acceptsLate,
      visibility: consultationRounds.visibility,
      versionLabel: visionVersions.label,
      versionNumber: visionVersions.number,
      visionTitle: visions.title,
      visionSlug: visions.slug,
      regionId: visions.regionId,
      regionSlug: regions.slug,
    })
    .from(consultationRounds)
    .innerJoin(visionVersions, eq(visionVersions.id, consultationRounds.versionId))
    .innerJoin(visions, eq(visions.id, visionVersions.visionId))
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(inArray(visions.regionId, regionIds))
    .orderBy(asc(consultationRounds.closesAt));
  if (rounds.length === 0) return [];
  const roundIds = rounds.map((r) => r.id);
  const [invites, existing] = await Promise.all([
    db.select().from(roundInvitees).where(and(inArray(roundInvitees.roundId, roundIds), inArray(roundInvitees.organisationId, organisationIds))),
    db
      .select({ id: reactions.id, roundId: reactions.roundId, organisationId: reactions.organisationId, status: reactions.status, isLate: reactions.isLate, correctsId: reactions.correctsId })
      .from(reactions)
      .where(and(inArray(reactions.roundId, roundIds), inArray(reactions.organisationId, organisationIds), ne(reactions.status, "withdrawn"), isCurrentRevision(reactions.status)))
      // A correction in progress comes before the revision it corrects.
      .orderBy(sql`${reactions.createdAt} desc`),
  ]);
  const result = [];
  for (const round of rounds) {
    for (const org of orgs.filter((o) => o.regionId === round.regionId)) {
      const invite = invites.find((i) => i.roundId === round.id && i.organisationId === org.id);
      if (!invite && round.visibility !== "registered") continue;
      const reaction = existing.find((r) => r.roundId === round.id && r.organisationId === org.id);
      result.push({ round, organisation: { id: org.id, name: org.name }, invited: !!invite, reaction: reaction ?? null, state: roundState(round) });
    }
  }
  return result;
}

async function loadRoundForOrganisation(db: Db, roundId: string, organisationId: string) {
  const [row] = await db
    .select({
      round: consultationRounds,
      version: visionVersions,
      vision: visions,
      organisation: organisations,
    })
    .from(consultationRounds)
    .innerJoin(visionVersions, eq(visionVersions.id, consultationRounds.versionId))
    .innerJoin(visions, eq(visions.id, visionVersions.visionId))
    .innerJoin(organisations, and(eq(organisations.id, organisationId), eq(organisations.regionId, visions.regionId)))
    .where(eq(consultationRounds.id, roundId));
  if (!row) return null;
  const [invite] = await db
    .select()
    .from(roundInvitees)
    .where(and(eq(roundInvitees.roundId, roundId), eq(roundInvitees.organisationId, organisationId)));
  return { ...row, invite: invite ?? null };
}

/** One reaction per organisation per round: starting twice returns the same draft. */
export async function startReaction(db: Db, viewer: Viewer, input: { roundId: string; organisationId: string }, now = new Date()) {
  if (!reactingOrganisationIds(viewer).includes(input.organisationId)) throw new ReactionError("U kunt alleen reageren namens een organisatie waar u lid van bent.", "forbidden");
  const context = await loadRoundForOrganisation(db, input.roundId, input.organisationId);
  if (!context) throw new ReactionError("Deze consultatieronde bestaat niet.", "forbidden");
  if (!context.invite && context.round.visibility !== "registered") throw new ReactionError("Uw organisatie is niet uitgenodigd voor deze consultatieronde.", "forbidden");
  const state = roundState(context.round, now);
  if (state === "not-open") throw new ReactionError("Deze consultatieronde is nog niet begonnen.", "closed");
  if (state === "closed") throw new ReactionError("De reactietermijn is verlopen; deze ronde neemt geen reacties meer aan.", "closed");
  const existing = await findActiveReaction(db, input.roundId, input.organisationId);
  if (existing) return existing;
  const isAdvisoryCouncil = context.organisation.type === "adviesraad";
  const [regionOrganisation] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.regionId, context.vision.regionId), eq(organisations.type, "regio")));
  const addressedToId = isAdvisoryCouncil && context.organisation.municipalityId ? context.organisation.municipalityId : regionOrganisation!.id;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(reactions)
        .values({
          visionId: context.vision.id,
          roundId: input.roundId,
          versionId: context.version.id,
          organisationId: input.organisationId,
          kind: isAdvisoryCouncil ? "advies" : "reactie",
          adviceKind: isAdvisoryCouncil ? (context.invite?.adviceRequestReference ? "gevraagd" : "ongevraagd") : null,
          addressedToId,
          theirReference: context.invite?.adviceRequestReference ?? null,
          subject: `${isAdvisoryCouncil ? "Advies" : "Reactie"} ${context.vision.title}`,
          introduction: docFromPlainText(""),
          conclusion: docFromPlainText(""),
        })
        .returning();
      await writeAudit(tx, { actorId: viewer.user.id, regionId: context.vision.regionId, action: "reaction.create", entityType: "reaction", entityId: row!.id, after: { roundId: input.roundId, organisationId: input.organisationId } });
      return row!;
    });
  } catch (error) {
    // Two members starting at the same moment: the unique index keeps one; return it.
    if (isUniqueViolation(error)) {
      const again = await findActiveReaction(db, input.roundId, input.organisationId);
      if (again) return again;
    }
    throw error;
  }
}

async function findActiveReaction(db: Db, roundId: string, organisationId: string) {
  const [row] = await db
    .select()
    .from(reactions)
    .where(and(eq(reactions.roundId, roundId), eq(reactions.organisationId, organisationId), ne(reactions.status, "withdrawn"), isNull(reactions.correctsId)));
  return row ?? null;
}

/**
 * Drafts are visible to the organisation's members only; a submitted reaction also to the staff of
 * its region (and municipal staff of the college it is addressed to). Anyone else: not found.
 */
export async function getReactionForViewer(db: Db, viewer: Viewer, reactionId: string) {
  const [row] = await db
    .select({ reaction: reactions, organisation: organisations, vision: visions, version: visionVersions })
    .from(reactions)
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .innerJoin(visions, eq(visions.id, reactions.visionId))
    .innerJoin(visionVersions, eq(visionVersions.id, reactions.versionId))
    .where(eq(reactions.id, reactionId));
  if (!row) return null;
  const isMember = viewer.memberships.some((m) => m.organisationId === row.organisation.id);
  const submitted = row.reaction.status !== "draft";
  const isAddressedCollege = viewer.memberships.some((m) => m.organisationId === row.reaction.addressedToId && m.role === "municipal_staff");
  const canSee = isMember || (submitted && (isStaff(viewer, row.vision.regionId) || isAddressedCollege));
  if (!canSee) return null;
  const canReact = isMember && reactingRoles.has(viewer.memberships.find((m) => m.organisationId === row.organisation.id)?.role ?? "");
  return { ...row, isMember, canReact, canEdit: canReact && row.reaction.status === "draft", isAddressedCollege };
}

export async function loadReactionDetails(db: Db, reactionId: string) {
  const [pointRows, signatoryRows] = await Promise.all([
    db.select().from(points).where(eq(points.reactionId, reactionId)).orderBy(asc(points.number)),
    db.select().from(reactionSignatories).where(eq(reactionSignatories.reactionId, reactionId)).orderBy(asc(reactionSignatories.position)),
  ]);
  const anchorRows = pointRows.length
    ? await db.select().from(pointAnchors).where(inArray(pointAnchors.pointId, pointRows.map((p) => p.id)))
    : [];
  const resolutionRows = anchorRows.length
    ? await db
        .select({ anchorId: anchorResolutions.anchorId, state: anchorResolutions.state, foundText: anchorResolutions.foundText, versionNumber: visionVersions.number, versionLabel: visionVersions.label })
        .from(anchorResolutions)
        .innerJoin(visionVersions, eq(visionVersions.id, anchorResolutions.versionId))
        .where(inArray(anchorResolutions.anchorId, anchorRows.map((a) => a.id)))
    : [];
  /** Where each anchor stands in the newest later version. */
  const latestResolution = (anchorId: string) =>
    resolutionRows.filter((r) => r.anchorId === anchorId).sort((a, b) => b.versionNumber - a.versionNumber)[0] ?? null;
  return {
    points: pointRows.map((p) => ({ ...p, anchors: anchorRows.filter((a) => a.pointId === p.id).map((a) => ({ ...a, resolution: latestResolution(a.id) })) })),
    signatories: signatoryRows,
  };
}

export async function listSignatoryCandidates(db: Db, organisationId: string) {
  return db
    .select({ userId: users.id, name: users.name, title: memberships.title })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "signatory")))
    .orderBy(asc(users.name));
}

export async function listAddressees(db: Db, organisation: { regionId: string; municipalityId: string | null }) {
  const conditions = [and(eq(organisations.regionId, organisation.regionId), eq(organisations.type, "regio"))];
  if (organisation.municipalityId) conditions.push(eq(organisations.id, organisation.municipalityId));
  return db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(or(...conditions));
}

function parseRichText(text: string | undefined, json: string | undefined, label: string): JSONContent {
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new ReactionError(`De tekst van ${label} kon niet worden gelezen.`);
    }
    const checked = validateRichText(parsed);
    if (!checked.ok) throw new ReactionError(`${label}: ${checked.message}`);
    return checked.doc;
  }
  const checked = validateRichText(docFromPlainText(text ?? ""));
  if (!checked.ok) throw new ReactionError(`${label}: ${checked.message}`);
  return checked.doc;
}

/** The next `count` free references of an organisation within a visie (ASDV-10, ASDV-11, …), in one query. */
export async function nextReferences(tx: Db, visionId: string, code: string, count = 1) {
  const [row] = await tx
    .select({ max: sql<number>`coalesce(max(cast(substring(${points.reference} from '[0-9]+$') as integer)), 0)` })
    .from(points)
    .where(and(eq(points.visionId, visionId), sql`${points.reference} ~ ${`^${code}-[0-9]+$`}`));
  const highest = Number(row?.max ?? 0);
  return Array.from({ length: count }, (_, i) => `${code}-${highest + i + 1}`);
}

export interface SaveResult {
  revision: number;
}

export interface ConflictState {
  revision: number;
  introduction: string;
  conclusion: string;
  points: Array<{ id: string; number: number; text: string }>;
}

/** The current stored texts, shown next to the member's own when their save was based on an older revision. */
export async function conflictState(db: Db, reactionId: string): Promise<ConflictState> {
  const [reaction] = await db.select().from(reactions).where(eq(reactions.id, reactionId));
  const details = await loadReactionDetails(db, reactionId);
  return {
    revision: reaction!.revision,
    introduction: plainTextOf(reaction!.introduction as JSONContent),
    conclusion: plainTextOf(reaction!.conclusion as JSONContent),
    points: details.points.map((p) => ({ id: p.id, number: p.number, text: p.plainText })),
  };
}

type Operation = { type: "none" } | { type: "add-point" } | { type: "move"; index: number; direction: "up" | "down" } | { type: "delete"; index: number };

export function operationOf(intent: string): Operation {
  if (intent === "add-point") return { type: "add-point" };
  const move = /^move:(\d+):(up|down)$/.exec(intent);
  if (move) return { type: "move", index: Number(move[1]), direction: move[2] as "up" | "down" };
  const remove = /^delete:(\d+)$/.exec(intent);
  if (remove) return { type: "delete", index: Number(remove[1]) };
  return { type: "none" };
}

/** Anchors compared by what they say, not by their row ids or order of storage. */
function anchorSignature(rows: Array<Pick<typeof pointAnchors.$inferSelect, "sectionKey" | "exact" | "prefix" | "suffix" | "positionStart" | "positionEnd">>) {
  return JSON.stringify(rows.map((r) => [r.sectionKey, r.exact, r.prefix, r.suffix, r.positionStart, r.positionEnd]));
}

type StoredAnchor = Pick<typeof pointAnchors.$inferSelect, "pointId" | "sectionKey" | "exact" | "prefix" | "suffix" | "positionStart" | "positionEnd">;
interface DraftStateRow {
  points: Array<{ id: string; number: number; kind: PointKind; body: unknown; plainText: string; isGeneral: boolean; anchors: Array<Omit<StoredAnchor, "pointId">> }>;
  signatories: Array<string | null>;
}

/** The draft's points with their anchors, and its signatories, in ONE statement (autosave reads this on every save). */
async function loadDraftState(db: Db, reactionId: string) {
  const result = await db.execute(sql`
    select
      (select coalesce(json_agg(s.user_id order by s.position), '[]'::json) from reaction_signatories s where s.reaction_id = ${reactionId}) as signatories,
      (select coalesce(json_agg(json_build_object(
          'id', p.id, 'number', p.number, 'kind', p.kind, 'body', p.body, 'plainText', p.plain_text, 'isGeneral', p.is_general,
          'anchors', (select coalesce(json_agg(json_build_object(
              'sectionKey', a.section_key, 'exact', a.exact, 'prefix', a.prefix, 'suffix', a.suffix,
              'positionStart', a.position_start, 'positionEnd', a.position_end)), '[]'::json)
            from point_anchors a where a.point_id = p.id))), '[]'::json)
        from points p where p.reaction_id = ${reactionId}) as points`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ points: unknown; signatories: unknown }>;
  const parse = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;
  const row: DraftStateRow = { points: parse(rows[0]!.points), signatories: parse(rows[0]!.signatories) };
  return {
    existing: row.points,
    existingAnchors: row.points.flatMap((p): StoredAnchor[] => p.anchors.map((a) => ({ ...a, pointId: p.id }))),
    existingSignatories: row.signatories.map((userId) => ({ userId })),
  };
}

/** JSON with object keys sorted: jsonb does not keep key order, so stored and sent documents are compared this way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * Rich text as sent, unless it equals what is stored: an unchanged text was validated when it was
 * stored and is not parsed against the schema again (autosave sends every point on every save).
 */
function richTextUnlessUnchanged(text: string | undefined, json: string | undefined, label: string, stored: unknown): { doc: JSONContent; changed: boolean } {
  const storedCanonical = stored === undefined ? null : canonicalJson(stored);
  if (storedCanonical !== null) {
    let candidate: unknown;
    if (json) {
      try {
        candidate = JSON.parse(json);
      } catch {
        throw new ReactionError(`De tekst van ${label} kon niet worden gelezen.`);
      }
    } else candidate = docFromPlainText(text ?? "");
    if (canonicalJson(candidate) === storedCanonical) return { doc: stored as JSONContent, changed: false };
  }
  const doc = parseRichText(text, json, label);
  return { doc, changed: storedCanonical === null || canonicalJson(doc) !== storedCanonical };
}

/**
 * Saves the whole draft letter (metadata, texts, points with anchors, signatories) in one
 * transaction. The revision must match: a save based on an older revision is a conflict.
 *
 * Autosave sends the whole letter every few seconds, so the path is kept short: four reads (the
 * reaction, its points, their anchors, its signatories), then BEGIN, the revision update, ONE
 * statement for all changed points (none when only metadata changed), the audit event, COMMIT.
 * Unchanged texts are not re-validated; addressees, signatory candidates and section texts are
 * only read when the member changed them.
 */
export async function saveReaction(db: Db, viewer: Viewer, reactionId: string, input: SaveReactionInput, operation: Operation = { type: "none" }) {
  const found = await getReactionForViewer(db, viewer, reactionId);
  if (!found) throw new ReactionError("Reactie niet gevonden.", "forbidden");
  if (found.reaction.status !== "draft") throw new ReactionError("Deze reactie is al ingediend en kan niet meer worden gewijzigd.", "submitted");
  if (!found.canEdit) throw new ReactionError("U kunt deze reactie niet wijzigen.", "forbidden");
  const { reaction, organisation, vision } = found;

  const { existing, existingAnchors, existingSignatories } = await loadDraftState(db, reactionId);
  const signatoriesChanged = existingSignatories.map((sig) => sig.userId).join() !== input.signatories.join();
  const [addressees, candidates] = await Promise.all([
    input.addressedToId === reaction.addressedToId ? null : listAddressees(db, organisation),
    signatoriesChanged ? listSignatoryCandidates(db, organisation.id) : null,
  ]);
  if (addressees && !addressees.some((a) => a.id === input.addressedToId)) throw new ReactionError("Kies als geadresseerde de regio of het college van uw eigen gemeente.");
  if (candidates) for (const id of input.signatories) if (!candidates.some((c) => c.userId === id)) throw new ReactionError("Kies ondertekenaars uit de ondertekenaars van uw organisatie.");

  const introduction = richTextUnlessUnchanged(input.introduction, input.introductionJson, "de inleiding", reaction.introduction ?? undefined).doc;
  const conclusion = richTextUnlessUnchanged(input.conclusion, input.conclusionJson, "het slot", reaction.conclusion ?? undefined).doc;

  const existingById = new Map(existing.map((e) => [e.id, e]));
  const anchorsByPoint = new Map<string, typeof existingAnchors>();
  for (const anchor of existingAnchors) anchorsByPoint.set(anchor.pointId, [...(anchorsByPoint.get(anchor.pointId) ?? []), anchor]);
  /** What anchors say in the form's terms (the sections, and the quote with the section it is in), independent of storage order. */
  const anchorMeaning = (keys: string[], quoted: { key: string; quote: string } | null) =>
    JSON.stringify([[...keys].sort(), quoted ? [quoted.key, quoted.quote] : null]);
  const storedMeaning = (rows: typeof existingAnchors) => {
    const withQuote = rows.find((r) => r.exact !== null);
    return anchorMeaning(rows.map((r) => r.sectionKey), withQuote ? { key: withQuote.sectionKey, quote: withQuote.exact! } : null);
  };

  const parsedPoints = input.points.map((p, index) => {
    const before = existingById.get(p.id);
    if (!before) throw new ReactionError("Een punt hoort niet bij deze reactie. Ververs de pagina.");
    const body = richTextUnlessUnchanged(p.body, p.bodyJson, `punt ${index + 1}`, before.body);
    const storedAnchors = anchorsByPoint.get(p.id) ?? [];
    const sentQuote = p.quote && p.sectionKeys[0] ? { key: p.sectionKeys[0], quote: p.quote } : null;
    const anchorsUnchanged = storedMeaning(storedAnchors) === anchorMeaning(p.sectionKeys, sentQuote);
    return { p, index, before, body, storedAnchors, anchorsUnchanged };
  });
  // Section texts only for anchors that changed (the version's sections never change once published).
  const changedKeys = [...new Set(parsedPoints.filter((x) => !x.anchorsUnchanged).flatMap((x) => x.p.sectionKeys))];
  const versionSections = changedKeys.length
    ? await db
        .select({ key: sections.key, plainText: sections.plainText, title: sections.title })
        .from(sections)
        .where(and(eq(sections.versionId, reaction.versionId), inArray(sections.key, changedKeys)))
    : [];

  const pointInputs = parsedPoints.map(({ p, index, body, storedAnchors, anchorsUnchanged }) => {
    const anchors = anchorsUnchanged
      ? null
      : p.sectionKeys.map((key, anchorIndex) => {
          const section = versionSections.find((s) => s.key === key);
          if (!section) throw new ReactionError(`Punt ${index + 1} verwijst naar een onderdeel dat niet in deze versie van de visie staat.`);
          if (anchorIndex > 0 || !p.quote) return { sectionKey: key, selector: null };
          const start = section.plainText.indexOf(p.quote);
          if (start < 0) throw new ReactionError(`Het citaat bij punt ${index + 1} komt niet voor in "${section.title}". Kopieer het letterlijk uit de visie.`);
          return { sectionKey: key, selector: createQuoteSelector(section.plainText, start, start + p.quote.length) };
        });
    return { id: p.id, kind: p.kind as PointKind, body: body.doc, bodyChanged: body.changed, isGeneral: p.general === "ja", anchors, storedAnchors };
  });

  let order = pointInputs.map((p) => p.id);
  if (operation.type === "move") {
    const target = operation.direction === "up" ? operation.index - 1 : operation.index + 1;
    if (target < 0 || target >= order.length || operation.index >= order.length) throw new ReactionError("Dit punt kan niet verder worden verplaatst.");
    [order[operation.index], order[target]] = [order[target]!, order[operation.index]!];
  }
  if (operation.type === "delete") {
    if (operation.index >= order.length) throw new ReactionError("Dit punt bestaat niet (meer).");
    order = order.filter((_, i) => i !== operation.index);
  }
  if (operation.type === "add-point" && order.length >= MAX_POINTS) throw new ReactionError(`Een reactie heeft hoogstens ${MAX_POINTS} punten.`);

  const inputsById = new Map(pointInputs.map((p) => [p.id, p]));
  const changedPoints: Array<{ id: string; number: number; kind: PointKind; body: JSONContent; plainText: string; isGeneral: boolean }> = [];
  const anchorsChanged: string[] = [];
  const newAnchors: Array<typeof pointAnchors.$inferInsert> = [];
  for (const [position, id] of order.entries()) {
    const point = inputsById.get(id)!;
    const before = existingById.get(id)!;
    if (before.number !== position + 1 || before.kind !== point.kind || before.isGeneral !== point.isGeneral || point.bodyChanged) {
      changedPoints.push({ id, number: position + 1, kind: point.kind, body: point.body, plainText: point.bodyChanged ? plainTextOf(point.body) : before.plainText, isGeneral: point.isGeneral });
    }
    if (point.anchors) {
      const rows = point.anchors.map((anchor) => ({
        pointId: id,
        sectionKey: anchor.sectionKey,
        versionId: reaction.versionId,
        exact: anchor.selector?.exact ?? null,
        prefix: anchor.selector?.prefix ?? null,
        suffix: anchor.selector?.suffix ?? null,
        positionStart: anchor.selector?.start ?? null,
        positionEnd: anchor.selector?.end ?? null,
      }));
      if (anchorSignature(rows) !== anchorSignature(point.storedAnchors)) {
        anchorsChanged.push(id);
        newAnchors.push(...rows);
      }
    }
  }
  const removedIds = existing.map((e) => e.id).filter((id) => !order.includes(id));

  return db.transaction(async (tx) => {
    const [locked] = await tx
      .update(reactions)
      .set({
        revision: input.revision + 1,
        addressedToId: input.addressedToId,
        place: input.place,
        letterDate: input.letterDate,
        reference: input.reference,
        theirReference: input.theirReference,
        subject: input.subject,
        introduction,
        conclusion,
        updatedAt: new Date(),
      })
      .where(and(eq(reactions.id, reactionId), eq(reactions.status, "draft"), eq(reactions.revision, input.revision)))
      .returning({ revision: reactions.revision });
    if (!locked) throw new ReactionError("Iemand anders heeft deze reactie intussen opgeslagen.", "conflict");
    if (removedIds.length) await tx.delete(points).where(inArray(points.id, removedIds));
    // All changed points in one statement, whatever their number (a typing save changes one).
    if (changedPoints.length === 1) {
      const [point] = changedPoints as [(typeof changedPoints)[number]];
      await tx.update(points).set({ number: point.number, kind: point.kind, body: point.body, plainText: point.plainText, isGeneral: point.isGeneral }).where(eq(points.id, point.id));
    } else if (changedPoints.length > 1) {
      const values = sql.join(
        changedPoints.map((p) => sql`(${p.id}::uuid, ${p.number}::integer, ${p.kind}::point_kind, ${JSON.stringify(p.body)}::jsonb, ${p.plainText}::text, ${p.isGeneral}::boolean)`),
        sql`, `,
      );
      await tx.execute(
        sql`update points as p set number = v.number, kind = v.kind, body = v.body, plain_text = v.plain_text, is_general = v.is_general
            from (values ${values}) as v(id, number, kind, body, plain_text, is_general) where p.id = v.id`,
      );
    }
    if (anchorsChanged.length) await tx.delete(pointAnchors).where(inArray(pointAnchors.pointId, anchorsChanged));
    if (newAnchors.length) await tx.insert(pointAnchors).values(newAnchors);
    if (operation.type === "add-point") {
      await tx.insert(points).values({
        reactionId,
        visionId: vision.id,
        number: order.length + 1,
        reference: (await nextReferences(tx, vision.id, organisation.code))[0]!,
        kind: "aandachtspunt",
        body: docFromPlainText(""),
        plainText: "",
      });
    }
    if (candidates) {
      await tx.delete(reactionSignatories).where(eq(reactionSignatories.reactionId, reactionId));
      if (input.signatories.length) {
        await tx.insert(reactionSignatories).values(
          input.signatories.map((userId, position) => {
            const candidate = candidates.find((c) => c.userId === userId)!;
            return { reactionId, userId, name: candidate.name, title: candidate.title, position };
          }),
        );
      }
    }
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: vision.regionId,
      action: "reaction.save",
      entityType: "reaction",
      entityId: reactionId,
      before: { revision: input.revision, points: existing.length },
      after: { revision: locked.revision, points: order.length + (operation.type === "add-point" ? 1 : 0), operation: operation.type, changedPoints: changedPoints.length },
    });
    return { revision: locked.revision };
  });
}

/** "Reageer hierop": a new point anchored to a section and a quoted passage of it. */
export async function addQuotedPoint(db: Db, viewer: Viewer, reactionId: string, input: { sectionKey: string; exact?: string }) {
  const found = await getReactionForViewer(db, viewer, reactionId);
  if (!found?.canEdit) throw new ReactionError("U kunt deze reactie niet wijzigen.", "forbidden");
  const [section] = await db
    .select()
    .from(sections)
    .where(and(eq(sections.versionId, found.reaction.versionId), eq(sections.key, input.sectionKey)));
  if (!section) throw new ReactionError("Dit onderdeel staat niet in de versie waarop u reageert.");
  const normalised = (input.exact ?? "").replace(/\s+/g, " ").trim();
  const haystack = section.plainText.replace(/\s+/g, " ");
  const start = normalised ? haystack.indexOf(normalised) : -1;
  if (normalised && start < 0) throw new ReactionError("Het geselecteerde stuk tekst komt niet voor in dit onderdeel.");
  const selector = normalised ? createQuoteSelector(haystack, start, start + normalised.length) : null;
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .update(reactions)
      .set({ revision: sql`${reactions.revision} + 1`, updatedAt: new Date() })
      .where(and(eq(reactions.id, reactionId), eq(reactions.status, "draft")))
      .returning({ revision: reactions.revision });
    if (!locked) throw new ReactionError("Deze reactie is al ingediend.", "submitted");
    const [{ count }] = (await tx.select({ count: sql<number>`count(*)` }).from(points).where(eq(points.reactionId, reactionId))) as [{ count: number }];
    if (Number(count) >= MAX_POINTS) throw new ReactionError(`Een reactie heeft hoogstens ${MAX_POINTS} punten.`);
    const [point] = await tx
      .insert(points)
      .values({
        reactionId,
        visionId: found.vision.id,
        number: Number(count) + 1,
        reference: (await nextReferences(tx, found.vision.id, found.organisation.code))[0]!,
        kind: "aandachtspunt",
        body: docFromPlainText(""),
        plainText: "",
      })
      .returning();
    await tx.insert(pointAnchors).values({
      pointId: point!.id,
      sectionKey: section.key,
      versionId: found.reaction.versionId,
      exact: selector?.exact ?? null,
      prefix: selector?.prefix ?? null,
      suffix: selector?.suffix ?? null,
      positionStart: selector?.start ?? null,
      positionEnd: selector?.end ?? null,
    });
    await writeAudit(tx, { actorId: viewer.user.id, regionId: found.vision.regionId, action: "point.create_from_quote", entityType: "point", entityId: point!.id, after: { sectionKey: section.key, exact: selector?.exact ?? null } });
    return point!;
  });
}

/**
 * Submission is final, receipted and idempotent: one transaction freezes the reaction, and a retry
 * with the same submission key (double click, retried request) returns the earlier result.
 */
export async function submitReaction(db: Db, viewer: Viewer, reactionId: string, input: { revision: number; submissionKey: string }, now = new Date()) {
  const found = await getReactionForViewer(db, viewer, reactionId);
  if (!found) throw new ReactionError("Reactie niet gevonden.", "forbidden");
  if (found.reaction.status === "submitted" && found.reaction.submissionKey === input.submissionKey) return found.reaction;
  if (found.reaction.status !== "draft") throw new ReactionError("Deze reactie is al ingediend.", "submitted");
  if (!found.canEdit) throw new ReactionError("U kunt deze reactie niet indienen.", "forbidden");
  const [round] = await db.select().from(consultationRounds).where(eq(consultationRounds.id, found.reaction.roundId!));
  const state = roundState(round!, now);
  if (state === "closed" || state === "not-open") throw new ReactionError("De reactietermijn is verlopen; deze ronde neemt geen reacties meer aan.", "closed");
  const details = await loadReactionDetails(db, reactionId);
  if (details.points.length === 0) throw new ReactionError("Voeg minstens één punt toe voordat u indient.");
  const empty = details.points.find((p) => p.plainText.trim() === "");
  if (empty) throw new ReactionError(`Punt ${empty.number} heeft nog geen tekst.`);
  const unanchored = details.points.find((p) => p.anchors.length === 0 && !p.isGeneral);
  if (unanchored) throw new ReactionError(`Punt ${unanchored.number} hoort nog bij geen onderdeel van de visie. Kies een onderdeel of vink "algemeen" aan.`);
  if (details.signatories.length === 0) throw new ReactionError("Kies wie de reactie ondertekent.");
  if (!(await takeRateLimit(db, `submit:${viewer.user.id}`, rateLimits.submissions.max, rateLimits.submissions.windowMs, now))) {
    throw new ReactionError(rateLimits.submissions.message);
  }

  return db.transaction(async (tx) => {
    const [submitted] = await tx
      .update(reactions)
      .set({ status: "submitted", submittedAt: now, submittedById: viewer.user.id, submissionKey: input.submissionKey, isLate: state === "late", revision: input.revision + 1 })
      .where(and(eq(reactions.id, reactionId), eq(reactions.status, "draft"), eq(reactions.revision, input.revision)))
      .returning();
    if (!submitted) throw new ReactionError("Iemand anders heeft deze reactie intussen gewijzigd of ingediend. Ververs de pagina.", "conflict");
    if (submitted.correctsId) {
      // A correction supersedes the reaction it corrects, which must still be submitted (not withdrawn meanwhile).
      const [old] = await tx.select({ id: reactions.id, status: reactions.status }).from(reactions).where(eq(reactions.id, submitted.correctsId)).for("update");
      if (old?.status !== "submitted") throw new ReactionError("De reactie die u corrigeert is intussen ingetrokken. Deze correctie kan niet meer worden ingediend.", "conflict");
      await tx.update(reactions).set({ status: "superseded" }).where(eq(reactions.id, old.id));
      await writeAudit(tx, { actorId: viewer.user.id, regionId: found.vision.regionId, action: "reaction.supersede", entityType: "reaction", entityId: old.id, before: { status: "submitted" }, after: { status: "superseded", correctedBy: reactionId } });
    }
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: found.vision.regionId,
      action: "reaction.submit",
      entityType: "reaction",
      entityId: reactionId,
      before: { status: "draft" },
      after: { status: "submitted", submittedAt: now, isLate: submitted.isLate, points: details.points.map((p) => p.reference), corrects: submitted.correctsId },
    });
    // The receipt e-mails carry the reaction as PDF; rendering it is left to the job queue so that a
    // rush of submissions before the deadline is not held up by PDF rendering. The job is written in
    // this transaction, so the receipt cannot be lost.
    await enqueueJob(tx, { kind: RECEIPT_JOB, payload: { reactionId }, idempotencyKey: `receipt:${reactionId}` });
    return submitted;
  });
}

/** "het college van B en W van Vlaardingen" for a municipality, else the organisation's name. */
async function addressedToNameOf(db: Db, organisationId: string | null) {
  if (!organisationId) return null;
  const [row] = await db.select({ name: organisations.name, type: organisations.type }).from(organisations).where(eq(organisations.id, organisationId));
  if (!row) return null;
  return row.type === "gemeente" ? `het college van B en W van ${row.name}` : row.name;
}

export const RECEIPT_JOB = "reactions.receipt";

/**
 * The ontvangstbevestiging for every member of the reacting organisation, with the reaction as a
 * tagged PDF. Idempotent (a job may run twice): each message has a deterministic key.
 */
export async function queueReceipts(db: Db, reactionId: string) {
  const [row] = await db
    .select({ reaction: reactions, organisation: organisations, vision: visions, version: visionVersions, region: regions })
    .from(reactions)
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .innerJoin(visions, eq(visions.id, reactions.visionId))
    .innerJoin(visionVersions, eq(visionVersions.id, reactions.versionId))
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(eq(reactions.id, reactionId));
  if (!row || row.reaction.status !== "submitted" || !row.reaction.submittedAt) return;
  const { reaction, organisation, vision, version, region } = row;
  const [members, addressedToName, pointRows, pdf, corrected] = await Promise.all([
    db
      .select({ email: users.email, name: users.name, userId: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organisationId, organisation.id)),
    addressedToNameOf(db, reaction.addressedToId),
    db.select({ id: points.id }).from(points).where(eq(points.reactionId, reactionId)),
    renderReactionPdf(db, reactionId),
    reaction.correctsId ? db.select({ submittedAt: reactions.submittedAt }).from(reactions).where(eq(reactions.id, reaction.correctsId)) : Promise.resolve([]),
  ]);
  const link = `${appUrl()}/reacties/${reactionId}`;
  await db.transaction(async (tx) => {
    for (const member of members) {
      await queueMessage(tx, {
        regionId: vision.regionId,
        template: "ontvangstbevestiging",
        to: { address: member.email, name: member.name },
        recipientUserId: member.userId,
        data: {
          recipientName: member.name,
          organisationName: organisation.name,
          regionName: region.name,
          addressedToName: addressedToName ?? region.name,
          visionTitle: vision.title,
          versionLabel: version.label,
          submittedAt: reaction.submittedAt!,
          pointCount: pointRows.length,
          reference: reaction.reference ?? undefined,
          attachmentName: pdf?.filename,
          correctionOf: corrected[0]?.submittedAt ?? undefined,
          link,
        },
        attachments: pdf ? [{ filename: pdf.filename, contentType: "application/pdf", content: pdf.bytes }] : [],
        idempotencyKey: `receipt:${reactionId}:${member.email}`,
      });
    }
  });
}

registerJobHandler(RECEIPT_JOB, async (payload, { db }) => {
  const { reactionId } = z.object({ reactionId: z.uuid() }).parse(payload);
  await queueReceipts(db, reactionId);
});

export function newSubmissionKey() {
  return randomUUID();
}

/** Draft reactions the viewer can add points to while reading this version. */
export async function draftsForVersion(db: Db, viewer: Viewer | null, versionId: string) {
  if (!viewer) return [];
  const organisationIds = reactingOrganisationIds(viewer);
  if (organisationIds.length === 0) return [];
  return db
    .select({ id: reactions.id, organisation: organisations.name })
    .from(reactions)
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .where(and(eq(reactions.versionId, versionId), eq(reactions.status, "draft"), inArray(reactions.organisationId, organisationIds)));
}

export interface LetterImportInput {
  metadata: { place: string | null; letterDate: string | null; reference: string | null; theirReference: string | null; subject: string | null; letterNumber?: string | null; replyReference?: string | null };
  introduction: string;
  conclusion: string;
  points: Array<{ text: string; kind: PointKind; sectionKeys: string[]; general: boolean }>;
}

/**
 * An existing letter (pasted or from Word) becomes the draft: metadata, introduction, conclusion and
 * one point per confirmed item, anchored as the member chose. Replaces the draft's points.
 */
export async function applyLetterImport(db: Db, viewer: Viewer, reactionId: string, input: LetterImportInput) {
  const found = await getReactionForViewer(db, viewer, reactionId);
  if (!found?.canEdit) throw new ReactionError("U kunt deze reactie niet wijzigen.", "forbidden");
  if (input.points.length === 0) throw new ReactionError("Kies minstens één punt om over te nemen.");
  if (input.points.length > MAX_POINTS) throw new ReactionError(`Een reactie heeft hoogstens ${MAX_POINTS} punten.`);
  const versionSections = await db.select({ key: sections.key }).from(sections).where(eq(sections.versionId, found.reaction.versionId));
  const validKeys = new Set(versionSections.map((s) => s.key));
  const bodies = input.points.map((p, index) => {
    for (const key of p.sectionKeys) if (!validKeys.has(key)) throw new ReactionError(`Punt ${index + 1} verwijst naar een onderdeel dat niet in deze versie staat.`);
    const checked = validateRichText(docFromPlainText(p.text));
    if (!checked.ok) throw new ReactionError(`Punt ${index + 1}: ${checked.message}`);
    return checked.doc;
  });
  const introduction = validateRichText(docFromPlainText(input.introduction));
  const conclusion = validateRichText(docFromPlainText(input.conclusion));
  if (!introduction.ok || !conclusion.ok) throw new ReactionError("De inleiding of het slot is te lang.");
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .update(reactions)
      .set({
        revision: sql`${reactions.revision} + 1`,
        place: input.metadata.place ?? found.reaction.place,
        letterDate: input.metadata.letterDate ?? found.reaction.letterDate,
        reference: input.metadata.reference ?? input.metadata.letterNumber ?? found.reaction.reference,
        theirReference: input.metadata.theirReference ?? found.reaction.theirReference,
        replyReference: input.metadata.replyReference ?? found.reaction.replyReference,
        subject: input.metadata.subject ?? found.reaction.subject,
        introduction: introduction.doc,
        conclusion: conclusion.doc,
        updatedAt: new Date(),
      })
      .where(and(eq(reactions.id, reactionId), eq(reactions.status, "draft")))
      .returning({ revision: reactions.revision });
    if (!locked) throw new ReactionError("Deze reactie is al ingediend.", "submitted");
    await tx.delete(points).where(eq(points.reactionId, reactionId));
    const references = await nextReferences(tx, found.vision.id, found.organisation.code, input.points.length);
    for (const [index, point] of input.points.entries()) {
      const [row] = await tx
        .insert(points)
        .values({
          reactionId,
          visionId: found.vision.id,
          number: index + 1,
          reference: references[index]!,
          kind: point.kind,
          body: bodies[index]!,
          plainText: plainTextOf(bodies[index]!),
          isGeneral: point.general,
        })
        .returning({ id: points.id });
      for (const key of point.sectionKeys) {
        await tx.insert(pointAnchors).values({ pointId: row!.id, sectionKey: key, versionId: found.reaction.versionId });
      }
    }
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: found.vision.regionId,
      action: "reaction.import_letter",
      entityType: "reaction",
      entityId: reactionId,
      after: { points: input.points.length, letterDate: input.metadata.letterDate, reference: input.metadata.reference },
    });
    return { revision: locked.revision };
  });
}

/** Signatories chosen by user id from the organisation's signatories (used by the letter import and the demo). */
export async function setSignatories(db: Db, viewer: Viewer, reactionId: string, userIds: string[]) {
  const found = await getReactionForViewer(db, viewer, reactionId);
  if (!found?.canEdit) throw new ReactionError("U kunt deze reactie niet wijzigen.", "forbidden");
  const candidates = await listSignatoryCandidates(db, found.organisation.id);
  await db.transaction(async (tx) => {
    await tx.delete(reactionSignatories).where(eq(reactionSignatories.reactionId, reactionId));
    for (const [position, userId] of userIds.entries()) {
      const candidate = candidates.find((c) => c.userId === userId);
      if (!candidate) throw new ReactionError("Kies ondertekenaars uit de ondertekenaars van uw organisatie.");
      await tx.insert(reactionSignatories).values({ reactionId, userId, name: candidate.name, title: candidate.title, position });
    }
    await tx.update(reactions).set({ revision: sql`${reactions.revision} + 1` }).where(eq(reactions.id, reactionId));
    await writeAudit(tx, { actorId: viewer.user.id, regionId: found.vision.regionId, action: "reaction.signatories", entityType: "reaction", entityId: reactionId, after: { signatories: userIds } });
  });
}

/**
 * An advies addressed to a municipality's college is forwarded by that municipality's staff to
 * the region: the same record, marked forwarded (seed 001: received 17, sent on 19 November).
 */
export async function forwardReaction(db: Db, viewer: Viewer, reactionId: string, now = new Date()) {
  const found = await getReactionForViewer(db, viewer, reactionId);
  if (!found?.isAddressedCollege) throw new ReactionError("Alleen medewerkers van de gemeente waaraan het advies is gericht kunnen het doorsturen.", "forbidden");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(reactions)
      .set({ forwardedAt: now, forwardedById: viewer.user.id })
      .where(and(eq(reactions.id, reactionId), eq(reactions.status, "submitted"), isNull(reactions.forwardedAt)))
      .returning();
    if (!row) throw new ReactionError("Dit advies is al doorgestuurd of nog niet ingediend.");
    await writeAudit(tx, { actorId: viewer.user.id, regionId: found.vision.regionId, action: "reaction.forward", entityType: "reaction", entityId: reactionId, after: { forwardedAt: now } });
    return row;
  });
}

export interface PlainReactionInput {
  roundId: string;
  organisationId: string;
  sectionKey?: string;
  opinion: string;
  missing: string;
  helps: string;
  publication: "met_naam" | "alleen_organisatie" | "anoniem";
  submissionKey: string;
}

/**
 * Plain mode: the three answers become points (anchored to the chosen part, or general), the person
 * signs for themselves, their publication choice and consent are recorded, and it is submitted at once.
 */
export async function submitPlainReaction(db: Db, viewer: Viewer, input: PlainReactionInput, now = new Date()) {
  const [already] = await db.select().from(reactions).where(eq(reactions.submissionKey, input.submissionKey));
  if (already) return already;
  if (!(await takeRateLimit(db, `submit:${viewer.user.id}`, rateLimits.submissions.max, rateLimits.submissions.windowMs, now))) {
    throw new ReactionError(rateLimits.submissions.message);
  }
  const reaction = await startReaction(db, viewer, { roundId: input.roundId, organisationId: input.organisationId }, now);
  if (reaction.status !== "draft") throw new ReactionError("Uw organisatie heeft al gereageerd op deze ronde.", "submitted");
  if (input.sectionKey) {
    const [section] = await db.select({ key: sections.key }).from(sections).where(and(eq(sections.versionId, reaction.versionId), eq(sections.key, input.sectionKey)));
    if (!section) throw new ReactionError("Kies een deel van de visie uit de lijst.");
  }
  const answers = (
    [
      { label: "Wat ik ervan vind", text: input.opinion, kind: "aandachtspunt" },
      { label: "Wat ik mis", text: input.missing, kind: "wijzigingsvoorstel" },
      { label: "Wat mij zou helpen", text: input.helps, kind: "wijzigingsvoorstel" },
    ] as const
  ).filter((a) => a.text.trim() !== "");
  await applyLetterImport(db, viewer, reaction.id, {
    metadata: { place: null, letterDate: now.toISOString().slice(0, 10), reference: null, theirReference: null, subject: `Reactie van ${viewer.memberships.find((m) => m.organisationId === input.organisationId)?.organisationName ?? "ervaringsdeskundigen"}` },
    introduction: "",
    conclusion: "",
    points: answers.map((a) => ({
      text: `${a.label}: ${a.text}`,
      kind: a.kind,
      sectionKeys: input.sectionKey ? [input.sectionKey] : [],
      general: !input.sectionKey,
    })),
  });
  await db.transaction(async (tx) => {
    await tx.delete(reactionSignatories).where(eq(reactionSignatories.reactionId, reaction.id));
    await tx.insert(reactionSignatories).values({ reactionId: reaction.id, userId: viewer.user.id, name: viewer.user.name, title: null, position: 0 });
    await tx
      .update(reactions)
      .set({ publicationChoice: input.publication, consentAt: now, isAnonymous: input.publication === "anoniem" })
      .where(eq(reactions.id, reaction.id));
    await writeAudit(tx, { actorId: viewer.user.id, regionId: null, action: "reaction.consent", entityType: "reaction", entityId: reaction.id, after: { publication: input.publication, consentAt: now } });
  });
  const [current] = await db.select({ revision: reactions.revision }).from(reactions).where(eq(reactions.id, reaction.id));
  return submitReaction(db, viewer, reaction.id, { revision: current!.revision, submissionKey: input.submissionKey }, now);
}

/** Staff: the submitted reactions of a visie (drafts stay with their organisation), newest first, paginated. */
export async function listSubmittedReactions(db: Db, visionId: string, page: number, pageSize = 25) {
  // The newest revision only: a corrected reaction is reached from its correction ("correctie van …").
  const where = and(eq(reactions.visionId, visionId), ne(reactions.status, "draft"), isCurrentRevision(reactions.status));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: reactions.id,
        kind: reactions.kind,
        status: reactions.status,
        submittedAt: reactions.submittedAt,
        isLate: reactions.isLate,
        forwardedAt: reactions.forwardedAt,
        correctsId: reactions.correctsId,
        organisation: organisations.name,
        versionLabel: visionVersions.label,
        points: sql<number>`(select count(*) from ${points} where ${points.reactionId} = ${reactions.id})`,
      })
      .from(reactions)
      .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
      .innerJoin(visionVersions, eq(visionVersions.id, reactions.versionId))
      .where(where)
      .orderBy(sql`${reactions.submittedAt} desc nulls last`, asc(organisations.name))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ value: sql<number>`count(*)` }).from(reactions).where(where),
  ]);
  return { rows, total: Number(total?.value ?? 0), pageSize };
}

/** Staff see per section how many submitted points refer to it (one grouped query). */
export async function pointCountsBySection(db: Db, visionId: string) {
  const rows = await db
    .select({ sectionKey: pointAnchors.sectionKey, count: sql<number>`count(distinct ${points.id})` })
    .from(pointAnchors)
    .innerJoin(points, eq(points.id, pointAnchors.pointId))
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .where(and(eq(points.visionId, visionId), eq(reactions.status, "submitted"), isCurrentRevision(reactions.status)))
    .groupBy(pointAnchors.sectionKey);
  return Object.fromEntries(rows.map((r) => [r.sectionKey, Number(r.count)]));
}

/**
 * A member withdraws a submitted reaction while the round is open: it stays on record (status
 * withdrawn, time and audit event), and the organisation may start a new one.
 */
export async function withdrawReaction(db: Db, viewer: Viewer, reactionId: string, now = new Date()) {
  const found = await getReactionForViewer(db, viewer, reactionId);
  if (!found?.isMember) throw new ReactionError("Alleen leden van de organisatie kunnen de reactie intrekken.", "forbidden");
  if (found.reaction.status === "superseded") throw new ReactionError("Deze reactie is gecorrigeerd. Trek de nieuwste versie in.");
  if (found.reaction.status !== "submitted") throw new ReactionError("Alleen een ingediende reactie kan worden ingetrokken.");
  const [round] = await db.select().from(consultationRounds).where(eq(consultationRounds.id, found.reaction.roundId!));
  if (!round || roundState(round, now) === "closed") throw new ReactionError("De reactietermijn is voorbij; intrekken kan niet meer. Neem contact op met de regio.", "closed");
  const corrections = await db.select({ status: reactions.status }).from(reactions).where(eq(reactions.correctsId, reactionId));
  if (corrections.some((c) => c.status !== "draft")) throw new ReactionError("Deze reactie is gecorrigeerd. Trek de nieuwste versie in.");
  if (corrections.length) throw new ReactionError("Er is een correctie van deze reactie in bewerking. Dien die eerst in; daarna kunt u de nieuwste versie intrekken.");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(reactions)
      .set({ status: "withdrawn", withdrawnAt: now })
      .where(and(eq(reactions.id, reactionId), eq(reactions.status, "submitted")))
      .returning();
    if (!row) throw new ReactionError("Deze reactie is al ingetrokken.");
    await writeAudit(tx, { actorId: viewer.user.id, regionId: found.vision.regionId, action: "reaction.withdraw", entityType: "reaction", entityId: reactionId, before: { status: "submitted" }, after: { status: "withdrawn", withdrawnAt: now } });
    return row;
  });
}
