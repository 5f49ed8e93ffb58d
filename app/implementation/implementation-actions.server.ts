import type { JSONContent } from "@tiptap/core";
import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  implementationActionPoints,
  implementationActions,
  implementationActionSections,
  implementationActionUpdates,
  memberships,
  organisations,
  points,
  reactions,
  regions,
  sections,
  users,
  visions,
  visionVersions,
} from "~db/schema";
import type { Viewer } from "~/auth/roles";
import { isStaff } from "~/auth/roles";
import { docFromPlainText, plainTextOf, validateRichText } from "~/editor/validate.server";
import { writeAudit } from "~/lib/audit.server";
import { memoByDataVersion } from "~/lib/data-version.server";
import { db as currentDb, type Db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { queueMessage } from "~/lib/outbox.server";
import { z } from "~/lib/zod.server";
import { parseCsv, restoreCell, toCsv } from "./csv";
import { csvColumns, statusLabels, type ImplementationStatus } from "./options";
import { ActionFieldsSchema, ActionUpdateSchema, CsvActionRowSchema, PointLinkSchema, type ActionFields } from "./schema.server";

export type Failure = { ok: false; message: string; field?: string };

export class ImplementationError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ImplementationError";
  }
}

function fail(error: unknown): Failure {
  if (error instanceof ImplementationError) return { ok: false, message: error.message, field: error.field };
  throw error;
}

/** The visie with its region, for staff of that region only; otherwise null (the route answers 404). */
async function visionForStaff(db: Db, viewer: Viewer, visionId: string) {
  if (!z.uuid().safeParse(visionId).success) return null;
  const [vision] = await db
    .select({ id: visions.id, title: visions.title, slug: visions.slug, regionId: visions.regionId, regionSlug: regions.slug, regionName: regions.name })
    .from(visions)
    .innerJoin(regions, eq(regions.id, visions.regionId))
    .where(eq(visions.id, visionId));
  if (!vision || !isStaff(viewer, vision.regionId)) return null;
  return vision;
}

async function actionForStaff(db: Db, viewer: Viewer, actionId: string) {
  if (!z.uuid().safeParse(actionId).success) return null;
  const [row] = await db.select().from(implementationActions).where(eq(implementationActions.id, actionId));
  if (!row) return null;
  const vision = await visionForStaff(db, viewer, row.visionId);
  if (!vision) return null;
  return { action: row, vision };
}

/** Sections (bouwstenen, chapters…) of the visie's latest published version, in reading order. */
export async function latestPublishedSections(db: Db, visionId: string) {
  const [version] = await db
    .select({ id: visionVersions.id, label: visionVersions.label, number: visionVersions.number })
    .from(visionVersions)
    .where(and(eq(visionVersions.visionId, visionId), eq(visionVersions.status, "published")))
    .orderBy(sql`${visionVersions.number} desc`)
    .limit(1);
  if (!version) return { version: null, sections: [] };
  const rows = await db
    .select({ key: sections.key, number: sections.number, title: sections.title, kind: sections.kind })
    .from(sections)
    .where(eq(sections.versionId, version.id))
    .orderBy(asc(sections.position));
  return { version, sections: rows };
}

export function sectionLabel(s: { number: string | null; title: string }) {
  return s.number ? `${s.number} ${s.title}` : s.title;
}

/** The owner candidates: every organisation of the region (the region itself, municipalities, partners). */
export async function ownerCandidates(db: Db, regionId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, code: organisations.code })
    .from(organisations)
    .where(eq(organisations.regionId, regionId))
    .orderBy(asc(organisations.name));
}

function descriptionFrom(input: { description?: unknown; descriptionJson?: unknown }): JSONContent | null {
  if (typeof input.descriptionJson === "string" && input.descriptionJson.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.descriptionJson);
    } catch {
      throw new ImplementationError("De omschrijving kon niet worden gelezen. Probeer het opnieuw.", "description");
    }
    const result = validateRichText(parsed);
    if (!result.ok) throw new ImplementationError(result.message, "description");
    return result.plainText.trim() === "" ? null : result.doc;
  }
  const text = typeof input.description === "string" ? input.description.trim() : "";
  if (text === "") return null;
  if (text.length > 20000) throw new ImplementationError("De omschrijving is te lang (hoogstens 20.000 tekens).", "description");
  return docFromPlainText(text);
}

