import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";

/** Error summary at the top of a form: every message links to its field (keyboard-first). */
export function ErrorSummary({ errors }: { errors: Array<{ id?: string; message: string }> }) {
  if (errors.length === 0) return null;
  return (
    <div className="error-summary utrecht-alert utrecht-alert--error" role="alert" tabIndex={-1}>
      <h2 className="utrecht-heading-3">Er is een probleem</h2>
      <ul className="utrecht-unordered-list">
        {errors.map((error, index) => (
          <li key={index} className="utrecht-unordered-list__item">
            {error.id ? (
              <a className="utrecht-link" href={`#${error.id}`}>
                {error.message}
              </a>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** All messages of a conform form, for the summary. */
export function collectErrors(formErrors: string[] | undefined, fields: Array<FieldMetadata<unknown>>) {
  const list: Array<{ id?: string; message: string }> = (formErrors ?? []).map((message) => ({ message }));
  for (const field of fields) {
    for (const message of field.errors ?? []) list.push({ id: field.id, message });
  }
  return list;
}

function FieldMessages({ field, description }: { field: FieldMetadata<unknown>; description?: string }) {
  return (
    <>
      {description ? (
        <p className="utrecht-form-field-description" id={field.descriptionId}>
          {description}
        </p>
      ) : null}
      {field.errors?.length ? (
        <p className="utrecht-form-field-error-message field-error" id={field.errorId}>
          {field.errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

/** The Utrecht form-field frame every field shares: label, description and error, then the control. */
function FieldFrame(props: { field: FieldMetadata<string | undefined>; kind: "text" | "select" | "textarea"; label: string; description?: string; children: React.ReactNode }) {
  const invalid = !!props.field.errors?.length;
  return (
    <div className={`utrecht-form-field utrecht-form-field--${props.kind}${invalid ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={props.field.id}>
          {props.label}
        </label>
      </div>
      <FieldMessages field={props.field} description={props.description} />
      <div className="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}

export function TextField(props: {
  field: FieldMetadata<string | undefined>;
  label: string;
  type?: "text" | "email" | "password" | "search" | "date" | "url";
  description?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "text";
}) {
  const { field } = props;
  const invalid = !!field.errors?.length;
  return (
    <FieldFrame field={field} kind="text" label={props.label} description={props.description}>
      <input
        className={`utrecht-textbox utrecht-textbox--html-input${invalid ? " utrecht-textbox--invalid" : ""}`}
        {...getInputProps(field, { type: props.type ?? "text", ariaDescribedBy: props.description ? field.descriptionId : undefined })}
        key={field.key}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
      />
    </FieldFrame>
  );
}

export function SelectField(props: {
  field: FieldMetadata<string | undefined>;
  label: string;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
  description?: string;
}) {
  const { field } = props;
  const invalid = !!field.errors?.length;
  return (
    <FieldFrame field={field} kind="select" label={props.label} description={props.description}>
      <select
        className={`utrecht-select utrecht-select--html-select${invalid ? " utrecht-select--invalid" : ""}`}
        {...getSelectProps(field)}
        key={field.key}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function SubmitButton({ children, name, value }: { children: React.ReactNode; name?: string; value?: string }) {
  return (
    <div>
      <button type="submit" name={name} value={value} className="utrecht-button utrecht-button--primary-action">
        {children}
      </button>
    </div>
  );
}

export function TextAreaField(props: {
  field: FieldMetadata<string | undefined>;
  label: string;
  description?: string;
  rows?: number;
  autoComplete?: string;
}) {
  const { field } = props;
  const invalid = !!field.errors?.length;
  return (
    <FieldFrame field={field} kind="textarea" label={props.label} description={props.description}>
      <textarea
        className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? " utrecht-textarea--invalid" : ""}`}
        {...getTextareaProps(field, { ariaDescribedBy: props.description ? field.descriptionId : undefined })}
        key={field.key}
        rows={props.rows ?? 4}
        autoComplete={props.autoComplete}
      />
    </FieldFrame>
  );
}
