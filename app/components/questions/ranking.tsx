import { useTranslation } from "react-i18next";
import type { QuestionOf } from "~/engine/definition";
import { wordingKey } from "~/engine/wording";
import { QuestionFrame } from "./frame";
import { initialList, type QuestionProps } from "./props";

/** Top N of a list, as N selects: works without script and with any assistive technology. */
export function Ranking({ question, meta, label, hint, ns, lists }: QuestionProps<QuestionOf<"ranking">>) {
  const { t } = useTranslation([ns, "common"]);
  const options = lists[question.list]!;
  const chosen = initialList(meta);
  const top = Math.min(question.top, options.length);
  return (
    <QuestionFrame meta={meta} label={label} hint={hint} required={question.required} group>
      {Array.from({ length: top }, (_, i) => {
        // The first choice carries the question's id: the error summary links to it.
        const id = i === 0 ? meta.id : `${meta.id}-${i}`;
        return (
          <div className="rank" key={i}>
            <label htmlFor={id}>{t(`common:form.ranks.${i + 1}`)}</label>
            <select
              id={id}
              name={`${meta.name}[${i}]`}
              defaultValue={chosen[i] ?? ""}
              required={(question.required && i === 0) || undefined}
              aria-invalid={meta.errors?.length ? true : undefined}
            >
              <option value="">{t("common:form.chooseOne")}</option>
              {options.map((o) => (
                <option key={o.code} value={o.code}>
                  {t(wordingKey.option(question.list, o.code))}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </QuestionFrame>
  );
}
