import { useTranslation } from "react-i18next";
import type { QuestionOf } from "~/engine/definition";
import { describedBy, Errors, Hint } from "./frame";
import { initial, type QuestionProps } from "./props";

/** One box to tick; the question's wording is the statement agreed to. */
export function Consent({ question, meta, label, hint }: QuestionProps<QuestionOf<"consent">>) {
  const { t } = useTranslation("common");
  return (
    <div className="question">
      <Hint id={meta.descriptionId} text={hint} />
      <Errors id={meta.errorId} errors={meta.errors} />
      <div className="choice">
        <input
          type="checkbox"
          id={meta.id}
          name={meta.name}
          defaultChecked={initial(meta) === "on"}
          required={question.required || undefined}
          aria-invalid={meta.errors?.length ? true : undefined}
          aria-describedby={describedBy(meta, !!hint)}
        />
        <label htmlFor={meta.id} className="qlabel">
          {label}
          <span className="req"> ({question.required ? t("form.required") : t("form.optional")})</span>
        </label>
      </div>
    </div>
  );
}
