import type { JSONContent } from "@tiptap/core";
import { lazy, Suspense, useEffect, useState } from "react";

const Editor = lazy(() => import("~/editor/Editor.client"));

/**
 * A rich-text field that works without JavaScript: a plain textarea (paragraphs separated by blank
 * lines). Once JavaScript runs, the Tiptap editor replaces it and posts ProseMirror JSON in
 * `${name}Json`, which the server prefers and validates against the same extension list.
 */
export function RichTextField(props: {
  name: string;
  label: string;
  initialDoc: JSONContent;
  initialText: string;
  description?: string;
  error?: string;
  /** Called after every change in the editor (for autosave). */
  onChange?: () => void;
}) {
  const [enhanced, setEnhanced] = useState(false);
  const [json, setJson] = useState(() => JSON.stringify(props.initialDoc));
  useEffect(() => setEnhanced(true), []);
  const id = `${props.name}-veld`;
  const labelId = `${props.name}-label`;
  const descriptionId = props.description ? `${props.name}-uitleg` : undefined;
  return (
    <div className={`utrecht-form-field${props.error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label id={labelId} className="utrecht-form-label" htmlFor={id}>
          {props.label}
        </label>
      </div>
      {props.description ? (
        <p className="utrecht-form-field-description" id={descriptionId}>
          {props.description}
        </p>
      ) : null}
      {props.error ? <p className="field-error">{props.error}</p> : null}
      {enhanced ? (
        <Suspense fallback={<p className="utrecht-paragraph">Editor wordt geladen…</p>}>
          <input type="hidden" name={`${props.name}Json`} value={json} />
          <Editor id={id} labelId={labelId} describedBy={descriptionId} initial={props.initialDoc} onChange={(doc) => {
              setJson(JSON.stringify(doc));
              props.onChange?.();
            }}
          />
        </Suspense>
      ) : (
        <textarea id={id} name={props.name} className="utrecht-textarea" rows={14} defaultValue={props.initialText} aria-describedby={descriptionId} />
      )}
    </div>
  );
}