async function checkFields(db: Db, vision: { id: string; regionId: string }, fields: ActionFields) {
  if (fields.ownerOrganisationId) {
    const [owner] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, fields.ownerOrganisationId), eq(organisations.regionId, vision.regionId)));
    if (!owner) throw new ImplementationError("Kies een eigenaar uit de organisaties van deze regio.", "ownerOrganisationId");
  }
  if (fields.sectionKeys.length > 0) {
    const { sections: known } = await latestPublishedSections(db, vision.id);
    const keys = new Set(known.map((s) => s.key));
    if (fields.sectionKeys.some((k) => !keys.has(k)))
      throw new ImplementationError("Kies bouwstenen uit de laatst gepubliceerde versie van deze visie.", "sectionKeys");
  }
}

/** The next free reference U-01, U-02… of the visie (in the transaction that uses it). */
async function nextReference(tx: Db, visionId: string) {
  const [row] = await tx
    .select({ max: sql<number | null>`max(substring(${implementationActions.reference} from '^U-(\\d+)$')::int)` })
    .from(implementationActions)
    .where(eq(implementationActions.visionId, visionId));
  const next = Number(row?.max ?? 0) + 1;
  return `U-${String(next).padStart(2, "0")}`;
}

async function replaceSections(tx: Db, actionId: string, keys: string[]) {
  await tx.delete(implementationActionSections).where(eq(implementationActionSections.actionId, actionId));
  const unique = [...new Set(keys)];
  if (unique.length > 0) await tx.insert(implementationActionSections).values(unique.map((sectionKey) => ({ actionId, sectionKey })));
}

export type ActionFormInput = Record<string, unknown> & { description?: unknown; descriptionJson?: unknown };

function parseFields(input: ActionFormInput) {
  const parsed = ActionFieldsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImplementationError(issue.message, String(issue.path[0] ?? ""));
  }
  return parsed.data;
}

export async function createAction(db: Db, viewer: Viewer, visionId: string, input: ActionFormInput) {
  try {
    const vision = await visionForStaff(db, viewer, visionId);
    if (!vision) throw new ImplementationError("Deze visie bestaat niet of hoort niet bij uw regio.");
    const fields = parseFields(input);
    const description = descriptionFrom(input);
    await checkFields(db, vision, fields);
    const action = await db.transaction(async (tx) => {
      const reference = await nextReference(tx, vision.id);
      const [row] = await tx
        .insert(implementationActions)
        .values({
          visionId: vision.id,
          reference,
          title: fields.title,
          description,
          ownerOrganisationId: fields.ownerOrganisationId ?? null,
          startsOn: fields.startsOn ?? null,
          endsOn: fields.endsOn ?? null,
        })
        .returning();
      await replaceSections(tx, row!.id, fields.sectionKeys);
      await writeAudit(tx, {
        actorId: viewer.user.id,
        regionId: vision.regionId,
        action: "implementation_action.create",
        entityType: "implementation_action",
        entityId: row!.id,
        after: { reference, title: fields.title, ownerOrganisationId: fields.ownerOrganisationId ?? null, startsOn: fields.startsOn ?? null, endsOn: fields.endsOn ?? null, sectionKeys: fields.sectionKeys },
      });
      return row!;
    });
    return { ok: true as const, action };
  } catch (error) {
    return fail(error);
  }
}

