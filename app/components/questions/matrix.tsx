import { useTranslation } from "react-i18next";
import { matrixRowField } from "~/engine/answer-schema";
import type { QuestionOf } from "~/engine/definition";
import { matrixColumns, wordingKey } from "~/engine/wording";
import { QuestionFrame } from "./frame";
import { type QuestionProps } from "./props";

/**
 * Rows against one shared scale, as one radio group per row (a fieldset whose legend is the row),
 * so a phone shows each row as a list of full-width choices and a screen reader announces
 * "row, group; scale point, radio". From 40 rem the stylesheet puts a row's points side by side
 * under its label, which keeps the full width (no table: labels had 5 to 8 lines in narrow columns).
 * A row's first radio carries the row's field id, which the error summary links to.
 */
export function RatingMatrix({ question, meta, label, hint, ns, lists }: QuestionProps<QuestionOf<"matrix">>) {
  const { t } = useTranslation([ns, "common"]);
  const rows = lists[question.rows]!;
  const scale = matrixColumns(question, lists).map((c) => ({ code: c.code, text: t(c.key) }));
  const initialRows = (meta.initialValue ?? {}) as Record<string, unknown>;
  return (
    <QuestionFrame meta={meta} label={label} hint={hint} required={question.required} group>
      <div className="matrix">
        {rows.map((row) => {
          const field = matrixRowField(row.code);
          const rowId = `${meta.id}.${field}`;
          const errors = meta.allErrors?.[`${meta.name}.${field}`];
          return (
            <fieldset key={row.code} className="matrix-row" aria-describedby={errors?.length ? `${rowId}-error` : undefined}>
              <legend>{t(wordingKey.option(question.rows, row.code))}</legend>
              {errors?.length ? (
                <p className="errors" id={`${rowId}-error`}>
                  {errors.join(" ")}
                </p>
              ) : null}
              <div className="points">
                {scale.map((s, i) => (
                  <label className="point" key={s.code}>
                    {/* WAI-ARIA 1.2 still allows aria-invalid on any element (axe checks it as global). */}
                    {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- valid ARIA 1.2, see above */}
                    <input
                      type="radio"
                      id={i === 0 ? rowId : `${rowId}-${s.code}`}
                      name={`${meta.name}.${field}`}
                      value={s.code}
                      defaultChecked={initialRows[field] === String(s.code)}
                      required={question.required || undefined}
                      aria-invalid={errors?.length ? true : undefined}
                    />
                    <span>{s.text}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
    </QuestionFrame>
  );
}
