import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { isStaffAdmin } from "~/auth/roles";
import { StaffNav } from "~/components/StaffNav";
import { db } from "~/lib/db.server";
import { z } from "~/lib/zod.server";
import { requireVisionStaff } from "~/visions/guards.server";
import { adjustPreview, detectFormat, importUpload, parsePreview, previewRows, type ImportFormat } from "~/visions/import-preview.server";
import { MAX_DOCX_BYTES } from "~/visions/import.server";
import { ImportAdjustSchema } from "~/visions/schema.server";
import { sectionKindLabels, sectionKinds, type SectionKind } from "~/visions/section-kinds";
import type { ImportedSection } from "~/visions/sections-model";
import { saveImportAsDraft } from "~/visions/visions.server";

export const meta: MetaFunction = () => [{ title: "Document importeren — Beheer — Herleidbaar" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  return { region: { name: region.name }, isAdmin: isStaffAdmin(viewer, region.id), vision: { id: vision.id, title: vision.title } };
}

type ActionResult =
  | { step: "upload"; error: string }
  | { step: "preview"; error: string | null; tree: string; rows: ReturnType<typeof previewRows>; warnings: string[]; filename: string; format: ImportFormat };

function preview(sections: ImportedSection[], meta: { filename: string; format: ImportFormat; warnings: string[]; error?: string | null }): ActionResult {
  return { step: "preview", error: meta.error ?? null, tree: JSON.stringify(sections), rows: previewRows(sections), warnings: meta.warnings, filename: meta.filename, format: meta.format };
}

async function readUpload(request: Request): Promise<ActionResult | { step: "parsed"; bytes: Buffer; filename: string; format: ImportFormat }> {
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DOCX_BYTES }));
  } catch {
    return { step: "upload", error: `Het bestand is te groot (maximaal ${MAX_DOCX_BYTES / 1024 / 1024} MB).` };
  }
  const file = formData.get("document");
  const pasted = String(formData.get("text") ?? "");
  if (file instanceof File && file.size > 0) {
    const bytes = Buffer.from(await file.arrayBuffer());
    return { step: "parsed", bytes, filename: file.name.slice(0, 255), format: detectFormat(file.name, bytes) };
  }
  if (pasted.trim()) {
    const format: ImportFormat = formData.get("pastedFormat") === "markdown" ? "markdown" : "text";
    return { step: "parsed", bytes: Buffer.from(pasted, "utf8"), filename: "geplakte tekst", format };
  }
  return { step: "upload", error: "Kies een bestand of plak de tekst van het document." };
}

export async function action({ request, context, params }: ActionFunctionArgs): Promise<ActionResult> {
  const { viewer, region, vision } = await requireVisionStaff(request, context, params.visionId);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUpload(request);
    if (upload.step !== "parsed") return upload;
    const result = await importUpload(upload.format, upload.bytes);
    if (!result.ok) return { step: "upload", error: result.message };
    return preview(result.sections, { filename: upload.filename, format: upload.format, warnings: result.warnings });
  }
  const formData = await request.formData();
  const parsed = ImportAdjustSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { step: "upload", error: "Het formulier is onvolledig. Importeer het document opnieuw." };
  const input = parsed.data;
  const [intent, indexText] = input.op.split(":") as ["save" | "kind" | "merge" | "split", string | undefined];
  const index = Number(indexText ?? 0);
  const tree = parsePreview(input.tree);
  if (!tree.ok) return { step: "upload", error: tree.message };
  const meta = { filename: input.filename, format: input.format, warnings: [] };
  if (intent === "save") {
    if (tree.sections.length === 0) return preview(tree.sections, { ...meta, error: "Er zijn geen onderdelen om op te slaan." });
    await saveImportAsDraft(db(), viewer.user.id, region.id, vision.id, tree.sections, { filename: input.filename, format: input.format });
    throw redirect(`/beheer/visies/${vision.id}`);
  }
  const kind = z.enum(sectionKinds).safeParse(formData.get(`kind-${index}`));
  const paragraph = z.coerce.number().int().min(0).max(100_000).safeParse(formData.get(`paragraph-${index}`));
  if (intent === "kind" && !kind.success) return preview(tree.sections, { ...meta, error: "Kies een soort onderdeel." });
  if (intent === "split" && !paragraph.success) return preview(tree.sections, { ...meta, error: "Vul een alineanummer in." });
  const operation =
    intent === "kind"
      ? { op: "kind" as const, index, kind: kind.data! }
      : intent === "merge"
        ? { op: "merge" as const, index }
        : { op: "split" as const, index, paragraph: paragraph.data! };
  const adjusted = adjustPreview(tree.sections, operation);
  if (!adjusted.ok) return preview(tree.sections, { ...meta, error: adjusted.message });
  return preview(adjusted.sections, meta);
}