export async function updateAction(db: Db, viewer: Viewer, actionId: string, input: ActionFormInput) {
  try {
    const found = await actionForStaff(db, viewer, actionId);
    if (!found) throw new ImplementationError("Deze actie bestaat niet of hoort niet bij uw regio.");
    const fields = parseFields(input);
    const description = descriptionFrom(input);
    await checkFields(db, found.vision, fields);
    await db.transaction(async (tx) => {
      await tx
        .update(implementationActions)
        .set({
          title: fields.title,
          description,
          ownerOrganisationId: fields.ownerOrganisationId ?? null,
          startsOn: fields.startsOn ?? null,
          endsOn: fields.endsOn ?? null,
          updatedAt: new Date(),
        })
        .where(eq(implementationActions.id, actionId));
      await replaceSections(tx, actionId, fields.sectionKeys);
      await writeAudit(tx, {
        actorId: viewer.user.id,
        regionId: found.vision.regionId,
        action: "implementation_action.update",
        entityType: "implementation_action",
        entityId: actionId,
        before: { title: found.action.title, ownerOrganisationId: found.action.ownerOrganisationId, startsOn: found.action.startsOn, endsOn: found.action.endsOn },
        after: { title: fields.title, ownerOrganisationId: fields.ownerOrganisationId ?? null, startsOn: fields.startsOn ?? null, endsOn: fields.endsOn ?? null, sectionKeys: fields.sectionKeys },
      });
    });
    return { ok: true as const };
  } catch (error) {
    return fail(error);
  }
}

/** Public address of an action (for e-mails and links). */
export function publicActionPath(vision: { regionSlug: string; slug: string }, reference: string) {
  return `/visies/${vision.regionSlug}/${vision.slug}/uitvoering/${encodeURIComponent(reference)}`;
}

/**
 * When an action's status changes: one e-mail per member of every organisation whose points are
 * linked to it, with that organisation's point references; queued in the caller's transaction.
 */
async function queueStatusNotifications(
  tx: Db,
  vision: { id: string; title: string; regionId: string; regionName: string; regionSlug: string; slug: string },
  action: { id: string; reference: string; title: string },
  update: { id: string; status: ImplementationStatus; text: string },
) {
  const recipients = await tx
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      organisationId: organisations.id,
      references: sql<string>`string_agg(distinct ${points.reference}, ',' order by ${points.reference})`,
    })
    .from(implementationActionPoints)
    .innerJoin(points, eq(points.id, implementationActionPoints.pointId))
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
    .innerJoin(memberships, eq(memberships.organisationId, organisations.id))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(implementationActionPoints.actionId, action.id))
    .groupBy(users.id, users.email, users.name, organisations.id);
  const link = `${appUrl().replace(/\/$/, "")}${publicActionPath(vision, action.reference)}`;
  for (const r of recipients) {
    await queueMessage(tx, {
      template: "uitvoeringsplan-update",
      regionId: vision.regionId,
      to: { address: r.email, name: r.name },
      recipientUserId: r.userId,
      idempotencyKey: `actie-status:${update.id}:${r.organisationId}:${r.userId}`,
      data: {
        recipientName: r.name,
        regionName: vision.regionName,
        visionTitle: vision.title,
        actionTitle: `${action.reference} ${action.title}`,
        statusLabel: statusLabels[update.status],
        note: update.text,
        pointReferences: r.references.split(",").filter(Boolean),
        link,
      },
    });
  }
  return recipients.length;
}

/**
 * A dated update in the action's log, with its status and progress; a change of status or progress
 * is always written as an update entry. A status change e-mails the organisations behind the points.
 */
