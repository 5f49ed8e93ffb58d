import { requiredText, withoutNul, z } from "~/lib/zod.server";

import { versionLabels } from "./options";
import { sectionKinds } from "./section-kinds";

export const CreateVisionSchema = z.object({
  title: requiredText("de titel", 200),
  slug: z
    .string({ error: "Vul een webadresnaam in." })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld regiovisie-2026-2030.")
    .max(80, "De webadresnaam mag hoogstens 80 tekens lang zijn."),
});

const optionalNumber = z
  .string()
  .trim()
  .max(20, "Het nummer mag hoogstens 20 tekens lang zijn.")
  .regex(/^[0-9A-Za-z.]*$/, "Een nummer bestaat uit cijfers, letters en punten, bijvoorbeeld 2.3.")
  .optional()
  .transform((value) => (value ? value : null));

export const SectionFormSchema = z.object({
  title: requiredText("de titel", 300),
  kind: z.enum(sectionKinds, { error: "Kies een soort onderdeel." }),
  number: optionalNumber,
  /** Plain text from the textarea (without JavaScript). */
  content: z.string().max(200_000, "De tekst is te lang.").optional(),
  /** ProseMirror JSON from the editor (with JavaScript); wins over `content`. */
  contentJson: z.string().max(400_000, "De tekst is te lang.").optional(),
  revision: z.coerce.number({ error: "Ververs de pagina en probeer opnieuw." }).int().min(1),
});

export const AddSectionSchema = z.object({
  title: requiredText("de titel", 300),
  kind: z.enum(sectionKinds, { error: "Kies een soort onderdeel." }),
  parentKey: z.uuid().optional(),
});

export const MoveSectionSchema = z.object({
  sectionKey: z.uuid("Onbekend onderdeel."),
  direction: z.enum(["up", "down", "in", "out"], { error: "Onbekende verplaatsing." }),
});

function dateTimeField(label: string) {
  return z
    .string({ error: `Vul ${label} in.` })
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, `Vul ${label} in als datum, bijvoorbeeld 2025-11-19.`)
    .transform((value, ctx) => {
      const date = new Date(value.length === 10 ? `${value}T12:00:00` : value);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: `${label} is geen bestaande datum.` });
        return z.NEVER;
      }
      return date;
    });
}

export const PublishSchema = z
  .object({
    label: z.enum(versionLabels, { error: "Kies een naam voor de versie." }),
    openRound: z.enum(["ja", "nee"]).default("nee"),
    opensAt: dateTimeField("de startdatum").optional(),
    closesAt: dateTimeField("de einddatum van de reactietermijn").optional(),
    visibility: z.enum(["invited", "registered"]).default("invited"),
    acceptsLate: z.enum(["ja", "nee"]).default("nee"),
    invitees: z.array(z.uuid("Kies organisaties uit de lijst.")).max(500).default([]),
    reference: z.string().overwrite(withoutNul).trim().max(100, "Het kenmerk mag hoogstens 100 tekens lang zijn.").optional(),
    message: z.string().overwrite(withoutNul).trim().max(4000, "Het bericht mag hoogstens 4000 tekens lang zijn.").optional(),
    confirm: z.literal("ja", { error: "Bevestig dat deze versie definitief vastligt na publiceren." }),
  })
  .superRefine((value, ctx) => {
    if (value.openRound !== "ja") return;
    if (!value.opensAt) ctx.addIssue({ code: "custom", path: ["opensAt"], message: "Vul de startdatum in." });
    if (!value.closesAt) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "Vul de einddatum van de reactietermijn in." });
    if (value.opensAt && value.closesAt && value.closesAt <= value.opensAt) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "De reactietermijn moet na de startdatum eindigen." });
    }
  });

export const ExtendDeadlineSchema = z.object({
  roundId: z.uuid("Onbekende consultatieronde."),
  closesAt: dateTimeField("de nieuwe einddatum"),
});

/** A change to the import preview: the previewed tree travels with the form. */
export const ImportAdjustSchema = z.object({
  tree: z.string().max(8 * 1024 * 1024, "Het voorbeeld is te groot."),
  filename: z.string().max(255).default("document"),
  format: z.enum(["docx", "markdown", "text"]).default("text"),
  /** "save", or "kind:3", "merge:3", "split:3" for the row with index 3. */
  op: z.string().regex(/^(save|(kind|merge|split):\d{1,5})$/, "Onbekende handeling."),
});

/** What a button on the vision's outline page asks for. */
export const OutlineIntentSchema = z.object({ intent: z.enum(["move", "delete", "add", "renumber", "new-draft", "extend"], { error: "Onbekende handeling." }) });
