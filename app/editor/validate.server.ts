/**
 * Server-side validation of rich text (Tiptap JSON) coming from the editor or
 * the importer. Never trust the client: the document is rebuilt as a
 * ProseMirror node against the shared schema, every attribute is type-checked
 * and every link target is checked.
 */
import { getSchema, type JSONContent } from "@tiptap/core";
import { Node as PMNode, type Schema } from "@tiptap/pm/model";
import { z } from "zod";
import { extensions, HEADING_LEVELS, isSafeHref, LINK_REL } from "./extensions";
import { docFromPlainText, emptyDoc, plainTextOf } from "./plain-text";

export { docFromPlainText, emptyDoc, plainTextOf };

export const RICH_TEXT_MAX_BYTES = 200 * 1024;
export const RICH_TEXT_MAX_DEPTH = 24;
export const RICH_TEXT_MAX_NODES = 50_000;

export type RichTextValidation = { ok: true; doc: JSONContent; plainText: string } | { ok: false; message: string };

export type ValidateOptions = { maxBytes?: number };

let cachedSchema: Schema | null = null;
export function richTextSchema(): Schema {
  cachedSchema ??= getSchema(extensions);
  return cachedSchema;
}

type RawMark = { type: string; attrs?: Record<string, unknown> };
type RawNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RawNode[];
  marks?: RawMark[];
  text?: string;
};

const attrsSchema = z.record(z.string(), z.unknown());
const markSchema = z.strictObject({ type: z.string().min(1).max(64), attrs: attrsSchema.optional() });
const nodeSchema: z.ZodType<RawNode> = z.lazy(() =>
  z.strictObject({
    type: z.string().min(1).max(64),
    attrs: attrsSchema.optional(),
    content: z.array(nodeSchema).optional(),
    marks: z.array(markSchema).optional(),
    text: z.string().optional(),
  }),
);

class Refusal extends Error {}

const isInt = (v: unknown, min: number, max: number): boolean =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
const isNullOrString = (v: unknown, max: number): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.length <= max);

const CELL_ATTRS: Record<string, (v: unknown) => boolean> = {
  colspan: (v) => v === undefined || isInt(v, 1, 100),
  rowspan: (v) => v === undefined || isInt(v, 1, 1000),
  colwidth: (v) =>
    v === null || v === undefined || (Array.isArray(v) && v.length <= 100 && v.every((w) => isInt(w, 0, 10_000))),
  align: (v) => v === null || v === undefined || v === "left" || v === "center" || v === "right" || v === "justify",
};

/** Type checks per node/mark attribute. Attributes the schema knows but that are not listed here must be primitives. */
const ATTR_CHECKS: Record<string, Record<string, (v: unknown) => boolean>> = {
  heading: { level: (v) => typeof v === "number" && (HEADING_LEVELS as readonly number[]).includes(v) },
  orderedList: {
    start: (v) => v === undefined || isInt(v, 0, 100_000),
    type: (v) => v === null || v === undefined || v === "1" || v === "a" || v === "A" || v === "i" || v === "I",
  },
  tableCell: CELL_ATTRS,
  tableHeader: CELL_ATTRS,
  link: {
    href: (v) => isSafeHref(v),
    target: (v) => v === null || v === undefined || v === "_blank",
    rel: (v) => isNullOrString(v, 100),
    class: (v) => isNullOrString(v, 100),
    title: (v) => isNullOrString(v, 500),
  },
};

function checkAttrs(
  kind: "node" | "mark",
  type: string,
  attrs: Record<string, unknown> | undefined,
  known: Record<string, unknown>,
): void {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (!(name in known)) throw new Refusal(`De tekst bevat een ongeldige eigenschap (${name} bij ${type}).`);
    const check = ATTR_CHECKS[type]?.[name];
    const ok = check
      ? check(value)
      : value === null ||
        typeof value === "string" ||
        typeof value === "boolean" ||
        (typeof value === "number" && Number.isFinite(value));
    if (!ok) {
      if (kind === "mark" && type === "link" && name === "href") {
        throw new Refusal(
          "De tekst bevat een ongeldige link: alleen links die beginnen met http://, https:// of mailto: zijn toegestaan.",
        );
      }
      throw new Refusal(`De tekst bevat een ongeldige waarde voor ${name} bij ${type}.`);
    }
  }
  if (kind === "mark" && type === "link" && !isSafeHref(attrs?.href)) {
    throw new Refusal(
      "De tekst bevat een ongeldige link: alleen links die beginnen met http://, https:// of mailto: zijn toegestaan.",
    );
  }
  if (kind === "node" && type === "heading" && !ATTR_CHECKS.heading.level(attrs?.level)) {
    throw new Refusal("De tekst bevat een kop met een ongeldig niveau.");
  }
}