export async function recordActionUpdate(db: Db, viewer: Viewer, actionId: string, input: unknown) {
  try {
    const found = await actionForStaff(db, viewer, actionId);
    if (!found) throw new ImplementationError("Deze actie bestaat niet of hoort niet bij uw regio.");
    const parsed = ActionUpdateSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ImplementationError(issue.message, String(issue.path[0] ?? ""));
    }
    const value = parsed.data;
    const { action, vision } = found;
    const statusChanged = value.status !== action.status;
    return await db.transaction(async (tx) => {
      await tx
        .update(implementationActions)
        .set({ status: value.status, progress: value.progress, updatedAt: new Date() })
        .where(eq(implementationActions.id, action.id));
      const [update] = await tx
        .insert(implementationActionUpdates)
        .values({ actionId: action.id, on: value.on, text: value.text, status: value.status, progress: value.progress, authorId: viewer.user.id })
        .returning({ id: implementationActionUpdates.id });
      await writeAudit(tx, {
        actorId: viewer.user.id,
        regionId: vision.regionId,
        action: "implementation_action.progress",
        entityType: "implementation_action",
        entityId: action.id,
        before: { status: action.status, progress: action.progress },
        after: { status: value.status, progress: value.progress, on: value.on },
      });
      const notified = statusChanged ? await queueStatusNotifications(tx, vision, action, { id: update!.id, status: value.status, text: value.text }) : 0;
      return { ok: true as const, notified };
    });
  } catch (error) {
    return fail(error);
  }
}

/** Links a point (advies, reactie or reactiebrief) of the same visie, by its reference or id. */
export async function linkPoint(db: Db, viewer: Viewer, actionId: string, input: { pointReference?: unknown; pointId?: unknown }) {
  try {
    const found = await actionForStaff(db, viewer, actionId);
    if (!found) throw new ImplementationError("Deze actie bestaat niet of hoort niet bij uw regio.");
    let where: SQL;
    let label: string;
    const byId = z.uuid().safeParse(input.pointId);
    if (byId.success) {
      where = eq(points.id, byId.data);
      label = "dit punt";
    } else {
      const parsed = PointLinkSchema.safeParse(input);
      if (!parsed.success) throw new ImplementationError(parsed.error.issues[0]!.message, "pointReference");
      label = parsed.data.pointReference;
      // A reference is unique within a visie only: look in every visie of the region to tell "other visie" apart.
      where = and(eq(points.reference, parsed.data.pointReference), eq(visions.regionId, found.vision.regionId))!;
    }
    const candidates = await db
      .select({ id: points.id, visionId: points.visionId, reference: points.reference, regionId: visions.regionId, status: reactions.status })
      .from(points)
      .innerJoin(visions, eq(visions.id, points.visionId))
      .innerJoin(reactions, eq(reactions.id, points.reactionId))
      .where(where);
    const point = candidates.find((c) => c.visionId === found.action.visionId) ?? candidates[0];
    if (!point || point.regionId !== found.vision.regionId)
      throw new ImplementationError(`Punt ${label} bestaat niet in deze regio. Controleer het kenmerk, bijvoorbeeld ASDV-3.`, "pointReference");
    if (point.visionId !== found.action.visionId)
      throw new ImplementationError(`Punt ${point.reference} hoort bij een andere visie. Koppel alleen punten over deze visie aan deze actie.`, "pointReference");
    if (point.status !== "submitted")
      throw new ImplementationError(`Punt ${point.reference} hoort bij een reactie die niet (meer) is ingediend.`, "pointReference");
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(implementationActionPoints)
        .values({ actionId, pointId: point.id })
        .onConflictDoNothing()
        .returning({ pointId: implementationActionPoints.pointId });
      if (inserted.length === 0) return;
      await writeAudit(tx, {
        actorId: viewer.user.id,
        regionId: found.vision.regionId,
        action: "implementation_action.link_point",
        entityType: "implementation_action",
        entityId: actionId,
        after: { pointId: point.id, reference: point.reference },
      });
    });
    return { ok: true as const, reference: point.reference };
  } catch (error) {
    return fail(error);
  }
}

