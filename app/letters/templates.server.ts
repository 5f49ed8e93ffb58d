import { and, eq } from "drizzle-orm";
import { letterTemplates } from "~db/schema";
import { isStaffAdmin, type Viewer } from "~/auth/roles";
import { writeAudit } from "~/lib/audit.server";
import type { Db } from "~/lib/db.server";
import { withoutNul, z } from "~/lib/zod.server";

/**
 * The editable introduction and closing of antwoordbrieven, per region, with placeholders such as
 * {organisatie}. A text with a placeholder we do not know is refused (with its name), never printed
 * with the braces in a letter.
 */

export const PLACEHOLDERS = {
  organisatie: "naam van de organisatie die reageerde",
  datum_reactie: "datum van de reactie (brief of indiening)",
  kenmerk_reactie: "kenmerk van de reactie (uw kenmerk)",
  visie: "titel van de visie",
  regio: "naam van de regio",
  afzender: "wie de brief stuurt (de regio of het college)",
  aantal_punten: "aantal punten in de reactie",
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;
export type PlaceholderValues = Record<Placeholder, string>;

export const DEFAULT_TEMPLATE = {
  introduction:
    "Hartelijk dank voor uw reactie van {datum_reactie} op de {visie}. Wij hebben alle {aantal_punten} punten uit uw reactie gelezen en gewogen.\n\nHieronder leest u per punt eerst uw tekst, daarna ons antwoord en wat wij ermee hebben gedaan.",
  closing:
    "De aangepaste visie en de Nota van beantwoording met alle reacties en antwoorden vindt u op Herleidbaar.\n\nHeeft u vragen over deze brief? Neem dan contact op met {regio}.",
};

export class TemplateError extends Error {}

const PLACEHOLDER_PATTERN = /\{([^{}\n]{0,60})\}/g;

/** Names between braces that are not placeholders we know. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1]!.trim();
    if (!(name in PLACEHOLDERS)) unknown.add(name);
  }
  return [...unknown];
}

/** Refuses a text with an unknown placeholder, naming it in Dutch. */
export function checkPlaceholders(label: string, text: string): void {
  const unknown = unknownPlaceholders(text);
  if (unknown.length === 0) return;
  const names = unknown.map((n) => `{${n}}`).join(", ");
  const known = Object.keys(PLACEHOLDERS)
    .map((n) => `{${n}}`)
    .join(", ");
  throw new TemplateError(
    `${label} bevat een onbekende plaatshouder: ${names}. U kunt deze plaatshouders gebruiken: ${known}.`,
  );
}

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
    const key = name.trim();
    return key in values ? values[key as Placeholder] : whole;
  });
}

export interface TemplateTexts {
  introduction: string;
  closing: string;
  saved: boolean;
  updatedAt: Date | null;
}

export async function getResponseLetterTemplate(db: Db, regionId: string): Promise<TemplateTexts> {
  const [row] = await db
    .select()
    .from(letterTemplates)
    .where(and(eq(letterTemplates.regionId, regionId), eq(letterTemplates.kind, "antwoordbrief")));
  if (!row) return { ...DEFAULT_TEMPLATE, saved: false, updatedAt: null };
  return { introduction: row.introduction, closing: row.closing, saved: true, updatedAt: row.updatedAt };
}

export const templateInput = z.object({
  introduction: z
    .string()
    .overwrite(withoutNul)
    .trim()
    .min(1, "Vul de inleiding in.")
    .max(5000, "De inleiding is te lang (hooguit 5000 tekens)."),
  closing: z.string().overwrite(withoutNul).trim().min(1, "Vul het slot in.").max(5000, "Het slot is te lang (hooguit 5000 tekens)."),
});

/** Saves the region's antwoordbrief template (staff admins). */
export async function saveResponseLetterTemplate(db: Db, viewer: Viewer, regionId: string, raw: unknown) {
  if (!isStaffAdmin(viewer, regionId))
    throw new TemplateError("Alleen regiobeheerders kunnen het briefsjabloon wijzigen.");
  const parsed = templateInput.safeParse(raw);
  if (!parsed.success) throw new TemplateError(parsed.error.issues[0]?.message ?? "Controleer het sjabloon.");
  const input = parsed.data;
  checkPlaceholders("De inleiding", input.introduction);
  checkPlaceholders("Het slot", input.closing);
  const before = await getResponseLetterTemplate(db, regionId);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(letterTemplates)
      .values({ regionId, kind: "antwoordbrief", ...input, updatedById: viewer.user.id, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: [letterTemplates.regionId, letterTemplates.kind],
        set: { ...input, updatedById: viewer.user.id, updatedAt: new Date() },
      })
      .returning({ id: letterTemplates.id });
    await writeAudit(tx, {
      actorId: viewer.user.id,
      regionId,
      action: "letter_template.save",
      entityType: "letter_template",
      entityId: row!.id,
      before: before.saved ? { introduction: before.introduction, closing: before.closing } : null,
      after: input,
    });
  });
}