export default function ImportPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <StaffNav regionName={data.region.name} isAdmin={data.isAdmin} />
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`/beheer/visies/${data.vision.id}`}>
          Terug naar {data.vision.title}
        </a>
      </p>
      <h1 className="utrecht-heading-1">Document importeren</h1>
      {result?.error ? (
        <div className="error-summary utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{result.error}</p>
        </div>
      ) : null}
      {result?.step !== "preview" ? (
        <Form method="post" encType="multipart/form-data" className="form-stack form-stack--wide">
          <p className="utrecht-paragraph">
            Lees een Word-document (.docx), Markdown (.md) of platte tekst (.txt) in. U ziet eerst een voorbeeld van de onderdelen; pas dat aan en
            sla het daarna op als concept. Het huidige concept wordt daarbij vervangen.
          </p>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="document">
              Bestand (maximaal 20 MB)
            </label>
            <input id="document" name="document" type="file" accept=".docx,.md,.markdown,.txt,text/plain" className="utrecht-textbox" />
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="text">
              Of plak de tekst
            </label>
            <textarea id="text" name="text" className="utrecht-textarea" rows={10} />
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="pastedFormat">
              Geplakte tekst is
            </label>
            <select id="pastedFormat" name="pastedFormat" className="utrecht-select utrecht-select--html-select">
              <option value="text">platte tekst</option>
              <option value="markdown">Markdown</option>
            </select>
          </div>
          <div>
            <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
              {busy ? "Bezig met inlezen…" : "Voorbeeld maken"}
            </button>
          </div>
        </Form>
      ) : (
        <PreviewView result={result} />
      )}
    </>
  );
}

function PreviewView({ result }: { result: Extract<ActionResult, { step: "preview" }> }) {
  return (
    <Form method="post">
      <input type="hidden" name="tree" value={result.tree} />
      <input type="hidden" name="filename" value={result.filename} />
      <input type="hidden" name="format" value={result.format} />
      <p className="utrecht-paragraph" role="status">
        Voorbeeld van {result.filename}: {result.rows.length} onderdelen.
      </p>
      {result.warnings.length ? (
        <ul className="utrecht-unordered-list">
          {result.warnings.map((w) => (
            <li key={w} className="utrecht-unordered-list__item">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabel, horizontaal te scrollen">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">Onderdelen die worden aangemaakt</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">Onderdeel</th>
              <th scope="col" className="utrecht-table__header-cell">Begin van de tekst</th>
              <th scope="col" className="utrecht-table__header-cell">Aanpassen</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {result.rows.map((row) => (
              <tr key={row.index} className="utrecht-table__row">
                <td className="utrecht-table__cell" style={{ paddingInlineStart: `${row.depth * 0.75}rem` }}>
                  <strong>
                    {row.number ? `${row.number} ` : ""}
                    {row.title}
                  </strong>
                  <br />
                  <span className="muted">
                    {sectionKindLabels[row.kind as SectionKind]}, {row.words} woorden
                  </span>
                </td>
                <td className="utrecht-table__cell">{row.excerpt}</td>
                <td className="utrecht-table__cell">
                  <div className="filters">
                    <label className="utrecht-form-label" htmlFor={`kind-${row.index}`}>
                      Soort van {row.title}
                    </label>
                    <select id={`kind-${row.index}`} name={`kind-${row.index}`} defaultValue={row.kind} className="utrecht-select utrecht-select--html-select">
                      {sectionKinds.map((kind) => (
                        <option key={kind} value={kind}>
                          {sectionKindLabels[kind]}
                        </option>
                      ))}
                    </select>
                    <button type="submit" name="op" value={`kind:${row.index}`} className="utrecht-button utrecht-button--subtle">
                      Wijzig soort
                    </button>
                    {row.index > 0 ? (
                      <button type="submit" name="op" value={`merge:${row.index}`} className="utrecht-button utrecht-button--subtle" aria-label={`Samenvoegen met vorige: ${row.title}`}>
                        Samenvoegen met vorige
                      </button>
                    ) : null}
                    {row.paragraphs > 1 ? (
                      <>
                        <label className="utrecht-form-label" htmlFor={`paragraph-${row.index}`}>
                          Splitsen na alinea
                        </label>
                        <input id={`paragraph-${row.index}`} name={`paragraph-${row.index}`} type="number" min={1} max={row.paragraphs - 1} defaultValue={1} className="utrecht-textbox utrecht-textbox--html-input" style={{ width: "5rem" }} />
                        <button type="submit" name="op" value={`split:${row.index}`} className="utrecht-button utrecht-button--subtle" aria-label={`Splitsen: ${row.title}`}>
                          Splitsen
                        </button>
                      </>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="utrecht-paragraph">
        <button type="submit" name="op" value="save" className="utrecht-button utrecht-button--primary-action">
          Opslaan als concept
        </button>
      </p>
    </Form>
  );
}