export async function unlinkPoint(db: Db, viewer: Viewer, actionId: string, pointId: unknown) {
  try {
    const found = await actionForStaff(db, viewer, actionId);
    if (!found) throw new ImplementationError("Deze actie bestaat niet of hoort niet bij uw regio.");
    const id = z.uuid().safeParse(pointId);
    if (!id.success) throw new ImplementationError("Kies een gekoppeld punt om los te koppelen.");
    await db.transaction(async (tx) => {
      const removed = await tx
        .delete(implementationActionPoints)
        .where(and(eq(implementationActionPoints.actionId, actionId), eq(implementationActionPoints.pointId, id.data)))
        .returning({ pointId: implementationActionPoints.pointId });
      if (removed.length === 0) throw new ImplementationError("Dit punt is niet aan deze actie gekoppeld.");
      await writeAudit(tx, {
        actorId: viewer.user.id,
        regionId: found.vision.regionId,
        action: "implementation_action.unlink_point",
        entityType: "implementation_action",
        entityId: actionId,
        before: { pointId: id.data },
      });
    });
    return { ok: true as const };
  } catch (error) {
    return fail(error);
  }
}

/** The public publication rule for a point, as SQL over reactions r (aliased tables), rounds and answers. */
export const publicPointCondition = sql`(${reactions.status} = 'submitted' and (
  (${reactions.roundId} is not null and exists (select 1 from consultation_rounds cr where cr.id = ${reactions.roundId} and cr.answers_published_at is not null))
  or (${reactions.roundId} is null and exists (select 1 from answers pa where pa.point_id = ${points.id} and pa.status = 'vastgesteld'))
))`;

export const PAGE_SIZE = 25;

/**
 * The uitvoeringsplan: one query for the page of actions with owner, linked sections (titles in the
 * latest published version), latest update and number of linked points; one for the count.
 */
export async function listActions(db: Db, visionId: string, options: { status?: ImplementationStatus | null; page: number; pageSize?: number; publicOnly: boolean }) {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const filter = options.status ? and(eq(implementationActions.visionId, visionId), eq(implementationActions.status, options.status)) : eq(implementationActions.visionId, visionId);
  const latestVersion = sql`(select v.id from vision_versions v where v.vision_id = ${visionId} and v.status = 'published' order by v.number desc limit 1)`;
  const pointFilter = options.publicOnly ? sql`and ${publicPointCondition}` : sql``;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: implementationActions.id,
        reference: implementationActions.reference,
        title: implementationActions.title,
        status: implementationActions.status,
        progress: implementationActions.progress,
        startsOn: implementationActions.startsOn,
        endsOn: implementationActions.endsOn,
        owner: organisations.name,
        sections: sql<string>`coalesce((select json_agg(json_build_object('key', s.key, 'number', s.number, 'title', s.title) order by s.position)::text
          from implementation_action_sections ias join sections s on s.key = ias.section_key and s.version_id = ${latestVersion}
          where ias.action_id = ${implementationActions.id}), '[]')`,
        latestUpdate: sql<string | null>`(select json_build_object('on', u.on, 'text', u.text)::text from implementation_action_updates u
          where u.action_id = ${implementationActions.id} order by u.on desc, u.created_at desc limit 1)`,
        pointCount: sql<number>`(select count(*)::int from implementation_action_points iap
          join points on points.id = iap.point_id join reactions on reactions.id = points.reaction_id
          where iap.action_id = ${implementationActions.id} ${pointFilter})`,
      })
      .from(implementationActions)
      .leftJoin(organisations, eq(organisations.id, implementationActions.ownerOrganisationId))
      // The page's ids first: rows skipped by OFFSET would otherwise have their subqueries computed too.
      .where(
        inArray(
          implementationActions.id,
          db
            .select({ id: implementationActions.id })
            .from(implementationActions)
            .where(filter)
            .orderBy(asc(implementationActions.reference))
            .limit(pageSize)
            .offset((Math.max(1, options.page) - 1) * pageSize),
        ),
      )
      .orderBy(asc(implementationActions.reference)),
    db.select({ n: count() }).from(implementationActions).where(filter),
  ]);
  return {
    total: total?.n ?? 0,
    pageSize,
    rows: rows.map((r) => ({
      ...r,
      pointCount: Number(r.pointCount),
      sections: JSON.parse(r.sections) as Array<{ key: string; number: string | null; title: string }>,
      latestUpdate: r.latestUpdate ? (JSON.parse(r.latestUpdate) as { on: string; text: string }) : null,
    })),
  };
}

