import { useTranslation } from "react-i18next";
import { matrixRowField } from "~/engine/answer-schema";
import type { QuestionOf } from "~/engine/definition";
import { matrixColumns, wordingKey } from "~/engine/wording";
import { QuestionFrame } from "./frame";
import { type QuestionProps } from "./props";

/**
 * Rows against one shared scale. Each radio is labelled by its row header and its
 * column header, so a screen reader announces "row, scale point" row by row.
 */
export function RatingMatrix({ question, meta, label, hint, ns, lists }: QuestionProps<QuestionOf<"matrix">>) {
  const { t } = useTranslation([ns, "common"]);
  const rows = lists[question.rows]!;
  const scale = matrixColumns(question, lists).map((c) => ({ code: c.code, text: t(c.key) }));
  const initialRows = (meta.initialValue ?? {}) as Record<string, unknown>;
  return (
    <QuestionFrame meta={meta} label={label} hint={hint} required={question.required} group>
      <div className="matrix">
        <table>
          <thead>
            <tr>
              <td />
              {scale.map((s) => (
                <th scope="col" key={s.code} id={`${meta.id}-c${s.code}`}>
                  {s.text}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const field = matrixRowField(row.code);
              const rowId = `${meta.id}-${field}`;
              const errors = meta.allErrors?.[`${meta.name}.${field}`];
              return (
                <tr key={row.code}>
                  <th scope="row">
                    <span id={rowId}>{t(wordingKey.option(question.rows, row.code))}</span>
                    {errors?.length ? (
                      <span className="errors" id={`${rowId}-error`}>
                        {" "}
                        {errors.join(" ")}
                      </span>
                    ) : null}
                  </th>
                  {scale.map((s) => (
                    <td key={s.code}>
                      {/* WAI-ARIA 1.2 still allows aria-invalid on any element (axe checks it as global); the plugin
                          wants it on a radiogroup, which a table row of radios cannot be without losing its row role. */}
                      {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- valid ARIA 1.2, see above */}
                      <input
                        type="radio"
                        name={`${meta.name}.${field}`}
                        value={s.code}
                        defaultChecked={initialRows[field] === String(s.code)}
                        required={question.required || undefined}
                        aria-labelledby={`${rowId} ${meta.id}-c${s.code}`}
                        aria-describedby={errors?.length ? `${rowId}-error` : undefined}
                        aria-invalid={errors?.length ? true : undefined}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </QuestionFrame>
  );
}