function checkTypes(node: RawNode, schema: Schema, isRoot: boolean): void {
  const type = schema.nodes[node.type];
  if (!type) throw new Refusal(`De tekst bevat een onbekend onderdeel (${node.type}).`);
  if (isRoot && node.type !== "doc") throw new Refusal("De tekst moet een volledig document zijn.");
  if (!isRoot && node.type === "doc") throw new Refusal("De opbouw van de tekst is ongeldig (document in document).");
  checkAttrs("node", node.type, node.attrs, type.spec.attrs ?? {});
  if (node.type === "text") {
    if (typeof node.text !== "string" || node.text.length === 0)
      throw new Refusal("De tekst bevat een leeg tekstfragment.");
  } else if (node.text !== undefined) {
    throw new Refusal(`De opbouw van de tekst is ongeldig (tekst bij ${node.type}).`);
  }
  for (const mark of node.marks ?? []) {
    const markType = schema.marks[mark.type];
    if (!markType) throw new Refusal(`De tekst bevat een onbekende opmaak (${mark.type}).`);
    checkAttrs("mark", mark.type, mark.attrs, markType.spec.attrs ?? {});
  }
  for (const child of node.content ?? []) checkTypes(child, schema, false);
}

/** Cheap structural limits, checked before zod so a hostile payload cannot exhaust the stack. */
function checkShape(json: unknown): void {
  const stack: Array<[unknown, number]> = [[json, 1]];
  let count = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (depth > RICH_TEXT_MAX_DEPTH) throw new Refusal("De tekst is te diep genest.");
    if (++count > RICH_TEXT_MAX_NODES) throw new Refusal("De tekst bestaat uit te veel onderdelen.");
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const content = (value as { content?: unknown }).content;
      if (Array.isArray(content)) for (const child of content) stack.push([child, depth + 1]);
    }
  }
}

/** Forces presentation attributes we do not let authors choose. */
function normalizeMarks(node: JSONContent): JSONContent {
  const out: JSONContent = { ...node };
  if (node.marks) {
    out.marks = node.marks.map((m) =>
      m.type === "link"
        ? {
            ...m,
            attrs: { ...m.attrs, href: String(m.attrs?.href ?? "").trim(), rel: LINK_REL, target: null, class: null },
          }
        : m,
    );
  }
  if (node.content) out.content = node.content.map(normalizeMarks);
  return out;
}

export function validateRichText(json: unknown, options: ValidateOptions = {}): RichTextValidation {
  const maxBytes = options.maxBytes ?? RICH_TEXT_MAX_BYTES;
  try {
    let value = json;
    let serialized: string;
    if (typeof value === "string") {
      if (Buffer.byteLength(value, "utf8") > maxBytes)
        throw new Refusal(`De tekst is te lang (maximaal ${Math.round(maxBytes / 1024)} kB).`);
      try {
        value = JSON.parse(value) as unknown;
      } catch {
        throw new Refusal("De tekst is geen geldig document.");
      }
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new Refusal("De tekst is geen geldig document.");
    }
    try {
      serialized = JSON.stringify(value);
    } catch {
      throw new Refusal("De tekst is geen geldig document.");
    }
    if (Buffer.byteLength(serialized, "utf8") > maxBytes) {
      throw new Refusal(`De tekst is te lang (maximaal ${Math.round(maxBytes / 1024)} kB).`);
    }
    checkShape(value);
    const parsed = nodeSchema.safeParse(value);
    if (!parsed.success) throw new Refusal("De tekst is geen geldig document.");
    const schema = richTextSchema();
    checkTypes(parsed.data, schema, true);
    let node: PMNode;
    try {
      node = PMNode.fromJSON(schema, parsed.data);
      node.check();
    } catch {
      throw new Refusal("De opbouw van de tekst is ongeldig (onderdelen staan op een plek waar ze niet mogen staan).");
    }
    const doc = normalizeMarks(node.toJSON() as JSONContent);
    return { ok: true, doc, plainText: plainTextOf(doc) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    throw error;
  }
}