/**
 * The public uitvoeringsplan: one page of actions (status filter) and the counts per status,
 * memoised per data version (every visitor asks the same; the point counts apply the publication rule).
 */
export function publicPlan(visionId: string, options: { status: ImplementationStatus | null; page: number }) {
  return memoByDataVersion(`implementation:plan:public:${visionId}:${options.status ?? ""}:${options.page}`, async () => {
    const [list, counts] = await Promise.all([listActions(currentDb(), visionId, { ...options, publicOnly: true }), statusCounts(currentDb(), visionId)]);
    return { ...list, counts };
  });
}

/** Counts per status for the filter (one grouped query). */
export async function statusCounts(db: Db, visionId: string) {
  const rows = await db
    .select({ status: implementationActions.status, n: count() })
    .from(implementationActions)
    .where(eq(implementationActions.visionId, visionId))
    .groupBy(implementationActions.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<ImplementationStatus, number>>;
}

/**
 * One action with its sections, dated updates and linked points. publicOnly: only points that the
 * publication rule allows, without the organisation of an anonymous reaction.
 */
export async function actionDetail(db: Db, visionId: string, where: { id?: string; reference?: string }, publicOnly: boolean) {
  const condition = where.id
    ? and(eq(implementationActions.visionId, visionId), eq(implementationActions.id, where.id))
    : and(eq(implementationActions.visionId, visionId), eq(implementationActions.reference, (where.reference ?? "").toUpperCase()));
  const [action] = await db
    .select({ action: implementationActions, owner: organisations.name })
    .from(implementationActions)
    .leftJoin(organisations, eq(organisations.id, implementationActions.ownerOrganisationId))
    .where(condition);
  if (!action) return null;
  const { sections: latest } = await latestPublishedSections(db, visionId);
  const [sectionRows, updates, linked] = await Promise.all([
    db.select({ key: implementationActionSections.sectionKey }).from(implementationActionSections).where(eq(implementationActionSections.actionId, action.action.id)),
    db
      .select({ id: implementationActionUpdates.id, on: implementationActionUpdates.on, text: implementationActionUpdates.text, status: implementationActionUpdates.status, progress: implementationActionUpdates.progress })
      .from(implementationActionUpdates)
      .where(eq(implementationActionUpdates.actionId, action.action.id))
      .orderBy(sql`${implementationActionUpdates.on} desc, ${implementationActionUpdates.createdAt} desc`),
    db
      .select({
        id: points.id,
        reference: points.reference,
        text: points.plainText,
        kind: reactions.kind,
        organisation: organisations.name,
        organisationCode: organisations.code,
        anonymous: sql<boolean>`(${reactions.isAnonymous} or coalesce(${reactions.publicationChoice}::text, '') = 'anoniem')`,
      })
      .from(implementationActionPoints)
      .innerJoin(points, eq(points.id, implementationActionPoints.pointId))
      .innerJoin(reactions, eq(reactions.id, points.reactionId))
      .innerJoin(organisations, eq(organisations.id, reactions.organisationId))
      .where(publicOnly ? and(eq(implementationActionPoints.actionId, action.action.id), publicPointCondition) : eq(implementationActionPoints.actionId, action.action.id))
      .orderBy(asc(points.reference)),
  ]);
  const keys = new Set(sectionRows.map((s) => s.key));
  return {
    ...action.action,
    owner: action.owner,
    sections: latest.filter((s) => keys.has(s.key)),
    updates,
    points: linked.map((p) =>
      publicOnly && p.anonymous ? { ...p, reference: "", organisation: "Anonieme inzender", organisationCode: "", anonymous: true } : p,
    ),
  };
}

// ---------- CSV export and import ----------

export async function exportActionsCsv(db: Db, visionId: string) {
  const { sections: latest } = await latestPublishedSections(db, visionId);
  const byKey = new Map(latest.map((s) => [s.key, sectionLabel(s)]));
  const rows = await db
    .select({
      reference: implementationActions.reference,
      title: implementationActions.title,
      description: implementationActions.description,
      owner: organisations.code,
      startsOn: implementationActions.startsOn,
      endsOn: implementationActions.endsOn,
      status: implementationActions.status,
      progress: implementationActions.progress,
      sectionKeys: sql<string>`coalesce((select string_agg(ias.section_key::text, ',') from implementation_action_sections ias where ias.action_id = ${implementationActions.id}), '')`,
      points: sql<string>`coalesce((select string_agg(p.reference, ', ' order by p.reference) from implementation_action_points iap join points p on p.id = iap.point_id where iap.action_id = ${implementationActions.id}), '')`,
    })
    .from(implementationActions)
    .leftJoin(organisations, eq(organisations.id, implementationActions.ownerOrganisationId))
    .where(eq(implementationActions.visionId, visionId))
    .orderBy(asc(implementationActions.reference));
  return toCsv(
    csvColumns,
    rows.map((r) => [
      r.reference,
      r.title,
      r.description ? plainTextOf(r.description as JSONContent) : "",
      r.owner ?? "",
      r.startsOn ?? "",
      r.endsOn ?? "",
      r.status,
      r.progress,
      r.sectionKeys
        .split(",")
        .filter(Boolean)
        .map((k) => byKey.get(k))
        .filter(Boolean)
        .join(" | "),
      r.points,
    ]),
  );
}

export interface ImportReport {
  ok: true;
  created: string[];
  updated: string[];
}

/**
 * Imports actions from CSV (the export's columns; "punten" is ignored): matches on kenmerk,
 * creates or updates. Every row is validated first; one wrong row and nothing is written, with a
 * Dutch message per line.
 */
export async function importActionsCsv(db: Db, viewer: Viewer, visionId: string, text: string): Promise<ImportReport | { ok: false; message: string; errors: string[] }> {
  const vision = await visionForStaff(db, viewer, visionId);
  if (!vision) return { ok: false, message: "Deze visie bestaat niet of hoort niet bij uw regio.", errors: [] };
  const rows = parseCsv(text);
  if (rows.length === 0) return { ok: false, message: "Het bestand is leeg.", errors: [] };
  const header = rows[0]!.cells.map((c) => restoreCell(c).trim().toLowerCase());
  const missing = ["titel", "status"].filter((c) => !header.includes(c));
  if (missing.length > 0)
    return { ok: false, message: `De kopregel mist de kolom(men) ${missing.join(", ")}. Gebruik de kolommen van de export: ${csvColumns.join(";")}.`, errors: [] };
  if (rows.length > 1001) return { ok: false, message: "Importeer hoogstens 1000 acties tegelijk.", errors: [] };
  const [owners, { sections: latest }, existing] = await Promise.all([
    ownerCandidates(db, vision.regionId),
    latestPublishedSections(db, vision.id),
    db.select().from(implementationActions).where(eq(implementationActions.visionId, vision.id)),
  ]);
  const ownerByCode = new Map(owners.map((o) => [o.code.toUpperCase(), o.id]));
  const sectionByLabel = new Map<string, string>();
  for (const s of latest) {
    sectionByLabel.set(sectionLabel(s).toLowerCase(), s.key);
    if (!sectionByLabel.has(s.title.toLowerCase())) sectionByLabel.set(s.title.toLowerCase(), s.key);
  }
  const existingByRef = new Map(existing.map((a) => [a.reference, a]));
  const errors: string[] = [];
  const seen = new Set<string>();
  const planned: Array<{ line: number; row: z.output<typeof CsvActionRowSchema>; ownerId: string | null; sectionKeys: string[] }> = [];
  for (const { line, cells } of rows.slice(1)) {
    const record = Object.fromEntries(header.map((h, i) => [h, restoreCell(cells[i] ?? "")]));
    const parsed = CsvActionRowSchema.safeParse(record);
    if (!parsed.success) {
      errors.push(`Regel ${line}: ${parsed.error.issues.map((i) => (i.path.length ? `${String(i.path[0])}: ${i.message}` : i.message)).join("; ")}.`);
      continue;
    }
    const row = parsed.data;
    const rowErrors: string[] = [];
    if (row.kenmerk) {
      if (seen.has(row.kenmerk)) rowErrors.push(`kenmerk ${row.kenmerk} staat twee keer in het bestand`);
      seen.add(row.kenmerk);
    }
    let ownerId: string | null = null;
    if (row.eigenaar) {
      ownerId = ownerByCode.get(row.eigenaar.toUpperCase()) ?? null;
      if (!ownerId) rowErrors.push(`eigenaar ${row.eigenaar} is geen afkorting van een organisatie in deze regio`);
    }
    const sectionKeys: string[] = [];
    for (const label of row.bouwstenen.split("|").map((s) => s.trim()).filter(Boolean)) {
      const key = sectionByLabel.get(label.toLowerCase());
      if (key) sectionKeys.push(key);
      else rowErrors.push(`bouwsteen "${label}" staat niet in de laatst gepubliceerde versie`);
    }
    if (rowErrors.length > 0) errors.push(`Regel ${line}: ${rowErrors.join("; ")}.`);
    else planned.push({ line, row, ownerId, sectionKeys });
  }
  if (errors.length > 0) return { ok: false, message: `Er is niets geïmporteerd: ${errors.length} ${errors.length === 1 ? "regel is" : "regels zijn"} niet goed.`, errors };
  const created: string[] = [];
  const updated: string[] = [];
  await db.transaction(async (tx) => {
    let nextNumber = Number((await nextReference(tx, vision.id)).slice(2));
    for (const { row } of planned) if (row.kenmerk) nextNumber = Math.max(nextNumber, Number(row.kenmerk.slice(2)) + 1);
    const today = new Date().toISOString().slice(0, 10);
    for (const { row, ownerId, sectionKeys } of planned) {
      const description = row.omschrijving.trim() ? docFromPlainText(row.omschrijving) : null;
      const values = { title: row.titel, description, ownerOrganisationId: ownerId, startsOn: row.start ?? null, endsOn: row.eind ?? null, status: row.status, progress: row.voortgang };
      const current = row.kenmerk ? existingByRef.get(row.kenmerk) : undefined;
      let id: string;
      if (current) {
        await tx.update(implementationActions).set({ ...values, updatedAt: new Date() }).where(eq(implementationActions.id, current.id));
        id = current.id;
        updated.push(current.reference);
        if (current.status !== row.status || current.progress !== row.voortgang) {
          const [update] = await tx
            .insert(implementationActionUpdates)
            .values({ actionId: id, on: today, text: "Bijgewerkt via CSV-import.", status: row.status, progress: row.voortgang, authorId: viewer.user.id })
            .returning({ id: implementationActionUpdates.id });
          if (current.status !== row.status) await queueStatusNotifications(tx, vision, current, { id: update!.id, status: row.status, text: "Bijgewerkt via CSV-import." });
        }
      } else {
        const reference = row.kenmerk ?? `U-${String(nextNumber++).padStart(2, "0")}`;
        const [inserted] = await tx.insert(implementationActions).values({ visionId: vision.id, reference, ...values }).returning({ id: implementationActions.id });
        id = inserted!.id;
        created.push(reference);
      }
      await replaceSections(tx, id, sectionKeys);
    }
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId: vision.regionId,
      action: "implementation_action.import",
      entityType: "vision",
      entityId: vision.id,
      after: { created, updated },
    });
  });
  return { ok: true, created, updated };
}

/** For the staff action page: organisations' member ids are not needed; only point references to link. */
export async function linkablePointReferences(db: Db, visionId: string) {
  const rows = await db
    .select({ reference: points.reference })
    .from(points)
    .innerJoin(reactions, eq(reactions.id, points.reactionId))
    .where(and(eq(points.visionId, visionId), eq(reactions.status, "submitted")))
    .orderBy(asc(points.reference))
    .limit(2000);
  return rows.map((r) => r.reference);
}

