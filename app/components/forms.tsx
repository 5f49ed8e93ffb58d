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
    <div className={`utrecht-form-field utrecht-form-field--text${invalid ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={field.id}>
          {props.label}
        </label>
      </div>
      <FieldMessages field={field} description={props.description} />
      <div className="utrecht-form-field__input">
        <input
          className={`utrecht-textbox utrecht-textbox--html-input${invalid ? " utrecht-textbox--invalid" : ""}`}
          {...getInputProps(field, { type: props.type ?? "text", ariaDescribedBy: props.description ? field.descriptionId : undefined })}
          key={field.key}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
        />
      </div>
    </div>
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
    <div className={`utrecht-form-field utrecht-form-field--select${invalid ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={field.id}>
          {props.label}
        </label>
      </div>
      <FieldMessages field={field} description={props.description} />
      <div className="utrecht-form-field__input">
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
      </div>
    </div>
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
    <div className={`utrecht-form-field utrecht-form-field--textarea${invalid ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={field.id}>
          {props.label}
        </label>
      </div>
      <FieldMessages field={field} description={props.description} />
      <div className="utrecht-form-field__input">
        <textarea
          className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? " utrecht-textarea--invalid" : ""}`}
          {...getTextareaProps(field, { ariaDescribedBy: props.description ? field.descriptionId : undefined })}
          key={field.key}
          rows={props.rows ?? 4}
          autoComplete={props.autoComplete}
        />
      </div>
    </div>
  );
}
