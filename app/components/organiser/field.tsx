import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { describedBy, Errors, Hint } from "~/components/questions/frame";

/** A labelled input with its hint and errors linked by aria-describedby. */
export function TextField({
  meta,
  label,
  hint,
  type = "text",
  autoComplete,
  required,
}: {
  meta: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password" | "date";
  autoComplete?: string;
  required?: boolean;
}) {
  return (
    <div className="question">
      <label htmlFor={meta.id}>{label}</label>
      <Hint id={meta.descriptionId} text={hint} />
      <Errors id={meta.errorId} errors={meta.errors} />
      <input
        {...getInputProps(meta, { type })}
        key={meta.key}
        autoComplete={autoComplete}
        required={required}
        aria-describedby={describedBy(meta, !!hint)}
      />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
}: {
  meta: FieldMetadata<unknown>;
  label: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <div className="question">
      <label htmlFor={meta.id}>{label}</label>
      <Errors id={meta.errorId} errors={meta.errors} />
      <select
        id={meta.id}
        name={meta.name}
        defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : options[0]?.value}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={meta.errors?.length ? meta.errorId : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes under one legend, its errors linked to the group. */
export function CheckboxesField({
  meta,
  legend,
  options,
}: {
  meta: FieldMetadata<unknown>;
  legend: string;
  options: Array<{ value: string; label: string }>;
}) {
  const chosen = Array.isArray(meta.initialValue) ? meta.initialValue : [meta.initialValue];
  return (
    <fieldset className="question" aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend>{legend}</legend>
      <Errors id={meta.errorId} errors={meta.errors} />
      {options.map((o) => (
        <div key={o.value} className="choice">
          <input
            type="checkbox"
            id={`${meta.id}-${o.value}`}
            name={meta.name}
            value={o.value}
            defaultChecked={chosen.includes(o.value)}
          />{" "}
          <label htmlFor={`${meta.id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] }): ReactNode {
  if (!errors?.length) return null;
  return (
    <div className="summary" role="alert" id={id}>
      {errors.join(" ")}
    </div>
  );
}
