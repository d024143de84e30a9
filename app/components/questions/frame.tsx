import type { FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface FrameProps {
  meta: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  required?: boolean;
  /** Groups of controls get a fieldset and legend; a single control gets a label. */
  group: boolean;
  children: ReactNode;
}

/** The ids a control points to with aria-describedby: its hint, then its errors. */
export function describedBy(meta: FieldMetadata<unknown>, hasHint: boolean): string | undefined {
  const ids = [hasHint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** A question's hint, which its controls point to with aria-describedby. */
export function Hint({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p className="hint" id={id}>
      {text}
    </p>
  ) : null;
}

export function Errors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul className="errors" id={id}>
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

function Requirement({ required }: { required?: boolean }) {
  const { t } = useTranslation("common");
  return <span className="req"> ({required ? t("form.required") : t("form.optional")})</span>;
}

export function QuestionFrame({ meta, label, hint, required, group, children }: FrameProps) {
  const hintNode = <Hint id={meta.descriptionId} text={hint} />;
  if (group) {
    return (
      <fieldset className="question" aria-describedby={describedBy(meta, !!hint)}>
        <legend>
          {label}
          <Requirement required={required} />
        </legend>
        {hintNode}
        <Errors id={meta.errorId} errors={meta.errors} />
        {children}
      </fieldset>
    );
  }
  return (
    <div className="question">
      <label htmlFor={meta.id}>
        {label}
        <Requirement required={required} />
      </label>
      {hintNode}
      <Errors id={meta.errorId} errors={meta.errors} />
      {children}
    </div>
  );
}
